// Importing and exporting in the app: pick a file, map columns, preview, import with progress, study it, export.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
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

/** The file picker the drop zone opens when focused and sent `key`. */
async function pickerFromKey(page: Page, key: string) {
  await page.getByTestId('drop-zone').focus();
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
  await page.keyboard.press(key);
  return chooser;
}

test('the drop zone opens the picker by keyboard, and choosing the same file again after editing it previews it afresh', async ({ page }) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  const csv = join(mkdtempSync(join(tmpdir(), 'interleave-e2e-file-')), 'mine.csv');
  writeFileSync(csv, 'What is ReLU?,max(0 x)\nWhat is GELU?,x * Phi(x)\n');
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    const addedNotes = page.getByTestId('import-preview').locator('.import-counts tbody tr').first().locator('td').first();

    await (await pickerFromKey(page, 'Enter')).setFiles(csv);
    await expect(addedNotes).toHaveText('2');

    // The learner fixes the file and chooses it again: a third row is now in the preview.
    writeFileSync(csv, 'What is ReLU?,"max(0, x)"\nWhat is GELU?,x * Phi(x)\nWhat is SiLU?,x * sigmoid(x)\n');
    await (await pickerFromKey(page, ' ')).setFiles(csv);
    await expect(addedNotes).toHaveText('3');
  } finally {
    await server.stop();
  }
});

test('typing a deck name runs one preview after the pause, not one per key; the file is sent once; the import uses the name', async ({ page }) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    const uploads: string[] = [];
    const starts: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'POST') return;
      if (request.url().includes('startImport')) starts.push(request.postData() ?? '');
      if ((request.postData() ?? '').includes(Buffer.from('chat,cat\nchien,dog\n').toString('base64'))) uploads.push(request.url());
    });
    await page.getByTestId('file-input').setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from('chat,cat\nchien,dog\n') });
    await expect(page.getByTestId('import-preview')).toBeVisible();
    starts.length = 0;

    await page.getByLabel('Put the notes in deck').pressSequentially('French words', { delay: 40 });
    await expect(page.getByTestId('import-preview')).toBeVisible();
    // Longer than the pause, so a preview per key would have shown by now.
    await page.waitForTimeout(1_000);
    expect(starts).toHaveLength(1);
    expect(starts[0]).toContain('French words');

    // Pressed at once after typing: the preview still waiting for its pause does not replace the import.
    await page.getByLabel('Put the notes in deck').fill('French');
    await page.getByTestId('do-import').click();
    await expect(page.getByTestId('import-summary').getByRole('button', { name: 'Study French' })).toBeVisible();
    // The bytes travelled once; previews and the import named the file by its token.
    expect(uploads).toHaveLength(1);
  } finally {
    await server.stop();
  }
});

test('the whole collection as Markdown is one download, a zip of one file per deck, and the notice says where it went', async ({ page }) => {
  const server = await startServer(tempDataDir());
  try {
    await page.goto(server.url);
    await expect(page.getByTestId('home')).toBeVisible();
    const decks = await page.locator('.deck-table tbody tr').count();
    await page.getByTestId('nav-export').click();
    const downloads: string[] = [];
    page.on('download', (download) => downloads.push(download.suggestedFilename()));
    await page.getByTestId('export-format').selectOption('md');
    const first = page.waitForEvent('download');
    await page.getByTestId('do-export').click();
    const download = await first;
    await expect(page.getByTestId('export-done')).toContainText('browser’s downloads');
    await page.waitForTimeout(1_000);
    expect(downloads).toEqual(['Interleave collection (Markdown).zip']);

    const files = Object.keys(unzipSync(readFileSync(await download.path())));
    expect(files.length).toBe(decks);
    expect(files.every((name) => name.endsWith('.md'))).toBe(true);
    await expect(page.getByTestId('export-done')).toContainText(`a zip of ${decks} Markdown decks`);
  } finally {
    await server.stop();
  }
});

test('a real Anki deck exported as Markdown: the notice names the note written in another form so that the file imports', async ({ page }) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'anki', 'mauriciopoppe-french-cloze-2026.apkg'));
    await page.getByTestId('do-import').click();
    await expect(page.getByTestId('import-summary')).toContainText('1639 notes added', { timeout: 60_000 });

    await page.getByTestId('nav-export').click();
    await page.getByTestId('export-deck').selectOption({ label: 'Language French::My french words and phrases' });
    await page.getByTestId('export-format').selectOption('md');
    const download = page.waitForEvent('download');
    await page.getByTestId('do-export').click();
    const file = await download;
    const done = page.getByTestId('export-done');
    await expect(done).toContainText('Written in another form so that the file still imports: imported-');
    await expect(done).toContainText('(“Tu as oublié ce que tu as dit ? {{c1L::Je me souviens parfaitement de');
    await expect(done).toContainText('written as a basic note holding the same text');
    // What was downloaded holds that note as a basic one, with the text Anki showed.
    expect(readFileSync(await file.path(), 'utf8')).toContain('### Front\nTu as oublié ce que tu as dit ? {{c1L::Je me souviens parfaitement de::I perfectly remember}} ce que j\'ai dit.');
  } finally {
    await server.stop();
  }
});
