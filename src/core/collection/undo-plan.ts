// Taking back the last undoable change, decided against the collection as it is now: the undo event carries its results.
import { LEECH_TAG, scheduleOf, type AnswerUndo, type BulkUndo, type Collection, type PresetUndo, type UndoEntry } from './collection';
import type { CardRestore, UndoBulkEvent, UndoEvent, UndoPresetEvent } from './events';
import { copy, type FieldChange } from './undo-entry';
import type { CardRecord, DeckRecord, NoteRecord } from './types';
import { SEPARATOR } from './deck-tree';

/**
 * The event that takes back `entry` (the top of the undo stack). Only what that change altered goes
 * back; whatever changed since in other fields (a note edit, a suspend, a reschedule) stays. The
 * event holds the records as the undo leaves them, so replaying it needs no decision.
 */
export function planUndo(col: Collection, entry: UndoEntry, at: number): UndoEvent | UndoBulkEvent | UndoPresetEvent {
  if (entry.kind === 'bulk') return planUndoBulk(col, entry, at);
  if (entry.kind === 'preset') return planUndoPreset(col, entry, at);
  return planUndoAnswer(col, entry, at);
}

/** A preset change goes back whole: the preset as it was, and every schedule its rescheduling replaced. */
function planUndoPreset(col: Collection, entry: PresetUndo, at: number): UndoPresetEvent {
  const cards: UndoPresetEvent['cards'] = [];
  for (const change of entry.changedCards) {
    const card = col.cards.get(change.id);
    if (card) cards.push({ cardId: change.id, schedule: scheduleOf({ ...card, ...copy(change.before) }) });
  }
  return {
    type: 'undo-preset',
    at,
    target: entry.seq,
    presetId: entry.presetId,
    preset: entry.before ? copy(entry.before) : null,
    cards,
  };
}

/**
 * An answer changed the card's schedule, and its `suspended` and the note's `leech` tag only when it
 * made the card a leech. (Entries written before this rule always hold `suspended`: they keep
 * putting it back, as they did.)
 */
function planUndoAnswer(col: Collection, entry: AnswerUndo, at: number): UndoEvent {
  const card = col.cards.get(entry.cardId);
  const note = card ? col.notes.get(card.noteId) : undefined;
  const restore: CardRestore = { schedule: { ...entry.before.schedule }, suspended: entry.before.suspended ?? card?.suspended ?? false };
  if (entry.before.noteTags && note) restore.noteTags = note.tags.filter((tag) => tag !== LEECH_TAG);
  return { type: 'undo', at, target: entry.seq, cardId: entry.cardId, restore };
}

function planUndoBulk(col: Collection, entry: BulkUndo, at: number): UndoBulkEvent {
  // Whole records: the ones the change removed (and every one, in entries from before field-level undo).
  const cards: CardRecord[] = entry.cards.map(copy);
  const notes: NoteRecord[] = entry.notes.map(copy);
  for (const change of entry.changedCards ?? []) {
    const card = col.cards.get(change.id);
    // A card removed since (a reload, an edit that dropped its cloze) stays removed.
    if (card) cards.push({ ...card, ...copy(change.before) });
  }
  for (const change of entry.changedNotes ?? []) {
    const note = col.notes.get(change.id);
    if (note) notes.push(undoNoteChange(note, change));
  }
  const event: UndoBulkEvent = { type: 'undo-bulk', at, target: entry.seq, cards, notes, createdCards: [...entry.createdCards], createdNotes: [...entry.createdNotes] };
  if (entry.decks || entry.changedDecks || entry.createdDecks) {
    const decks: DeckRecord[] = (entry.decks ?? []).map(copy);
    for (const change of entry.changedDecks ?? []) {
      const deck = col.decks.get(change.id);
      if (deck) decks.push({ ...deck, ...copy(change.before) });
    }
    event.decks = decks;
    event.removedDecks = createdDecksToRemove(col, entry, event);
  }
  if (entry.reviews) event.reviewsLeave = true;
  return event;
}

/**
 * The decks the change created that go with the undo: those left without a card, and without a
 * deck below them that stays. A deck the learner has since filled (a note added, cards moved in)
 * stays, so no card is left in a deck that is not there.
 */
function createdDecksToRemove(col: Collection, entry: BulkUndo, event: UndoBulkEvent): string[] {
  const created = new Set(entry.createdDecks ?? []);
  if (created.size === 0) return [];
  const leaving = new Set(event.createdCards);
  const restored = new Map(event.cards.map((card) => [card.id, card]));
  const used = new Set<string>();
  for (const card of col.cards.values()) if (!leaving.has(card.id)) used.add((restored.get(card.id) ?? card).deckId);
  for (const card of event.cards) used.add(card.deckId);
  const names = new Map<string, string>();
  for (const deck of col.decks.values()) names.set(deck.id, deck.name);
  for (const deck of event.decks ?? []) names.set(deck.id, deck.name);
  const usedNames = [...names].filter(([id]) => used.has(id)).map(([, name]) => name);
  const below = (name: string, other: string) => other.startsWith(name + SEPARATOR);
  // A created deck goes when nothing at or below it holds a card, and no deck below it stays.
  const empty = [...created].filter((id) => {
    const name = names.get(id);
    return name !== undefined && !usedNames.some((other) => other === name || below(name, other));
  });
  const going = new Set(empty.map((id) => names.get(id)!));
  const allNames = [...names.values()];
  return empty.filter((id) => !allNames.some((other) => !going.has(other) && below(names.get(id)!, other)));
}

function undoNoteChange(note: NoteRecord, change: FieldChange<NoteRecord>): NoteRecord {
  const out: NoteRecord = { ...note, ...copy(change.before) };
  if (change.before.tags && change.after.tags) out.tags = undoTagChange(note.tags, change.before.tags, change.after.tags);
  // The modified time goes back only if nothing modified the note since: a later edit keeps its time.
  if (change.before.modified !== undefined && note.modified !== change.after.modified) out.modified = note.modified;
  return out;
}

/**
 * Tags are a set: the tags the change added come off and the ones it removed go back, while tags
 * added or removed since stay as they are. With nothing changed since, this is `before` exactly.
 */
export function undoTagChange(now: string[], before: string[], after: string[]): string[] {
  const added = new Set(after.filter((tag) => !before.includes(tag)));
  const removed = new Set(before.filter((tag) => !after.includes(tag)));
  const kept = before.filter((tag) => removed.has(tag) || now.includes(tag));
  const since = now.filter((tag) => !before.includes(tag) && !added.has(tag));
  return [...kept, ...since];
}
