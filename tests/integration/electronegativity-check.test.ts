// `npm run electronegativity` on a small insecure project: the real scanner, offline, judged against its decisions.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../helpers/temp-folder';

/** A scan takes 3 s on a quiet machine and four times that on a busy one. */
const SCAN_TIMEOUT = 90_000;
const script = join(import.meta.dirname, '../../scripts/electronegativity/check.js');

/** A project whose one window turns off context isolation and the sandbox, with no CSP or handlers. */
function insecureProject(): string {
  const root = tempFolder('electronegativity');
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'insecure', devDependencies: { electron: '45.5.0' } }));
  writeFileSync(
    join(root, 'src/main.js'),
    [
      "const { app, BrowserWindow } = require('electron');",
      'app.whenReady().then(() => {',
      '  const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });',
      "  win.loadFile('index.html');",
      '});',
    ].join('\n'),
  );
  return root;
}

function writeDecisions(root: string, rows: string[]): void {
  const table = ['| Check | File | Findings | Reason |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row} |`)];
  writeFileSync(join(root, 'docs/decisions.md'), ['# Decisions', '', '## Security review with Electronegativity', '', ...table, ''].join('\n'));
}

/** What this project's findings would be explained with, the context-isolation one aside. */
const OTHER_ROWS = [
  '`CSP_GLOBAL_CHECK` | N/A | 1 | test project without a page',
  '`LIMIT_NAVIGATION_GLOBAL_CHECK` | N/A | 1 | test project',
  '`PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK` | N/A | 1 | test project',
  '`ELECTRON_VERSION_JSON_CHECK` | `package.json` | 1 | test project',
  '`AUXCLICK_JS_CHECK` | `src/main.js` | 1 | test project',
  '`SANDBOX_JS_CHECK` | `src/main.js` | 1 | test project',
];

function check(root: string) {
  const run = spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });
  return { code: run.status, output: run.stdout + run.stderr };
}

describe('the Electronegativity check', () => {
  it('fails on an unexplained finding with its file, line and check, on a stale row and on an eng-disable comment', () => {
    const root = insecureProject();
    writeFileSync(join(root, 'src/hidden.js'), 'eval(process.argv[2]); // eng-disable DANGEROUS_FUNCTIONS_JS_CHECK\n');
    writeDecisions(root, [...OTHER_ROWS, '`PRELOAD_JS_CHECK` | `src/main.js` | 1 | there used to be a preload']);
    const { code, output } = check(root);
    expect(code).toBe(1);
    expect(output).toMatch(/src\/main\.js:3:\d+ {2}CONTEXT_ISOLATION_JS_CHECK \(high, firm\).*\[not explained\]/);
    expect(output).toContain('docs/decisions.md:13: PRELOAD_JS_CHECK in src/main.js is explained for 1 finding but found 0 times');
    expect(output).toContain('src/hidden.js:1: an eng-disable comment hides findings');
    // Explained findings are not among the failures.
    expect(output).not.toMatch(/SANDBOX_JS_CHECK.*\[/);
  }, SCAN_TIMEOUT);

  it('passes once every finding is explained', () => {
    const root = insecureProject();
    writeDecisions(root, [...OTHER_ROWS, '`CONTEXT_ISOLATION_JS_CHECK` | `src/main.js` | 1 | test project']);
    const { code, output } = check(root);
    expect(output).toMatch(/: 7 findings, 7 explained in docs\/decisions\.md/);
    expect(code).toBe(0);
    // Its downloads were refused and it opened no connection (the check fails when it tries).
    expect(output).not.toContain('connection');
  }, SCAN_TIMEOUT);
});
