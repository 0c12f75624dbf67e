// Anki cards that work as in Anki: type-in answers compared on the back, [latex] with lists and display math drawn; with screenshots.
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ImportedNote, ImportedNoteType } from '../../src/core/import/bundle';
import { card, packageOf } from '../helpers/anki-builder';
import { shot } from './screenshots';
import { startServer, tempDataDir } from './web-server';

const FIXTURES = join(import.meta.dirname, '../fixtures');

const TYPING: ImportedNoteType = {
  key: 'anki:1001',
  name: 'Basic (type in the answer)',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', front: '{{Front}}\n\n{{type:Back}}', back: '{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}' }],
  css: '.card { font-family: arial; font-size: 20px; }',
};
const CLOZE_TYPING: ImportedNoteType = {
  key: 'anki:1002',
  name: 'Cloze (type in the answer)',
  kind: 'cloze',
  fields: ['Text'],
  templates: [{ name: 'Cloze', front: '{{cloze:Text}}<br>{{type:cloze:Text}}', back: '{{cloze:Text}}<br>{{type:cloze:Text}}' }],
  css: '',
};
const BASIC: ImportedNoteType = {
  key: 'anki:1003',
  name: 'Basic',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [{ name: 'Card 1', front: '{{Front}}', back: '{{FrontSide}}<hr id=answer>{{Back}}' }],
  css: '',
};

const note = (key: string, type: ImportedNoteType, fields: Record<string, string>): ImportedNote => ({
  key,
  deckName: 'Anki cards',
  type: 'anki',
  noteTypeKey: type.key,
  fields,
  format: 'html',
  tags: [],
  cards: [card(1)],
});

test('type-in answers show a box on the front and Anki’s comparison on the back; [latex] lists and display math are drawn', async ({ page }, info) => {
  const pkg = await packageOf(
    [
      note('anki:typing-1', TYPING, { Front: 'Capital of France?', Back: 'Paris' }),
      note('anki:typing-2', CLOZE_TYPING, { Text: 'The {{c1::mitochondria}} is the powerhouse of the cell.' }),
      note('anki:latex-1', BASIC, {
        Front:
          '[latex]The error of an estimator splits in two:<br>\\begin{itemize}<br>\\item Bias: $E[\\hat f] - f$<br>\\item Variance: $E[(\\hat f - E[\\hat f])^2]$<br>\\end{itemize}<br>$$\\mathrm{MSE} = \\mathrm{Bias}^2 + \\mathrm{Var}$$[/latex]',
        Back: '[$$]$$\\mathrm{MSE}(\\hat f) = E[(\\hat f - f)^2]$$[/$$]',
      }),
    ],
    { noteTypes: [TYPING, CLOZE_TYPING, BASIC], decks: [{ name: 'Anki cards', description: '' }] },
  );
  const server = await startServer(tempDataDir(), { INTERLEAVE_DECKS: join(FIXTURES, 'decks') });
  try {
    await page.goto(server.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'anki-cards.apkg', mimeType: 'application/octet-stream', buffer: Buffer.from(pkg) });
    await page.getByTestId('do-import').click();
    await page.getByTestId('import-summary').getByRole('button', { name: /Study/ }).click();

    // A Basic (type in the answer) card: the box is where {{type:Back}} was, and has the focus.
    const box = page.getByTestId('type-answer');
    await expect(page.getByTestId('question')).toContainText('Capital of France?');
    await expect(box).toBeFocused();
    // Letters typed go to the box, not to the study shortcuts (S would suspend, B bury).
    await page.keyboard.type('Pbris');
    await expect(box).toHaveValue('Pbris');
    await shot(page, info, 'anki-type-in-question');
    await page.keyboard.press('Enter');
    const compared = page.getByTestId('answer').locator('#typeans');
    await expect(compared).toBeVisible();
    await expect(compared.locator('.typeBad')).toHaveText('b');
    await expect(compared.locator('.typeMissed')).toHaveText('a');
    await expect(compared.locator('#typearrow')).toBeVisible();
    await shot(page, info, 'anki-type-in-answer-wrong');
    await page.keyboard.press('3');

    // A cloze typed right: the expected answer marked good, no arrow.
    await expect(page.getByTestId('question')).toContainText('powerhouse');
    await page.getByTestId('type-answer').fill('mitochondria');
    await page.getByTestId('type-answer').press('Enter');
    await expect(page.getByTestId('answer').locator('#typeans .typeGood')).toHaveText('mitochondria');
    await expect(page.getByTestId('answer').locator('#typearrow')).toHaveCount(0);
    await shot(page, info, 'anki-type-in-cloze-right');
    await page.keyboard.press('3');

    // [latex] with a list and display math: drawn, none of it shown as source.
    const question = page.getByTestId('question');
    await expect(question.locator('ul.latex-list > li')).toHaveCount(2);
    await expect(question.locator('.katex-display')).toHaveCount(1);
    await expect(question.locator('.katex')).toHaveCount(3);
    await expect(question.locator('.latex-source')).toHaveCount(0);
    await shot(page, info, 'anki-latex-list-question');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('answer').locator('.katex-display')).toHaveCount(2);
    await expect(page.getByTestId('answer').locator('.latex-source')).toHaveCount(0);
    await shot(page, info, 'anki-latex-list-answer');
  } finally {
    await server.stop();
  }
});
