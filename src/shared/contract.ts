// The one API table: every method's input schema (validated at each transport) and result type.
import { z } from 'zod';
import type {
  AnswerResult,
  BrowserRow,
  BackupInfo,
  CardInfo,
  CheckReport,
  DataStatus,
  DeckChangeResult,
  DeckDeletion,
  DeckList,
  DueCard,
  ExportSummary,
  FlagshipProject,
  ImportJob,
  ImportSummary,
  NextCardResult,
  NotePreview,
  NoteView,
  Preset,
  SearchResult,
  Settings,
  StoriesView,
  UndoResult,
} from './dto';
import type { AllStats } from './statistics';
import type { Calibration, InterviewPlan, OptimizeJob, Readiness, Simulation } from './planning';
import { BROWSER_COLUMNS, RATINGS } from './dto';

const id = z.string().min(1).max(200);
const tag = z.string().min(1).max(200).regex(/^\S+$/, 'a tag has no spaces');
const ids = z.array(id).min(1).max(100_000);
/**
 * Learning steps are shorter than a day: ts-fsrs turns a step of a day or more into a review and
 * loses the step, so days are left to FSRS's own intervals.
 */
const step = z
  .string()
  .regex(/^\d+(\.\d+)?[mh]$/, 'a step is a number followed by m or h, e.g. 10m or 2h (intervals of days are FSRS’s to choose)')
  .refine((value) => (value.endsWith('h') ? Number(value.slice(0, -1)) * 60 : Number(value.slice(0, -1))) < 1440, 'a step must be shorter than a day');

export const presetSchema = z.object({
  id,
  name: z.string().min(1).max(100),
  desiredRetention: z.number().min(0.7).max(0.99),
  maximumIntervalDays: z.number().int().min(1).max(36_500),
  learningSteps: z.array(step).max(10),
  relearningSteps: z.array(step).max(10),
  newPerDay: z.number().int().min(0).max(9999),
  reviewsPerDay: z.number().int().min(0).max(99_999),
  fuzz: z.boolean(),
  leechThreshold: z.number().int().min(1).max(99),
  weights: z.array(z.number().finite()).length(21).nullable(),
}) satisfies z.ZodType<Preset>;

export const settingsSchema = z.object({
  dayStartHour: z.number().int().min(0).max(23),
  theme: z.enum(['light', 'dark', 'system']),
  backupsToKeep: z.number().int().min(1).max(365),
  newPerDayAll: z.number().int().min(0).max(9999).nullable(),
  reviewsPerDayAll: z.number().int().min(0).max(99_999).nullable(),
  loadBalance: z.boolean(),
  easyDays: z.array(z.number().min(0).max(1)).length(7),
  limitsStartFromTop: z.boolean(),
}) satisfies z.ZodType<Settings>;

/** A date and time: ms since the epoch, or an ISO-8601 string (2027-03-03T09:00, with or without a zone). */
const instant = z.union([z.number().int().min(0).max(8.64e15), z.string().min(4).max(40)]);

const planSchema = z
  .object({
    /** Changing an existing interview: its id. A new one gets an id from its name. */
    id: id.optional(),
    name: z.string().trim().min(1, 'give the interview a name').max(100),
    at: instant,
    deckIds: z.array(id).max(200).optional(),
    tags: z.array(tag).max(200).optional(),
    minutesPerDay: z.number().int().min(5, 'at least 5 minutes a day').max(600, 'at most 600 minutes a day').optional(),
    targetRecall: z.number().min(0.7, 'a target recall of at least 70%').max(0.99, 'a target recall of at most 99%').optional(),
    bufferDays: z.number().int().min(0).max(30).optional(),
  })
  .strict();

const empty = z.object({}).strict();

const columnMapping = z
  .object({
    front: z.number().int().min(0).max(999),
    back: z.number().int().min(0).max(999),
    tags: z.number().int().min(0).max(999).optional(),
    deck: z.number().int().min(0).max(999).optional(),
    guid: z.number().int().min(0).max(999).optional(),
    notetype: z.number().int().min(0).max(999).optional(),
    extra: z.array(z.number().int().min(0).max(999)).max(50).optional(),
  })
  .strict();

