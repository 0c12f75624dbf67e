// Managing decks from the deck list: create, rename, move by dragging and by picking, set options, unbury, delete; each undone.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURE_DECKS = { INTERLEAVE_DECKS: join(import.meta.dirname, '../fixtures/decks') };

const row = (page: Page, name: string) => page.locator('.deck-table tbody tr').filter({ has: page.locator('.deck-name', { hasText: new RegExp(`^${name}$`) }) });

async function menu(page: Page, deck: string, action: string): Promise<void> {
  await row(page, deck).getByRole('button', { name: /^More for/ }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

test('a new deck is created, renamed, moved by dragging and by the parent picker, and each step undone', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('new-deck').click();
    const dialog = page.getByTestId('deck-dialog');
    await expect(page.getByTestId('deck-name')).toBeFocused();
    await page.keyboard.type('Interview');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notice')).toHaveText('Done: create deck Interview.');
    await expect(row(page, 'Interview')).toBeVisible();

    // A name that is taken is refused beside the field, in a sentence.
    await page.getByTestId('new-deck').click();
    await page.keyboard.type('Interview');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('deck-dialog-error')).toHaveText('There is already a deck named “Interview”.');
    await shot(page, info, 'deck-create-error');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    await menu(page, 'Interview', 'Rename…');
    await page.getByTestId('deck-name').fill('Interview prep');
    await page.getByTestId('deck-confirm').click();
    await expect(row(page, 'Interview prep')).toBeVisible();

    // Drag Sample onto Interview prep: it goes inside, with its own subdeck.
    await row(page, 'Sample').dragTo(row(page, 'Interview prep'));
    await expect(page.getByTestId('notice')).toHaveText('Done: move Sample to Interview prep.');
    await expect(row(page, 'Sample').locator('th')).toHaveCSS('padding-left', /2[0-9]px|3[0-9]px/);
    await shot(page, info, 'deck-moved-by-drag');

    // Back to the top level with the picker.
    await menu(page, 'Sample', 'Move to…');
    await page.getByTestId('deck-parent').selectOption({ label: 'No deck: the top level' });
    await page.getByTestId('deck-confirm').click();
    await expect(page.getByTestId('notice')).toHaveText('Done: move Interview prep::Sample to the top level.');

    // Undo, newest first, from the keyboard: each message names the step.
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “move Interview prep::Sample to the top level”.');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “move Sample to Interview prep”.');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “rename Interview to Interview prep”.');
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('notice')).toHaveText('Undid “create deck Interview”.');
    await expect(row(page, 'Interview')).toHaveCount(0);
    await expect(row(page, 'Sample')).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('deleting a deck says how many cards and reviews go, and Undo brings them back', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    // Two reviews first, so the question has history to count.
    await page.getByTestId('study-all').click();
    for (let i = 0; i < 2; i++) {
      await expect(page.getByTestId('question')).toBeVisible();
      await page.keyboard.press('Space');
      await expect(page.getByTestId('answer')).toBeVisible();
      await page.keyboard.press('3');
    }
    await page.keyboard.press('Escape');
    const cards = await row(page, 'Sample').locator('td.num').last().innerText();

    await menu(page, 'Sample', 'Delete…');
    await expect(page.getByTestId('deck-deletion')).toContainText(`${cards} cards`);
    await expect(page.getByTestId('deck-deletion')).toContainText('Their 2 reviews leave your statistics.');
    // The safe answer has the focus.
    await expect(page.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await shot(page, info, 'deck-delete-question');
    await page.getByTestId('deck-confirm').click();
    await expect(page.getByTestId('no-decks')).toBeVisible();
    await expect(page.getByTestId('no-decks')).toContainText('Import a deck file');
    await shot(page, info, 'deck-list-empty');

    await page.getByTestId('toast-undo').click();
    await expect(page.getByTestId('notice')).toHaveText(`Undid “delete Sample (${cards} cards)”.`);
    await expect(row(page, 'Basics')).toBeVisible();
  } finally {
    await server.stop();
  }
});

test('a deck’s own daily limit and preset, and unburying what was buried in it', async ({ page }) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await menu(page, 'Basics', 'Options…');
    await page.getByTestId('deck-new-per-day').fill('-3');
    await page.getByTestId('deck-confirm').click();
    await expect(page.getByTestId('deck-dialog-error')).toContainText('Write a whole number from 0 to 9,999');
    await page.getByTestId('deck-new-per-day').fill('2');
    await page.getByTestId('deck-confirm').click();
    await expect(row(page, 'Basics').locator('td.new')).toHaveText('2');

    // Bury two cards in study, then bring them back from the list.
    await page.getByTestId('study-all').click();
    await expect(page.getByTestId('question')).toBeVisible();
    const first = await page.getByTestId('card').getAttribute('data-card-id');
    await page.keyboard.press('b');
    await expect(page.getByTestId('notice')).toContainText('Card buried');
    // The next card, not the buried one still on screen: a key pressed while the screen loads it is ignored.
    await expect(page.getByTestId('card')).not.toHaveAttribute('data-card-id', first!);
    await page.keyboard.press('b');
    await expect(page.getByTestId('notice')).toContainText('Card buried');
    await page.keyboard.press('Escape');
    await menu(page, 'Basics', 'Unbury 2 cards');
    await expect(page.getByTestId('notice')).toHaveText('Done: unbury 2 cards in Sample::Basics.');
    await expect(row(page, 'Basics').locator('td.new')).toHaveText('2');
    await row(page, 'Basics').getByRole('button', { name: /^More for/ }).click();
    await expect(page.getByRole('menuitem', { name: /Unbury/ })).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
