// Opens a data folder: lock, snapshot, journal tail replay; commits events durably; snapshots and backs up.
import { closeSync, copyFileSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Collection } from '../../core/collection/collection';
import type { JournalEvent, SequencedEvent } from '../../core/collection/events';
import { namesNoNote, notesNeeded, type NamedNotes } from '../../core/collection/notes-needed';
import type { BackupFailure, Damage, ReadOnlyReason, WayBack } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { createBackup, listBackups, moveAside, pruneBackups, removePartialBackups, unpackBackup, type BackupEntry } from './backups';
import { JOURNAL_FILE, JournalWriter, readBytes, readJournal, scanJournal, scanJournalInSteps, verifyJournal, type JournalDamage, type ReadResult, type ScanResult } from './journal';
import { makeFolder } from './durable-folder';
import { waysBack, waysBackSentence } from './ways-back';
import type { PreparedLine } from './prepared-line';
import { RecentEvents } from './recent-events';
import { DailyBackup, type DailyBackupOptions } from './daily-backup';
import { DataLock } from './lock';
import { diskError, DISK_FULL_MESSAGE, isDiskFull, isNotWritable, notWritableMessage } from './disk-errors';
import { MEDIA_DIR } from '../import/media-folder';
import { MEDIA_TEMP } from '../import/media-sink';
import { ReviewLog, type HistoryHeader, type HistorySource } from '../../core/history/review-log';
import { readSnapshot, SNAPSHOT_FILE, SNAPSHOT_FORMAT, snapshotDb, syncFile, syncFolder, writeFileDurably, writeFileDurablyAsync, type SnapshotData } from './snapshot-file';
import { readSnapshotHead, serializeSnapshot, serializeSnapshotInSlices, type SnapshotHead } from './snapshot-layout';
import { BackgroundSteps, StagedLoad } from './staged-load';
import type { NoteRecord } from '../../core/collection/types';

export const HISTORY_FILE = 'history.bin';
/** Present only while a backup is being restored; names the backup so a crash can be finished. */
export const RESTORE_MARKER = 'restore.pending';

/** The history cache as a byte source for ReviewLog, read straight from the open file. */
function historySource(fd: number): HistorySource {
  return {
    size: fstatSync(fd).size,
    read: (into, at) => {
      let done = 0;
      while (done < into.byteLength) {
        const n = readSync(fd, into, done, into.byteLength - done, at + done);
        if (n === 0) throw new Error('history file is truncated');
        done += n;
      }
    },
  };
}

/** The history cache, when it covers exactly this journal position and snapshot: its header read, its columns not yet. */
function openHistoryFile(path: string, seq: number, tag: string): { fd: number; source: HistorySource; header: HistoryHeader } | null {
  let fd = -1;
  try {
    fd = openSync(path, 'r');
    const source = historySource(fd);
    // What it covers is at the start of its header; the card ids after it are read with the columns.
    const header = ReviewLog.readHeader(source, { cardIds: false });
    if (header.coversSeq === seq && header.coversTag === tag) return { fd, source, header };
  } catch {
    // missing or unreadable: the caller rebuilds it
  }
  if (fd >= 0) closeSync(fd);
  return null;
}

const DAY_MS = 86_400_000;
/** A journal this long with no snapshot is replayed a piece at a time (a shorter one takes no time worth sharing). */
const REPLAY_IN_STEPS_FROM = 4 * 1024 * 1024;
/** Journal read per step of that replay: a few thousand events. */
const REPLAY_PIECE_BYTES = 512 * 1024;
/** A study day is at most this long (a day of a clock change): its start is never further back. */
const LONGEST_DAY_MS = 25 * 3_600_000;

/** Lines of the file before `byte`, and from it to the end: the damage's place, and what cutting there sets aside. */
function countLines(path: string, byte: number): { before: number; after: number } {
  const bytes = readBytes(path, 0);
  let before = 0;
  let after = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) {
    if (at < byte) before++;
    else after++;
  }
  // A last line without its newline still counts.
  if (bytes.length > byte && bytes[bytes.length - 1] !== 0x0a) after++;
  return { before, after };
}

/** Temporary files of writes a crash cut short; we hold the lock, so nobody else is writing them. */
function removeLeftoverTempFiles(dataDir: string): void {
  for (const name of readdirSync(dataDir)) {
    if (/^\.(snapshot\.json|history\.bin|restore\.pending)\..*tmp$/.test(name) || /^\.restore-.*\.tmp$/.test(name)) rmSync(join(dataDir, name), { force: true });
  }
  // Backups a crash or a full disk cut short: never offered, so nothing of them is worth keeping.
  removePartialBackups(dataDir);
  // Media an import wrote to a temporary name but never linked into place.
  const media = join(dataDir, MEDIA_DIR);
  if (existsSync(media)) {
    for (const name of readdirSync(media)) if (MEDIA_TEMP.test(name)) rmSync(join(media, name), { force: true });
  }
}

export interface StoreOptions {
  /** The clock, injectable so the CLI's --now and tests decide what time it is. */
  now: () => number;
  /** Who holds the lock, for the message another process sees. */
  purpose: string;
  /**
   * Snapshot after this many journal events even when busy (default 20,000) … Writing 30 MB while
   * answers are being flushed makes those flushes wait, so snapshots are left for idle moments.
   */
  snapshotEvery?: number;
  /** … or after this long without a new event (default 10 s). */
  snapshotIdleMs?: number;
  /** The learner confirmed that a lock left by another host name may be taken over. */
  takeOverLock?: boolean;
  /**
   * Where the reviews a snapshot's head keeps begin, for a snapshot written at `savedAt`: the start
   * of that study day (the service knows the learner's calendar); 25 hours before by default. An
   * open on that day or a later one finds today's reviews in the head.
   */
  recentFrom?: (savedAt: number) => number;
}

