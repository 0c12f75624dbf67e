// Undo takes back the learner's last action, whatever and wherever it was, newest first, and says what it took back.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURE_DECKS = { INTERLEAVE_DECKS: join(import.meta.dirname, '../fixtures/decks') };

test('in study, Ctrl+Z takes back a flag set in the browser, then a note edit, then the answer, each named', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('study-all').click();
    const card = page.getByTestId('card');
    await expect(page.getByTestId('question')).toBeVisible();
    const answered = (await card.getAttribute('data-card-id'))!;
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    await expect(card).not.toHaveAttribute('data-card-id', answered);

    // Edit the next card's note from study.
    const question = await page.getByTestId('question').innerText();
    await page.keyboard.press('e');
    await page.keyboard.type(' (edited)');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('question')).toContainText('(edited)');

    // Flag a card in the browser.
    await page.getByTestId('nav-browse').click();
    await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
    await page.getByRole('button', { name: 'Flag' }).click();
    await page.getByTestId('bulk-apply').click();
    await expect(page.getByTestId('notice')).toHaveText('Done: flag 1 card.');

    // Back in study: three undos, newest first.
    await page.getByRole('button', { name: 'Decks', exact: true }).click();
    await page.getByTestId('study-all').click();
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “flag 1 card”.');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “edit note”.');
    await expect(page.getByTestId('question')).toHaveText(question);
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “Good”.');
    await expect(card).toHaveAttribute('data-card-id', answered);
    await shot(page, info, 'study-undo-answer');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Nothing to undo.');
  } finally {
    await server.stop();
  }
});

test('an import is removed from its summary, which says so', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from('chat,cat\nchien,dog\n') });
    await page.getByLabel('Put the notes in deck').fill('French');
    await expect(page.getByTestId('import-preview')).toBeVisible();
    await page.getByTestId('do-import').click();
    await expect(page.getByTestId('import-summary')).toContainText('2 notes added');
    await page.getByTestId('undo-import').click();
    await expect(page.getByTestId('notice')).toHaveText('Undid “import words.csv”.');
    await expect(page.getByTestId('import-removed')).toBeVisible();
    await shot(page, info, 'import-removed');
    await page.getByRole('button', { name: 'Decks', exact: true }).click();
    await expect(page.locator('.deck-table .deck-name', { hasText: 'French' })).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
