// Importing and exporting in the app: pick a file, map columns, preview, import with progress, study it, export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURES = join(import.meta.dirname, '../fixtures');


test('a CSV is previewed with its columns, mapped, imported, and its deck studied', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles({
      name: 'quizlet.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('term,definition,topic\nentropy,"expected surprisal, in bits",info\nKL divergence,"relative entropy; not symmetric",info\n'),
    });
    const preview = page.getByTestId('import-preview');
    await expect(preview).toContainText('Notes');
    await expect(preview.locator('.import-counts tbody tr').first()).toContainText('2');
    await expect(page.getByTestId('column-mapping')).toBeVisible();
    // Swap front and back: the preview follows.
    await page.getByTestId('map-front').selectOption({ label: 'definition' });
    await page.getByTestId('map-back').selectOption({ label: 'term' });
    await expect(preview.locator('.preview-card').first()).toContainText('expected surprisal, in bits');
    await shot(page, info, 'import-preview-csv');
    await page.getByTestId('do-import').click();
    const summary = page.getByTestId('import-summary');
    await expect(summary).toContainText('2 notes added');
    await shot(page, info, 'import-summary');
    await summary.getByRole('button', { name: /Study/ }).click();
    await expect(page.getByTestId('question')).toContainText(/expected surprisal|relative entropy/);
  } finally {
    await server.stop();
  }
});

test('an Anki package with review history and media imports through the picker', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'anki', 'llmanki-test-deck-anki21b.apkg'));
    await expect(page.getByTestId('import-preview')).toContainText('anki-latest');
    await page.getByTestId('do-import').click();
    await expect(page.getByTestId('import-summary')).toContainText('2 reviews and 1 media files added');
    // The imported card shows its image, loaded through the media route.
    await page.getByTestId('import-summary').getByRole('button', { name: /Study/ }).click();
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Space');
    const image = page.getByTestId('answer').locator('img').first();
    await expect(image).toBeVisible();
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await shot(page, info, 'study-imported-anki-card');
  } finally {
    await server.stop();
  }
});

test('the collection exports as a backup download that imports back', async ({ page }) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-export').click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('do-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.interleave$/);
    const path = await download.path();
    await expect(page.getByTestId('export-done')).toContainText('14 notes');
    // Importing the backup into the same collection finds everything already there.
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'backup.interleave', mimeType: 'application/zip', buffer: readFileSync(path) });
    await expect(page.getByTestId('import-preview')).toContainText('interleave-backup');
    await expect(page.getByTestId('import-preview').locator('.import-counts tbody tr').first()).toContainText('14');
  } finally {
    await server.stop();
  }
});