export class Store {
  readonly dataDir: string;
  readonly warnings: string[] = [];
  /** The collection; while `staged` reads the rest of it, only what the snapshot's head holds. */
  private loadedCollection: Collection | null = null;
  /** What is still being read after opening (a snapshot's notes and history, or the whole journal), or null. */
  private staged: BackgroundSteps | null = null;
  /** Reviews at or after this instant are in the collection's history while it is staged. */
  private recentFrom = Number.POSITIVE_INFINITY;
  damage: Damage | null = null;
  private writer: JournalWriter | null = null;
  private lock: DataLock | null;
  private readonly db;
  private snapshotSeq = 0;
  private snapshotting: Promise<void> | null = null;
  /** Idle snapshots in a row that a change overtook while they were encoded in slices. */
  private snapshotsOvertaken = 0;
  /** Bumped whenever the files are replaced (restore, rebuild), so a write begun before is not trusted after. */
  private generation = 0;
  /** The history could not be rebuilt whole from the journal: it is never written as the cache. */
  historyIncomplete = false;
  /** Where the journal's tail is damaged, when that is what stopped the open. */
  private tailDamageByte: number | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private daily: DailyBackup | null = null;
  /** The last daily backup (or the journal check before it) that failed, and why; cleared when one succeeds. */
  backupFailure: BackupFailure | null = null;
  /**
   * Set when the folder could not be written when it was opened (a read-only disk, a full one): the
   * collection is read and shown as it is, and every change is refused with this reason.
   */
  readonly readOnly: ReadOnlyReason | null;
  /** Where the journal ends when the store reads without writing (there is no writer then). */
  private readEnd = { size: 0, lastSeq: 0 };
  /** Why the snapshot could not be written at close (the journal holds everything regardless). */
  closeProblem: string | null = null;

  private constructor(
    dataDir: string,
    lock: DataLock | null,
    readOnly: ReadOnlyReason | null,
    private readonly options: StoreOptions,
  ) {
    this.dataDir = dataDir;
    this.lock = lock;
    this.readOnly = readOnly;
    this.db = snapshotDb(dataDir);
  }

  get journalPath(): string {
    return join(this.dataDir, JOURNAL_FILE);
  }

  get snapshotPath(): string {
    return join(this.dataDir, SNAPSHOT_FILE);
  }

  get historyPath(): string {
    return join(this.dataDir, HISTORY_FILE);
  }

  get lastSeq(): number {
    return this.writer?.lastSeq ?? this.readEnd.lastSeq;
  }

  /** Events in the journal that the snapshot on disk does not include yet. */
  get pendingEvents(): number {
    return this.lastSeq - this.snapshotSeq;
  }

  static open(dataDir: string, options: StoreOptions): Store {
    try {
      makeFolder(dataDir);
    } catch (error) {
      throw diskError(error, dataDir, 'creating the data folder');
    }
    let lock: DataLock | null = null;
    let readOnly: ReadOnlyReason | null = null;
    try {
      lock = DataLock.acquire(dataDir, options.purpose, options.now(), {}, { takeOverFromOtherHost: options.takeOverLock ?? false });
    } catch (error) {
      // The lock cannot even be written: a full or read-only disk. Reading needs no lock, and is
      // what the learner can still do there (browse, check, search, statistics).
      if (isDiskFull(error)) {
        readOnly = {
          code: 'disk_full',
          message: `The disk holding your data is full, so your collection was opened read-only: you can browse and check it, but not study or change it. Free space and open it again. (${(error as Error).message})`,
        };
      } else if (isNotWritable(error)) {
        readOnly = { code: 'read_only', message: notWritableMessage(dataDir, (error as NodeJS.ErrnoException).code ?? 'EROFS') };
      } else throw error;
    }
    const store = new Store(dataDir, lock, readOnly, options);
    try {
      if (!readOnly) removeLeftoverTempFiles(dataDir);
      store.load();
    } catch (error) {
      lock?.release();
      throw error;
    }
    return store;
  }

  /** The error every change meets while the folder is read-only. */
  private readOnlyError(): AppError {
    const reason = this.readOnly!;
    return reason.code === 'disk_full'
      ? new AppError('disk_full', `${DISK_FULL_MESSAGE}: the collection was opened read-only because of it, so nothing can be changed until it is opened again.`, { file: this.dataDir })
      : new AppError('read_only', reason.message, { file: this.dataDir });
  }

  /**
   * The collection, whole. Just after opening, the notes and the review history may still be on
   * their way in (`loaded()`); asking for the collection here reads the rest at once.
   */
  get collection(): Collection | null {
    this.finishLoading();
    return this.loadedCollection;
  }

  /**
   * The collection as far as it is read, without waiting for the rest: decks, cards, presets,
   * settings and the undo stack are whole from the start; notes come through `note()`; the review
   * history holds at least every review since `historyFrom`.
   */
  get partialCollection(): Collection | null {
    return this.loadedCollection;
  }

  /** Whether notes and history are still being read after opening. */
  get loading(): boolean {
    return this.staged !== null && !this.staged.isDone;
  }

  /** While loading: the history holds every review at or after this instant (+∞ when not known); -∞ once whole. */
  get historyFrom(): number {
    return this.loading ? this.recentFrom : Number.NEGATIVE_INFINITY;
  }

