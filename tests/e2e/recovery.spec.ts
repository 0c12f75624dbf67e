// The recovery screen: damage named in plain words, each way back explained and confirmed before it is taken.
import { appendFileSync } from 'node:fs';
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
