// What an undoable bulk change altered, field by field, recorded as it is applied: what an undo may take back.
import type { BulkEvent, Grade, ImportEvent, NoteEditEvent, PresetSaveEvent } from './events';
import type { Preset } from '../../shared/dto';
import type { CardRecord, DeckRecord, NoteRecord, Schedule } from './types';

/** What an answer altered, as it was before: an undo puts back these and nothing else. */
export interface AnswerBefore {
  schedule: Schedule;
  /** Only when the answer changed it (it made the card a leech). Entries written before always hold it. */
  suspended?: boolean;
  /** The note's tags, present only when the answer added the `leech` tag. */
  noteTags?: string[];
}

/** Taking back an answer: its schedule, and what making the card a leech changed. */
export interface AnswerUndo {
  kind?: 'answer';
  seq: number;
  cardId: string;
  rating: Grade;
  before: AnswerBefore;
}

/** Taking back a bulk change: what it altered, as it was (and removing what it created). */
export interface BulkUndo {
  kind: 'bulk';
  seq: number;
  label: string;
  /** Whole records put back: the ones the change removed (in entries written before undo was field by field, every one it touched). */
  cards: CardRecord[];
  notes: NoteRecord[];
  /** Records the change altered: only the fields it altered. */
  changedCards?: FieldChange<CardRecord>[];
  changedNotes?: FieldChange<NoteRecord>[];
  createdCards: string[];
  createdNotes: string[];
  /** Decks: whole records the change removed, the fields it altered, the ones it created. */
  decks?: DeckRecord[];
  changedDecks?: FieldChange<DeckRecord>[];
  createdDecks?: string[];
  /** An import: undoing it takes its reviews out of the history. */
  reviews?: true;
}

/** Taking back a preset change: the preset as it was, and the schedules its rescheduling replaced, whole. */
export interface PresetUndo {
  kind: 'preset';
  seq: number;
  label: string;
  presetId: string;
  /** Null when the change created the preset. */
  before: Preset | null;
  changedCards: FieldChange<CardRecord>[];
}

export type UndoEntry = AnswerUndo | BulkUndo | PresetUndo;

/** The fields of one record that a change altered: what they were before it, and what it made them. */
export interface FieldChange<T> {
  id: string;
  before: Partial<T>;
  after: Partial<T>;
}

/**
 * A schedule is restored whole or not at all: half of one schedule and half of another is a state no
 * review ever produced.
 */
