// The study screen's keys where they used to surprise: Space on key points, suspend and its undo, Esc over unsaved edits.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURE_DECKS = { INTERLEAVE_DECKS: join(import.meta.dirname, '../fixtures/decks') };

/** The sample deck's fourth card is a key-points card with three points; get to it by answering Easy. */
async function toKeyPointsCard(page: Page): Promise<void> {
  await page.getByTestId('study-all').click();
  for (let i = 0; i < 3; i++) {
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer')).toBeVisible();
    await page.keyboard.press('4');
  }
  await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', 's-kv-cache/1');
}

test('Space on a key-points card with nothing ticked answers Good, and says so first', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await toKeyPointsCard(page);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('key-points').locator('li')).toHaveCount(3);
    // The points carry their Shift keys, and what Space will do is on screen before it is pressed.
    await expect(page.getByTestId('key-points').locator('kbd.key').first()).toHaveText('⇧1');
    await expect(page.getByTestId('pending-rating')).toBeInViewport();
    await expect(page.getByTestId('pending-rating')).toContainText('Good');
    await shot(page, info, 'study-key-points-untouched');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('card')).not.toHaveAttribute('data-card-id', 's-kv-cache/1');
    // Undo names what Space recorded.
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “Good”.');
    await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', 's-kv-cache/1');

    // A point ticked by click: Space answers the suggestion (one of three: Again), not the box.
    await page.keyboard.press('Space');
    await page.getByTestId('key-points').locator('li').first().locator('label').click();
    await expect(page.getByTestId('pending-rating')).toHaveText('Space answers Again (1 of 3 points)');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('card')).not.toHaveAttribute('data-card-id', 's-kv-cache/1');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “Again”.');

    // A box reached from the keyboard keeps Space: it ticks, and the card stays.
    await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', 's-kv-cache/1');
    await page.keyboard.press('Space');
    const boxes = page.getByTestId('key-points').locator('input');
    await boxes.first().focus();
    await page.keyboard.press('Tab');
    await expect(boxes.nth(1)).toBeFocused();
    await page.keyboard.press('Space');
    await expect(boxes.nth(1)).toBeChecked();
    await expect(page.getByTestId('card')).toHaveAttribute('data-card-id', 's-kv-cache/1');
    await expect(page.getByTestId('pending-rating')).toHaveText('Space answers Again (1 of 3 points)');
    await page.keyboard.press('Space');
    await expect(boxes.nth(1)).not.toBeChecked();

    // Space straight after a click answers, even before the clicked box has let go of focus.
    await page.getByTestId('key-points').locator('li').first().locator('label').click();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('card')).not.toHaveAttribute('data-card-id', 's-kv-cache/1');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “Again”.');
  } finally {
    await server.stop();
  }
});

test('S suspends the card and Ctrl+Z brings it back, saying what it undid; Caps Lock does not matter', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('study-all').click();
    const card = page.getByTestId('card');
    await expect(page.getByTestId('question')).toBeVisible();
    const suspended = (await card.getAttribute('data-card-id'))!;
    const newCount = page.getByTestId('count-new').locator('strong');
    const before = Number(await newCount.innerText());
    await expect(page.getByTestId('counts')).toContainText('New');

    // Shift+S is what S sends with Caps Lock on.
    await page.keyboard.press('Shift+KeyS');
    await expect(page.getByTestId('notice')).toContainText('Card suspended.');
    await expect(card).not.toHaveAttribute('data-card-id', suspended);
    await expect(newCount).toHaveText(String(before - 1));

    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “suspend 1 card”.');
    await expect(card).toHaveAttribute('data-card-id', suspended);
    await expect(newCount).toHaveText(String(before));
    await shot(page, info, 'study-suspend-undone');

    // Bury goes the same way.
    await page.keyboard.press('b');
    await expect(page.getByTestId('notice')).toContainText('Card buried');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “bury 1 card”.');
    await expect(card).toHaveAttribute('data-card-id', suspended);
  } finally {
    await server.stop();
  }
});

test('Esc in the edit dialog asks before throwing away changes, and closes at once when there are none', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('study-all').click();
    await expect(page.getByTestId('question')).toBeVisible();
    const question = await page.getByTestId('question').innerText();

    // No changes: Esc closes.
    await page.keyboard.press('e');
    const dialog = page.getByTestId('edit-dialog');
    await expect(dialog.locator('textarea').first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    // Changes: Esc asks; Esc again keeps editing with the text intact, the caret having started at the end.
    await page.keyboard.press('e');
    const field = dialog.locator('textarea').first();
    await expect(field).toBeFocused();
    const original = await field.inputValue();
    await page.keyboard.type(' (typo)');
    await expect(field).toHaveValue(`${original} (typo)`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('discard-confirm')).toBeVisible();
    await expect(page.getByTestId('keep-editing')).toBeFocused();
    await shot(page, info, 'study-edit-discard-question');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('discard-confirm')).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await expect(field).toHaveValue(`${original} (typo)`);

    // Asked again, Discard throws the change away.
    await page.keyboard.press('Escape');
    await page.getByTestId('discard-changes').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('question')).toBeVisible();
    await expect(page.getByTestId('question')).not.toContainText('(typo)');
    expect(await page.getByTestId('question').innerText()).toBe(question);
  } finally {
    await server.stop();
  }
});

test('at the end of a session Enter goes back to the decks', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('study-all').click();
    const summary = page.getByTestId('summary');
    // Easy sends every new card to review days away: the sample deck is done in one pass.
    for (let i = 0; i < 30 && !(await summary.isVisible()); i++) {
      const id = await page.getByTestId('card').getAttribute('data-card-id');
      await page.keyboard.press('Space');
      await expect(page.getByTestId('answer')).toBeVisible();
      await page.keyboard.press('4');
      await expect(page.locator(`[data-testid="card"][data-card-id="${id}"] [data-testid="answer"]`)).toHaveCount(0);
    }
    await expect(summary).toBeVisible();
    await expect(page.getByTestId('summary-home')).toBeFocused();
    await shot(page, info, 'study-summary');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('home')).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('what is typed after E before the note has arrived goes at the end of the first field, and Ctrl+Enter then saves it', async ({ page }) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('study-all').click();
    await expect(page.getByTestId('question')).toBeVisible();
    // A busy machine: the note takes a second to come back.
    await page.route('**/api/getNote', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await route.continue();
    });
    await page.keyboard.press('e');
    await page.keyboard.type(' (early)');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('edit-dialog')).toHaveCount(0);
    await expect(page.getByTestId('question')).toContainText('(early)');
  } finally {
    await server.stop();
  }
});
