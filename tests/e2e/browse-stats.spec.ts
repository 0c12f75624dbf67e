// Browsing, editing and statistics as a candidate uses them: search, bulk change and undo, live preview, card info, charts.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';



async function studySome(page: Page, count: number): Promise<void> {
  await page.getByTestId('study-all').click();
  for (let i = 0; i < count; i++) {
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press(i % 3 === 0 ? '1' : '3');
  }
  await page.keyboard.press('Escape');
}

test('search with several operators, a bulk change and its undo, an edit with a formula, card info', async ({ page }, info) => {
  const server = await startServer(tempDataDir());
  try {
    await page.goto(server.url);
    await studySome(page, 6);
    await page.getByTestId('nav-browse').click();
    const count = page.getByTestId('result-count');
    await expect(count).toContainText(/\d+ cards/);
    const allText = await count.innerText();
    const all = Number(allText.match(/(\d+)/)![1]);
    expect(all).toBeGreaterThan(900);

    // Deck, tag with a wildcard, negation and OR, parentheses.
    await page.getByTestId('search-input').fill('deck:"LLMs & RAG" (tag:topic::kv-cache OR tag:topic::flash*) -is:suspended');
    await page.keyboard.press('Enter');
    // The count shows the whole collection until the search answers: wait for it to change.
    await expect(count).not.toHaveText(allText);
    await expect(count).toContainText(/^\d+ cards?/);
    const some = Number((await count.innerText()).match(/(\d+)/)![1]);
    expect(some).toBeGreaterThan(3);
    expect(some).toBeLessThan(40);
    await expect(page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first()).toContainText(/KV|cache|Flash|attention/i);
    await shot(page, info, 'browse-search');

    // A malformed query points at its position.
    await page.getByTestId('search-input').fill('deck:(ML');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('query-error')).toContainText('at 5');

    // Reviewed cards only, by a property: all six answered cards have reviews.
    await page.getByTestId('search-input').fill('prop:reps>0 rated:1');
    await page.keyboard.press('Enter');
    await expect(count).toContainText('6 cards');

    // Select all, suspend, then undo.
    await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
    await page.keyboard.press('Control+a');
    await expect(count).toContainText('6 selected');
    await page.getByTestId('bulk-suspend').click();
    await expect(page.getByTestId('notice')).toContainText('suspend 6 cards');
    await page.getByTestId('search-input').fill('is:suspended');
    await page.keyboard.press('Enter');
    await expect(count).toContainText('6 cards');
    await page.getByTestId('bulk-undo').click();
    await expect(page.getByTestId('notice')).toContainText('Undid “suspend 6 cards”');
    await page.getByTestId('search-input').press('Enter');
    await expect(count).toContainText('0 cards');

    // Edit a note with a formula; the preview renders it as you type.
    await page.getByTestId('search-input').fill('deck:"ML Fundamentals" is:new');
    await page.keyboard.press('Enter');
    await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
    const editor = page.getByTestId('browse-panel').getByTestId('note-editor');
    const field = editor.locator('textarea').first();
    await field.fill(`${await field.inputValue()} With $\\frac{\\partial L}{\\partial w}$ added.`);
    await expect(editor.getByTestId('editor-preview').locator('.katex').first()).toBeVisible();
    await shot(page, info, 'browse-edit-preview');
    await page.keyboard.press('Control+Enter');
    await expect(editor).toContainText('Saved.');

    // Card info for a card with history: its reviews and its forgetting curve.
    await page.getByTestId('search-input').fill('rated:1');
    await page.keyboard.press('Enter');
    await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
    await page.getByTestId('tab-info').click();
    await expect(page.getByTestId('card-history').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('forgetting-curve').locator('svg')).toBeVisible();
    await shot(page, info, 'card-info');
  } finally {
    await server.stop();
  }
});

test('adding a note: live preview, a duplicate warning, Ctrl+Enter adds it', async ({ page }, info) => {
  const server = await startServer(tempDataDir());
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-add').click();
    await page.getByTestId('editor-type').selectOption('cloze');
    await page.getByTestId('field-Text').fill('Scaled dot-product attention divides by {{c1::$\\sqrt{d_k}$}}.');
    const preview = page.getByTestId('editor-preview');
    await expect(preview.locator('.preview-card')).toHaveCount(1);
    await expect(preview.locator('.katex').first()).toBeVisible();
    await page.getByTestId('editor-type').selectOption('basic');
    await page.getByTestId('field-Front').fill('Write the doubly robust off-policy estimator and explain what "doubly robust" means.');
    await expect(page.getByTestId('duplicate-warning')).toContainText('Statistics & Probability');
    await page.getByTestId('field-Front').fill('What does the KL penalty in RLHF keep close to the reference policy?');
    await page.getByTestId('field-Back').fill('The policy’s output distribution, $\\KL(\\pi \\| \\pi_{\\mathrm{ref}})$.');
    await page.getByTestId('editor-tags').fill('topic::rlhf-ppo');
    await shot(page, info, 'add-note');
    await page.getByTestId('field-Back').press('Control+Enter');
    await expect(page.getByTestId('note-editor')).toContainText('Added.');
  } finally {
    await server.stop();
  }
});

test('every statistics chart draws, for all decks and for one, in both themes', async ({ page }, info) => {
  const server = await startServer(tempDataDir());
  try {
    await page.goto(server.url);
    await studySome(page, 8);
    await page.getByTestId('nav-stats').click();
    await expect(page.getByTestId('stats-today')).toContainText('8 cards studied today');
    for (const chart of ['chart-reviews', 'chart-forecast', 'chart-stability', 'chart-difficulty', 'chart-retrievability', 'chart-time', 'chart-hours', 'chart-counts', 'chart-heatmap']) {
      await expect(page.getByTestId(chart).locator('svg').first(), chart).toBeVisible();
    }
    await expect(page.getByTestId('chart-retention').locator('tbody tr')).toHaveCount(4);
    await expect(page.getByTestId('chart-topics').locator('tbody tr').first()).toBeVisible();
    // A tooltip appears over a bar.
    const bar = page.getByTestId('chart-reviews').locator('.recharts-bar-rectangle').last();
    await bar.hover();
    await expect(page.getByTestId('chart-reviews').locator('.recharts-tooltip-wrapper')).toBeVisible();
    await shot(page, info, 'statistics');
    await page.getByTestId('stats-deck').selectOption({ label: 'ML Coding' });
    await expect(page.getByTestId('stats-today')).toBeVisible();
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await shot(page, info, 'statistics-dark');
  } finally {
    await server.stop();
  }
});