const SCHEDULE_FIELDS = ['state', 'due', 'stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'lastReview', 'decay', 'desiredRetention'] as const;

/**
 * The undo entry of a bulk change, from the collection as it is just before the change. Records the
 * change alters keep only the altered fields, so undoing it leaves later changes to other fields
 * (a note edit, a suspend from the study screen, a reschedule) alone; removed records are kept whole.
 */
export function bulkUndoOf(col: Records, seq: number, event: BulkEvent): BulkUndo {
  return undoOfChange(col, seq, event.label, {
    cards: event.cards,
    notes: event.notes,
    removedCards: event.removedCards,
    removedNotes: event.removedNotes,
    decks: event.decks ?? [],
    removedDecks: event.removedDecks ?? [],
  });
}

/** The collection's records an undo entry is worked out against. */
interface Records {
  readonly cards: ReadonlyMap<string, CardRecord>;
  readonly notes: ReadonlyMap<string, NoteRecord>;
  readonly decks: ReadonlyMap<string, DeckRecord>;
}

interface Change {
  cards: readonly CardRecord[];
  notes: readonly NoteRecord[];
  removedCards: readonly string[];
  removedNotes: readonly string[];
  decks: readonly DeckRecord[];
  removedDecks: readonly string[];
}

/** Any change given as the records it writes and removes: what undoing it must put back or take away. */
function undoOfChange(col: Records, seq: number, label: string, change: Change): BulkUndo {
  const undo: BulkUndo = { kind: 'bulk', seq, label, cards: [], notes: [], changedCards: [], changedNotes: [], createdCards: [], createdNotes: [] };
  for (const card of change.cards) {
    const before = col.cards.get(card.id);
    if (!before) undo.createdCards.push(card.id);
    else pushChange(undo.changedCards!, fieldChange<CardRecord>(card.id, before, card, SCHEDULE_FIELDS));
  }
  for (const id of change.removedCards) {
    const before = col.cards.get(id);
    if (before) undo.cards.push(copy(before));
  }
  for (const note of change.notes) {
    const before = col.notes.get(note.id);
    if (!before) undo.createdNotes.push(note.id);
    else pushChange(undo.changedNotes!, fieldChange<NoteRecord>(note.id, before, note));
  }
  for (const id of change.removedNotes) {
    const before = col.notes.get(id);
    if (before) undo.notes.push(copy(before));
  }
  // Deck fields appear only when a change touched decks, so entries of other changes stay as they were.
  if (change.decks.length || change.removedDecks.length) {
    undo.decks = [];
    undo.changedDecks = [];
    undo.createdDecks = [];
    for (const deck of change.decks) {
      const before = col.decks.get(deck.id);
      if (!before) undo.createdDecks.push(deck.id);
      else pushChange(undo.changedDecks, fieldChange<DeckRecord>(deck.id, before, deck));
    }
    for (const id of change.removedDecks) {
      const before = col.decks.get(id);
      if (before) undo.decks.push(copy(before));
    }
  }
  return undo;
}

/** The undo entry of a preset save, from the collection just before it. */
export function presetUndoOf(
  col: { readonly cards: ReadonlyMap<string, CardRecord>; readonly presets: ReadonlyMap<string, Preset>; readonly undo: readonly UndoEntry[] },
  seq: number,
  event: PresetSaveEvent,
): PresetUndo {
  const before = col.presets.get(event.preset.id);
  const undo: PresetUndo = { kind: 'preset', seq, label: event.label ?? `change preset ${event.preset.name}`, presetId: event.preset.id, before: before ? copy(before) : null, changedCards: [] };
  for (const { cardId, schedule } of event.rescheduled ?? []) {
    const card = col.cards.get(cardId);
    if (card) pushChange(undo.changedCards, fieldChange<CardRecord>(cardId, card, { ...card, ...schedule }, SCHEDULE_FIELDS));
  }
  return undo;
}

/** An edit of a note's text or tags, as an undo entry: the fields as they were, the cards it added or removed. */
export function noteEditUndoOf(col: Records, seq: number, event: NoteEditEvent): BulkUndo | null {
  const note = col.notes.get(event.noteId);
  if (!note) return null;
  const after: NoteRecord = { ...note, fields: event.fields, tags: event.tags, modified: event.at, ...(note.origin ? { origin: { ...note.origin, editedLocally: true } } : {}) };
  return undoOfChange(col, seq, 'edit note', { cards: event.addedCards, notes: [after], removedCards: event.removedCards, removedNotes: [], decks: [], removedDecks: [] });
}

/**
 * An import as an undo entry: what it added goes, what it updated goes back to how it was, its
 * reviews leave the history. Note types, presets and media files it brought stay: nothing uses
 * them once the notes are gone, and a media file may already be shown by a note made since.
 */
export function importUndoOf(col: Records, seq: number, event: ImportEvent): BulkUndo {
  const name = event.source.split(/[\\/]/).pop() || event.source;
  const undo = undoOfChange(col, seq, `import ${name}`, {
    cards: event.cards,
    notes: event.notes,
    removedCards: event.removedCards,
    removedNotes: [],
    decks: event.decks,
    removedDecks: [],
  });
  if (event.reviews.length) undo.reviews = true;
  return undo;
}

const RATING_NAMES = ['Again', 'Hard', 'Good', 'Easy'];

/** What an entry takes back, in words for a menu and a message: "answer “Good”", "suspend 1 card". */
export function undoLabel(entry: UndoEntry): string {
  if (entry.kind === undefined || entry.kind === 'answer') return `answer “${RATING_NAMES[entry.rating - 1] ?? ''}”`;
  // Every other kind of entry carries its own words.
  return 'label' in entry && typeof entry.label === 'string' ? entry.label : 'the last change';
}

function pushChange<T>(list: FieldChange<T>[], change: FieldChange<T> | null): void {
  if (change) list.push(change);
}

/** The fields `after` gives a different value, with `together` all taken when any of them is; null when nothing changes. */
export function fieldChange<T extends object>(id: string, before: T, after: T, together: readonly (keyof T)[] = []): FieldChange<T> | null {
  const keys = (Object.keys(after) as (keyof T)[]).filter((key) => key in before && !same(before[key], after[key]));
  if (keys.length === 0) return null;
  if (keys.some((key) => together.includes(key))) for (const key of together) if (!keys.includes(key) && key in before) keys.push(key);
  const change: FieldChange<T> = { id, before: {}, after: {} };
  for (const key of keys) {
    change.before[key] = copy(before[key]);
    change.after[key] = copy(after[key]);
  }
  return change;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

/** A deep copy of plain JSON data: the entry must not share arrays with records that change later. */
export function copy<V>(value: V): V {
  return value !== null && typeof value === 'object' ? (JSON.parse(JSON.stringify(value)) as V) : value;
}
