// Undo takes back only what the undone change altered; what changed since in other fields stays.
import { describe, expect, it } from 'vitest';
import { planBulk, type BulkAction } from '../../../src/core/collection/bulk';
import { scheduleOf, type AnswerUndo, type BulkUndo } from '../../../src/core/collection/collection';
import { planUndo } from '../../../src/core/collection/undo-plan';
import { newSchedule, review } from '../../../src/core/scheduling/scheduler';
import type { ImportEvent } from '../../../src/core/collection/events';
import { calendar, NOW, StudiedCollection } from '../stats/studied-collection';

const MINUTE = 60_000;

function bulk(studied: StudiedCollection, cardIds: string[], change: BulkAction, at = NOW): StudiedCollection {
  const event = planBulk({ col: studied.col, at, calendar }, cardIds, change);
  if (!event) throw new Error('the change changes nothing');
  return studied.apply(event);
}

/** Ctrl+Z: the top of the undo stack, taken back. */
function undo(studied: StudiedCollection, at = NOW + 10 * MINUTE): StudiedCollection {
  return studied.apply(planUndo(studied.col, studied.col.undo.at(-1)!, at));
}

function editNote(studied: StudiedCollection, noteId: string, change: { fields?: Record<string, string>; tags?: string[] }, at: number): StudiedCollection {
  const note = studied.col.notes.get(noteId)!;
  return studied.apply({ type: 'note-edit', at, noteId, fields: change.fields ?? note.fields, tags: change.tags ?? note.tags, addedCards: [], removedCards: [] });
}

describe('undoing an answer', () => {
  it('puts the schedule back and leaves a suspend made after the answer', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd');
    const before = scheduleOf(studied.card('a/1'));
    studied.answer('a/1', 3, NOW).suspend('a/1');
    undo(studied);
    expect(scheduleOf(studied.card('a/1'))).toEqual(before);
    expect(studied.card('a/1').suspended).toBe(true);
  });

  it('that made the card a leech unsuspends it and takes off the leech tag, keeping a tag added since', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd', ['topic']);
    const card = studied.card('a/1');
    const after = review(scheduleOf(card), 1, NOW, studied.col.presetOf('d'), calendar, 'a/1');
    studied.apply({ type: 'review', at: NOW, cardId: 'a/1', rating: 1, durationMs: 1000, prior: card.state, after, leech: true });
    expect(studied.col.notes.get('a')!.tags).toEqual(['topic', 'leech']);
    editNote(studied, 'a', { tags: ['topic', 'leech', 'tricky'] }, NOW + MINUTE);
    undo(studied);
    expect(studied.card('a/1').suspended).toBe(false);
    expect(studied.col.notes.get('a')!.tags).toEqual(['topic', 'tricky']);
  });

  it('from an undo stack saved before this rule still puts back `suspended`, as it did', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd');
    studied.answer('a/1', 3, NOW).suspend('a/1');
    const entry = studied.col.undo.at(-1) as AnswerUndo;
    entry.before = { ...entry.before, suspended: false }; // entries used to hold it always
    undo(studied);
    expect(studied.card('a/1').suspended).toBe(false);
  });

  it('written to the journal by an older version applies what the line holds', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd', ['topic']);
    studied.answer('a/1', 3, NOW).suspend('a/1');
    const seq = studied.journal.length - 1;
    studied.apply({ type: 'undo', at: NOW, target: seq, cardId: 'a/1', restore: { schedule: newSchedule(studied.card('a/1').created), suspended: false, noteTags: ['old'] } });
    expect(studied.card('a/1')).toMatchObject({ suspended: false, reps: 0 });
    expect(studied.col.notes.get('a')!.tags).toEqual(['old']);
    expect(studied.col.history.activeCount).toBe(0);
  });
});

