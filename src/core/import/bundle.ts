// What every importer produces from a file: notes, note types, cards with their review history, media.
import type { ImportSummary, NoteTypeName, Preset } from '../../shared/dto';
import type { CardState, Schedule } from '../collection/types';

/** One past review of a card, as the source recorded it. */
export interface ImportedReview {
  /** ms epoch */
  at: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  /** The interval the source scheduled after this review, in days (Anki's revlog ivl when positive), if known. */
  intervalDays?: number;
  /** A stable id of this review in the source (Anki's revlog id), to skip it when imported again. */
  sourceId?: string;
  /** Interleave's own backups: the state before and the exact schedule after, kept as they were. */
  prior?: CardState;
  after?: Schedule;
}

export interface ImportedCard {
  /** 1-based: the template number + 1 for Anki normal note types, the cloze number for cloze. */
  ord: number;
  suspended: boolean;
  buried: boolean;
  /** 0 none, 1-7 Anki's flag colours. */
  flag: number;
  /** Oldest first. Ratings only: the schedule is recomputed from them with FSRS. */
  reviews: ImportedReview[];
  /** The deck this card is in, when it differs from the note's (Anki allows that). */
  deckName?: string;
  /**
   * The card's schedule as the source has it, used as is for a card new to the collection (an
   * Interleave backup keeps schedules made under earlier parameters). Without it the schedule is
   * recomputed from the reviews.
   */
  schedule?: Schedule;
  /** Introduction order of new cards, when the source keeps one. */
  position?: number;
  /**
   * The schedule the source decided (Anki's queue, due date, interval and memory state; the due date
   * and interval of Obsidian and Logseq cards), continued as it is instead of recomputed from the
   * reviews, which only become history.
   */
  kept?: KeptSchedule;
  /** The source's order of introduction for a new card, relative to the file's other new cards. */
  newOrder?: number;
}

/** Where a source's due date falls: a local calendar date (days since 1970-01-01) or an instant (ms epoch). */
export type ImportedDue = { date: number } | { at: number };

/** A card's schedule as the source left it. */
export interface KeptSchedule {
  state: CardState;
  /** Ignored for a new card. */
  due: ImportedDue;
  /** The interval the source set, in days (0 while learning). */
  intervalDays: number;
  reps: number;
  lapses: number;
  /** ms epoch of the last review the schedule came from; null when the source does not say. */
  lastReview: number | null;
  /** Learning or relearning steps still to go (Anki's `left`), when in learning. */
  stepsLeft?: number;
  /** The source's own FSRS memory state (Anki's `cards.data`). */
  memory?: { stability: number; difficulty: number; desiredRetention?: number; decay?: number };
  /**
   * Without a memory state, one is computed from the reviews at or after `historyFrom` (earlier ones
   * came before a reset); when the history lacks its start, from the SM-2 ease and interval of its
   * first review (`historyStart`); without `historyFrom`, from the card's own SM-2 `ease` (2.5 =
   * 250 %) and interval, assuming the source scheduled for `sm2Retention`.
   */
  historyFrom?: number;
  historyStart?: { ease: number; intervalDays: number };
  ease?: number;
  sm2Retention?: number;
}

/** An Anki note type carried with its notes, so cards show exactly what Anki showed. */
export interface ImportedNoteType {
  /** Identity within the source, e.g. `anki:<note type id>`. */
  key: string;
  name: string;
  kind: 'normal' | 'cloze';
  fields: string[];
  templates: { name: string; front: string; back: string }[];
  css: string;
}

export interface ImportedNote {
  /**
   * Identity that survives re-import: `anki:<guid>`, `id:<native id>`, or `content:<hash>` for
   * formats without ids. Importing the same key again updates the note instead of duplicating it.
   */
  key: string;
  deckName: string;
  /** A native type, or `anki` with `noteTypeKey` naming one of the bundle's note types. */
  type: NoteTypeName | 'anki';
  noteTypeKey?: string;
  /** Field name -> content. Markdown for native types; HTML for `anki` notes (format says which). */
  fields: Record<string, string>;
  format: 'markdown' | 'html';
  tags: string[];
  cards: ImportedCard[];
  /** ms epoch, when the source knows. */
  created?: number;
  modified?: number;
  /** Where in the file the note came from, for messages: `line 12`, `note 3`. */
  where?: string;
}

export interface ImportedMedia {
  /** One path component, already normalised by the importer; never trusted to be safe by the writer. */
  name: string;
  /** The content, when held in memory (small files, tests) … */
  bytes?: Uint8Array;
  /** … or a temporary file of the data folder that holds it, unpacked as it was read (large media is never held whole). */
  stored?: { path: string; size: number; sha1: string };
}

export interface ImportBundle {
  /** Presets the file brings (an Interleave backup's, Anki's FSRS options) and which deck uses which (by deck name). */
  presets?: Preset[];
  deckPresets?: Record<string, string>;
  /** `anki-legacy1`, `anki-legacy2`, `anki-latest`, `csv`, `tsv`, `anki-text`, `interleave-markdown`, `obsidian`, `logseq`, `interleave-backup` … */
  format: string;
  decks: { name: string; description: string }[];
  noteTypes: ImportedNoteType[];
  notes: ImportedNote[];
  media: ImportedMedia[];
  /** Parts that could not be read, each saying where and what; the rest is still imported. */
  problems: string[];
  /** What was left out on purpose, with why ("44 log rows without a rating: …"); shown with the summary. */
  notices?: string[];
  /** Media files the reader left out (names refused, files unreadable), each also named in `problems`. */
  mediaSkipped?: number;
  /** Delimited text: the columns found and how they were mapped, for the summary's mapping step (read with the rows, not again). */
  columns?: ImportSummary['columns'];
}

/** Thrown by an importer when a file cannot be read at all: says where and what. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly where: { file?: string; line?: number; column?: number; entry?: string } = {},
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Limits every importer enforces on untrusted archives, checked while unpacking, before memory or disk fills. */
export interface ImportLimits {
  /**
   * Bytes unpacked into memory: the collection database and an archive's other small entries (not
   * its media). The one thing an import holds whole, so this bounds its memory.
   */
  maxBytes: number;
  /** Entries in an archive. */
  maxEntries: number;
  /** One media file, unpacked: streamed to a temporary file, never held whole. */
  maxMediaFileBytes?: number;
  /** Every media file of the archive together, unpacked. */
  maxMediaBytes?: number;
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/**
 * A collection of 100,000 notes with a million reviews is about 150 MiB; sql.js holds the database
 * once more while reading it, so this also keeps an import's memory under 400 MB. One media file may
 * be a lecture's video (an hour of 1080p is about 2 GiB); a course of them fits in the total.
 */
export const DEFAULT_LIMITS: Required<ImportLimits> = { maxBytes: 160 * MiB, maxEntries: 100_000, maxMediaFileBytes: 4 * GiB, maxMediaBytes: 32 * GiB };

/**
 * The longest field an import takes, in characters: a long answer is tens of thousands, so this is
 * far past any real card, and small enough that listing, searching and drawing such a field stays
 * quick. A note with a longer field is skipped, with a message naming it.
 */
export const MAX_FIELD_LENGTH = 512 * 1024;

/** The note's first field longer than MAX_FIELD_LENGTH, or null. */
export function oversizedField(fields: Record<string, string>): { name: string; length: number } | null {
  for (const [name, value] of Object.entries(fields)) if (value.length > MAX_FIELD_LENGTH) return { name, length: value.length };
  return null;
}
