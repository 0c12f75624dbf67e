// The built app as shipped: a sandboxed preload can load nothing but 'electron', and only the shell loads Electron.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const out = join(import.meta.dirname, '../../out');

test('the preload is self-contained CommonJS that requires only electron', () => {
  const preload = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
  const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
  expect([...new Set(required)]).toEqual(['electron']);
  expect(preload).not.toMatch(/^\s*import\s/m);
});

test('only the Electron entry point imports electron; the CLI, browser mode and benchmark never do', () => {
  const files = [...readdirSync(join(out, 'main')).map((f) => `main/${f}`), ...readdirSync(join(out, 'main/chunks')).map((f) => `main/chunks/${f}`)].filter((f) => f.endsWith('.js'));
  const importing = files.filter((f) => /from "electron"|require\("electron"\)/.test(readFileSync(join(out, f), 'utf8')));
  expect(importing).toEqual(['main/index.js']);
});