  /** Resolves when the collection is whole (at once when it is). */
  async loaded(): Promise<void> {
    while (this.staged && !this.staged.isDone) await this.staged.done;
  }

  /** The note, read now when it is still on its way in. */
  note(noteId: string): NoteRecord | undefined {
    if (this.staged instanceof StagedLoad && !this.staged.isDone) {
      try {
        return this.staged.note(noteId);
      } catch {
        // The notes changed on disk since they were checked: reading the rest now says how.
        this.finishLoading();
      }
    }
    return this.loadedCollection?.notes.get(noteId);
  }

  /** Reads what is left of the collection now. */
  private finishLoading(): void {
    if (this.staged && !this.staged.isDone) this.staged.finishNow();
  }

  /**
   * Stops reading the rest (the files are being replaced, or the store closes without needing it);
   * a collection that was not whole is let go with it, so no part of one is ever taken for all of it.
   */
  private stopLoading(): void {
    if (this.staged && !this.staged.isDone) {
      this.staged.cancel();
      this.loadedCollection = null;
    }
    this.staged = null;
  }

  private load(): void {
    this.stopLoading();
    // What was to be done once an earlier open was whole is for that open only.
    this.wholeCallbacks.length = 0;
    this.loadedCollection = null;
    this.recentFrom = Number.POSITIVE_INFINITY;
    this.damage = null;
    this.ways = null;
    this.tailDamageByte = null;
    this.historyIncomplete = false;
    if (existsSync(this.restoreMarkerPath) && !this.finishInterruptedRestore()) return;
    this.writer?.close();
    this.writer = null;
    // A snapshot in the layout with a head, whose body checks out against it, is read head first;
    // any other file (older, damaged, edited) is read whole, as before.
    const head = readSnapshotHead(this.snapshotPath);
    const snapshot = head ? ({ kind: 'ok', data: head.data } as const) : readSnapshot(this.snapshotPath);
    if (snapshot.kind === 'damaged') {
      this.damage = { file: SNAPSHOT_FILE, position: snapshot.position, problem: snapshot.problem };
      return;
    }
    const base = snapshot.kind === 'ok' ? snapshot.data.journal : { seq: 0, offset: 0 };
    const tag = snapshot.kind === 'ok' ? (snapshot.data.historyTag ?? '') : '';
    let staged: StagedLoad | null = null;
    let collection: Collection;
    try {
      if (head) ({ collection, staged } = this.fromHead(head, base.seq, tag));
      else collection = snapshot.kind === 'ok' ? Collection.fromData(snapshot.data.collection, this.loadHistory(base.seq, tag)) : new Collection();
    } catch (error) {
      head?.body.close();
      throw error;
    }
    collection.appliedSeq = base.seq;
    const journalSize = existsSync(this.journalPath) ? statSync(this.journalPath).size : 0;
    const fail = (damage: Damage) => {
      staged?.cancel();
      this.damage = damage;
    };
    if (journalSize < base.offset) {
      fail({
        file: JOURNAL_FILE,
        position: `byte ${journalSize}`,
        problem: `the journal ends at byte ${journalSize} but the snapshot includes it up to byte ${base.offset}`,
      });
      return;
    }
    let tail: ReadResult | null = null;
    if (journalSize > 0) {
      if (base.offset > 0 && readBytes(this.journalPath, base.offset - 1, 1)[0] !== 0x0a) {
        fail({ file: JOURNAL_FILE, position: `byte ${base.offset}`, problem: 'the snapshot’s journal position is not at the end of a line' });
        return;
      }
      // Without a snapshot, a long journal is replayed between other work, a piece at a time.
      if (snapshot.kind === 'missing' && journalSize >= REPLAY_IN_STEPS_FROM) {
        this.replayInSteps(collection);
        return;
      }
      tail = readJournal(this.journalPath, base.offset, base.seq + 1);
      if (tail.damage) {
        staged?.cancel();
        this.journalDamaged(tail.damage);
        return;
      }
    }
    this.loadedCollection = collection;
    this.staged = staged;
    const events = tail?.events ?? [];
    // Events after the snapshot (the CLI's answers, or a session a crash ended) apply to the head
    // now when they need no note or only a few (a leech tags its note: that one is read first),
    // and go into the whole history when it is read. One that may add or replace notes (an edit,
    // an import) is applied once the rest is read.
    const needed = staged instanceof StagedLoad ? events.map(({ event }) => notesNeeded(event)) : null;
    if (staged instanceof StagedLoad && needed && !needed.includes(null)) staged.recordAfter(events);
    else if (events.length) this.finishLoading();
    if (!this.loadedCollection) return; // the rest of the snapshot could not be read
    for (let i = 0; i < events.length; i++) {
      const notes = needed?.[i];
      if (notes && !namesNoNote(notes) && !this.readEarly(notes, collection)) return;
      collection.apply(events[i]!.seq, events[i]!.event);
    }
    this.opened(base, tail);
    this.staged?.start();
  }

  /**
   * Reads now the notes an event after the snapshot changes, while the rest is still to be read:
   * they are then in the collection when it is applied, and stay the ones in it. False when they
   * cannot be read (the snapshot changed since it was opened): the folder is then reported as a
   * read of the rest would report it.
   */
  private readEarly(notes: NamedNotes, collection: Collection): boolean {
    const staged = this.staged;
    if (!(staged instanceof StagedLoad) || staged.isDone) return true;
    try {
      for (const cardId of notes.ofCards) {
        const noteId = collection.cards.get(cardId)?.noteId;
        if (noteId !== undefined) staged.note(noteId);
      }
      for (const noteId of notes.notes) staged.note(noteId);
      return true;
    } catch (error) {
      staged.cancel();
      this.restOfSnapshotUnreadable(error);
      return false;
    }
  }

