// What an undoable bulk change altered, field by field, recorded as it is applied: what an undo may take back.
import type { BulkEvent, Grade, PresetSaveEvent } from './events';
import type { Preset } from '../../shared/dto';
import type { CardRecord, NoteRecord, Schedule } from './types';

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
export function bulkUndoOf(
  col: { readonly cards: ReadonlyMap<string, CardRecord>; readonly notes: ReadonlyMap<string, NoteRecord> },
  seq: number,
  event: BulkEvent,
): BulkUndo {
  const undo: BulkUndo = { kind: 'bulk', seq, label: event.label, cards: [], notes: [], changedCards: [], changedNotes: [], createdCards: [], createdNotes: [] };
  for (const card of event.cards) {
    const before = col.cards.get(card.id);
    if (!before) undo.createdCards.push(card.id);
    else pushChange(undo.changedCards!, fieldChange<CardRecord>(card.id, before, card, SCHEDULE_FIELDS));
  }
  for (const id of event.removedCards) {
    const before = col.cards.get(id);
    if (before) undo.cards.push(copy(before));
  }
  for (const note of event.notes) {
    const before = col.notes.get(note.id);
    if (!before) undo.createdNotes.push(note.id);
    else pushChange(undo.changedNotes!, fieldChange<NoteRecord>(note.id, before, note));
  }
  for (const id of event.removedNotes) {
    const before = col.notes.get(id);
    if (before) undo.notes.push(copy(before));
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
