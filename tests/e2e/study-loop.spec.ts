// A candidate's first day, driven as a person would: keys, clicks, a restart, and screenshots of each screen.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

test('first start, ten cards by keyboard, undo, and everything still there after a restart', async ({ page }, info) => {
  const dataDir = tempDataDir();
  let server = await startServer(dataDir);
  try {
    await page.goto(server.url);
    const home = page.getByTestId('home');
    await expect(home).toBeVisible();
    // The built-in decks are installed on first start, with new cards to study.
    await expect(page.getByTestId('deck-ml-fundamentals')).toBeVisible();
    await expect(page.getByTestId('deck-llms-rag')).toBeVisible();
    await expect(page.getByTestId('today')).toHaveText('Nothing studied yet today.');
    await shot(page, info, 'home-first-start');

    // Enter studies the selected (first) deck.
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('study')).toBeVisible();
    const answered: string[] = [];
    for (let i = 0; i < 10; i++) {
      const card = page.getByTestId('card');
      await expect(page.getByTestId('question')).toBeVisible();
      const id = await card.getAttribute('data-card-id');
      expect(id).toBeTruthy();
      if (i === 0) await shot(page, info, 'study-question');
      await page.keyboard.press('Space');
      await expect(page.getByTestId('answer')).toBeVisible();
      if (i === 0) await shot(page, info, 'study-answer');
      // Mostly Good, sometimes Again, as a person would.
      await page.keyboard.press(i % 4 === 3 ? '1' : '3');
      answered.push(id!);
      await expect(page.locator(`[data-testid="card"][data-card-id="${id}"] [data-testid="answer"]`)).toHaveCount(0);
    }
    expect(new Set(answered).size).toBeGreaterThanOrEqual(8);

    // Ctrl+Z takes back the last answer and shows that card again.
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toContainText('Undid');
    await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', answered[answered.length - 1]!);

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('today')).toContainText('Today: 9 reviews');
    const countsBefore = await page.locator('.deck-table tbody').innerText();

    // Restart the server: the collection is exactly as it was left.
    await server.stop();
    server = await startServer(dataDir);
    await page.goto(server.url);
    await expect(page.getByTestId('today')).toContainText('Today: 9 reviews');
    await expect.poll(() => page.locator('.deck-table tbody').innerText()).toBe(countsBefore);
    await shot(page, info, 'home-after-restart');

    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings')).toBeVisible();
    await shot(page, info, 'settings');
    await page.getByTestId('theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await shot(page, info, 'settings-dark');
  } finally {
    await server.stop();
  }
});

test('math, code, cloze and key points render, and ticks suggest the rating', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(import.meta.dirname, '../fixtures/decks') });
  try {
    await page.goto(server.url);
    await page.getByTestId('study-all').click();
    // The sample deck's first card is a cloze over a formula: KaTeX output, the deletion hidden.
    await expect(page.getByTestId('question').locator('.katex').first()).toBeVisible();
    await shot(page, info, 'study-cloze-math');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer').locator('.katex').first()).toBeVisible();
    await page.keyboard.press('3');
    // Skip to the key-points card (fourth in the deck), answering Easy.
    for (let i = 0; i < 2; i++) {
      await expect(page.getByTestId('question')).toBeVisible();
      await page.keyboard.press('Space');
      await page.keyboard.press('4');
    }
    await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', 's-kv-cache/1');
    await page.keyboard.press('Space');
    const points = page.getByTestId('key-points').locator('li');
    await expect(points).toHaveCount(3);
    // Nothing ticked suggests nothing (Space answers Good); two of three suggests Hard; all three Good.
    await expect(page.locator('.rating.suggested')).toHaveCount(0);
    await expect(page.getByTestId('pending-rating')).toHaveText('Space answers Good (no points ticked)');
    await page.keyboard.press('Shift+Digit1');
    await page.keyboard.press('Shift+Digit2');
    await expect(page.getByTestId('rate-hard')).toHaveClass(/suggested/);
    await expect(page.getByTestId('pending-rating')).toHaveText('Space answers Hard (2 of 3 points)');
    await points.nth(2).locator('input').check();
    await expect(page.getByTestId('rate-good')).toHaveClass(/suggested/);
    await shot(page, info, 'study-key-points');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', 's-code/1');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer').locator('pre.code .hljs-keyword').first()).toBeVisible();
    await shot(page, info, 'study-code');

    // Edit the current note with E, save with Ctrl+Enter.
    await page.keyboard.press('e');
    const dialog = page.getByTestId('edit-dialog');
    await expect(dialog).toBeVisible();
    await dialog.locator('textarea').first().fill('Stable log-sum-exp in NumPy, edited?');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('notice')).toHaveText('Note saved.');
    // Saved on the answer side: the edited card stays on its answer side.
    await expect(page.getByTestId('answer')).toContainText('edited');
  } finally {
    await server.stop();
  }
});