  /** Damage in the journal after the snapshot: the folder opens damaged, with where and why. */
  private journalDamaged(damage: JournalDamage): void {
    const { before, after } = countLines(this.journalPath, damage.byte);
    this.tailDamageByte = damage.byte;
    this.damage = {
      file: JOURNAL_FILE,
      position: `line ${before + 1} (byte ${damage.byte})`,
      problem: damage.problem,
      keepBefore: { entriesAfter: after },
    };
  }

  /** The journal after the snapshot is applied: a torn last line goes aside, and the writer starts after the good ones. */
  private opened(base: { seq: number; offset: number }, tail: ScanResult | null): void {
    if (tail?.torn) {
      if (this.readOnly) this.warnings.push(`The last journal entry is cut short (byte ${tail.torn.byte}); it was never confirmed and is left out (the folder cannot be written, so it stays on disk).`);
      else this.setTornTailAside(tail.torn);
    }
    const goodEnd = tail ? tail.goodEnd : base.offset;
    const lastSeq = tail ? tail.lastSeq : base.seq;
    this.snapshotSeq = base.seq;
    this.readEnd = { size: goodEnd, lastSeq };
    if (this.readOnly) return;
    this.writer = new JournalWriter(this.journalPath, goodEnd, lastSeq);
    // A long tail makes the next open slower: fold it into a snapshot at the next quiet moment.
    if ((tail?.count ?? 0) > 1000) this.scheduleSnapshot(this.options.snapshotIdleMs ?? 10_000);
  }

  /**
   * Replays the whole journal (there is no snapshot) a piece at a time between other work, so the
   * app answers meanwhile: every call waits for the collection (nothing can be said of it before
   * its last line is read), and a caller that cannot wait reads the rest at once. The end is the
   * same as a replay in one go: damage, a torn last line, the writer, the snapshot to come.
   */
  private replayInSteps(collection: Collection): void {
    let result: ScanResult | null = null;
    const path = this.journalPath;
    const steps = (function* (): Generator<void, void> {
      result = yield* scanJournalInSteps(path, 0, 1, ({ seq, event }) => collection.apply(seq, event), { chunkBytes: REPLAY_PIECE_BYTES, eventsWithSeq: true });
    })();
    const generation = this.generation;
    const replay: BackgroundSteps = new BackgroundSteps(steps, (error) => {
      if (generation !== this.generation || this.staged !== replay) return;
      const read = result as ScanResult | null;
      try {
        if (error || !read) throw error ?? new Error('it stopped');
        if (read.damage) {
          // A damaged folder is not settled (no deck updates), as an open in one go would not be.
          this.wholeCallbacks.length = 0;
          return this.journalDamaged(read.damage);
        }
        this.loadedCollection = collection;
        this.opened({ seq: 0, offset: 0 }, read);
      } catch (caught) {
        // What would have stopped an open in one go (a disk that cannot be read or written) stops this one.
        this.loadedCollection = null;
        this.writer?.close();
        this.writer = null;
        this.damage = { file: JOURNAL_FILE, position: 'byte 0', problem: `the journal could not be replayed (${(caught as Error).message}); open the collection again` };
        this.wholeCallbacks.length = 0;
        return;
      }
      this.runWholeCallbacks();
    });
    this.staged = replay;
    replay.start();
  }

  /** Told when the collection is whole after opening (at once when it is). */
  whenWhole(callback: () => void): void {
    if (this.loading) this.wholeCallbacks.push(callback);
    else callback();
  }

  private wholeCallbacks: Array<() => void> = [];

  private runWholeCallbacks(): void {
    for (const callback of this.wholeCallbacks.splice(0)) {
      try {
        callback();
      } catch (error) {
        this.warnings.push(`After the journal was replayed: ${(error as Error).message}`);
      }
    }
  }

  /**
   * The collection from a snapshot's head: cards, decks and the rest at once, with the head's recent
   * reviews as its history; the notes and the whole history follow (StagedLoad). When the history
   * cache does not cover this snapshot, it is rebuilt from the journal as before, and everything is
   * read now.
   */
  private fromHead(head: SnapshotHead, seq: number, tag: string): { collection: Collection; staged: StagedLoad | null } {
    const history = openHistoryFile(this.historyPath, seq, tag);
    if (!history) {
      const notes = head.body.read(0, head.body.count);
      head.body.close();
      return { collection: Collection.fromData({ ...head.data.collection, notes }, this.loadHistory(seq, tag)), staged: null };
    }
    const recent = head.recent;
    this.recentFrom = recent ? recent.from : Number.POSITIVE_INFINITY;
    const collection = Collection.fromData(head.data.collection, ReviewLog.fromRows(recent?.reviews ?? []));
    let released = false;
    const release = () => {
      if (!released) closeSync(history.fd);
      released = true;
    };
    const generation = this.generation;
    const staged = new StagedLoad(collection, head.body, this.historySteps(history, seq, tag), release, (error) => {
      if (error && generation === this.generation && this.staged === staged) this.restOfSnapshotUnreadable(error);
    });
    return { collection, staged };
  }

