// The built command line (out/main/cli.js) works as shipped: bundling must not break what the sources do.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { tempDataDir } from './web-server';

const root = join(import.meta.dirname, '../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'out/main/cli.js'), ...args], { encoding: 'utf8', env: { ...process.env, INTERLEAVE_DECKS: join(root, 'tests/fixtures/decks') } });

test('the built CLI imports an Anki package, studies, checks and exports', () => {
  const data = tempDataDir();
  const imported = cli('--data', data, '--json', 'import', join(root, 'tests/fixtures/anki/mauriciopoppe-french-cloze-2026.apkg'));
  expect(imported.status, imported.stderr).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({ notes: { added: 1639 }, reviews: { added: 3470 } });
  const due = cli('--data', data, '--json', 'due', '--limit', '1');
  expect(JSON.parse(due.stdout)).toHaveLength(1);
  const answered = cli('--data', data, '--json', 'answer', JSON.parse(due.stdout)[0].cardId, 'good');
  expect(answered.status, answered.stderr).toBe(0);
  expect(cli('--data', data, 'check').status).toBe(0);
  const out = join(tempDataDir(), 'french.apkg');
  const exported = cli('--data', data, '--json', 'export', '--format', 'apkg', '--deck', 'My french words and phrases', out);
  expect(exported.status, exported.stderr).toBe(0);
  expect(JSON.parse(exported.stdout)).toMatchObject({ notes: 1639, reviews: 3471 });
});
