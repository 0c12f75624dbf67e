// The browser's Question column reads as the card does: imported notes' HTML entities decoded, for showing and for sorting.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestService, TestClock, T0 } from '../helpers/service';

const anki = (name: string) => join(import.meta.dirname, '../fixtures/anki', name);
const ENTITY = /&(?:#x?[0-9a-f]+|[a-z]+);/i;

describe('question text in the browser', () => {
  it('shows an imported Anki deck’s questions with their entities decoded (c&#x27;est → c’est)', async () => {
    const { service } = openTestService({ clock: new TestClock(T0), decks: null });
    await service.importFile({ path: anki('mauriciopoppe-french-cloze-2026.apkg') });
    const found = await service.search({ query: '', sort: 'question', order: 'asc', limit: 5000 });
    const questions = found.rows.map((row) => row.question);
    expect(questions.filter((question) => ENTITY.test(question))).toEqual([]);
    expect(questions.some((question) => question.includes("'"))).toBe(true);
    await service.close();
  });

  it('decodes a note written in the app the same way, in the rows and in the duplicate warning', async () => {
    const { service } = openTestService({ clock: new TestClock(T0) });
    const decks = await service.listDecks({});
    const fields = { Front: 'Pourquoi &quot;c&#x27;est&quot; ?', Back: 'Parce que.' };
    await service.addNote({ deckId: decks.decks[0]!.id, type: 'basic', fields });
    const found = await service.search({ query: 'Pourquoi', sort: 'question', order: 'asc' });
    expect(found.rows.map((row) => row.question)).toEqual([`Pourquoi "c'est" ?`]);
    const preview = await service.previewNote({ type: 'basic', fields });
    expect(preview.duplicates.map((duplicate) => duplicate.question)).toEqual([`Pourquoi "c'est" ?`]);
    await service.close();
  });
});