  /** The history cache's columns a step at a time; if they cannot be read after all, rebuilt from the journal as before. */
  private *historySteps(history: { source: HistorySource; header: HistoryHeader }, seq: number, tag: string): Generator<void, ReviewLog> {
    try {
      return yield* ReviewLog.readInSteps(history.source, history.header);
    } catch {
      return this.rebuildHistory(seq, tag);
    }
  }

  /**
   * The notes could not be read after the head although they checked out at opening (the file was
   * changed meanwhile): the snapshot is read whole, as an open would have read it, and reported the
   * same way; nothing was written in between, since every change waits for the whole collection.
   */
  private restOfSnapshotUnreadable(error: unknown): void {
    this.staged = null;
    this.loadedCollection = null;
    this.writer?.close();
    this.writer = null;
    const snapshot = readSnapshot(this.snapshotPath);
    this.damage =
      snapshot.kind === 'damaged'
        ? { file: SNAPSHOT_FILE, position: snapshot.position, problem: snapshot.problem }
        : { file: SNAPSHOT_FILE, position: 'byte 0', problem: `the snapshot changed while it was being read (${(error as Error).message}); open the collection again` };
  }

  /**
   * The review history as of the snapshot: from its cache file when that covers exactly the same
   * journal position, else rebuilt by reading the journal up to it (the cache is only a cache).
   */
  private loadHistory(seq: number, tag: string): ReviewLog {
    const cached = openHistoryFile(this.historyPath, seq, tag);
    if (cached) {
      try {
        return ReviewLog.read(cached.source, cached.header);
      } catch {
        // unreadable after all: rebuild below
      } finally {
        closeSync(cached.fd);
      }
    }
    return this.rebuildHistory(seq, tag);
  }

  /** The review history up to `seq`, read from the journal. */
  private rebuildHistory(seq: number, tag: string): ReviewLog {
    const log = new ReviewLog();
    if (seq > 0) {
      const result = existsSync(this.journalPath)
        ? scanJournal(this.journalPath, 0, 1, ({ seq: at, event }) => log.record(at, event), { untilSeq: seq, eventsWithSeq: true })
        : null;
      if (!result || result.damage || result.torn || result.lastSeq < seq) {
        // The schedule in the snapshot is intact, so studying goes on; but the history cannot be
        // rebuilt whole, and a partial one must never be saved as if it were the cache.
        this.historyIncomplete = true;
        const where = result?.damage ? `line ${result.damage.line} (byte ${result.damage.byte}): ${result.damage.problem}` : `it ends at event ${result?.lastSeq ?? 0} of ${seq}`;
        this.warnings.push(
          `The review history could not be rebuilt from the journal (${where}). Schedules are intact, but statistics and card histories miss reviews until a backup is restored.`,
        );
      }
    }
    log.coversSeq = seq;
    log.coversTag = tag;
    return log;
  }

  /** A cut-short last line was never acknowledged: keep its bytes in a side file, then cut it off. */
  private setTornTailAside(torn: { byte: number; bytes: number; problem: string }): void {
    let side = join(this.dataDir, `journal.torn-${this.options.now()}`);
    for (let n = 2; existsSync(side); n++) side = join(this.dataDir, `journal.torn-${this.options.now()}-${n}`);
    writeFileDurably(side, readBytes(this.journalPath, torn.byte));
    truncateSync(this.journalPath, torn.byte);
    this.warnings.push(
      `The last journal entry was cut short (${torn.problem}, byte ${torn.byte}, ${torn.bytes} bytes) and was dropped; it had not been confirmed. Its bytes are kept in ${side}.`,
    );
  }

  /** The collection, or `data_damaged` (with the ways back) when the folder needs recovery first. */
  requireCollection(): Collection {
    if (this.collection) return this.collection;
    const where = this.damage ? `${this.damage.file} at ${this.damage.position}: ${this.damage.problem}` : 'unknown damage';
    throw new AppError('data_damaged', `The collection cannot be used until it is recovered: ${where}. ${waysBackSentence(this.waysBack())}`, {
      file: this.damage?.file ?? SNAPSHOT_FILE,
    });
  }

  private ways: WayBack[] | null = null;
  /** What the latest events touched, so a long task (an import) can tell whether its plan still holds. */
  readonly recent = new RecentEvents();

  /**
   * While damaged: every way back with what it keeps, best first (counted once: it reads the journal
   * and the backups' manifests).
   */
  waysBack(): WayBack[] {
    if (!this.damage) return [];
    this.ways ??= waysBack({
      damage: this.damage,
      journalPath: this.journalPath,
      snapshotDamaged: this.damage.file === SNAPSHOT_FILE && existsSync(this.journalPath),
      cutAtByte: this.tailDamageByte,
      backups: listBackups(this.dataDir),
    });
    return this.ways;
  }

  /**
   * Writes the event to the journal and flushes it, then applies it. When this returns, the event
   * survives a crash. Returns its sequence number.
   */
  commit(event: JournalEvent): number {
    return this.commitLine(event, (writer) => writer.append(event));
  }

  /**
   * As commit, for an event serialised beforehand with prepareLine (a large import). The line is
   * written and flushed beside the event loop, so reading goes on meanwhile; every other change
   * waits for it (`idle`), and one that does not is refused rather than written out of order. It is
   * applied once it is on disk, as any event is.
   */
  async commitPrepared(prepared: PreparedLine): Promise<number> {
    const collection = this.requireCollection();
    if (this.readOnly) throw this.readOnlyError();
    while (this.writing) await this.writing;
    const writer = this.writer;
    if (this.closed || !writer) throw new AppError('conflict', 'The store is closed.');
    let done = () => undefined as void;
    this.writing = new Promise<void>((resolve) => (done = resolve));
    try {
      const seq = await writer.appendPrepared(prepared).catch((error: unknown) => {
        throw diskError(error, this.dataDir, 'writing to the journal');
      });
      this.applied(seq, prepared.event, collection);
      return seq;
    } finally {
      this.writing = null;
      done();
    }
  }

