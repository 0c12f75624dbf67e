// The plain data shapes that cross the contract: what the service returns to every caller.

export const RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type Rating = (typeof RATINGS)[number];

/** Where a card stands in its life: never seen, being learnt, in long-term review, or relearning after a lapse. */
export type CardKind = 'new' | 'learning' | 'review' | 'relearning';

export type NoteTypeName = 'basic' | 'reverse' | 'cloze' | 'keypoints' | 'story';

export interface DeckCounts {
  /** New cards that today's limits still allow. */
  new: number;
  /** Learning and relearning cards due now (or within the learn-ahead window). */
  learning: number;
  /** Review cards due today that today's limits still allow. */
  review: number;
  /** Every card in the deck and its children, suspended ones included. */
  total: number;
}

export interface DeckNode {
  id: string;
  /** Full name with `::` between levels, e.g. `ML::Optimisation`. */
  name: string;
  /** The last level of the name, for display in a tree. */
  shortName: string;
  presetId: string;
  description: string;
  counts: DeckCounts;
  /** The deck's own daily limits, null where it follows its preset. */
  newPerDay: number | null;
  reviewsPerDay: number | null;
  /** Cards buried by hand in the deck and below it, until tomorrow (Unbury brings them back). */
  buried: number;
  children: DeckNode[];
}

export interface TodaySummary {
  /** Study day index (days since 1970-01-01 in the user's days, shifted by the day-start hour). */
  day: number;
  reviews: number;
  newCards: number;
  againCount: number;
  timeMs: number;
}

export interface DeckList {
  decks: DeckNode[];
  today: TodaySummary;
}

export interface IntervalPreview {
  rating: Rating;
  /** Milliseconds from now until the card would be due again. */
  intervalMs: number;
  /** Short label for a button: `10m`, `1d`, `3.5mo`. */
  label: string;
}

export interface StudyCard {
  cardId: string;
  noteId: string;
  deckId: string;
  deckName: string;
  noteType: NoteTypeName | 'anki';
  kind: CardKind;
  /** Rendered HTML of the question side. Untrusted: the renderer sanitizes before showing. */
  front: string;
  /** Rendered HTML of the answer side (question included where the note type says so). */
  back: string;
  /** Key-points cards: each point rendered to HTML, in order. */
  keyPoints?: string[];
  tags: string[];
  flag: number;
  previews: IntervalPreview[];
}

export interface NextCardResult {
  card: StudyCard | null;
  counts: DeckCounts;
  /** When nothing is due now but learning cards come back later today: when the next one is due (ms epoch). */
  nextLearningDue: number | null;
  today: TodaySummary;
}

/** One line of "what is due": enough to list it and study it. */
export interface DueCard {
  cardId: string;
  deckId: string;
  deckName: string;
  kind: CardKind;
  due: number;
  /** The question as plain text, shortened. */
  question: string;
}

export interface AnswerResult {
  cardId: string;
  rating: Rating;
  /** When the card is due next (ms epoch). */
  due: number;
  intervalLabel: string;
  /** The answer made the card a leech: it was tagged and suspended. */
  leech: boolean;
  /** How many answers can now be undone. */
  undoDepth: number;
  /** The next card, when asked for with the answer. */
  next?: NextCardResult;
}

export interface UndoResult {
  /** The card whose answer was taken back, or null when there was nothing to undo (or it was a bulk change). */
  cardId: string | null;
  rating: Rating | null;
  /** A bulk change that was taken back: "suspend 12 cards" (suspend and bury from study are bulk changes too). */
  action?: string;
  /** With `action`: the cards it put back (the first 100), so study can show a card it set aside again. */
  cardIds?: string[];
  /** What was taken back, in words ("answer “Good”", "suspend 1 card", "import deck.apkg"); null when nothing was. */
  label: string | null;
  undoDepth: number;
  /** What the next undo would take back, for the Undo buttons and the Edit menu. */
  next: string | null;
}

/** A change to decks (create, rename, move, delete, options, unbury): what it did, for the message that offers undo. */
export interface DeckChangeResult {
  /** False when it would have changed nothing (a rename to the same name). */
  changed: boolean;
  label: string;
  /** The deck the change was about (the new one, after a create). */
  deckId: string;
  undoDepth: number;
}

/** What deleting a deck takes away: asked before the deck goes. */
export interface DeckDeletion {
  name: string;
  /** The deck and the decks below it. */
  decks: number;
  cards: number;
  notes: number;
  /** Reviews of those cards: they leave the statistics with the cards (the journal keeps them). */
  reviews: number;
}

export interface Preset {
  id: string;
  name: string;
  desiredRetention: number;
  maximumIntervalDays: number;
  /** Steps like `1m`, `10m`, `1h`, `1d`. */
  learningSteps: string[];
  relearningSteps: string[];
  newPerDay: number;
  reviewsPerDay: number;
  fuzz: boolean;
  leechThreshold: number;
  /** FSRS-6 weights (21 numbers); null means the defaults. */
  weights: number[] | null;
}

