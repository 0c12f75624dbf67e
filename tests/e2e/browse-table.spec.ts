// The card browser as a table people can read and drive: columns to arrange, rows that say what is set aside, Anki's keys, searches that explain themselves.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURE_DECKS = { INTERLEAVE_DECKS: join(import.meta.dirname, '../fixtures/decks') };

const headers = (page: Page) => page.getByTestId('browse-rows').locator('[role=columnheader]');
const dataRows = (page: Page) => page.getByTestId('browse-rows').locator('[role=row][data-card-id]');

test('columns start sensible, and are reordered, resized and chosen, and remembered', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(server.url);
    await page.getByTestId('nav-browse').click();
    await expect(headers(page)).toHaveText(['Question', 'Deck', 'Due', 'Interval', 'Recall']);

    // Drag Due before Deck; widen Question by its edge.
    await page.getByTestId('sort-due').dragTo(page.getByTestId('sort-deck'));
    await expect(headers(page)).toHaveText(['Question', 'Due', 'Deck', 'Interval', 'Recall']);
    const question = headers(page).first();
    const before = (await question.boundingBox())!.width;
    const edge = (await page.getByTestId('resize-question').boundingBox())!;
    await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
    await page.mouse.down();
    await page.mouse.move(edge.x + 80, edge.y + edge.height / 2, { steps: 5 });
    await page.mouse.up();
    expect((await question.boundingBox())!.width).toBeGreaterThan(before + 40);

    // From the keyboard: Up from the first row reaches the headers; Alt+→ moves the column right.
    await dataRows(page).first().click();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Alt+ArrowRight');
    await expect(headers(page)).toHaveText(['Due', 'Question', 'Deck', 'Interval', 'Recall']);

    await page.getByTestId('column-picker').locator('summary').click();
    await page.getByTestId('column-lapses').check();
    await expect(headers(page)).toHaveText(['Due', 'Question', 'Deck', 'Interval', 'Recall', 'Lapses']);
    await shot(page, info, 'browse-columns-arranged');

    // A reload keeps all of it.
    await page.reload();
    await expect(headers(page)).toHaveText(['Due', 'Question', 'Deck', 'Interval', 'Recall', 'Lapses']);
    expect((await headers(page).nth(1).boundingBox())!.width).toBeGreaterThan(before + 40);
  } finally {
    await server.stop();
  }
});

test('Ctrl+J suspends, Ctrl+1…7 flag, Ctrl+Delete deletes; set-aside and flagged rows are marked and named', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-browse').click();
    const first = dataRows(page).first();
    await first.click();
    const id = (await first.getAttribute('data-card-id'))!;
    const row = page.locator(`[role=row][data-card-id="${id}"]`);

    await page.keyboard.press('Control+j');
    await expect(page.getByTestId('notice')).toHaveText('Done: suspend 1 card.');
    await expect(row).toHaveClass(/suspended/);
    await expect(row.getByTestId('row-marks')).toHaveText('⏸suspended,');
    await page.keyboard.press('Control+j');
    await expect(page.getByTestId('notice')).toHaveText('Done: unsuspend 1 card.');

    await page.keyboard.press('Control+2');
    await expect(row).toHaveClass(/flag-2/);
    await expect(row.getByTestId('row-marks')).toContainText('orange flag');
    await shot(page, info, 'browse-row-marks');
    // The same flag again takes it off, as in Anki.
    await page.keyboard.press('Control+2');
    await expect(row).not.toHaveClass(/flag-/);

    // Arrow down and Enter: the editor for that card's note.
    await page.getByTestId('browse-rows').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('browse-panel').locator('textarea').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('browse-rows')).toBeFocused();

    await page.keyboard.press('Control+Delete');
    await expect(page.getByTestId('confirm-dialog')).toBeVisible();
    await page.keyboard.press('Escape');
  } finally {
    await server.stop();
  }
});

test('a search it cannot read is a sentence with the fault marked, the old rows greyed; no match says so with a hint', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-browse').click();
    await expect(dataRows(page).first()).toBeVisible();
    await page.getByTestId('search-input').fill('deck:Sample prop:ivl>');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('query-error')).toContainText('prop:ivl> needs a whole number after it');
    await expect(page.getByTestId('query-error-part')).toHaveText('>');
    await expect(page.getByTestId('browse-rows')).toHaveAttribute('aria-disabled', 'true');
    await expect(page.getByTestId('result-count')).toHaveText('search not read');
    await shot(page, info, 'browse-query-error');

    await page.getByTestId('search-input').fill('w:zyzzyva');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('query-error')).toHaveCount(0);
    await expect(page.getByTestId('no-match')).toContainText('No cards match “w:zyzzyva”. Try fewer words');
  } finally {
    await server.stop();
  }
});

test('a question with a formula reads as on the card, not as TeX', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-browse').click();
    await page.getByTestId('search-input').fill('softmax card:1');
    await page.keyboard.press('Enter');
    const question = dataRows(page).first().locator('.cell.question');
    await expect(question.locator('.katex').first()).toBeVisible();
    expect(await question.innerText()).not.toContain('$');
    await shot(page, info, 'browse-formula-question');
  } finally {
    await server.stop();
  }
});
