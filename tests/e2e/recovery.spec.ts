// The recovery screen: damage named in plain words, each way back explained and confirmed before it is taken.
import { appendFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

test('damage after the last snapshot: the learner confirms going on from the last good entry, and the app opens again', async ({ page }, info) => {
  const dataDir = tempDataDir();
  let server = await startServer(dataDir);
  await page.goto(server.url);
  await expect(page.getByTestId('today')).toBeVisible();
  await server.stop();
  // Two lines that were never written by Interleave: the first is damage, with more after it.
  appendFileSync(join(dataDir, 'journal.jsonl'), '{"seq":99,"type":"settings"}\t00000000\nnot even json\n');

  server = await startServer(dataDir);
  try {
    await page.goto(server.url);
    const recovery = page.getByTestId('recovery');
    await expect(recovery).toContainText(/journal\.jsonl.*line \d+ \(byte \d+\)/);
    await page.getByTestId('keep-before').click();
    await expect(page.getByTestId('confirm')).toContainText('The 2 journal entries from it on');
    await shot(page, info, 'recovery-confirm');
    await page.getByTestId('confirm').getByRole('button', { name: 'Continue from the last good entry' }).click();
    await expect(page.getByTestId('today')).toBeVisible();
    await expect(page.locator('body')).toContainText(/set aside in .*damaged/);
  } finally {
    await server.stop();
  }
});

test('a daily backup that fails is shown on Home with its reason, and gone once a backup succeeds', async ({ page }, info) => {
  const dataDir = tempDataDir();
  // A file where the backups folder should be: the backup browser mode makes at start fails.
  writeFileSync(join(dataDir, 'backups'), 'not a folder');
  let server = await startServer(dataDir);
  try {
    await page.goto(server.url);
    const banner = page.getByTestId('backup-failed');
    await expect(banner).toContainText(/The daily backup failed on .*ENOTDIR: not a directory/);
    await expect(banner).toContainText('Your collection is safe in its folder');
    await shot(page, info, 'backup-failed');
  } finally {
    await server.stop();
  }
  rmSync(join(dataDir, 'backups'));
  server = await startServer(dataDir);
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('today')).toBeVisible();
    await expect.poll(() => existsSync(join(dataDir, 'backups')) && readdirSync(join(dataDir, 'backups')).length).toBe(1);
    await page.reload();
    await expect(page.getByTestId('today')).toBeVisible();
    await expect(page.getByTestId('backup-failed')).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
