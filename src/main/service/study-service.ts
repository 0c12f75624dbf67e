// The service behind the contract: every method of the API, over the store and the pure core.
import { basename, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { bytesSource, openRegularFile, type ByteSource } from '../import/byte-source';
import { Collection, defaultSettings, newCollectionSettings, scheduleOf } from '../../core/collection/collection';
import { collectionDifference } from '../../core/collection/compare';
import { planBulk, type BulkAction } from '../../core/collection/bulk';
import { planAddNote } from '../../core/collection/note-add';
import { NoteEditProblem, planNoteEdit } from '../../core/collection/note-edit';
import { planUndo } from '../../core/collection/undo-plan';
import { undoLabel } from '../../core/collection/undo-entry';
import { DeckChangeProblem, deckDeletion, planDeckChange } from '../../core/collection/deck-changes';
import { duplicatesOf } from '../../core/notes/duplicates';
import { allStats } from '../../core/stats/all-stats';
import { preparingSearch, searchCards, SearchSyntaxError } from '../../core/search';
import { sortKey } from './browser-sort';
import { NOTE_TYPES, noteProblem } from '../../core/notes/note-types';
import { subtreeIds } from '../../core/collection/deck-tree';
import type { JournalEvent, ReviewEvent } from '../../core/collection/events';
import { CardState, type CardRecord, type NoteRecord } from '../../core/collection/types';
import { questionText } from '../../core/notes/question-text';
import { buildQueue, pickNext, type StudyQueue } from '../../core/queue/study-queue';
import { cardListQueue } from '../../core/queue/card-list-queue';
import { renderCard, type CardSides } from '../../core/render/card-html';
import { DEFAULT_PRESET_ID } from '../../core/scheduling/presets';
import { intervalLabel } from '../../core/scheduling/interval-label';
import { planPresetSave } from '../../core/scheduling/preset-change';
import { becameLeech, previewAll, retrievability, review, schedulerFor } from '../../core/scheduling/scheduler';
import type { Calendar } from '../../core/time/study-day';
import { studyDay, studyDayStart } from '../../core/time/study-day';
import { methods, type ApiHandlers, type Method, type ParsedInput, type Results } from '../../shared/contract';
import type { BrowserRow, CheckReport, ImportJob, ReviewView, StudyCard } from '../../shared/dto';
import { RATINGS } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { JOURNAL_FILE } from '../store/journal';
import { readSnapshot, SNAPSHOT_FILE } from '../store/snapshot-file';
import type { DailyBackup, DailyBackupOptions } from '../store/daily-backup';
import { Store } from '../store/store';
import { bestFirst, restoreWays } from '../store/ways-back';
import { exportCollection, writeExport, type ExportFormat } from '../export/export-collection';
import { updateBuiltinDecks } from './builtin-decks';
import { ImportCancelled, runImport } from './import-runner';
import { DEFAULT_LIMITS, type ImportLimits } from '../../core/import/bundle';
import { systemCalendar } from './calendar';
import { cardStateView, deckLabel, gradeOf, kindOf, noteView, ratingName } from './present';
import { readableText } from './readable-text';
import type { ServiceContext } from './service-context';
import { DueLoadTracker } from './due-load';
import { QueueTracker } from './queue-tracker';
import { DeckListKeeper } from './deck-list';
import { PlannerHandlers } from '../planner/planner-handlers';
import { OptimizerHandlers, type FitRunner } from '../optimizer/optimizer-handlers';
import { storyHandlers } from './stories';
import { questionLine } from '../../core/render/question-line';
import { keptText } from './kept-text';
import { builtinTopicTitles } from './syllabus';

export interface ServiceOptions {
  dataDir: string;
  /** The clock; the CLI's --now and tests replace it. */
  now?: () => number;
  /** Folder of built-in deck files installed into a new collection (null: none). */
  builtinDecksDir: string | null;
  /** Local time zone as a calendar; the system's by default. */
  calendar?: (dayStartHour: number) => Calendar;
  purpose?: string;
  /** Passed to the store: snapshot after this many events. */
  snapshotEvery?: number;
  /** How the optimizer runs a fit (a child process by default; the CLI and tests may run it in-process). */
  fitRunner?: FitRunner;
  /** The learner confirmed taking over a lock left by another host name (`--take-over-lock`, the app's button). */
  takeOverLock?: boolean;
  /** Import limits (the collection held in memory, one media file, all media), each defaulting to DEFAULT_LIMITS. */
  importLimits?: Partial<ImportLimits>;
  /**
   * Where files to import are read: in a child process (the default: the app and browser mode keep
   * answering, and the reading's memory is not theirs), or in this process (the CLI, most tests).
   */
  importReader?: 'child' | 'in-process';
}

/** A file to import is read a piece at a time; what it may unpack to is bounded by the import limits. */
const MAX_IMPORT_BYTES = 64 * 1024 ** 3;
/** Files sent by a window and kept for their previews and import. */
const STAGED_FILES = 3;
/** An undo of a bulk change names at most this many of the cards it put back. */
const UNDO_CARD_IDS = 100;

type Handler<M extends keyof ApiHandlers> = (input: ParsedInput<M>) => Promise<Results[M]>;

/**
 * The methods that change the collection. While an import's journal line is written (beside the
 * event loop, so reading goes on), they wait for it before they look at the collection: planned
 * and committed after it, they come after it in the journal too.
 */
const CHANGES = [
  'savePlan',
  'deletePlan',
  'optimizeApply',
  'restoreBackup',
  'keepJournalUntilDamage',
  'rebuildFromJournal',
  'answer',
  'undo',
  'bulk',
  'addNote',
  'suspend',
  'unsuspend',
  'bury',
  'unbury',
  'editNote',
  'updateSettings',
  'savePreset',
  'deletePreset',
  'setDeckPreset',
  'saveProject',
  'deleteProject',
] as const satisfies readonly (keyof ApiHandlers)[];

/**
 * The reads a snapshot's head can answer while the rest of the collection is still being read
 * after opening: they look at decks, cards, presets, settings, the undo stack, today's reviews and
 * the one note of the card they show. Every other method waits for the whole collection.
 */
/** How long after a card is handed out the cards likely to follow it are rendered: once its reply is on its way, well before a learner answers. */
export const RENDER_AHEAD_AFTER_MS = 15;

const FROM_HEAD = ['status', 'listBackups', 'listDecks', 'nextCard', 'getSettings', 'listPresets'] as const satisfies readonly Method[];

export class StudyService implements ApiHandlers {
  readonly store: Store;
  private readonly now: () => number;
  private readonly makeCalendar: (dayStartHour: number) => Calendar;
  /**
   * The card drawn last, so that one asked for again at once (the window asking twice) is not drawn
   * again. Only the last: every drawn card kept past a hundred answers or so was moved to the old
   * generation, and a cache of 2,000 made most of what piled up there while answering (tens of
   * megabytes of peak memory over a long session); a card back later is drawn again in a millisecond or two.
   */
  private lastDrawn: { cardId: string; modified: number; sides: CardSides } | null = null;
  private readonly dueLoad = new DueLoadTracker();
  private readonly queues = new QueueTracker();
  private readonly deckList = new DeckListKeeper();

  /** The domains that live in their own folders, each given what it needs of the service. */
  readonly planner: PlannerHandlers;
  readonly optimizer: OptimizerHandlers;

  private readonly importLimits: ImportLimits;
  private readonly readInChild: boolean;

  private constructor(store: Store, options: ServiceOptions) {
    this.store = store;
    this.importLimits = { ...DEFAULT_LIMITS, ...options.importLimits };
    this.readInChild = (options.importReader ?? 'child') === 'child';
    this.now = options.now ?? Date.now;
    this.makeCalendar = options.calendar ?? systemCalendar;
    const context: ServiceContext = {
      col: () => this.col,
      now: () => this.now(),
      calendar: () => this.calendar,
      commit: (event) => this.commit(event),
      historyIncomplete: () => this.store.historyIncomplete,
      question: (card, max) => this.question(card, max),
      deckName: (deckId) => deckLabel(this.col, deckId).name,
    };
    this.planner = new PlannerHandlers(context);
    this.optimizer = new OptimizerHandlers(context, options.fitRunner);
    const handlers = this as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    for (const name of CHANGES) {
      const handler = handlers[name]!;
      handlers[name] = async (input) => {
        await this.store.idle();
        return handler(input);
      };
    }
    for (const name of methods) {
      if ((FROM_HEAD as readonly string[]).includes(name)) continue;
      const handler = handlers[name]!;
      handlers[name] = async (input) => {
        await this.whole();
        return handler(input);
      };
    }
  }

  /** Calls waiting for the whole collection; a read that could answer from the head waits behind them, so no call overtakes an earlier one. */
  private waiting = 0;

  /** Resolves when the collection is whole (at once, unless it is still being read after opening). */
  private async whole(): Promise<void> {
    if (!this.store.loading) return;
    this.waiting++;
    try {
      await this.store.loaded();
    } finally {
      this.waiting--;
    }
  }

  /**
   * The collection for a read the head can answer: as far as it is read when no earlier call waits
   * and (for reads of today's activity) the head's reviews cover today; otherwise, whole.
   */
  private async readable(needsToday: boolean): Promise<Collection> {
    if (this.store.loading) {
      const calendar = this.calendar;
      const today = needsToday ? studyDayStart(calendar, studyDay(calendar, this.now())) : Number.POSITIVE_INFINITY;
      // Nothing is read yet while a journal is replayed.
      if (this.waiting > 0 || !this.store.partialCollection || today < this.store.historyFrom) await this.whole();
    }
    return this.store.partialCollection ?? this.col;
  }

  // --- the interview planner and the optimizer (src/main/planner, src/main/optimizer) ---------

  listPlans: Handler<'listPlans'> = (input) => this.planner.listPlans(input);
  savePlan: Handler<'savePlan'> = (input) => this.planner.savePlan(input);
  deletePlan: Handler<'deletePlan'> = (input) => this.planner.deletePlan(input);
  readiness: Handler<'readiness'> = (input) => this.planner.readiness(input);
  simulate: Handler<'simulate'> = (input) => this.planner.simulate(input);
  calibration: Handler<'calibration'> = (input) => this.planner.calibration(input);
  optimizeStart: Handler<'optimizeStart'> = (input) => this.optimizer.optimizeStart(input);
  optimizeJob: Handler<'optimizeJob'> = (input) => this.optimizer.optimizeJob(input);
  optimizeCancel: Handler<'optimizeCancel'> = (input) => this.optimizer.optimizeCancel(input);
  optimizeApply: Handler<'optimizeApply'> = (input) => this.optimizer.optimizeApply(input);

  /** Opens the data folder; a new collection gets the built-in decks, an old one their updates. */
  static open(options: ServiceOptions): StudyService {
    const now = options.now ?? Date.now;
    let service: StudyService | null = null;
    const store = Store.open(options.dataDir, {
      now,
      // A snapshot's head keeps the reviews of the study day it was written on.
      recentFrom: (savedAt) => {
        const calendar = service?.calendar ?? (options.calendar ?? systemCalendar)(4);
        return studyDayStart(calendar, studyDay(calendar, savedAt));
      },
      purpose: options.purpose ?? 'interleave',
      ...(options.snapshotEvery ? { snapshotEvery: options.snapshotEvery } : {}),
      ...(options.takeOverLock ? { takeOverLock: true } : {}),
    });
    service = new StudyService(store, options);
    // A folder that can only be read is shown as it is: no settings, no deck updates written.
    if (store.readOnly) return service;
    const settle = () => {
      // A brand-new collection (nothing in its journal yet) starts with the settings meant for newcomers.
      const head = store.partialCollection;
      if (head && head.appliedSeq === 0) {
        store.commit({ type: 'settings', at: now(), settings: newCollectionSettings() });
      }
      // Only a deck file that changed needs the whole collection (read at once, as it always was).
      if (head && options.builtinDecksDir) {
        const warnings = updateBuiltinDecks(head.builtins, () => store.requireCollection(), options.builtinDecksDir, now(), (event) => store.commit(event));
        store.warnings.push(...warnings);
      }
    };
    // A journal being replayed is settled once it is in, before any call waiting for it is answered.
    if (store.loading && !store.partialCollection) store.whenWhole(settle);
    else settle();
    return service;
  }

  private get col(): Collection {
    return this.store.requireCollection();
  }

  private get calendar(): Calendar {
    return this.makeCalendar(this.store.partialCollection?.settings.dayStartHour ?? 4);
  }

  private commit(event: JournalEvent): number {
    return this.store.commit(event);
  }

  private card(cardId: string): CardRecord {
    const card = this.col.cards.get(cardId);
    if (!card) throw new AppError('not_found', `No card with id "${cardId}".`, { field: 'cardId' });
    return card;
  }

  private sides(card: CardRecord, col: Collection = this.col): CardSides {
    const note = col.notes.get(card.noteId);
    if (!note) throw new AppError('not_found', `Card "${card.id}" has no note.`);
    const last = this.lastDrawn;
    if (last && last.cardId === card.id && last.modified === note.modified) return last.sides;
    const sides = renderCard(note, card.ord, {
      ...(note.noteTypeId && col.noteTypes.has(note.noteTypeId) ? { noteType: col.noteTypes.get(note.noteTypeId)! } : {}),
      deckName: col.decks.get(card.deckId)?.name ?? '',
    });
    this.lastDrawn = { cardId: card.id, modified: note.modified, sides };
    return sides;
  }

  // --- status and recovery -------------------------------------------------------------------

  status: Handler<'status'> = async () => {
    // After a change still waiting for the whole collection, as it would have come after it; and
    // while a journal is replayed, once it is in (whether it is damaged is known only then).
    if (this.waiting > 0 || (this.store.loading && !this.store.partialCollection)) await this.whole();
    return this.statusNow();
  };

  private statusNow(): Results['status'] {
    return {
      ok: this.store.partialCollection !== null,
      dataDir: this.store.dataDir,
      readOnly: this.store.readOnly,
      warnings: [...this.store.warnings],
      damage: this.store.damage,
      ...(this.store.damage ? { waysBack: this.store.waysBack() } : {}),
      backups: this.backupInfos(),
      backupFailure: this.store.backupFailure,
      undoDepth: this.store.partialCollection?.undo.length ?? 0,
      undoLabel: this.undoLabel(),
    };
  }

  /** What undo would take back now, in words (the Edit menu's "Undo …"); null when nothing can be undone. */
  undoLabel(): string | null {
    const top = this.store.partialCollection?.undo.at(-1);
    return top ? undoLabel(top) : null;
  }

  private backupInfos() {
    return this.store.backups().map((entry) => ({ name: entry.name, createdAt: entry.manifest.createdAt, bytes: entry.bytes }));
  }

  listBackups: Handler<'listBackups'> = async () => this.backupInfos();

  restoreBackup: Handler<'restoreBackup'> = async ({ name }) => {
    await this.store.restoreBackup(name);
    this.lastDrawn = null;
    return this.status({});
  };

  keepJournalUntilDamage: Handler<'keepJournalUntilDamage'> = async () => {
    await this.store.keepJournalUntilDamage();
    this.lastDrawn = null;
    return this.status({});
  };

  rebuildFromJournal: Handler<'rebuildFromJournal'> = async () => {
    await this.store.rebuildFromJournal();
    this.lastDrawn = null;
    return this.status({});
  };

  /**
   * Verifies the snapshot on disk and the whole journal, then replays the journal from its first
   * line and compares the result with the collection in memory.
   */
  check: Handler<'check'> = async (): Promise<CheckReport> => {
    const snapshotRead = readSnapshot(this.store.snapshotPath);
    const snapshot = {
      file: this.store.snapshotPath,
      ok: snapshotRead.kind !== 'damaged',
      covers: snapshotRead.kind === 'ok' ? snapshotRead.data.journal.seq : 0,
      problem: snapshotRead.kind === 'damaged' ? `${snapshotRead.position}: ${snapshotRead.problem}` : null,
    };
    const replayed = new Collection();
    const all = this.store.scanAllEvents(({ seq, event }) => replayed.apply(seq, event));
    const journal = { file: this.store.journalPath, ok: all.problem === null, entries: all.count, problem: all.problem, tornTail: all.torn };
    let reviews = 0;
    if (journal.ok && this.store.collection) {
      const difference = collectionDifference(replayed, this.store.collection);
      if (difference) {
        journal.ok = false;
        journal.problem = `replaying the journal from the start does not give the collection in use (${difference})`;
      }
      reviews = replayed.history.activeCount;
    }
    const col = this.store.collection;
    const ok = snapshot.ok && journal.ok && this.store.damage === null;
    // The ways back: from the damage that stopped the open, or (the collection in use being intact)
    // the backups that hold a whole journal.
    const ways = ok ? [] : this.store.damage ? this.store.waysBack() : bestFirst(restoreWays(this.store.backups()));
    return {
      ok,
      snapshot,
      journal,
      cards: col?.cards.size ?? 0,
      notes: col?.notes.size ?? 0,
      reviews,
      ...(ok ? {} : { waysBack: ways }),
    };
  };

  // --- decks and the study queue -------------------------------------------------------------

  listDecks: Handler<'listDecks'> = async () => {
    const col = await this.readable(true);
    return this.deckList.list(col, this.now(), this.calendar);
  };

  nextCard: Handler<'nextCard'> = async ({ deckId, planId, cardIds, prefer }) => {
    // An interview's plan reads the whole history; chosen cards and decks only today's.
    if (planId !== undefined) await this.whole();
    const col = await this.readable(true);
    if (deckId !== undefined && !col.decks.has(deckId)) throw new AppError('not_found', `No deck with id "${deckId}".`, { field: 'deckId' });
    const now = this.now();
    // Chosen cards, today's plan of an interview, or a deck (and its children), or every deck.
    const queue =
      cardIds !== undefined
        ? cardListQueue(col, now, this.calendar, cardIds)
        : planId !== undefined
          ? this.planner.planQueue(planId)
          : this.queues.queue(col, now, this.calendar, deckId ?? null);
    const preferred = prefer !== undefined ? col.cards.get(prefer) : undefined;
    const card = preferred && !preferred.suspended && (preferred.buriedUntilDay ?? 0) <= queue.activity.day ? preferred : pickNext(queue, now);
    // Its note may still be on its way in: it is read now (without one, the collection is read whole, and says why).
    if (card && !this.store.note(card.noteId)) this.store.requireCollection();
    if (card) this.renderAhead(col, queue, card);
    return {
      card: card ? this.studyCard(card, now, col) : null,
      counts: queue.counts,
      nextLearningDue: card ? null : queue.nextLearningDue,
      today: queue.activity.summary,
    };
  };

  listDue: Handler<'listDue'> = async ({ deckId, limit }) => {
    const col = this.col;
    if (deckId !== undefined && !col.decks.has(deckId)) throw new AppError('not_found', `No deck with id "${deckId}".`, { field: 'deckId' });
    const now = this.now();
    const queue = buildQueue({ col, now, calendar: this.calendar }, deckId ?? null);
    const cards = [...queue.learning.filter((card) => card.due <= now), ...queue.reviews, ...queue.newCards];
    return cards.slice(0, limit ?? cards.length).map((card) => ({
      cardId: card.id,
      deckId: card.deckId,
      deckName: deckLabel(col, card.deckId).name,
      kind: kindOf(card.state),
      due: card.due,
      question: this.question(card),
    }));
  };

  private question(card: CardRecord, max = 120): string {
    const note = this.col.notes.get(card.noteId)!;
    return questionText(note, card.ord, max, note.noteTypeId ? this.col.noteTypes.get(note.noteTypeId) : undefined);
  }

  private aheadTimer: NodeJS.Timeout | null = null;

  /**
   * The cards that may follow `shown` (the first of each of the queue's lists), rendered at a pause
   * once the window has it: typesetting a card (Markdown, KaTeX) was a third of the service's time
   * from a key press to the next card, and the answer that brings one now only looks its sides up.
   */
  private renderAhead(col: Collection, queue: StudyQueue, shown: CardRecord): void {
    if (this.aheadTimer) clearTimeout(this.aheadTimer);
    const likely = [...queue.learning.slice(0, 2), ...queue.newCards.slice(0, 2), ...queue.reviews.slice(0, 2)].filter((card) => card !== shown);
    this.aheadTimer = setTimeout(() => {
      this.aheadTimer = null;
      if (this.store.partialCollection !== col) return;
      // A note not read yet is left to the answer that shows it.
      for (const card of likely) if (col.notes.has(card.noteId)) this.sides(card, col);
    }, RENDER_AHEAD_AFTER_MS);
    this.aheadTimer.unref();
  }

  private studyCard(card: CardRecord, now: number, col: Collection = this.col): StudyCard {
    const note = col.notes.get(card.noteId)!;
    const sides = this.sides(card, col);
    const preset = col.presetOf(card.deckId);
    const outcomes = previewAll(card, now, preset, this.calendar, card.id, this.dueLoad.load(col, this.calendar));
    return {
      cardId: card.id,
      noteId: note.id,
      deckId: card.deckId,
      deckName: deckLabel(col, card.deckId).name,
      noteType: note.type,
      kind: kindOf(card.state),
      front: sides.front,
      back: sides.back,
      ...(sides.keyPoints ? { keyPoints: sides.keyPoints } : {}),
      tags: [...note.tags],
      flag: card.flag,
      previews: outcomes.map((outcome, i) => ({
        rating: RATINGS[i]!,
        intervalMs: Math.max(0, outcome.due - now),
        label: intervalLabel(Math.max(0, outcome.due - now)),
      })),
    };
  }

  answer: Handler<'answer'> = async ({ cardId, rating, durationMs, checkedPoints, next }) => {
    const col = this.col;
    const card = this.card(cardId);
    if (card.suspended) throw new AppError('conflict', `Card "${cardId}" is suspended; unsuspend it to study it.`, { field: 'cardId' });
    const now = this.now();
    const preset = col.presetOf(card.deckId);
    const before = scheduleOf(card);
    const after = review(before, gradeOf(rating), now, preset, this.calendar, cardId, this.dueLoad.load(col, this.calendar));
    const leech = becameLeech(before, after, preset.leechThreshold);
    const event: ReviewEvent = {
      type: 'review',
      at: now,
      cardId,
      rating: gradeOf(rating),
      durationMs: durationMs ?? 0,
      prior: before.state,
      after,
      ...(leech ? { leech: true as const } : {}),
      ...(checkedPoints && checkedPoints.length ? { checked: [...new Set(checkedPoints)].sort((a, b) => a - b) } : {}),
    };
    const seq = this.commit(event);
    this.dueLoad.answered(before, after, seq, this.calendar);
    this.queues.answered(seq, event);
    const result = { cardId, rating, due: after.due, intervalLabel: intervalLabel(Math.max(0, after.due - now)), leech, undoDepth: col.undo.length };
    return next ? { ...result, next: await this.nextCard(next) } : result;
  };

  undo: Handler<'undo'> = async ({ seq }) => {
    const col = this.col;
    const last = seq === undefined ? col.undo[col.undo.length - 1] : col.undo.find((entry) => entry.seq === seq);
    if (!last) {
      if (seq !== undefined) throw new AppError('not_found', 'That change can no longer be undone: only the last 100 changes can be.', { field: 'seq' });
      return { cardId: null, rating: null, label: null, undoDepth: 0, next: null };
    }
    const event = planUndo(col, last, this.now());
    this.commit(event);
    const label = undoLabel(last);
    const after = { label, undoDepth: col.undo.length, next: this.undoLabel() };
    if (last.kind === 'bulk') {
      // The cards it put back, so the study screen can show again a card it suspended or buried.
      const cardIds = event.type === 'undo-bulk' ? event.cards.slice(0, UNDO_CARD_IDS).map((card) => card.id) : [];
      return { cardId: null, rating: null, action: last.label, cardIds, ...after };
    }
    if (last.kind !== undefined && last.kind !== 'answer') return { cardId: null, rating: null, action: label, ...after };
    return { cardId: last.cardId, rating: ratingName(last.rating), ...after };
  };

  changeDeck: Handler<'changeDeck'> = async ({ change }) => {
    const col = this.col;
    let planned;
    try {
      planned = planDeckChange({ col, at: this.now(), calendar: this.calendar }, change);
    } catch (error) {
      if (error instanceof DeckChangeProblem) throw new AppError(error.code, error.message, { field: `change.${error.field}` });
      throw error;
    }
    if (planned.event) this.commit(planned.event);
    return { changed: planned.event !== null, label: planned.event?.label ?? 'nothing to change', deckId: planned.deckId, undoDepth: col.undo.length };
  };

  deckDeletion: Handler<'deckDeletion'> = async ({ deckId }) => {
    const col = this.col;
    try {
      return { name: col.decks.get(deckId)?.name ?? deckId, ...deckDeletion(col, deckId) };
    } catch (error) {
      if (error instanceof DeckChangeProblem) throw new AppError(error.code, error.message, { field: error.field });
      throw error;
    }
  };

  bulk: Handler<'bulk'> = async ({ cardIds, change }) => {
    const col = this.col;
    if (change.action === 'move' && !col.decks.has(change.deckId)) throw new AppError('not_found', `No deck with id "${change.deckId}".`, { field: 'change.deckId' });
    if (change.action === 'setDue' && change.toDays < change.fromDays) throw new AppError('invalid_input', 'The end of the range comes before its start.', { field: 'change.toDays' });
    const event = planBulk({ col, at: this.now(), calendar: this.calendar }, this.existingCards(cardIds), change);
    if (!event) return { changed: 0, label: 'nothing to change', undoDepth: col.undo.length };
    this.commit(event);
    return { changed: event.cards.length + event.notes.length + event.removedNotes.length, label: event.label, undoDepth: col.undo.length };
  };

  addNote: Handler<'addNote'> = async ({ deckId, type, fields, tags }) => {
    let event;
    try {
      event = planAddNote(this.col, deckId, type, fields, tags ?? [], this.now());
    } catch (error) {
      if (error instanceof NoteEditProblem) throw new AppError(error.field === 'deckId' ? 'not_found' : 'invalid_input', error.message, { field: error.field });
      throw error;
    }
    this.commit(event);
    return noteView(this.col.notes.get(event.notes[0]!.id)!);
  };

  previewNote: Handler<'previewNote'> = async ({ type, fields, noteId }) => {
    const col = this.col;
    const existing = noteId !== undefined ? col.notes.get(noteId) : undefined;
    if (type === 'anki' || existing?.type === 'anki') return this.previewAnkiNote(existing, fields);
    const draft: NoteRecord = { id: noteId ?? '', deckId: '', type, fields, tags: [], created: 0, modified: 0, origin: null };
    const issue = noteProblem(type, fields);
    let ords: number[] = [1];
    try {
      const made = NOTE_TYPES[type].cardOrds(fields);
      if (made.length) ords = made;
    } catch {
      ords = [1];
    }
    const cards = ords.slice(0, 20).map((ord) => {
      const sides = renderCard(draft, ord);
      return { ord, front: sides.front, back: sides.back, ...(sides.keyPoints ? { keyPoints: sides.keyPoints } : {}) };
    });
    const duplicates = duplicatesOf(col, draft).map((note) => ({
      noteId: note.id,
      deckName: col.decks.get(note.deckId)?.name ?? '',
      question: readableText(questionText(note, 1, 100, note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined)),
    }));
    return { cards, problem: issue ? { field: issue.field, message: issue.problem } : null, duplicates };
  };

  /** An imported note as its edit would show it: each of its cards through its own note type's templates. */
  private previewAnkiNote(note: NoteRecord | undefined, fields: Record<string, string>): Results['previewNote'] {
    if (!note) throw new AppError('invalid_input', 'An Anki note is previewed by its id: give noteId.', { field: 'noteId' });
    const col = this.col;
    const noteType = note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined;
    const draft: NoteRecord = { ...note, fields: { ...note.fields, ...fields } };
    const ords = [...new Set((col.cardsByNote.get(note.id) ?? []).map((id) => col.cards.get(id)!.ord))].sort((a, b) => a - b);
    const cards = (ords.length ? ords : [1]).slice(0, 20).map((ord) => {
      const sides = renderCard(draft, ord, { ...(noteType ? { noteType } : {}), deckName: col.decks.get(note.deckId)?.name ?? '' });
      return { ord, front: sides.front, back: sides.back };
    });
    return { cards, problem: null, duplicates: [] };
  }

  private questions = new Map<string, { modified: number; text: string }>();

  /**
   * The plain question of a card as the browser shows and sorts it (entities decoded), remembered
   * per note version: sorting 50,000 rows asks for all of them.
   */
  private cachedQuestion(card: CardRecord): string {
    const note = this.col.notes.get(card.noteId);
    const cached = this.questions.get(card.id);
    if (cached && note && cached.modified === note.modified) return cached.text;
    const text = readableText(this.question(card, 200));
    this.questions.set(card.id, { modified: note?.modified ?? 0, text });
    return text;
  }

  private questionLines = new Map<string, { text: string; html: string }>();

  /** The question with its formulas drawn, for the browser's rows; remembered per question text. */
  private questionHtml(card: CardRecord): string {
    const text = this.cachedQuestion(card);
    const cached = this.questionLines.get(card.id);
    if (cached && cached.text === text) return cached.html;
    const html = keptText(questionLine(text));
    if (this.questionLines.size > 5000) this.questionLines.clear();
    this.questionLines.set(card.id, { text, html });
    return html;
  }

  private browserRow(card: CardRecord, now: number, today: number): BrowserRow {
    const col = this.col;
    const note = col.notes.get(card.noteId);
    return {
      cardId: card.id,
      noteId: card.noteId,
      question: this.cachedQuestion(card),
      questionHtml: this.questionHtml(card),
      deckName: col.decks.get(card.deckId)?.name ?? '',
      tags: note ? [...note.tags] : [],
      kind: kindOf(card.state),
      due: card.state === CardState.New ? card.position : card.due,
      intervalDays: card.scheduledDays,
      stability: card.stability,
      difficulty: card.difficulty,
      retrievability: retrievability(card, now, col.presetOf(card.deckId), this.calendar),
      reviews: card.reps,
      lapses: card.lapses,
      added: card.created,
      suspended: card.suspended,
      buried: card.buriedUntilDay !== null && card.buriedUntilDay > today,
      flag: card.flag,
    };
  }

  search: Handler<'search'> = async ({ query, sort, order, limit }) => {
    const col = this.col;
    const now = this.now();
    const calendar = this.calendar;
    let ids: string[];
    try {
      ids = searchCards({ col, now, calendar }, query);
    } catch (error) {
      if (error instanceof SearchSyntaxError) {
        throw new AppError('invalid_input', `Search: ${error.message}`, { field: 'query', column: error.position + 1, length: error.length });
      }
      throw error;
    }
    if (sort) {
      const cards = ids.map((id) => col.cards.get(id)!);
      const key = sortKey(sort, (card) => this.cachedQuestion(card), col, now, calendar);
      const keys = new Map(cards.map((card) => [card.id, key(card)]));
      const sign = order === 'desc' ? -1 : 1;
      ids.sort((a, b) => {
        const x = keys.get(a)!;
        const y = keys.get(b)!;
        return sign * (typeof x === 'string' ? x.localeCompare(y as string) : (x as number) - (y as number));
      });
    }
    const today = studyDay(calendar, now);
    const rows = ids.slice(0, limit ?? 200).map((id) => this.browserRow(col.cards.get(id)!, now, today));
    return { query, total: ids.length, ids, rows };
  };

  browseRows: Handler<'browseRows'> = async ({ cardIds }) => {
    const now = this.now();
    const today = studyDay(this.calendar, now);
    return cardIds.flatMap((id) => {
      const card = this.col.cards.get(id);
      return card ? [this.browserRow(card, now, today)] : [];
    });
  };

  stats: Handler<'stats'> = async ({ deckId, range }) => {
    const col = this.col;
    if (deckId !== undefined && !col.decks.has(deckId)) throw new AppError('not_found', `No deck with id "${deckId}".`, { field: 'deckId' });
    const stats = allStats({ col, now: this.now(), calendar: this.calendar, ...(deckId ? { deckId } : {}) }, { ...(range ? { range } : {}) });
    // Built-in topics by the names the syllabus gives them.
    const titles = await builtinTopicTitles();
    for (const topic of stats.topics.topics) {
      const title = titles.get(topic.topic);
      if (title) topic.title = title;
    }
    return stats;
  };

  listTags: Handler<'listTags'> = async ({ prefix, limit }) => {
    const counts = new Map<string, number>();
    for (const note of this.col.notes.values()) for (const tag of note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    const lower = (prefix ?? '').toLowerCase();
    return [...counts]
      .filter(([tag]) => tag.toLowerCase().startsWith(lower) || (lower.length > 0 && tag.toLowerCase().includes(`::${lower}`)))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit ?? 50)
      .map(([tag, notes]) => ({ tag, notes }));
  };

  private existingCards(cardIds: string[]): string[] {
    const missing = cardIds.filter((id) => !this.col.cards.has(id));
    if (missing.length) {
      throw new AppError('not_found', `No card with id ${missing.slice(0, 3).map((id) => `"${id}"`).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''}.`, {
        field: 'cardIds',
      });
    }
    return [...new Set(cardIds)];
  }

  // Suspend and bury (the study screen's S and B, the CLI) are bulk changes of their cards: one
  // undoable line each, on the same undo stack as answers, so Ctrl/Cmd+Z takes back whichever came last.
  suspend: Handler<'suspend'> = async ({ cardIds }) => this.setAside(cardIds, { action: 'suspend' });
  unsuspend: Handler<'unsuspend'> = async ({ cardIds }) => this.setAside(cardIds, { action: 'unsuspend' });
  bury: Handler<'bury'> = async ({ cardIds }) => this.setAside(cardIds, { action: 'bury' });
  unbury: Handler<'unbury'> = async ({ cardIds }) => this.setAside(cardIds, { action: 'unbury' });

  private setAside(cardIds: string[], change: BulkAction): { changed: number } {
    const event = planBulk({ col: this.col, at: this.now(), calendar: this.calendar }, this.existingCards(cardIds), change);
    if (event) this.commit(event);
    return { changed: event?.cards.length ?? 0 };
  }

  // --- cards and notes -------------------------------------------------------------------------

  getCard: Handler<'getCard'> = async ({ cardId }) => {
    const col = this.col;
    const card = this.card(cardId);
    const note = col.notes.get(card.noteId)!;
    const now = this.now();
    const calendar = this.calendar;
    const preset = col.presetOf(card.deckId);
    const history: ReviewView[] = [];
    let previous: CardRecord | null = null;
    for (const entry of col.history.reviewsOf(cardId)) {
      history.push({
        at: entry.at,
        rating: ratingName(entry.rating),
        kind: kindOf(entry.prior),
        durationMs: entry.durationMs,
        scheduledDays: entry.scheduledDays,
        stability: entry.stability,
        difficulty: entry.difficulty,
        retrievability: previous ? retrievability(previous, entry.at, preset, calendar) : null,
        due: entry.due,
      });
      previous = { ...card, state: CardState.Review, stability: entry.stability, lastReview: entry.at };
    }
    const sides = this.sides(card);
    const curve: { days: number; retrievability: number }[] = [];
    if (card.lastReview !== null && card.stability > 0) {
      const horizon = Math.max(30, Math.ceil(card.scheduledDays * 2));
      const algorithm = schedulerFor(preset);
      for (let day = 0; day <= horizon; day += Math.max(1, Math.floor(horizon / 60))) curve.push({ days: day, retrievability: algorithm.forgetting_curve(day, card.stability) });
    }
    return {
      curve,
      cardId,
      noteId: note.id,
      ord: card.ord,
      deckId: card.deckId,
      deckName: deckLabel(col, card.deckId).name,
      note: noteView(note),
      state: cardStateView(col, card, now, calendar),
      history,
      front: sides.front,
      back: sides.back,
    };
  };

  getNote: Handler<'getNote'> = async ({ noteId }) => {
    const note = this.col.notes.get(noteId);
    if (!note) throw new AppError('not_found', `No note with id "${noteId}".`, { field: 'noteId' });
    return noteView(note);
  };

  editNote: Handler<'editNote'> = async ({ noteId, fields, tags }) => {
    let event;
    try {
      event = planNoteEdit(this.col, noteId, fields, tags, this.now());
    } catch (error) {
      if (error instanceof NoteEditProblem) throw new AppError(error.field === 'noteId' ? 'not_found' : 'invalid_input', error.message, { field: error.field });
      throw error;
    }
    // Undoable like any other change: Ctrl/Cmd+Z puts the text back.
    this.commit({ ...event, undoable: true });
    return noteView(this.col.notes.get(noteId)!);
  };

  // --- settings and presets --------------------------------------------------------------------

  getSettings: Handler<'getSettings'> = async () => ({ ...(await this.readable(false)).settings });

  updateSettings: Handler<'updateSettings'> = async (changes) => {
    const settings = { ...this.col.settings, ...changes };
    this.commit({ type: 'settings', at: this.now(), settings });
    return { ...settings };
  };

  listPresets: Handler<'listPresets'> = async () => [...(await this.readable(false)).presets.values()].map((preset) => ({ ...preset }));

  /**
   * Saving a preset with other FSRS weights, retention or maximum interval recomputes the schedule
   * of every reviewed card that uses it from its history: memory states depend on the weights, due
   * dates on all three. The new schedules go in the preset's own journal line, so a crash keeps
   * both or neither (two lines could leave a saved preset whose cards were never rescheduled).
   */
  savePreset: Handler<'savePreset'> = async (preset) => {
    // One line: the preset and the schedules it gives are saved together or not at all.
    this.commit(planPresetSave(this.col, preset, this.now(), this.calendar, { historyIncomplete: this.store.historyIncomplete }));
    return { ...preset };
  };

  deletePreset: Handler<'deletePreset'> = async ({ presetId }) => {
    if (presetId === DEFAULT_PRESET_ID) throw new AppError('conflict', 'The default preset cannot be deleted.', { field: 'presetId' });
    if (!this.col.presets.has(presetId)) return { deleted: false };
    this.commit({ type: 'preset-delete', at: this.now(), presetId });
    return { deleted: true };
  };

  /** A deck's preset, as one undoable change (Settings, and the deck options on the home screen). */
  setDeckPreset: Handler<'setDeckPreset'> = async ({ deckId, presetId }) => {
    if (!this.col.decks.has(deckId)) throw new AppError('not_found', `No deck with id "${deckId}".`, { field: 'deckId' });
    if (!this.col.presets.has(presetId)) throw new AppError('not_found', `No preset with id "${presetId}".`, { field: 'presetId' });
    await this.changeDeck({ change: { action: 'options', deckId, presetId } });
    return { deckId, presetId };
  };

  // --- import ----------------------------------------------------------------------------------

  importFile: Handler<'importFile'> = async ({ path, ...options }) => {
    const file = resolve(path);
    return this.runImport(file, openRegularFile(file, MAX_IMPORT_BYTES), options);
  };

  importBytes: Handler<'importBytes'> = async ({ name, base64, ...options }) => {
    return this.runImport(basename(name), bytesSource(Buffer.from(base64, 'base64')), options);
  };

  private runImport(name: string, source: ByteSource, options: Omit<ParsedInput<'importFile'>, 'path'>, job?: ImportJob & { cancel: boolean }) {
    return runImport(
      {
        // Asked anew before committing: a restore or rebuild replaces the collection object.
        collection: () => this.col,
        dataDir: this.store.dataDir,
        at: this.now(),
        calendar: this.calendar,
        commit: (event) => this.commit(event),
        commitPrepared: (prepared) => this.store.commitPrepared(prepared),
        changesSince: (seq) => this.store.recent.since(seq),
        readInChild: this.readInChild,
        ...(job
          ? {
              progress: (phase: string, done: number) => Object.assign(job, { phase, progress: done }),
              cancelled: () => job.cancel,
            }
          : {}),
      },
      name,
      source,
      { ...options, limits: this.importLimits },
    );
  }

  private jobs = new Map<string, ImportJob & { cancel: boolean }>();

  /** Files the learner picked in the desktop app's own dialog, by the token the window is given instead of the path. */
  private picked = new Map<string, string>();

  /**
   * Called by the desktop shell after its open dialog. The window only ever sees the token, so no
   * content in the window can make the service read a path of its choosing.
   */
  offerPickedFile(path: string): string {
    const token = randomBytes(16).toString('hex');
    this.picked.set(token, path);
    return token;
  }

  private pickedFile(token: string): string {
    const path = this.picked.get(token);
    if (path === undefined) throw new AppError('not_found', 'That picked file is no longer on offer; choose it again with File ▸ Import….', { field: 'file' });
    return path;
  }

  /** Files a window sent once (stageImport), by token: the newest few, so previews need not send them again. */
  private staged = new Map<string, { name: string; bytes: Uint8Array }>();

  stageImport: Handler<'stageImport'> = async ({ name, base64 }) => {
    const token = randomBytes(16).toString('hex');
    this.staged.set(token, { name: basename(name), bytes: Buffer.from(base64, 'base64') });
    // A window previews one file at a time: older ones are let go (their memory with them).
    for (const key of this.staged.keys()) if (this.staged.size > STAGED_FILES) this.staged.delete(key);
    return { file: token };
  };

  startImport: Handler<'startImport'> = async ({ path, file, name, base64, ...options }) => {
    const jobId = `import-${this.jobs.size + 1}-${Date.now().toString(36)}`;
    const job: ImportJob & { cancel: boolean } = { jobId, state: 'running', phase: 'starting', progress: 0, summary: null, error: null, cancel: false };
    this.jobs.set(jobId, job);
    // Finished jobs are kept a while for their summaries; old ones go.
    for (const [id, old] of this.jobs) if (this.jobs.size > 20 && old.state !== 'running') this.jobs.delete(id);
    const run = async () => {
      const staged = file !== undefined ? this.staged.get(file) : undefined;
      if (staged) return this.runImport(staged.name, bytesSource(staged.bytes), options, job);
      const named = path ?? (file !== undefined ? this.pickedFile(file) : undefined);
      if (named !== undefined) {
        const resolved = resolve(named);
        return this.runImport(resolved, openRegularFile(resolved, MAX_IMPORT_BYTES), options, job);
      }
      return this.runImport(basename(name!), bytesSource(Buffer.from(base64!, 'base64')), options, job);
    };
    // Runs after this call returns, so the caller gets the job id at once.
    setImmediate(() => {
      run().then(
        (summary) => Object.assign(job, { state: 'done', phase: 'done', progress: 1, summary }),
        (error: unknown) => {
          if (error instanceof ImportCancelled) Object.assign(job, { state: 'cancelled', phase: 'cancelled', error: { code: 'conflict', message: error.message } });
          else Object.assign(job, { state: 'failed', phase: 'failed', error: error instanceof AppError ? error.toBody() : { code: 'internal', message: (error as Error).message } });
        },
      );
    });
    return { jobId };
  };

  importJob: Handler<'importJob'> = async ({ jobId }) => {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No import job "${jobId}".`, { field: 'jobId' });
    const { cancel: _, ...visible } = job;
    return visible;
  };

  cancelImport: Handler<'cancelImport'> = async ({ jobId }) => {
    const job = this.jobs.get(jobId);
    if (!job || job.state !== 'running') return { cancelled: false };
    job.cancel = true;
    return { cancelled: true };
  };

  exportTo: Handler<'exportTo'> = async ({ format, deckId, path }) => {
    const output = await this.export(format, deckId);
    const paths = writeExport(output, resolve(path), format);
    return { format, paths, notes: output.notes, cards: output.cards, reviews: output.reviews, media: output.media, messages: output.messages };
  };

  exportData: Handler<'exportData'> = async ({ format, deckId }) => {
    const output = await this.export(format, deckId);
    return {
      format,
      paths: output.files.map((file) => file.name),
      files: output.files.map((file) => ({ name: file.name, base64: Buffer.from(file.bytes).toString('base64') })),
      notes: output.notes,
      cards: output.cards,
      reviews: output.reviews,
      media: output.media,
      messages: output.messages,
    };
  };

  private export(format: ExportFormat, deckId: string | undefined) {
    const col = this.col;
    if (deckId !== undefined && !col.decks.has(deckId)) throw new AppError('not_found', `No deck with id "${deckId}".`, { field: 'deckId' });
    const now = this.now();
    return exportCollection(col, this.store.dataDir, { format, ...(deckId ? { deckId } : {}), now, today: studyDay(this.calendar, now) });
  }

  // --- stories and flagship projects (./stories.ts) ----------------------------------------------

  private readonly stories = storyHandlers({ col: () => this.col, commit: (event) => this.commit(event), now: () => this.now() });
  listStories: Handler<'listStories'> = async (input) => this.stories.listStories(input);
  listProjects: Handler<'listProjects'> = async (input) => this.stories.listProjects(input);
  saveProject: Handler<'saveProject'> = async (input) => this.stories.saveProject(input);
  deleteProject: Handler<'deleteProject'> = async (input) => this.stories.deleteProject(input);

  // --- lifecycle -------------------------------------------------------------------------------

  /**
   * Works the deck list out as soon as the service is open, before a window asks: Home, the first
   * screen, waits for it, and so does the window's code behind it on browser mode's one event loop.
   * A failure is the window's to show when it asks.
   */
  async prepareDeckList(): Promise<void> {
    await this.listDecks({}).catch(() => undefined);
  }

  /**
   * Reads every note's text for search once, at a quiet moment after the window opened and the
   * collection is whole: a slice at a time, each followed by a turn of the event loop, so a window
   * opening meanwhile is answered between slices rather than after the whole second it takes at
   * 50,000 notes.
   */
  async warmUp(): Promise<void> {
    await this.store.loaded();
    const col = this.store.loading ? null : this.store.partialCollection;
    if (!col) return;
    for (const _slice of preparingSearch(col)) {
      await new Promise((resolve) => setImmediate(resolve));
      // A restored backup or a rebuild replaced the collection: the new one is read when searched.
      if (this.store.partialCollection !== col) return;
    }
  }

  /** Backs up when a day has passed since the last backup; a failure is thrown and shown by `status`. */
  async backupIfDue(): Promise<void> {
    await this.store.loaded();
    const col = this.store.partialCollection;
    if (!col) return;
    await this.store.dailyBackup(col.settings.backupsToKeep);
  }

  /** Backs up now if due, then whenever due at a pause, while the service is open (the app, browser mode). */
  startDailyBackups(options: DailyBackupOptions): DailyBackup {
    return this.store.startDailyBackups(() => this.store.partialCollection?.settings.backupsToKeep ?? defaultSettings().backupsToKeep, options);
  }

  async close(options?: { snapshotIfPendingAtLeast?: number }): Promise<void> {
    if (this.aheadTimer) clearTimeout(this.aheadTimer);
    this.optimizer.close();
    await this.store.close(options);
  }

  /** Every card id in a deck and its children (for the CLI and tests). */
  cardIdsInDeck(deckId: string): string[] {
    const decks = new Set(subtreeIds(this.col, deckId));
    return [...this.col.cards.values()].filter((card) => decks.has(card.deckId)).map((card) => card.id);
  }
}

export { JOURNAL_FILE, SNAPSHOT_FILE };
