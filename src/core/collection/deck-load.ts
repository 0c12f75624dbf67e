// Plans loading a parsed deck into the collection: add new cards, update changed ones in place by id.
import type { ImportCounts } from '../../shared/dto';
import type { ParsedDeck } from '../deck-format/parse';
import { cardId, NOTE_TYPES } from '../notes/note-types';
import type { Collection } from './collection';
import { noteContentHash } from './content-hash';
import { newCard } from './new-card';
import { deckByName, decksForPath } from './deck-tree';
import type { UpsertEvent } from './events';
import type { CardRecord, DeckRecord, NoteRecord } from './types';

export interface DeckLoadPlan {
  /** Null when the collection already holds exactly this deck. */
  event: UpsertEvent | null;
  deckId: string;
  deckName: string;
  notes: ImportCounts;
  cards: ImportCounts;
  messages: string[];
}

const zero = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0, skipped: 0 });

export interface DeckLoadOptions {
  /** `builtin:ml-fundamentals.md`, `file:/home/me/deck.md` … recorded on each note. */
  source: string;
  at: number;
  /** Put the notes in this deck instead of the one the file names. */
  deckName?: string;
  /** The file's name for messages. */
  file: string;
}

/**
 * Compares each parsed note with the collection by id. A note whose source content changed is
 * updated in place: its cards keep their schedule and history, a card whose cloze number vanished
 * is removed, a new cloze number adds a card. A note the learner edited in the app keeps the
 * learner's version. A note id owned by another source is never taken over.
 */
export function planDeckLoad(col: Collection, parsed: ParsedDeck, options: DeckLoadOptions): DeckLoadPlan {
  const { at, source } = options;
  const notesCount = zero();
  const cardsCount = zero();
  const messages: string[] = [];
  const name = options.deckName ?? parsed.header.name;

  // The deck: by id when the file gives one that exists, else by name, else created with its parents.
  const decks: DeckRecord[] = [];
  let deck = options.deckName ? deckByName(col, name) : (col.decks.get(parsed.header.id) ?? deckByName(col, name));
  if (!deck) {
    decks.push(...decksForPath(col, name, at, options.deckName ? undefined : parsed.header.id));
    deck = decks[decks.length - 1]!;
    if (parsed.header.description) deck.description = parsed.header.description;
    if (parsed.header.preset && col.presets.has(parsed.header.preset)) deck.presetId = parsed.header.preset;
  } else if (!options.deckName && (deck.name !== name || (parsed.header.description && deck.description !== parsed.header.description))) {
    // The file renamed its deck or changed its description: follow it.
    decks.push(...decksForPath(col, name, at).filter((d) => d.name !== name), { ...deck, name, description: parsed.header.description || deck.description });
  }

  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  const removedCards: string[] = [];
  let position = col.nextPosition;

  for (const parsedNote of parsed.notes) {
    const hash = noteContentHash(parsedNote);
    const ords = NOTE_TYPES[parsedNote.type].cardOrds(parsedNote.fields);
    const existing = col.notes.get(parsedNote.id);
    if (existing && existing.origin?.source !== source) {
      notesCount.skipped++;
      cardsCount.skipped += ords.length;
      messages.push(`${options.file}:${parsedNote.line}: note id "${parsedNote.id}" already belongs to ${existing.origin?.source ?? 'a note made in the app'}; skipped`);
      continue;
    }
    if (existing && existing.origin?.hash === hash) {
      notesCount.unchanged++;
      cardsCount.unchanged += ords.length;
      continue;
    }
    if (existing && existing.origin?.editedLocally) {
      notesCount.skipped++;
      cardsCount.skipped += ords.length;
      messages.push(`${options.file}:${parsedNote.line}: "${parsedNote.id}" changed in the file but you edited it in the app; your version is kept`);
      continue;
    }
    const note: NoteRecord = {
      id: parsedNote.id,
      deckId: existing?.deckId ?? deck.id,
      type: parsedNote.type,
      fields: parsedNote.fields,
      tags: existing?.tags.includes('leech') && !parsedNote.tags.includes('leech') ? [...parsedNote.tags, 'leech'] : parsedNote.tags,
      created: existing?.created ?? at,
      modified: at,
      origin: { source, hash, editedLocally: false },
    };
    notes.push(note);
    if (existing) notesCount.updated++;
    else notesCount.added++;
    const had = new Set((col.cardsByNote.get(note.id) ?? []).map((id) => col.cards.get(id)!.ord));
    for (const ord of ords) {
      if (had.has(ord)) {
        if (existing) cardsCount.updated++;
        continue;
      }
      cards.push(newCard(note.id, ord, note.deckId, position++, at));
      cardsCount.added++;
    }
    for (const ord of had) {
      if (!ords.includes(ord)) {
        removedCards.push(cardId(note.id, ord));
        messages.push(`${options.file}:${parsedNote.line}: card ${ord} of "${note.id}" is no longer made by the note and was removed (its history is kept)`);
      }
    }
  }

  const inFile = new Set(parsed.notes.map((note) => note.id));
  let missing = 0;
  for (const note of col.notes.values()) if (note.origin?.source === source && !inFile.has(note.id)) missing++;
  if (missing > 0) messages.push(`${missing} note(s) loaded earlier from ${options.file} are no longer in it; they are kept`);

  const changed = decks.length > 0 || notes.length > 0;
  return {
    event: changed ? { type: 'upsert', at, source, decks, notes, cards, removedCards } : null,
    deckId: deck.id,
    deckName: name,
    notes: notesCount,
    cards: cardsCount,
    messages,
  };
}
