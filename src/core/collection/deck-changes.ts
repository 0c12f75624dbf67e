// Creating, renaming, moving, deleting and setting up decks: each planned as one undoable bulk event.
import { studyDay, type Calendar } from '../time/study-day';
import type { Collection } from './collection';
import { deckByName, decksForPath, parentName, SEPARATOR, shortName, subtreeIds } from './deck-tree';
import type { BulkEvent } from './events';
import type { CardRecord, DeckRecord, NoteRecord } from './types';

export type DeckChange =
  /** A new empty deck; `name` may hold `::` levels, and missing parents are created with it. */
  | { action: 'create'; name: string }
  /** A new full name for the deck (levels with `::`): renaming to `Other::Name` moves it too. */
  | { action: 'rename'; deckId: string; name: string }
  /** Under another deck, or to the top level (null), keeping its own name. */
  | { action: 'move'; deckId: string; parentId: string | null }
  /** The deck, the decks below it and their cards; a note goes when none of its cards is left. */
  | { action: 'delete'; deckId: string }
  /** The deck's preset, and its own daily limits (null: the preset's). */
  | { action: 'options'; deckId: string; presetId?: string; newPerDay?: number | null; reviewsPerDay?: number | null }
  /** Brings back today the cards buried in the deck and below it. */
  | { action: 'unbury'; deckId: string };

export class DeckChangeProblem extends Error {
  constructor(
    message: string,
    /** The input at fault, for the screen to mark: `name`, `deckId`, `parentId`, `presetId`. */
    readonly field: string,
    readonly code: 'invalid_input' | 'not_found' | 'conflict' = 'invalid_input',
  ) {
    super(message);
  }
}

export interface DeckChangeContext {
  col: Collection;
  at: number;
  calendar: Calendar;
}