  /** Set while a prepared line is being written: nothing else may be appended until it settles. */
  private writing: Promise<void> | null = null;

  /** Resolves when no prepared line is being written: a change waits for this before it is planned. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private commitLine(event: JournalEvent, append: (writer: JournalWriter) => number): number {
    const collection = this.requireCollection();
    if (this.readOnly) throw this.readOnlyError();
    if (this.closed || !this.writer) throw new AppError('conflict', 'The store is closed.');
    // Written after a line still being written, this one would come first in the file.
    if (this.writing) throw new AppError('conflict', 'An import is being saved; try again in a moment.');
    let seq: number;
    try {
      seq = append(this.writer);
    } catch (error) {
      throw diskError(error, this.dataDir, 'writing to the journal');
    }
    this.applied(seq, event, collection);
    return seq;
  }

  private applied(seq: number, event: JournalEvent, collection: Collection): void {
    this.recent.note(seq, event, collection);
    collection.apply(seq, event);
    this.daily?.noteActivity();
    const every = this.options.snapshotEvery ?? 20_000;
    this.scheduleSnapshot(this.pendingEvents >= every ? 0 : (this.options.snapshotIdleMs ?? 10_000));
  }

  private scheduleSnapshot(delayMs: number): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      // At an idle moment the snapshot is encoded in slices, other requests answered between them.
      // One that a change overtakes is dropped and tried again later; after two of those it is made
      // in one go, so a collection that never stays still long enough still gets its snapshot.
      const inSlices = this.snapshotsOvertaken < 2;
      void this.snapshot({ inSlices })
        .then((written) => {
          // Tried again as an event would have it (at once when the backlog is long); not after closing.
          if (written === 'overtaken' && this.writer) {
            this.snapshotsOvertaken++;
            this.scheduleSnapshot(this.pendingEvents >= (this.options.snapshotEvery ?? 20_000) ? 0 : (this.options.snapshotIdleMs ?? 10_000));
          }
        })
        .catch((error: unknown) => {
          // A failed one is no reason to keep holding the event loop for the next ones.
          this.snapshotsOvertaken = 0;
          const warning = `Snapshot failed: ${(error as Error).message}`;
          if (!this.warnings.includes(warning)) this.warnings.push(warning);
        });
    }, delayMs);
    this.idleTimer.unref();
  }

  /**
   * Writes the snapshot now (atomically, durably). Concurrent calls share one write. `inSlices`
   * encodes it a slice of records at a time with the event loop free between slices; such a
   * snapshot is given up ('overtaken') when an event lands meanwhile, since it must describe one
   * moment and the records change in place. Otherwise it is encoded in one go.
   */
  async snapshot(options: { inSlices?: boolean } = {}): Promise<'written' | 'overtaken' | 'nothing'> {
    if (this.readOnly) return 'nothing';
    if (this.snapshotting) {
      // Every waiter wakes at once; only one may start the next write, the others wait for it.
      while (this.snapshotting) await this.snapshotting;
      if (this.pendingEvents === 0) return 'nothing';
    }
    const collection = this.collection;
    const writer = this.writer;
    if (!collection || !writer) return 'nothing';
    const generation = this.generation;
    const seq = writer.lastSeq;
    const tag = randomBytes(8).toString('hex');
    const savedAt = this.options.now();
    const recentFrom = this.options.recentFrom?.(savedAt) ?? savedAt - LONGEST_DAY_MS;
    const data: SnapshotData = {
      format: SNAPSHOT_FORMAT,
      savedAt,
      journal: { seq, offset: writer.size },
      historyTag: tag,
      recent: { from: recentFrom, reviews: collection.history.rowsSince(recentFrom) },
      collection: collection.toData(),
    };
    const moved = () => generation !== this.generation || this.loadedCollection !== collection || this.writer !== writer || writer.lastSeq !== seq;
    let outcome: 'written' | 'overtaken' = 'written';
    this.snapshotting = (async () => {
      const pieces = options.inSlices ? await serializeSnapshotInSlices(data, moved) : serializeSnapshot(data);
      if (!pieces || moved()) {
        outcome = 'overtaken';
        return;
      }
      // The history cache is taken at the same moment as the snapshot's last slice (nothing moved
      // since the first): the snapshot goes to disk first, and a cache that lags behind it is rebuilt.
      collection.history.coversSeq = seq;
      collection.history.coversTag = tag;
      const history = this.historyIncomplete ? null : collection.history.toPieces();
      this.db.data = data;
      await this.db.adapter.writeEncoded(pieces);
      if (history) await writeFileDurablyAsync(this.historyPath, history);
    })()
      .catch((error: unknown) => {
        throw diskError(error, this.dataDir, 'writing the snapshot');
      })
      .finally(() => {
        this.snapshotting = null;
      });
    await this.snapshotting;
    if (outcome === 'written') {
      this.snapshotsOvertaken = 0;
      if (generation === this.generation) this.snapshotSeq = seq;
    }
    return outcome;
  }

