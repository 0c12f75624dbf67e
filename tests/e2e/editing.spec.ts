// Writing and editing notes: problems shown when they are real, the Add screen starting where the learner was, a live preview everywhere and laid out at any width.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const FIXTURE_DECKS = { INTERLEAVE_DECKS: join(FIXTURES, 'decks') };

test('the Add screen says nothing is wrong before anything is typed, and starts on the last deck and type', async ({ page }) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('new-deck').click();
    await page.keyboard.type('Mine');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('notice')).toContainText('create deck Mine');
    await page.getByTestId('nav-add').click();
    await expect(page.getByTestId('editor-preview')).toBeVisible();
    await expect(page.getByTestId('field-problem')).toHaveCount(0);
    // Leaving the empty first field: now its problem shows.
    await page.getByTestId('field-Front').focus();
    await page.getByTestId('field-Back').focus();
    await expect(page.getByTestId('field-problem')).toBeVisible();

    await page.getByTestId('editor-type').selectOption('cloze');
    await page.getByTestId('editor-deck').selectOption({ label: 'Mine' });
    await page.getByTestId('field-Text').fill('The {{c1::softmax}} turns scores into probabilities.');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('note-editor')).toContainText('Added.');

    // Another screen and back: the same deck and type, and no problem shown on the empty note.
    await page.getByRole('button', { name: 'Decks', exact: true }).click();
    await page.getByTestId('nav-add').click();
    await expect(page.getByTestId('editor-type')).toHaveValue('cloze');
    await expect(page.getByTestId('editor-deck').locator('option:checked')).toHaveText('Mine');
    await expect(page.getByTestId('field-problem')).toHaveCount(0);
  } finally {
    await server.stop();
  }
});

async function previewLayout(page: Page) {
  const preview = page.getByTestId('browse-panel').getByTestId('editor-preview');
  await expect(preview.locator('.preview-card').first()).toBeVisible();
  return preview.evaluate((element) => {
    const card = element.querySelector('.preview-card')!;
    const front = card.querySelector('.card-face')!.getBoundingClientRect();
    return { frontWidth: front.width, height: card.getBoundingClientRect().height, sideways: element.scrollWidth - element.clientWidth };
  });
}

for (const [width, height] of [
  [1280, 800],
  [900, 650],
] as const) {
  test(`the browser's edit panel previews each card readably at ${width}×${height}`, async ({ page }, info) => {
    const server = await startServer(tempDataDir(), FIXTURE_DECKS);
    try {
      await page.setViewportSize({ width, height });
      await page.goto(server.url);
      await page.getByTestId('nav-browse').click();
      await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
      const layout = await previewLayout(page);
      expect(layout.frontWidth).toBeGreaterThan(150);
      expect(layout.height).toBeLessThan(1200);
      expect(layout.sideways).toBeLessThanOrEqual(1);
      await shot(page, info, `browse-edit-preview-${width}`);
    } finally {
      await server.stop();
    }
  });
}

test('an imported Anki note is previewed through its own templates, in the browser and in study', async ({ page }, info) => {
  const server = await startServer(tempDataDir(), FIXTURE_DECKS);
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles(join(FIXTURES, 'anki', 'llmanki-test-deck-anki21b.apkg'));
    await page.getByTestId('do-import').click();
    await expect(page.getByTestId('import-summary')).toBeVisible();

    await page.getByTestId('nav-browse').click();
    await page.getByTestId('search-input').fill('-deck:Sample');
    await page.keyboard.press('Enter');
    await page.getByTestId('browse-rows').locator('[role=row][data-card-id]').first().click();
    const panel = page.getByTestId('browse-panel');
    const field = panel.locator('textarea').first();
    await field.fill(`${await field.inputValue()} PREVIEWED`);
    await expect(panel.getByTestId('editor-preview')).toContainText('PREVIEWED');
    await shot(page, info, 'browse-anki-preview');
    await panel.getByTestId('editor-save').click();

    // Study's edit dialog previews too.
    await page.getByRole('button', { name: 'Decks', exact: true }).click();
    await page.getByTestId('study-all').click();
    await expect(page.getByTestId('question')).toBeVisible();
    await page.keyboard.press('e');
    await expect(page.getByTestId('edit-dialog').getByTestId('editor-preview').locator('.preview-card').first()).toBeVisible();
  } finally {
    await server.stop();
  }
});
