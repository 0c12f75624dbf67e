// The real desktop app, launched through Playwright's Electron driver where an Electron binary exists.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.js';

const root = join(import.meta.dirname, '../..');

const binary = electronBinary();

test('the desktop app starts, shows the decks and answers through IPC', async () => {
  test.skip(
    binary === null,
    'Skipped: no Electron binary is installed here (the electron package could not download it; see docs/decisions.md). The shell is covered by tests/shell with electron stubbed.',
  );
  const app = await _electron.launch({
    executablePath: binary!,
    args: [root],
    env: { ...process.env, INTERLEAVE_DATA: mkdtempSync(join(tmpdir(), 'interleave-electron-')) },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('home')).toBeVisible();
    // The renderer has no Node: the bridge is all it sees.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { interleave: object }).interleave).includes('answer'))).toBe(true);
    await window.keyboard.press('Enter');
    await expect(window.getByTestId('question')).toBeVisible();
  } finally {
    await app.close();
  }
});
