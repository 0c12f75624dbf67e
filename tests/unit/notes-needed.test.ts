// Which notes a journal event needs: none or a few named ones lets a snapshot's head take it before its notes are read.
import { describe, expect, it } from 'vitest';
import { notesNeeded } from '../../src/core/collection/notes-needed';
import type { JournalEvent } from '../../src/core/collection/events';
import { CardState, type CardRecord, type NoteRecord, type ProjectRecord } from '../../src/core/collection/types';

const schedule = { state: CardState.Review, due: 2, stability: 3, difficulty: 5, scheduledDays: 1, learningSteps: 0, reps: 2, lapses: 0, lastReview: 1 };
const card: CardRecord = { id: 'n1/1', noteId: 'n1', ord: 1, deckId: 'd', position: 0, suspended: false, buriedUntilDay: null, flag: 0, created: 1, ...schedule };
const note: NoteRecord = { id: 'n1', deckId: 'd', type: 'basic', fields: { Front: 'f', Back: 'b' }, tags: [], created: 1, modified: 1, origin: null };
const review: JournalEvent = { type: 'review', at: 1, cardId: card.id, rating: 3, durationMs: 1000, prior: CardState.Review, after: schedule };
const suspend: JournalEvent = { type: 'bulk', at: 1, label: 'suspend 1 card', cards: [{ ...card, suspended: true }], notes: [], removedCards: [], removedNotes: [] };
const project: ProjectRecord = { id: 'p', name: 'P', scope: '', numbers: '', created: 1, modified: 1 };

describe('the notes an event needs to be applied', () => {
  it('an answer, its undo, a suspend and its undo, settings, presets, plans and a project not renamed need none', () => {
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
      { type: 'project-save', at: 1, project },
      { type: 'project-delete', at: 1, projectId: 'p' },
    ];
    for (const event of events) expect(notesNeeded(event), event.type).toEqual({ ofCards: [], notes: [] });
  });

  it('a leech answer needs its card’s note (it tags it), so does its undo (it takes the tag back), and a renamed project its stories', () => {
    expect(notesNeeded({ ...review, leech: true })).toEqual({ ofCards: [card.id], notes: [] });
    expect(notesNeeded({ type: 'undo', at: 1, target: 7, cardId: card.id, restore: { schedule, suspended: false, noteTags: [] } })).toEqual({ ofCards: [card.id], notes: [] });
    expect(notesNeeded({ type: 'project-save', at: 1, project, renamed: ['s1', 's2'] })).toEqual({ ofCards: [], notes: ['s1', 's2'] });
  });

  it('a change that adds, replaces or removes notes may need any of them', () => {
    const events: JournalEvent[] = [
      { ...suspend, notes: [note] },
      { ...suspend, removedNotes: [note.id] },
      { type: 'undo-bulk', at: 1, target: 8, cards: [], notes: [], createdCards: [card.id], createdNotes: [note.id] },
      { type: 'note-edit', at: 1, noteId: note.id, fields: note.fields, tags: ['x'], removedCards: [], addedCards: [] },
      { type: 'upsert', at: 1, source: 'test', decks: [], notes: [note], cards: [card], removedCards: [] },
    ];
    for (const event of events) expect(notesNeeded(event), event.type).toBeNull();
  });
});