describe('undoing a bulk change', () => {
  it('of tags puts back the tags only, and leaves a later edit of the text with its time', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd', ['topic']);
    bulk(studied, ['a/1'], { action: 'addTags', tags: ['review-later'] }, NOW);
    editNote(studied, 'a', { fields: { Front: 'fixed typo', Back: 'a' } }, NOW + MINUTE);
    undo(studied);
    expect(studied.col.notes.get('a')).toMatchObject({ tags: ['topic'], fields: { Front: 'fixed typo', Back: 'a' }, modified: NOW + MINUTE });
  });

  it('of tags, with nothing changed since, gives the note back exactly, tags in their order', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd', ['x', 'y', 'z']);
    const before = structuredClone(studied.col.notes.get('a'));
    bulk(studied, ['a/1'], { action: 'removeTags', tags: ['y'] }, NOW);
    undo(studied);
    expect(studied.col.notes.get('a')).toEqual(before);
  });

  it('of tags keeps tags added or removed by an edit since, and takes off only the ones it added', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd', ['x', 'y']);
    bulk(studied, ['a/1'], { action: 'addTags', tags: ['new'] }, NOW);
    editNote(studied, 'a', { tags: ['y', 'new', 'mine'] }, NOW + MINUTE);
    undo(studied);
    expect(studied.col.notes.get('a')!.tags).toEqual(['y', 'mine']);
  });

  it('of a move leaves what later changes that cannot be undone did to other fields', () => {
    const studied = new StudiedCollection().deck('d', 'D').deck('e', 'E').note('a', 'd').answer('a/1', 3, NOW - 60 * MINUTE);
    bulk(studied, ['a/1'], { action: 'move', deckId: 'e' });
    studied.suspend('a/1').bury('a/1', 99_999);
    const rescheduled = { ...scheduleOf(studied.card('a/1')), stability: 9.5, due: NOW + 30 * 86_400_000 };
    studied.apply({ type: 'preset-save', at: NOW, preset: studied.col.presets.get('default')!, rescheduled: [{ cardId: 'a/1', schedule: rescheduled }] });
    undo(studied);
    expect(studied.card('a/1')).toMatchObject({ ...rescheduled, deckId: 'd', suspended: true, buriedUntilDay: 99_999 });
  });

  it('of a forget puts the whole schedule and the position back, and leaves a suspend made since', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd').note('b', 'd').answer('a/1', 4, NOW - 60 * MINUTE);
    const before = structuredClone(studied.card('a/1'));
    bulk(studied, ['a/1'], { action: 'forget' });
    studied.suspend('a/1');
    undo(studied);
    expect(studied.card('a/1')).toEqual({ ...before, suspended: true });
  });

  it('from an undo stack saved before field-level undo still puts whole records back, as it did', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd');
    const before = structuredClone(studied.card('a/1'));
    bulk(studied, ['a/1'], { action: 'flag', flag: 2 });
    studied.suspend('a/1');
    const entry = studied.col.undo.at(-1) as BulkUndo;
    const legacy: BulkUndo = { kind: 'bulk', seq: entry.seq, label: entry.label, cards: [before], notes: [], createdCards: [], createdNotes: [] };
    studied.col.undo[studied.col.undo.length - 1] = legacy;
    undo(studied);
    expect(studied.card('a/1')).toEqual(before);
  });
});

describe('an import’s undo entry worked out before it lands', () => {
  /** An import that brings a new note and a new schedule (from its history) for the existing card a/1. */
  function importEvent(studied: StudiedCollection): ImportEvent {
    const existing = studied.card('a/1');
    const schedule = { ...newSchedule(NOW), state: 2 as const, due: NOW + 5 * 86_400_000, stability: 4, reps: 3 };
    const note = { ...studied.col.notes.get('a')!, id: 'n', fields: { Front: 'new', Back: 'b' } };
    return {
      type: 'import',
      at: NOW,
      source: 'other.apkg',
      format: 'apkg',
      decks: [],
      noteTypes: [],
      notes: [note],
      cards: [{ ...existing, ...schedule }, { ...existing, id: 'n/1', noteId: 'n', ...newSchedule(NOW) }],
      removedCards: [],
      reviews: [],
      media: [],
      undoable: true,
    };
  }

  it('is the entry the import would have had, given the sequence number it lands with', () => {
    const prepared = new StudiedCollection().deck('d', 'D').note('a', 'd');
    const plain = new StudiedCollection().deck('d', 'D').note('a', 'd');
    const event = importEvent(prepared);
    prepared.col.prepareImport(event);
    prepared.apply(event);
    plain.apply(importEvent(plain));
    expect(prepared.col.undo.at(-1)).toEqual(plain.col.undo.at(-1));
    expect((prepared.col.undo.at(-1) as BulkUndo).createdCards).toEqual(['n/1']);
  });

  it('is worked out again when anything lands first: an answer to a card the import changes is what the undo puts back', () => {
    const prepared = new StudiedCollection().deck('d', 'D').note('a', 'd');
    const plain = new StudiedCollection().deck('d', 'D').note('a', 'd');
    const event = importEvent(prepared);
    prepared.col.prepareImport(event);
    prepared.answer('a/1', 3, NOW);
    plain.answer('a/1', 3, NOW);
    prepared.apply(event);
    plain.apply(importEvent(plain));
    expect(prepared.col.undo.at(-1)).toEqual(plain.col.undo.at(-1));
    const change = (prepared.col.undo.at(-1) as BulkUndo).changedCards!.find((c) => c.id === 'a/1')!;
    expect(change.before.reps).toBe(1);
  });
});
