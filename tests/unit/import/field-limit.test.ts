// An import refuses a note whose field is longer than any real card's, naming the file, the note and the field, and takes the rest.
import { describe, expect, it } from 'vitest';
import { Collection } from '../../../src/core/collection/collection';
import { MAX_FIELD_LENGTH, type ImportedNote } from '../../../src/core/import/bundle';
import { planImport } from '../../../src/core/import/plan-import';
import { parseDelimited } from '../../../src/core/import/text/delimited';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const options = { at: Date.UTC(2026, 2, 2), source: 'poison.tsv', calendar: fixedOffsetCalendar(0) };

describe('a field longer than an import allows', () => {
  it('skips its note with a message naming file, line and field, and imports the others', () => {
    const tsv = `What is a transformer?\tA model\n${'<'.repeat(MAX_FIELD_LENGTH + 1)}\tback\nWhat is attention?\tWeights\n`;
    const plan = planImport(new Collection(), parseDelimited(tsv, 'poison.tsv'), options);
    expect(plan.notes).toMatchObject({ added: 2, skipped: 1 });
    expect(plan.cards).toMatchObject({ added: 2, skipped: 1 });
    expect(plan.messages).toEqual([
      `poison.tsv, line 2: field "Front" is ${MAX_FIELD_LENGTH + 1} characters long, more than the ${MAX_FIELD_LENGTH} a field may hold; skipped`,
    ]);
    expect(plan.event?.type === 'import' && plan.event.notes.map((note) => note.fields.Front)).toEqual(['What is a transformer?', 'What is attention?']);
  });

  it('is taken at exactly the limit', () => {
    const tsv = `${'a'.repeat(MAX_FIELD_LENGTH)}\tback\n`;
    expect(planImport(new Collection(), parseDelimited(tsv, 'long.tsv'), options).notes).toMatchObject({ added: 1, skipped: 0 });
  });

  it('names the note by its id when the format has no lines', () => {
    const note: ImportedNote = {
      key: 'id:big-note',
      deckName: 'D',
      type: 'basic',
      fields: { Front: 'q', Back: 'x'.repeat(MAX_FIELD_LENGTH + 1) },
      format: 'markdown',
      tags: [],
      cards: [{ ord: 1, suspended: false, buried: false, flag: 0, reviews: [] }],
    };
    const bundle = { format: 'interleave-backup', decks: [], noteTypes: [], notes: [note], media: [], problems: [] };
    const plan = planImport(new Collection(), bundle, { ...options, source: 'backup.interleave' });
    expect(plan.event).toBeNull();
    expect(plan.messages).toEqual([`backup.interleave, note "big-note": field "Back" is ${MAX_FIELD_LENGTH + 1} characters long, more than the ${MAX_FIELD_LENGTH} a field may hold; skipped`]);
  });
});
