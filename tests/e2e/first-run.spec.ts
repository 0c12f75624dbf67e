// A first run as a newcomer meets it: the README and package.json agree on Node, and `npm start` is quiet until the line that matters.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { tempDataDir } from './web-server';

const root = join(import.meta.dirname, '../..');

test('the README names the Node version package.json requires, and npm is told to install quietly', () => {
  const engines = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const named = /Node\.js (\d+\.\d+) or newer/.exec(readme);
  expect(named, 'the README says which Node it needs').not.toBeNull();
  expect(engines).toBe(`>=${named![1]}`);
  expect(readFileSync(join(root, '.npmrc'), 'utf8')).toMatch(/^loglevel=error$/m);
});

test('npm start, building first, prints a line or two and then the address to open', async () => {
  const child = spawn(process.execPath, [join(root, 'scripts/start.js'), '--port', '0', '--data', tempDataDir()], {
    cwd: root,
    env: { ...process.env, INTERLEAVE_REBUILD: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address within 60 s:\n${output}`)), 60_000);
      const take = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Open: \S+/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', take);
      child.stderr!.on('data', take);
    });
  } finally {
    child.kill('SIGTERM');
  }
  const before = output.slice(0, output.indexOf('Open:')).split('\n').filter((line) => line.trim() !== '');
  // "Building Interleave… done", perhaps "No Electron binary…", "Interleave is running in browser mode."
  expect(before.length, before.join('\n')).toBeLessThanOrEqual(3);
  expect(before.join('\n')).toMatch(/Building Interleave… done in/);
});
