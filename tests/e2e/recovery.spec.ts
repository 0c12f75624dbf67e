// The recovery screen: damage named in plain words, each way back explained and confirmed before it is taken.
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { scan, violationLines } from './axe';
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
    // Cutting the journal keeps every answer but the damaged part; the backup from the first start none.
    await expect(page.getByTestId('ways-back').locator('li').first()).toHaveAttribute('data-testid', 'way-cut');
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

test('a damaged snapshot: the ways back are listed best first with what each keeps, and rebuilding loses no answer', async ({ page }, info) => {
  const dataDir = tempDataDir();
  let server = await startServer(dataDir);
  await page.goto(server.url);
  await page.getByTestId('study-all').click();
  for (let i = 0; i < 2; i++) {
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press('3');
  }
  await expect(page.getByTestId('question')).toBeVisible();
  await server.stop();
  const snapshot = join(dataDir, 'snapshot.json');
  writeFileSync(snapshot, readFileSync(snapshot, 'utf8').slice(0, 300));

  server = await startServer(dataDir);
  try {
    await page.goto(server.url);
    const ways = page.getByTestId('ways-back').locator('li');
    await expect(ways.first()).toHaveAttribute('data-testid', 'way-rebuild');
    await expect(ways.first()).toContainText('rebuild: all 2 reviews');
    // The backup browser mode made at its first start holds none of them.
    await expect(ways.nth(1)).toContainText(/backup of .*: 0 reviews/);
    await shot(page, info, 'recovery-ways-back');
    // Read at both window sizes and in both themes, and scanned by axe in each.
    for (const [width, height] of [[1280, 800], [900, 650]] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: theme });
        await shot(page, info, `recovery-ways-back-${width}x${height}-${theme}`);
        expect(violationLines(await scan(page))).toEqual([]);
      }
    }
    await page.getByTestId('rebuild').click();
    await expect(page.getByTestId('today')).toBeVisible();
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
