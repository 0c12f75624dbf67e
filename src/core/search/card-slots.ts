// What a search reads about each card beyond its record (its note, the note's text, its column in the review log), by the card's place in the search order, worked out once rather than per query.
import type { Collection } from '../collection/collection';
import type { NoteRecord } from '../collection/types';
import type { ReviewLog } from '../history/review-log';
import type { SearchOrder } from './card-order';
import { searchableFields, type SearchableFields } from './searchable-text';

/**
 * Per place `i` of `order.cards`. A query over 50,000 cards otherwise looks every card's note up
 * by id, and the note's text up by its fields, once per test in the query: most of a text search.
 */
export interface CardSlots {
  /** Each card's note (undefined for a card whose note is gone). */
  notes: readonly (NoteRecord | undefined)[];
  /** The text of the note of card `i` as search reads it. */
  fields(i: number, note: NoteRecord): SearchableFields;
  /** Each card's column in the review log (`log.cardIds`), or -1 when it has no review there. */
  historyColumns(): Int32Array;
}

interface Kept {
  notesRevision: number;
  notes: (NoteRecord | undefined)[];
  fields: (SearchableFields | undefined)[];
  log: ReviewLog | null;
  logCards: number;
  columns: Int32Array;
}

/**
 * Kept per search order (a new order is a new object) while no note changes (`notesRevision`);
 * the log columns while the log is the same and has no new card (a card's column never moves).
 */
const kept = new WeakMap<SearchOrder, Kept>();

export function cardSlots(col: Collection, order: SearchOrder): CardSlots {
  let slots = kept.get(order);
  if (!slots || slots.notesRevision !== col.notesRevision) {
    const cards = order.cards;
    const notes = new Array<NoteRecord | undefined>(cards.length);
    for (let i = 0; i < cards.length; i++) notes[i] = col.notes.get(cards[i]!.noteId);
    slots = { notesRevision: col.notesRevision, notes, fields: new Array(cards.length), log: null, logCards: -1, columns: new Int32Array(0) };
    kept.set(order, slots);
  }
  const state = slots;
  return {
    notes: state.notes,
    fields: (i, note) => {
      let fields = state.fields[i];
      if (fields === undefined) {
        fields = searchableFields(note, note.noteTypeId === undefined ? undefined : col.noteTypes.get(note.noteTypeId));
        state.fields[i] = fields;
      }
      return fields;
    },
    historyColumns: () => {
      const log = col.history;
      if (state.log !== log || state.logCards !== log.cardIds.length) {
        const cards = order.cards;
        const columns = new Int32Array(cards.length);
        for (let i = 0; i < cards.length; i++) columns[i] = log.cardIndexOf(cards[i]!.id);
        Object.assign(state, { log, logCards: log.cardIds.length, columns });
      }
      return state.columns;
    },
  };
}
