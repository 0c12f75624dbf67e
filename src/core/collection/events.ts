// The journal's vocabulary: every change to a collection is one of these facts, applied in order.
import type { Preset, Settings } from '../../shared/dto';
import type { InterviewPlan } from '../../shared/planning';
import type { CardRecord, CardState, DeckRecord, NoteRecord, NoteTypeRecord, ProjectRecord, Schedule } from './types';

export type Grade = 1 | 2 | 3 | 4;

/**
 * The card as an undo of an answer leaves it: the schedule from before the answer, and `suspended`
 * and the note's tags as they are to be (the answer's leech changes taken back, later changes kept;
 * lines written before that rule hold the values from before the answer).
 */
export interface CardRestore {
  schedule: Schedule;
  suspended: boolean;
  /** The note's tags, present only when the answer changed them (a leech tag). */
  noteTags?: string[];
}

export interface ReviewEvent {
  type: 'review';
  at: number;
  cardId: string;
  rating: Grade;
  durationMs: number;
  /** The card's state before this review (new, learning, review, relearning). */
  prior: CardState;
  after: Schedule;
  /** The answer made the card a leech: tag the note `leech` and suspend the card. */
  leech?: true;
  /** Key-points cards: the points the learner ticked. */
  checked?: number[];
}

export interface UndoEvent {
  type: 'undo';
  at: number;
  /** Sequence number of the review taken back. */
  target: number;
  cardId: string;
  restore: CardRestore;
}

export interface SuspendEvent {
  type: 'suspend';
  at: number;
  cardIds: string[];
  suspended: boolean;
}

export interface BuryEvent {
  type: 'bury';
  at: number;
  cardIds: string[];
  /** Study day the bury ends (exclusive); null unburies. */
  untilDay: number | null;
}

/** Decks, notes and cards added or replaced together: a deck install, a reload, an import. */
export interface UpsertEvent {
  type: 'upsert';
  at: number;
  /** What brought the change, for history: `builtin:ml-fundamentals.md`, `import:/path/file.md`. */
  source: string;
  decks: DeckRecord[];
  notes: NoteRecord[];
  /** New cards only; existing cards keep their schedule. */
  cards: CardRecord[];
  /** Cards a changed note no longer makes (a removed cloze number). Their history stays in the journal. */
  removedCards: string[];
  /** Built-in deck files this change brings up to date, with their content hash. */
  builtins?: Record<string, string>;
}

/** One imported review as history keeps it: its result is computed once, at import. */
export interface ImportedReviewEntry {
  cardId: string;
  at: number;
  rating: Grade;
  durationMs: number;
  prior: CardState;
  after: Schedule;
}

/**
 * A whole import as one fact (one journal line): it applies completely or not at all. Cards are
 * full records (new ones, and existing ones whose schedule changed because history was added);
 * `reviews` join the history in this order.
 */
export interface ImportEvent {
  type: 'import';
  at: number;
  /** The file's name and format, for history. */
  source: string;
  format: string;
  decks: DeckRecord[];
  /** Presets a backup brings that the collection does not have. */
  presets?: Preset[];
  noteTypes: NoteTypeRecord[];
  notes: NoteRecord[];
  cards: CardRecord[];
  /** Cards an updated native note no longer makes (a removed cloze number); history stays in the journal. */
  removedCards: string[];
  reviews: ImportedReviewEntry[];
  /** Media files written for this import, by name, with their SHA-1. */
  media: { name: string; sha1: string }[];
  /**
   * On the undo stack ("remove what this import added"). Lines written before imports were
   * undoable lack it and stay off the stack, so replaying them rebuilds the same stack.
   */
  undoable?: true;
}

/**
 * A change to many cards or notes at once from the browser (suspend, tags, move, set due, forget,
 * flag, delete): the records as they are after it, so replay needs no decision.
 */