  /**
   * Stops the idle snapshot and waits for one being written. Callers loop until both are clear and
   * then act without awaiting, so nothing can start in between.
   */
  private async quiesce(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.snapshotting) await this.snapshotting.catch(() => undefined);
    await this.idle();
  }

  /**
   * Makes a backup when the newest is older than a day (or there is none), then keeps `keep`. The
   * journal is checked first, all of it: opening reads only the part after the snapshot, so damage
   * in the older part would otherwise go unnoticed. When it is damaged, older backups may hold the
   * only good copy of that part, so none is pruned.
   */
  async backupIfDue(keep: number): Promise<BackupEntry | null> {
    await this.loaded();
    if (!this.loadedCollection || this.readOnly) return null;
    const now = this.options.now();
    const newest = listBackups(this.dataDir)[0];
    const age = newest ? now - newest.manifest.createdAt : Number.POSITIVE_INFINITY;
    // A backup stamped in the future (a clock that was wrong) must not stop backups for good.
    if (age >= 0 && age < DAY_MS) return null;
    const damage = await this.verifyJournal();
    return this.backupNow(damage ? Number.POSITIVE_INFINITY : keep);
  }

  /**
   * The daily backup as the app and the CLI take it: when due, with a failure kept for the window
   * to show (`backupFailure`) and thrown for the caller to log, never swallowed.
   */
  async dailyBackup(keep: number): Promise<BackupEntry | null> {
    try {
      const entry = await this.backupIfDue(keep);
      this.backupFailure = null;
      return entry;
    } catch (caught) {
      const error = diskError(caught, this.dataDir, 'making the daily backup');
      this.backupFailure = { at: this.options.now(), message: (error as Error).message };
      throw error;
    }
  }

  /** Takes the daily backup while the store is open, at idle moments (`DailyBackup`). */
  startDailyBackups(keep: () => number, options: DailyBackupOptions): DailyBackup {
    this.daily ??= new DailyBackup(() => this.dailyBackup(keep()), options);
    this.daily.start();
    return this.daily;
  }

  /** Checks every line of the journal in the background; a damaged one becomes a warning. */
  async verifyJournal(): Promise<JournalDamage | null> {
    if (!this.writer || !existsSync(this.journalPath)) return null;
    const damage = await verifyJournal(this.journalPath, this.writer.size).catch((error: unknown) => {
      throw new Error(`the journal could not be checked before the backup (${(error as Error).message})`, { cause: error });
    });
    if (damage) {
      const message = `The journal is damaged at line ${damage.line} (byte ${damage.byte}): ${damage.problem}. Your cards and schedules are intact, but the journal can no longer rebuild them from that line on, so every backup is now kept. Restoring a backup from before the damage brings back a whole journal.`;
      if (!this.warnings.includes(message)) this.warnings.push(message);
    }
    return damage;
  }

  /**
   * Backs up the snapshot on disk and the journal as it is now. No new snapshot is written (unless
   * there is none yet): the backup's journal goes on past the snapshot, and a restore replays it, so
   * a backup never holds the event loop for the seconds a large snapshot takes to serialise.
   */
  async backupNow(keep: number): Promise<BackupEntry> {
    if (this.readOnly) throw this.readOnlyError();
    await this.loaded();
    if (!existsSync(this.snapshotPath)) await this.snapshot();
    const collection = this.collection;
    const writer = this.writer;
    if (!collection || !writer) throw new AppError('conflict', 'The store is closed.');
    // From here to createBackup's first await nothing yields: the snapshot opened and the journal's
    // end read now describe one moment, and the snapshot's journal position is within that end.
    let snapshotFd: number | null = null;
    try {
      snapshotFd = openSync(this.snapshotPath, 'r');
    } catch {
      snapshotFd = null;
    }
    const entry = await createBackup(
      this.dataDir,
      { snapshotFd, journalPath: this.journalPath, journalBytes: writer.size, seq: this.snapshotSeq, journalSeq: writer.lastSeq, reviews: collection.history.activeCount },
      this.options.now(),
    );
    if (Number.isFinite(keep)) pruneBackups(this.dataDir, keep);
    return entry;
  }

  /**
   * After damage in the journal's tail: goes on from the last good line. The whole journal is
   * copied aside first, so the damaged line and everything after it stay on disk for a closer look.
   */
  async keepJournalUntilDamage(): Promise<void> {
    if (this.readOnly) throw this.readOnlyError();
    const byte = this.tailDamageByte;
    if (byte === null) throw new AppError('conflict', 'The journal has no damage to cut off.');
    while (this.snapshotting || this.idleTimer) await this.quiesce();
    this.generation++;
    const aside = moveAside(this.dataDir, [], this.options.now());
    copyFileSync(this.journalPath, join(aside, JOURNAL_FILE));
    syncFile(join(aside, JOURNAL_FILE));
    const entries = countLines(this.journalPath, byte).after;
    truncateSync(this.journalPath, byte);
    syncFile(this.journalPath);
    this.warnings.length = 0;
    this.load();
    this.warnings.push(`The journal now ends at its last good line; the ${entries} entries from the damaged one on were set aside in ${aside}.`);
  }

  /** Every event of the journal from the start, for history, statistics and checks. */
  readAllEvents(): { events: SequencedEvent[]; problem: string | null; torn: boolean } {
    const events: SequencedEvent[] = [];
    const result = this.scanAllEvents((event) => events.push(event));
    return { events, ...result };
  }

  /** Streams every event of the journal from the start without keeping them (a million reviews). */
  scanAllEvents(onEvent: (event: SequencedEvent) => void): { problem: string | null; torn: boolean; count: number } {
    if (!existsSync(this.journalPath)) return { problem: null, torn: false, count: 0 };
    const result: ScanResult = scanJournal(this.journalPath, 0, 1, onEvent);
    const problem = result.damage ? `line ${result.damage.line} (byte ${result.damage.byte}): ${result.damage.problem}` : null;
    return { problem, torn: result.torn !== null, count: result.count };
  }

  /**
   * Replaces the snapshot and journal with a backup's. The current files move to `damaged/<time>/`
   * first, so nothing is destroyed, then the store reloads.
   */
  async restoreBackup(name: string): Promise<void> {
    if (this.readOnly) throw this.readOnlyError();
    const entry = listBackups(this.dataDir).find((backup) => backup.name === name);
    if (!entry) throw new AppError('not_found', `No backup named ${name} in ${join(this.dataDir, 'backups')}.`);
    // Unpacked beside the current files and verified against the manifest before anything moves.
    const unpacked = unpackBackup(entry, this.dataDir);
    while (this.snapshotting || this.idleTimer) await this.quiesce();
    // From here to the reload nothing awaits, so no answer or snapshot can come in between.
    this.generation++;
    this.stopLoading();
    this.loadedCollection = null;
    this.writer?.close();
    this.writer = null;
    // The marker makes the restore a redo log: a crash at any point below is finished at the next open.
    writeFileDurably(this.restoreMarkerPath, JSON.stringify({ backup: entry.name }));
    const aside = this.applyRestore(entry, unpacked);
    this.warnings.length = 0;
    this.load();
    this.warnings.push(`Restored the backup of ${new Date(entry.manifest.createdAt).toLocaleString()}. The files it replaced are kept in ${aside}.`);
  }

  get restoreMarkerPath(): string {
    return join(this.dataDir, RESTORE_MARKER);
  }

  /**
   * Moves the current files aside, writes the backup's durably, then removes the marker. Safe to
   * repeat: a second run only moves the first run's (partial) copies aside as well.
   */
  private applyRestore(entry: BackupEntry, unpacked: Record<string, string> = unpackBackup(entry, this.dataDir)): string {
    const aside = moveAside(this.dataDir, [SNAPSHOT_FILE, JOURNAL_FILE], this.options.now());
    // The history cache belongs to the timeline being replaced; it is only a cache, so it goes.
    rmSync(this.historyPath, { force: true });
    for (const [file, temp] of Object.entries(unpacked)) renameSync(temp, join(this.dataDir, file));
    rmSync(this.restoreMarkerPath, { force: true });
    syncFolder(this.dataDir);
    return aside;
  }

  /** A restore was cut short: finish it from the same backup, or report why it cannot be. */
  private finishInterruptedRestore(): boolean {
    let name = '';
    try {
      name = (JSON.parse(readFileSync(this.restoreMarkerPath, 'utf8')) as { backup: string }).backup;
      const entry = listBackups(this.dataDir).find((backup) => backup.name === name);
      if (!entry) throw new Error('the backup is gone');
      this.applyRestore(entry);
      this.warnings.push(`A restore of ${name} was interrupted; it has now been completed. The files it replaced are in ${join(this.dataDir, 'damaged')}.`);
      return true;
    } catch (error) {
      this.damage = {
        file: RESTORE_MARKER,
        position: 'byte 0',
        problem: `a restore${name ? ` of ${name}` : ''} was interrupted and cannot be finished (${(error as Error).message}); restore another backup`,
      };
      return false;
    }
  }

  /** Rebuilds the collection from the whole journal when only the snapshot is damaged. */
  async rebuildFromJournal(): Promise<void> {
    if (this.readOnly) throw this.readOnlyError();
    const all = this.scanAllEvents(() => undefined);
    if (all.problem) throw new AppError('data_damaged', `The journal itself is damaged at ${all.problem}; restore a backup instead.`, { file: JOURNAL_FILE });
    while (this.snapshotting || this.idleTimer) await this.quiesce();
    this.generation++;
    this.stopLoading();
    this.loadedCollection = null;
    this.writer?.close();
    this.writer = null;
    moveAside(this.dataDir, [SNAPSHOT_FILE], this.options.now());
    rmSync(this.historyPath, { force: true });
    syncFolder(this.dataDir);
    this.load();
  }

  backups(): BackupEntry[] {
    return listBackups(this.dataDir);
  }

  /**
   * Snapshots unless told the pending tail is small enough to replay next time, then unlocks. Never
   * fails for want of a snapshot (a full disk): the journal holds every event and the next open
   * replays it. The reason is kept in `closeProblem` for the shell to say.
   */
  async close(options: { snapshotIfPendingAtLeast?: number } = {}): Promise<void> {
    if (this.closed) return;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    try {
      await this.daily?.stop();
      const threshold = options.snapshotIfPendingAtLeast ?? 1;
      // Nothing to write: the rest of a snapshot still being read is not needed. (A journal being
      // replayed is finished: it is what the snapshot written now saves the next open from.)
      if (this.staged instanceof StagedLoad && this.pendingEvents < threshold) this.stopLoading();
      if (this.collection && this.writer && this.pendingEvents >= threshold) await this.snapshot();
      else if (this.snapshotting) await this.snapshotting;
      await this.idle();
    } catch (error) {
      this.closeProblem = `the snapshot could not be written (${(error as Error).message}); nothing was lost: the journal holds every change and is replayed at the next start`;
    } finally {
      this.closed = true;
      this.stopLoading();
      this.writer?.close();
      this.writer = null;
      this.lock?.release();
      this.lock = null;
    }
  }
}