export type Theme = 'light' | 'dark' | 'system';

export interface Settings {
  /** Hour (0-23, local time) at which a new study day begins. */
  dayStartHour: number;
  theme: Theme;
  /** How many daily backups to keep. */
  backupsToKeep: number;
  /** Across all decks: new cards and reviews a day at most (null: only the decks' own limits). */
  newPerDayAll: number | null;
  reviewsPerDayAll: number | null;
  /** Within the fuzz range, prefer the day with the fewest cards due (weighted by easy days). */
  loadBalance: boolean;
  /**
   * Weight of each weekday for load balancing, Sunday first (JavaScript's getDay order): 1 normal,
   * 0.5 reduced, 0 as light as possible. All 1 by default (no easy days chosen).
   */
  easyDays: number[];
  /**
   * Anki's "limits start from top": a deck studied on its own also obeys its parents' daily limits.
   * Off (Anki's default), only the deck's own limits and its children's apply.
   */
  limitsStartFromTop: boolean;
}

export interface NoteView {
  id: string;
  deckId: string;
  type: NoteTypeName | 'anki';
  fields: Record<string, string>;
  tags: string[];
  created: number;
  modified: number;
}

export interface ReviewView {
  at: number;
  rating: Rating;
  kind: CardKind;
  durationMs: number;
  /** Interval scheduled by this review, in days (0 for intraday steps). */
  scheduledDays: number;
  stability: number;
  difficulty: number;
  /** Recall probability predicted just before this review (null for a new card). */
  retrievability: number | null;
  due: number;
}

export interface CardStateView {
  kind: CardKind;
  due: number;
  stability: number;
  difficulty: number;
  retrievability: number | null;
  scheduledDays: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
  suspended: boolean;
  buried: boolean;
  flag: number;
}

export interface NotePreview {
  /** Each card the note would make, rendered (untrusted HTML). */
  cards: { ord: number; front: string; back: string; keyPoints?: string[] }[];
  /** What is wrong with the fields, if anything, and where. */
  problem: { field: string; message: string } | null;
  /** Notes that already ask the same question. */
  duplicates: { noteId: string; deckName: string; question: string }[];
}

export interface CardInfo {
  cardId: string;
  noteId: string;
  ord: number;
  deckId: string;
  deckName: string;
  note: NoteView;
  state: CardStateView;
  history: ReviewView[];
  front: string;
  back: string;
  /** Predicted recall from the last review on, for a forgetting-curve plot: days after it, probability. */
  curve: { days: number; retrievability: number }[];
}

export interface Damage {
  file: string;
  /** Human position: `line 12 (byte 3456)`. */
  position: string;
  problem: string;
  /**
   * Damage in the journal after the snapshot: the folder can go on from the last good line, setting
   * the damaged line and the `entriesAfter` - 1 after it aside.
   */
  keepBefore?: { entriesAfter: number };
}

export interface BackupInfo {
  name: string;
  createdAt: number;
  bytes: number;
}

/** A daily backup that failed: when, and why (the error as the system gave it). */
export interface BackupFailure {
  at: number;
  message: string;
}

/** Why the data folder was opened read-only: it could not be written (`read_only`) or its disk is full. */
export interface ReadOnlyReason {
  code: 'read_only' | 'disk_full';
  message: string;
}

/** A way back from damaged data and what it keeps; a list of them is ordered best first. */
export interface WayBack {
  /** `rebuild` from the journal, `cut` the journal at its damaged line, `restore` a backup. */
  kind: 'rebuild' | 'cut' | 'restore';
  /** The backup it brings back (restore only). */
  backup?: { name: string; createdAt: number };
  /** Reviews in the collection once it is taken. */
  reviews: number;
  /** What it keeps, in a few words: "rebuild: all 3,583 reviews", "backup of 2 Dec 2026, 10:00: 26 reviews". */
  label: string;
  /** What taking it does, in a sentence. */
  detail: string;
  /** The command line that takes it: `interleave rebuild`. */
  command: string;
}

export interface DataStatus {
  ok: boolean;
  dataDir: string;
  /** Present when the folder can only be read: the collection is shown, changes are refused. */
  readOnly?: ReadOnlyReason | null;
  /** Things recovered from on open, such as a torn last journal line. */
  warnings: string[];
  damage: Damage | null;
  /** When damaged: every way back with what it keeps, best first. */
  waysBack?: WayBack[];
  backups: BackupInfo[];
  /** The last daily backup (or the journal check before it) that failed; null once one succeeds. */
  backupFailure: BackupFailure | null;
  /** How many answers can be undone right now. */
  undoDepth: number;
  /** What undo would take back now, in words; null when nothing can be undone. */
  undoLabel: string | null;
}