export interface PlannedDeckChange {
  /** Null when the change would change nothing. */
  event: BulkEvent | null;
  /** The deck the change is about (the new one, for a create). */
  deckId: string;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A deck name as the learner typed it, tidied: levels trimmed, empty levels refused. */
export function cleanDeckName(typed: string): string {
  const levels = typed.split(SEPARATOR).map((level) => level.trim());
  if (levels.some((level) => level === '')) {
    throw new DeckChangeProblem(typed.trim() === '' ? 'A deck needs a name.' : `“${typed.trim()}” has an empty level: write names between the “::”.`, 'name');
  }
  const name = levels.join(SEPARATOR);
  if (name.length > 500) throw new DeckChangeProblem('A deck name can have at most 500 characters.', 'name');
  return name;
}

function existingDeck(col: Collection, deckId: string): DeckRecord {
  const deck = col.decks.get(deckId);
  if (!deck) throw new DeckChangeProblem(`No deck with id "${deckId}".`, 'deckId', 'not_found');
  return deck;
}

function event(at: number, label: string, parts: Partial<Pick<BulkEvent, 'cards' | 'notes' | 'removedCards' | 'removedNotes' | 'decks' | 'removedDecks'>>): BulkEvent {
  return {
    type: 'bulk',
    at,
    label,
    cards: parts.cards ?? [],
    notes: parts.notes ?? [],
    removedCards: parts.removedCards ?? [],
    removedNotes: parts.removedNotes ?? [],
    decks: parts.decks ?? [],
    removedDecks: parts.removedDecks ?? [],
  };
}

/** Plans the change against the collection as it is; throws DeckChangeProblem for a change that cannot be made. */
export function planDeckChange(context: DeckChangeContext, change: DeckChange): PlannedDeckChange {
  const { col, at } = context;
  switch (change.action) {
    case 'create': {
      const name = cleanDeckName(change.name);
      const existing = deckByName(col, name);
      if (existing) throw new DeckChangeProblem(`There is already a deck named “${name}”.`, 'name', 'conflict');
      const decks = decksForPath(col, name, at);
      return { event: event(at, `create deck ${name}`, { decks }), deckId: decks[decks.length - 1]!.id };
    }
    case 'rename':
      return renameTo(context, existingDeck(col, change.deckId), cleanDeckName(change.name), 'rename');
    case 'move': {
      const deck = existingDeck(col, change.deckId);
      let name = shortName(deck.name);
      if (change.parentId !== null) {
        const parent = existingDeck(col, change.parentId);
        if (parent.id === deck.id || parent.name.startsWith(deck.name + SEPARATOR)) {
          throw new DeckChangeProblem(`“${deck.name}” cannot go inside itself or a deck below it.`, 'parentId', 'conflict');
        }
        name = parent.name + SEPARATOR + name;
      }
      return renameTo(context, deck, name, 'move');
    }
    case 'delete':
      return { event: planDelete(col, existingDeck(col, change.deckId), at), deckId: change.deckId };
    case 'options': {
      const deck = existingDeck(col, change.deckId);
      if (change.presetId !== undefined && !col.presets.has(change.presetId)) throw new DeckChangeProblem(`No preset with id "${change.presetId}".`, 'presetId', 'not_found');
      const next: DeckRecord = { ...deck };
      if (change.presetId !== undefined) next.presetId = change.presetId;
      for (const key of ['newPerDay', 'reviewsPerDay'] as const) {
        const value = change[key];
        if (value === null) delete next[key];
        else if (value !== undefined) next[key] = value;
      }
      const same = JSON.stringify(Object.entries(next).sort()) === JSON.stringify(Object.entries(deck).sort());
      const label = change.presetId !== undefined && change.newPerDay === undefined && change.reviewsPerDay === undefined ? `change the preset of ${deck.name}` : `change the options of ${deck.name}`;
      return { event: same ? null : event(at, label, { decks: [next] }), deckId: deck.id };
    }
    case 'unbury': {
      const deck = existingDeck(col, change.deckId);
      const today = studyDay(context.calendar, at);
      const cards = subtreeIds(col, deck.id)
        .flatMap((id) => col.cardsInDeck(id))
        .filter((card) => card.buriedUntilDay !== null && card.buriedUntilDay > today)
        .map((card): CardRecord => ({ ...card, buriedUntilDay: null }));
      return { event: cards.length ? event(at, `unbury ${plural(cards.length, 'card')} in ${deck.name}`, { cards }) : null, deckId: deck.id };
    }
  }
}

/** The deck and every deck below it under a new name; parents the new name needs are created. */
function renameTo(context: DeckChangeContext, deck: DeckRecord, name: string, verb: 'rename' | 'move'): PlannedDeckChange {
  const { col, at } = context;
  if (name === deck.name) return { event: null, deckId: deck.id };
  if (name.startsWith(deck.name + SEPARATOR)) throw new DeckChangeProblem(`“${deck.name}” cannot go inside itself.`, verb === 'move' ? 'parentId' : 'name', 'conflict');
  const clash = deckByName(col, name);
  if (clash && clash.id !== deck.id) throw new DeckChangeProblem(`There is already a deck named “${name}”.`, verb === 'move' ? 'parentId' : 'name', 'conflict');
  const parent = parentName(name);
  const parents = parent === null ? [] : decksForPath(col, parent, at);
  const moved = subtreeIds(col, deck.id).map((id) => {
    const record = col.decks.get(id)!;
    return { ...record, name: name + record.name.slice(deck.name.length) };
  });
  const label = verb === 'move' ? `move ${deck.name} to ${parent ?? 'the top level'}` : `rename ${deck.name} to ${name}`;
  return { event: event(at, label, { decks: [...parents, ...moved] }), deckId: deck.id };
}

/**
 * The deck's subtree and its cards. A note with cards elsewhere stays and follows one of them; a note
 * with none left goes. Review history stays in the journal, as it does for any deleted card.
 */
function planDelete(col: Collection, deck: DeckRecord, at: number): BulkEvent {
  const decks = subtreeIds(col, deck.id);
  const going = new Set(decks);
  const removedCards = decks.flatMap((id) => col.cardsInDeck(id).map((card) => card.id));
  const gone = new Set(removedCards);
  const noteIds = new Set(removedCards.map((id) => col.cards.get(id)!.noteId));
  const removedNotes: string[] = [];
  const notes: NoteRecord[] = [];
  for (const noteId of noteIds) {
    const staying = (col.cardsByNote.get(noteId) ?? []).map((id) => col.cards.get(id)!).filter((card) => !gone.has(card.id));
    const note = col.notes.get(noteId);
    if (!note) continue;
    if (staying.length === 0) removedNotes.push(noteId);
    else if (going.has(note.deckId)) notes.push({ ...note, deckId: staying[0]!.deckId });
  }
  // Notes of no card that sit in a deleted deck (a note whose cards were all removed) go too.
  for (const note of col.notes.values()) if (going.has(note.deckId) && !noteIds.has(note.id) && (col.cardsByNote.get(note.id) ?? []).length === 0) removedNotes.push(note.id);
  return event(at, `delete ${deck.name} (${plural(removedCards.length, 'card')})`, { removedCards, removedNotes, notes, removedDecks: decks });
}

/** What deleting a deck would take away, for the question asked first. */
export function deckDeletion(col: Collection, deckId: string): { decks: number; cards: number; notes: number; reviews: number } {
  const deck = existingDeck(col, deckId);
  const plan = planDelete(col, deck, 0);
  let reviews = 0;
  for (const id of plan.removedCards) reviews += col.history.reviewsOf(id).length;
  return { decks: plan.removedDecks!.length, cards: plan.removedCards.length, notes: plan.removedNotes.length, reviews };
}
