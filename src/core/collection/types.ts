// The collection's own records: decks, notes, cards and their scheduling state, as the core keeps them.
import type { FlagshipProject, NoteTypeName, Preset, Settings } from '../../shared/dto';

/** ts-fsrs's states, kept as numbers so journal lines stay short. */
export const CardState = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardState = (typeof CardState)[keyof typeof CardState];

/** Everything the scheduler decides about a card; a pure function of its review history. */
export interface Schedule {
  state: CardState;
  /** ms epoch */
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ms epoch of the last review, null for a new card */
  lastReview: number | null;
  /**
   * Kept from another app's FSRS (Anki's `cards.data`) until the next review here: the forgetting
   * curve's decay its memory state was computed with, and the retention it was scheduled for.
   */
  decay?: number;
  desiredRetention?: number;
}

export interface CardRecord extends Schedule {
  id: string;
  noteId: string;
  /** Which card of the note: 1 for the front, 2 for a reverse card, N for cloze cN. */
  ord: number;
  deckId: string;
  /** Order in which new cards are introduced. */
  position: number;
  suspended: boolean;
  /** Study day on which a manual bury ends, exclusive: buried while today < buriedUntilDay. */
  buriedUntilDay: number | null;
  flag: number;
  created: number;
}

export interface NoteRecord {
  id: string;
  deckId: string;
  /** A native type, or `anki` for a note that keeps its Anki note type (`noteTypeId`). */
  type: NoteTypeName | 'anki';
  noteTypeId?: string;
  /** How the fields are written: Markdown (native, the default) or HTML (Anki and HTML text imports). */
  format?: 'markdown' | 'html';
  fields: Record<string, string>;
  tags: string[];
  created: number;
  modified: number;
  /** Where the note came from (a deck file or import), so a reload can update it in place. */
  origin: NoteOrigin | null;
}

export interface NoteOrigin {
  /** `builtin:ml-fundamentals.md`, `file:/path/deck.md`, `anki:<guid>` … */
  source: string;
  /** Hash of the fields and tags as the source last gave them; tells a local edit from a source change. */
  hash: string;
  /** The learner changed the note since it was loaded; a reload keeps their version. */
  editedLocally: boolean;
}

/** An Anki note type, kept so imported cards show what Anki showed and export back faithfully. */
export interface NoteTypeRecord {
  id: string;
  name: string;
  kind: 'normal' | 'cloze';
  fields: string[];
  templates: { name: string; front: string; back: string }[];
  css: string;
}

export interface DeckRecord {
  id: string;
  name: string;
  presetId: string;
  description: string;
  created: number;
  /** This deck's own daily limits, in place of its preset's; absent: the preset's. */
  newPerDay?: number;
  reviewsPerDay?: number;
}

export type { Preset, Settings };

/** A flagship project the learner named; story notes link to it by name (their Project field). */
export type ProjectRecord = FlagshipProject;

/** The review as history keeps it: enough to show and to recompute. */
export interface ReviewRecord {
  seq: number;
  cardId: string;
  at: number;
  rating: 1 | 2 | 3 | 4;
  /** State before the review. */
  prior: CardState;
  durationMs: number;
  after: Schedule;
}