export interface CheckReport {
  ok: boolean;
  snapshot: { file: string; ok: boolean; covers: number; problem: string | null };
  journal: { file: string; ok: boolean; entries: number; problem: string | null; tornTail: boolean };
  cards: number;
  notes: number;
  reviews: number;
  /** When something is damaged: every way back with what it keeps, best first. */
  waysBack?: WayBack[];
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/**
 * How the schedules of cards already in the collection were settled when a file that carries its own
 * schedules (an Anki package) was imported again.
 */
export interface ScheduleMerge {
  /** Not studied here since the last import: now on the file's latest schedule. */
  fromFile: number;
  /** Studied here since, and not in the file: the schedule from here kept. */
  studiedHere: number;
  /** Studied in both places: the file's newer review won, its schedule taken. */
  newerInFile: number;
  /** Studied in both places: the newer review was here, the schedule from here kept. */
  newerHere: number;
}

export interface ImportSummary {
  file: string;
  format: string;
  dryRun: boolean;
  decks: string[];
  /** Ids of the decks the notes went into, for a link to them. */
  deckIds: string[];
  notes: ImportCounts;
  cards: ImportCounts;
  reviews: ImportCounts;
  media: ImportCounts;
  /** Present when cards already in the collection came again with their own schedules. */
  schedules?: ScheduleMerge;
  /** Why things were skipped or kept, each with where. */
  messages: string[];
  /** The first cards as they will look (untrusted HTML, sanitised by the renderer). */
  preview: { cardId: string; front: string; back: string }[];
  /** A finished import that changed something: undo({ seq }) removes what it added. */
  undoSeq?: number;
  /** Delimited text: the columns found and how they were mapped, for the mapping step. */
  columns?: { names: string[]; rows: string[][]; delimiter: string; hasHeader: boolean; mapping: Record<string, number | number[] | undefined> };
}

export interface ImportJob {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** What is happening now, for people: "reading the file", "writing media files" … */
  phase: string;
  /** 0 to 1. */
  progress: number;
  summary: ImportSummary | null;
  error: { code: string; message: string; where?: { file?: string; line?: number; column?: number; field?: string } } | null;
}

export interface ExportSummary {
  format: 'md' | 'csv' | 'tsv' | 'apkg' | 'backup';
  /** Where the files were written (exportTo) or their names (exportData). */
  paths: string[];
  notes: number;
  cards: number;
  reviews: number;
  media: number;
  messages: string[];
}

/** One row of the card browser. */
export interface BrowserRow {
  cardId: string;
  noteId: string;
  /** Plain text, for sorting, tooltips and the CLI. */
  question: string;
  /** The same line with its formulas drawn (untrusted HTML: the renderer sanitises it). */
  questionHtml: string;
  deckName: string;
  tags: string[];
  kind: CardKind;
  due: number;
  intervalDays: number;
  stability: number;
  difficulty: number;
  retrievability: number | null;
  reviews: number;
  lapses: number;
  added: number;
  suspended: boolean;
  buried: boolean;
  flag: number;
}

export const BROWSER_COLUMNS = ['question', 'deck', 'tags', 'due', 'interval', 'stability', 'difficulty', 'retrievability', 'reviews', 'lapses', 'added'] as const;
export type BrowserColumn = (typeof BROWSER_COLUMNS)[number];

export interface SearchResult {
  query: string;
  total: number;
  /** Every matching card, in the requested order (for selecting all and for scrolling). */
  ids: string[];
  /** The first rows, in the same order. */
  rows: BrowserRow[];
}

/** A flagship project the learner named: told with the same scope and numbers in every round. */
export interface FlagshipProject {
  id: string;
  name: string;
  /** What it was, the team, and the learner's part in it. */
  scope: string;
  /** The figures to quote, the same every time. */
  numbers: string;
  created: number;
  modified: number;
}

/** One story prompt: the learner's own story once answered, a prompt waiting for it until then. */
export interface StoryPrompt {
  noteId: string;
  deckId: string;
  deckName: string;
  /** The prompt as plain text. */
  prompt: string;
  /** Its `round::` tags. */
  rounds: string[];
  /** The Project field as written ('' when none). */
  project: string;
  /** At least one of Situation, Task, Action, Result and Evidence holds text: the prompt is studied. */
  answered: boolean;
  /** How many of the five parts hold text. */
  parts: number;
  /** The card it makes once answered; null while it waits. */
  cardId: string | null;
}

export interface StoriesView {
  /** Every story note, in the order the collection holds them (a deck file's order). */
  prompts: StoryPrompt[];
  /** Prompts waiting for the learner's story: listed here, never scheduled. */
  waiting: number;
  answered: number;
  /** The learner's flagship projects, each with the stories that name it. */
  projects: { project: FlagshipProject; noteIds: string[] }[];
  /** Project names stories use that are not on the list (a typo, or a project to add). */
  unlisted: { name: string; noteIds: string[] }[];
}
