// Which journal events a snapshot's head can take before its notes are read: those that read or change no note.
import { describe, expect, it } from 'vitest';
import { needsNotes } from '../../src/core/collection/needs-notes';
import type { JournalEvent } from '../../src/core/collection/events';
import { CardState, type CardRecord, type NoteRecord } from '../../src/core/collection/types';

const schedule = { state: CardState.Review, due: 2, stability: 3, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 2, lapses: 0, lastReview: 1 };
const card: CardRecord = { id: 'n1/1', noteId: 'n1', ord: 1, deckId: 'd', position: 0, suspended: false, buriedUntilDay: null, flag: 0, created: 1, ...schedule };
const note: NoteRecord = { id: 'n1', deckId: 'd', type: 'basic', fields: { Front: 'f', Back: 'b' }, tags: [], created: 1, modified: 1, origin: null };
const review: JournalEvent = { type: 'review', at: 1, cardId: card.id, rating: 3, durationMs: 1000, prior: CardState.Review, after: schedule };
const suspend: JournalEvent = { type: 'bulk', at: 1, label: 'suspend 1 card', cards: [{ ...card, suspended: true }], notes: [], removedCards: [], removedNotes: [] };

describe('whether an event needs the notes to be applied', () => {
  it('an answer, its undo, a suspend and its undo, settings, presets and plans do not', () => {
    const events: JournalEvent[] = [
      review,
      { type: 'undo', at: 1, target: 7, cardId: card.id, restore: { schedule, suspended: false } },
      suspend,
      { type: 'undo-bulk', at: 1, target: 8, cards: [card], notes: [], createdCards: [], createdNotes: [] },
      { type: 'suspend', at: 1, cardIds: [card.id], suspended: true },
      { type: 'bury', at: 1, cardIds: [card.id], untilDay: 3 },
      { type: 'deck-preset', at: 1, deckId: 'd', presetId: 'default' },
      { type: 'plan-delete', at: 1, planId: 'p' },
      { type: 'preset-delete', at: 1, presetId: 'slow' },
      { type: 'project-delete', at: 1, projectId: 'p' },
    ];
    for (const event of events) expect(needsNotes(event), event.type).toBe(false);
  });

  it('a leech answer (it tags its note), its undo (it takes the tag back) and a change of a note do', () => {
    const events: JournalEvent[] = [
      { ...review, leech: true },
      { type: 'undo', at: 1, target: 7, cardId: card.id, restore: { schedule, suspended: false, noteTags: [] } },
      { ...suspend, notes: [note] },
      { ...suspend, removedNotes: [note.id] },
      { type: 'undo-bulk', at: 1, target: 8, cards: [], notes: [], createdCards: [card.id], createdNotes: [note.id] },
      { type: 'note-edit', at: 1, noteId: note.id, fields: note.fields, tags: ['x'], removedCards: [], addedCards: [] },
      { type: 'upsert', at: 1, source: 'test', decks: [], notes: [note], cards: [card], removedCards: [] },
    ];
    for (const event of events) expect(needsNotes(event), event.type).toBe(true);
  });
});