const importOptions = {
  /** Put every note in this deck. */
  deckName: z.string().min(1).max(500).optional(),
  /** Show what would happen; change nothing. */
  dryRun: z.boolean().optional(),
  /** Notes already in the collection: update them (default) or leave them as they are. */
  existing: z.enum(['update', 'skip']).optional(),
  /** Delimited text: which column is what, whether the first row is a header, the separator. */
  mapping: columnMapping.optional(),
  hasHeader: z.boolean().optional(),
  delimiter: z.string().min(1).max(5).optional(),
};

const exportFormat = z.enum(['md', 'csv', 'tsv', 'apkg', 'backup']);

/** Input schema of every method. Adding a method means adding it here and to `Results`. */
export const contract = {
  status: empty,
  check: empty,
  listDecks: empty,
  /** `prefer` shows that card if it is available (after an undo, the card taken back). */
  /** Study a deck (or every deck), today's plan of an interview, or chosen cards (the ones at risk). */
  nextCard: z.object({ deckId: id.optional(), planId: id.optional(), cardIds: z.array(id).min(1).max(500).optional(), prefer: id.optional() }).strict(),
  listDue: z.object({ deckId: id.optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
  answer: z
    .object({
      cardId: id,
      rating: z.enum(RATINGS),
      durationMs: z.number().int().min(0).max(86_400_000).optional(),
      /** Key-points cards: indexes of the points the learner ticked. */
      checkedPoints: z.array(z.number().int().min(0).max(99)).max(100).optional(),
      /** Also return the next card to study, saving the screen a round trip. */
      next: z.object({ deckId: id.optional(), planId: id.optional(), cardIds: z.array(id).min(1).max(500).optional() }).strict().optional(),
    })
    .strict(),
  /** Takes back the last change; with `seq`, that change (an import, from its summary) wherever it is on the stack. */
  undo: z.object({ seq: z.number().int().min(1).optional() }).strict(),
  /** Creating, renaming, moving, deleting, setting up and unburying decks; every change can be undone. */
  changeDeck: z
    .object({
      change: z.discriminatedUnion('action', [
        z.object({ action: z.literal('create'), name: z.string().min(1).max(500) }).strict(),
        z.object({ action: z.literal('rename'), deckId: id, name: z.string().min(1).max(500) }).strict(),
        z.object({ action: z.literal('move'), deckId: id, parentId: id.nullable() }).strict(),
        z.object({ action: z.literal('delete'), deckId: id }).strict(),
        z
          .object({
            action: z.literal('options'),
            deckId: id,
            presetId: id.optional(),
            newPerDay: z.number().int().min(0).max(9999).nullable().optional(),
            reviewsPerDay: z.number().int().min(0).max(99_999).nullable().optional(),
          })
          .strict(),
        z.object({ action: z.literal('unbury'), deckId: id }).strict(),
      ]),
    })
    .strict(),
  /** What deleting a deck would take away, to ask first. */
  deckDeletion: z.object({ deckId: id }).strict(),
  suspend: z.object({ cardIds: ids }).strict(),
  unsuspend: z.object({ cardIds: ids }).strict(),
  bury: z.object({ cardIds: ids }).strict(),
  unbury: z.object({ cardIds: ids }).strict(),
  getCard: z.object({ cardId: id }).strict(),
  /** Many cards at once (the browser); every bulk change can be undone with `undo`. */
  bulk: z
    .object({
      cardIds: ids,
      change: z.discriminatedUnion('action', [
        z.object({ action: z.literal('suspend') }).strict(),
        z.object({ action: z.literal('unsuspend') }).strict(),
        z.object({ action: z.literal('addTags'), tags: z.array(tag).min(1).max(50) }).strict(),
        z.object({ action: z.literal('removeTags'), tags: z.array(tag).min(1).max(50) }).strict(),
        z.object({ action: z.literal('move'), deckId: id }).strict(),
        z.object({ action: z.literal('setDue'), fromDays: z.number().int().min(0).max(36_500), toDays: z.number().int().min(0).max(36_500) }).strict(),
        z.object({ action: z.literal('forget') }).strict(),
        z.object({ action: z.literal('flag'), flag: z.number().int().min(0).max(7) }).strict(),
        z.object({ action: z.literal('delete') }).strict(),
      ]),
    })
    .strict(),
  addNote: z
    .object({
      deckId: id,
      type: z.enum(['basic', 'reverse', 'cloze', 'keypoints', 'story']),
      fields: z.record(z.string().min(1).max(100), z.string().max(200_000)),
      tags: z.array(tag).max(200).optional(),
    })
    .strict(),
  /** The editor's live preview: every card a note with these fields would make, rendered. */
  previewNote: z
    .object({
      /** `anki`: an imported note (give its `noteId`), drawn with its own note type's templates. */
      type: z.enum(['basic', 'reverse', 'cloze', 'keypoints', 'story', 'anki']),
      fields: z.record(z.string().min(1).max(100), z.string().max(200_000)),
      /** Editing an existing note: leave it out of the duplicate check. */
      noteId: id.optional(),
    })
    .strict(),
  search: z
    .object({
      query: z.string().max(2000),
      sort: z.enum(BROWSER_COLUMNS).optional(),
      order: z.enum(['asc', 'desc']).optional(),
      limit: z.number().int().min(0).max(1000).optional(),
    })
    .strict(),
  browseRows: z.object({ cardIds: z.array(id).max(1000) }).strict(),
  stats: z.object({ deckId: id.optional(), range: z.union([z.literal(30), z.literal(90), z.literal(365)]).optional() }).strict(),
  listTags: z.object({ prefix: z.string().max(200).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  getNote: z.object({ noteId: id }).strict(),
  editNote: z
    .object({
      noteId: id,
      fields: z.record(z.string().min(1).max(100), z.string().max(200_000)),
      tags: z.array(tag).max(200).optional(),
    })
    .strict(),
  getSettings: empty,
  updateSettings: settingsSchema.partial().strict(),
  listPresets: empty,
  savePreset: presetSchema.strict(),
  deletePreset: z.object({ presetId: id }).strict(),
  setDeckPreset: z.object({ deckId: id, presetId: id }).strict(),
  listBackups: empty,
  restoreBackup: z.object({ name: z.string().regex(/^[\w.-]+$/, 'a backup name is one folder name') }).strict(),
  rebuildFromJournal: empty,
  /** After damage in the journal's tail: keep everything before the damaged line, set the rest aside. */
  keepJournalUntilDamage: empty,
  importFile: z.object({ path: z.string().min(1).max(4096), ...importOptions }).strict(),
  /** The app's picker and drag and drop: the file's bytes travel with the call. */
  importBytes: z
    .object({
      name: z.string().min(1).max(500),
      base64: z.string().max(700 * 1024 * 1024),
      ...importOptions,
    })
    .strict(),
  /** The app's import: runs in the background; poll importJob for progress, cancel with cancelImport. */
  startImport: z
    .object({
      /** A path: only from the app itself (the CLI, tests), never from a window. */
      path: z.string().min(1).max(4096).optional(),
      /** The token the desktop app's own file dialog gave the window for the file picked. */
      file: z.string().regex(/^[0-9a-f]{32}$/, 'a picked-file token').optional(),
      name: z.string().min(1).max(500).optional(),
      base64: z.string().max(700 * 1024 * 1024).optional(),
      ...importOptions,
    })
    .strict()
    .refine((input) => [input.path !== undefined, input.file !== undefined, input.base64 !== undefined && input.name !== undefined].filter(Boolean).length === 1, {
      message: 'give one of: a path, a picked-file token, or a name and the file as base64',
    }),
  /**
   * A file picked or dropped in the window, sent once: its previews and its import then name it by the
   * token this returns (as `file` in startImport), so changing an option does not upload it again.
   */
  stageImport: z.object({ name: z.string().min(1).max(500), base64: z.string().max(700 * 1024 * 1024) }).strict(),
  importJob: z.object({ jobId: id }).strict(),
  cancelImport: z.object({ jobId: id }).strict(),
  exportTo: z.object({ format: exportFormat, deckId: id.optional(), path: z.string().min(1).max(4096) }).strict(),
  /** The app's Export: the bytes come back for the window to save as a download. */
  exportData: z.object({ format: exportFormat, deckId: id.optional() }).strict(),
  // --- the interview planner and the memory model ---
  listPlans: empty,
  savePlan: planSchema,
  deletePlan: z.object({ planId: id }).strict(),
  /** Recall at an interview (the next one ahead by default) or at a date: stop now, and with the plan. */
  readiness: z.object({ planId: id.optional(), at: instant.optional() }).strict(),
  /** Workload and recall for each desired retention, for a preset's cards or a plan's scope. */
  simulate: z.object({ presetId: id.optional(), planId: id.optional(), days: z.number().int().min(1).max(3650).optional() }).strict(),
  calibration: z.object({ deckId: id.optional() }).strict(),
  /** Fits a preset's FSRS weights to its cards' history in the background; poll optimizeJob. */
  optimizeStart: z.object({ presetId: id }).strict(),
  optimizeJob: z.object({ jobId: id }).strict(),
  optimizeCancel: z.object({ jobId: id }).strict(),
  /** Saves the weights a finished job found better, rescheduling the preset's cards (undoable). */
  optimizeApply: z.object({ jobId: id }).strict(),
  /** Story prompts (waiting and answered) and the flagship projects they are told about. */
  listStories: z.object({ deckId: id.optional() }).strict(),
  listProjects: empty,
  /** Names a flagship project, or changes one (`id`); a new name moves the stories that named the old one with it. */
  saveProject: z
    .object({
      id: id.optional(),
      name: z.string().trim().min(1, 'a project needs a name').max(100),
      scope: z.string().max(5000).optional(),
      numbers: z.string().max(5000).optional(),
    })
    .strict(),
  deleteProject: z.object({ projectId: id }).strict(),
} as const;

export interface Results {
  status: DataStatus;
  check: CheckReport;
  listDecks: DeckList;
  nextCard: NextCardResult;
  listDue: DueCard[];
  answer: AnswerResult;
  undo: UndoResult;
  changeDeck: DeckChangeResult;
  deckDeletion: DeckDeletion;
  suspend: { changed: number };
  unsuspend: { changed: number };
  bury: { changed: number };
  unbury: { changed: number };
  getCard: CardInfo;
  bulk: { changed: number; label: string; undoDepth: number };
  addNote: NoteView;
  previewNote: NotePreview;
  listTags: { tag: string; notes: number }[];
  search: SearchResult;
  browseRows: BrowserRow[];
  stats: AllStats;
  getNote: NoteView;
  editNote: NoteView;
  getSettings: Settings;
  updateSettings: Settings;
  listPresets: Preset[];
  savePreset: Preset;
  deletePreset: { deleted: boolean };
  setDeckPreset: { deckId: string; presetId: string };
  listBackups: BackupInfo[];
  restoreBackup: DataStatus;
  rebuildFromJournal: DataStatus;
  keepJournalUntilDamage: DataStatus;
  importFile: ImportSummary;
  importBytes: ImportSummary;
  startImport: { jobId: string };
  stageImport: { file: string };
  importJob: ImportJob;
  cancelImport: { cancelled: boolean };
  exportTo: ExportSummary;
  exportData: ExportSummary & { files: { name: string; base64: string }[] };
  listPlans: InterviewPlan[];
  savePlan: InterviewPlan;
  deletePlan: { deleted: boolean };
  readiness: Readiness;
  simulate: Simulation;
  calibration: Calibration;
  optimizeStart: { jobId: string };
  optimizeJob: OptimizeJob;
  optimizeCancel: { cancelled: boolean };
  optimizeApply: { applied: boolean; rescheduled: number; undoDepth: number; message: string };
  listStories: StoriesView;
  listProjects: FlagshipProject[];
  saveProject: FlagshipProject;
  deleteProject: { deleted: boolean };
}

export type Method = keyof typeof contract;
export type Input<M extends Method> = z.input<(typeof contract)[M]>;
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]>;

/** The API as every caller sees it: one async function per method, one input object each. */
export type Api = { [M in Method]: (input: Input<M>) => Promise<Results[M]> };

/** The service side: receives inputs already validated by the transport. */
export type ApiHandlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Results[M]> | Results[M] };

export const methods = Object.keys(contract) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