export interface BulkEvent {
  type: 'bulk';
  at: number;
  /** What was done, for the undo message: "suspend 12 cards". */
  label: string;
  cards: CardRecord[];
  notes: NoteRecord[];
  removedCards: string[];
  removedNotes: string[];
  /** Decks created or changed (renamed, moved, given a preset or limits): whole records as they are after. */
  decks?: DeckRecord[];
  /** Decks deleted (their cards are in `removedCards`). */
  removedDecks?: string[];
  /**
   * False for changes that follow from another one: schedules recomputed after a preset change, in
   * lines written before `preset-save` carried them itself.
   */
  undoable?: false;
}

/**
 * Takes back a bulk change: the records as the undo leaves them, put back whole (the fields the
 * change altered as they were before it, the others as they are now).
 */
export interface UndoBulkEvent {
  type: 'undo-bulk';
  at: number;
  target: number;
  cards: CardRecord[];
  notes: NoteRecord[];
  createdCards: string[];
  createdNotes: string[];
  /** Decks put back (whole, as the undo leaves them), and decks the change created that go again. */
  decks?: DeckRecord[];
  removedDecks?: string[];
  /** The change was an import: the reviews it brought leave the history. */
  reviewsLeave?: true;
}

export interface NoteEditEvent {
  type: 'note-edit';
  at: number;
  noteId: string;
  fields: Record<string, string>;
  tags: string[];
  addedCards: CardRecord[];
  removedCards: string[];
  /** On the undo stack; edits written before edits were undoable lack it and stay off the stack. */
  undoable?: true;
}

export interface SettingsEvent {
  type: 'settings';
  at: number;
  settings: Settings;
}

export interface PresetSaveEvent {
  type: 'preset-save';
  at: number;
  preset: Preset;
  /**
   * New schedules of the cards a change of weights, retention or maximum interval recomputed: one
   * line with the preset, so a crash cannot keep the preset without them. Absent when none changed
   * (and in lines written before, which were followed by a non-undoable bulk event instead).
   */
  rescheduled?: { cardId: string; schedule: Schedule }[];
  /** On the undo stack (lines written before preset changes could be undone have no such flag). */
  undoable?: true;
  /** What the change was, for the undo message: "apply your own weights to Default". */
  label?: string;
}

/** Takes back a preset change: the preset as it was (or gone, if the change created it) and the schedules put back. */
export interface UndoPresetEvent {
  type: 'undo-preset';
  at: number;
  target: number;
  presetId: string;
  preset: Preset | null;
  cards: { cardId: string; schedule: Schedule }[];
}

export interface PresetDeleteEvent {
  type: 'preset-delete';
  at: number;
  presetId: string;
}

export interface DeckPresetEvent {
  type: 'deck-preset';
  at: number;
  deckId: string;
  presetId: string;
}

/** An interview added or changed: its date, scope and daily time. */
export interface PlanSaveEvent {
  type: 'plan-save';
  at: number;
  plan: InterviewPlan;
}

export interface PlanDeleteEvent {
  type: 'plan-delete';
  at: number;
  planId: string;
}

/** A flagship project named or changed. */
export interface ProjectSaveEvent {
  type: 'project-save';
  at: number;
  project: ProjectRecord;
  /** Story notes that named the project's old name: they take the new one, in the same line. */
  renamed?: string[];
}

export interface ProjectDeleteEvent {
  type: 'project-delete';
  at: number;
  projectId: string;
}

export type JournalEvent =
  | ReviewEvent
  | UndoEvent
  | SuspendEvent
  | BuryEvent
  | UpsertEvent
  | ImportEvent
  | BulkEvent
  | UndoBulkEvent
  | NoteEditEvent
  | SettingsEvent
  | PresetSaveEvent
  | UndoPresetEvent
  | PresetDeleteEvent
  | DeckPresetEvent
  | PlanSaveEvent
  | PlanDeleteEvent
  | ProjectSaveEvent
  | ProjectDeleteEvent;

export interface SequencedEvent {
  seq: number;
  event: JournalEvent;
}
