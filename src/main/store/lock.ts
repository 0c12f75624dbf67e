// One writer per data folder: a lock file naming its process, taken over safely when that process died.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';
import { syncFolder } from './durable-folder';

export const LOCK_FILE = 'interleave.lock';
const TAKEOVER_FILE = 'interleave.lock.takeover';
/** Finished lock contents wait under this prefix until linked to their real name. */
const TEMP_PREFIX = '.interleave.lock.';

/**
 * An empty or garbled lock file younger than this may be an older version's writer between creating
 * the file and writing it (or one paused there), so it counts as held; older, it is a crash's leftover.
 */
export const UNREADABLE_GRACE_MS = 5_000;
/**
 * Boot times computed as "now - uptime" differ from call to call (rounding, clock drift over weeks of
 * uptime). A previous boot is at least one whole session earlier, so only a larger gap counts as one.
 */
export const BOOT_TOLERANCE_MS = 5 * 60_000;

interface LockInfo {
  pid: number;
  host: string;
  /** Kernel start time of the process (Linux), so a recycled pid is not mistaken for the holder. */
  processStart: string | null;
  /**
   * When the system booted (ms), so where processStart is unknown (macOS, Windows) a pid recycled
   * after a reboot is not mistaken for the holder. Absent in locks written by earlier versions.
   */
  boot?: number;
  since: number;
  purpose: string;
  token: string;
}

/** What a lock file holds: its writer, nothing readable (empty or garbled), or no file at all. */
type LockState = { kind: 'held'; info: LockInfo } | { kind: 'unreadable'; mtimeMs: number } | { kind: 'missing' };

/** The clocks acquire judges other locks by; injectable so tests need not sleep or reboot. */
export interface LockClocks {
  /** Real time, compared with file mtimes (acquire's `now` may be a test's or --now's clock). */
  wallClock?: () => number;
  /** When this system booted, in ms. */
  bootTime?: number;
}

/** This boot's start, rounded to the second: the part of "now - uptime" that is not jitter. */
export function currentBootTime(wallNow = Date.now()): number {
  return Math.round((wallNow - uptime() * 1000) / 1000) * 1000;
}

function processStart(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name, which may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(info: LockInfo, bootTime: number): boolean {
  if (info.host !== hostname()) return true; // cannot tell for another machine: assume it is working
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (info.processStart !== null && info.processStart !== undefined) {
    const now = processStart(info.pid);
    // Decisive when known: it does not move with the wall clock, unlike a boot time computed from it.
    if (now !== null) return now === info.processStart;
  }
  // The pid is taken, by the holder or by a process that recycled it since a reboot.
  if (typeof info.boot === 'number' && info.boot < bootTime - BOOT_TOLERANCE_MS) return false;
  return true;
}

function readLock(path: string): LockState {
  let text: string;
  let mtimeMs: number;
  try {
    // Content first: if the file is replaced in between, the age is the newer file's, so a writer
    // that just created one is not judged by its predecessor's age.
    text = readFileSync(path, 'utf8');
    mtimeMs = statSync(path).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const info = JSON.parse(text) as LockInfo | null;
    if (info && typeof info.pid === 'number' && typeof info.host === 'string' && typeof info.token === 'string') {
      return { kind: 'held', info };
    }
  } catch {
    /* garbled */
  }
  return { kind: 'unreadable', mtimeMs };
}

/** Codes for a file system without hard links (FAT, exFAT, some network shares). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Creates `path` with `content` unless it exists. The content is written and synced under a unique
 * temporary name first, then linked to `path`: link() fails if `path` exists, and the file never
 * appears without its content, so nobody can mistake a lock being written for a dead writer's.
 */
function createExclusive(path: string, content: string): boolean {
  const temp = join(dirname(path), `${TEMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeNew(temp, content);
    try {
      linkSync(temp, path);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') return false;
      if (!NO_LINKS.has(code)) throw error;
    }
    // No hard links here: create in place. The file is empty for a moment, which the grace period covers.
    try {
      writeNew(path, content);
      return true;
    } catch (inPlace) {
      if ((inPlace as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inPlace;
    }
  } finally {
    // Also when writing it failed (a full disk): no empty temporary is left behind.
    try {
      unlinkSync(temp);
    } catch {
      /* never created, or a leftover removed by a later acquire */
    }
  }
}

/** Creates `path` (which must not exist) with `content`, flushed; on failure nothing of it is left. */
function writeNew(path: string, content: string): void {
  const fd = openSync(path, 'wx');
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
    throw error;
  }
  closeSync(fd);
}

/** Temporary lock files of acquires a crash cut short; a recent one may be an acquire under way. */
function removeLeftoverTempFiles(dataDir: string, wallNow: number): void {
  for (const name of readdirSync(dataDir)) {
    if (!name.startsWith(TEMP_PREFIX) || !name.endsWith('.tmp')) continue;
    try {
      const path = join(dataDir, name);
      if (wallNow - statSync(path).mtimeMs > 60_000) unlinkSync(path);
    } catch {
      /* gone already */
    }
  }
}

function describe(info: LockInfo): string {
  const since = new Date(info.since).toISOString();
  return `process ${info.pid} (${info.purpose}) on ${info.host}, since ${since}`;
}

/**
 * A lock written on another host name: Interleave cannot see whether its process runs, so it never
 * takes it over on its own. The message says what to do; the shells offer a confirmed takeover.
 */
export class ForeignLockError extends AppError {
  constructor(
    dataDir: string,
    path: string,
    readonly holderHost: string,
    info: LockInfo,
  ) {
    super(
      'data_locked',
      `The data folder ${dataDir} is locked by process ${info.pid} (${info.purpose}) on host "${info.host}" since ${new Date(info.since).toISOString()}, and this machine is "${hostname()}": ` +
        `Interleave cannot see whether that process still runs. If "${info.host}" is this machine under an earlier name (it was renamed), or Interleave is closed there, ` +
        'take the lock over: run the command again with --take-over-lock (in the app: the Take over button). ' +
        `Never do this while Interleave is open on "${info.host}": two writers would damage the collection.`,
      { file: path },
    );
  }
}

export interface AcquireOptions {
  /**
   * The learner confirmed that the holder on another host name is gone (or is this machine renamed):
   * its lock is taken over. A live holder on this machine is never taken over.
   */
  takeOverFromOtherHost?: boolean;
}

export class DataLock {
  private released = false;

  private constructor(
    private readonly path: string,
    readonly info: LockInfo,
  ) {}

  /**
   * Takes the folder's lock or throws `data_locked` naming the holder. A lock whose process is gone
   * (killed, power cut, a reboot since) is taken over; a takeover file makes two processes doing that
   * at the same moment take turns instead of both winning.
   */
  static acquire(dataDir: string, purpose: string, now: number, clocks: LockClocks = {}, options: AcquireOptions = {}): DataLock {
    const wallClock = clocks.wallClock ?? Date.now;
    const bootTime = clocks.bootTime ?? currentBootTime(wallClock());
    const path = join(dataDir, LOCK_FILE);
    const info: LockInfo = {
      pid: process.pid,
      host: hostname(),
      processStart: processStart(process.pid),
      boot: bootTime,
      since: now,
      purpose,
      token: randomBytes(8).toString('hex'),
    };
    const content = JSON.stringify(info);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (createExclusive(path, content)) {
        // The lock's name is on disk too: after a power cut the folder is still known to be held.
        syncFolder(dataDir);
        removeLeftoverTempFiles(dataDir, wallClock());
        return new DataLock(path, info);
      }
      const holder = readLock(path);
      if (holder.kind === 'missing') continue; // released in between: try again
      const foreign = holder.kind === 'held' && holder.info.host !== hostname();
      if (foreign && !options.takeOverFromOtherHost) throw new ForeignLockError(dataDir, path, holder.info.host, holder.info);
      if (holder.kind === 'held' && !foreign && isAlive(holder.info, bootTime)) {
        throw new AppError(
          'data_locked',
          `The data folder ${dataDir} is in use by ${describe(holder.info)}. Close that Interleave window or command first.`,
          { file: path },
        );
      }
      if (holder.kind === 'unreadable' && wallClock() - holder.mtimeMs < UNREADABLE_GRACE_MS) {
        throw new AppError(
          'data_locked',
          `The data folder ${dataDir} is being opened by another process right now. Try again in a few seconds.`,
          { file: path },
        );
      }
      DataLock.takeOver(dataDir, path, holder, wallClock, bootTime, options.takeOverFromOtherHost ?? false);
    }
    throw new AppError('data_locked', `Could not take the lock of ${dataDir}: another process keeps taking it.`, { file: path });
  }

  private static takeOver(dataDir: string, path: string, stale: LockState, wallClock: () => number, bootTime: number, foreignConfirmed: boolean): void {
    const mutex = join(dataDir, TAKEOVER_FILE);
    if (!createExclusive(mutex, String(process.pid))) {
      // Someone else is taking over; if they died doing it, clear their mutex for the next attempt.
      try {
        if (wallClock() - statSync(mutex).mtimeMs > 10_000) unlinkSync(mutex);
      } catch {
        /* gone already */
      }
      return;
    }
    try {
      // Remove only the very lock judged stale, never a fresh one taken in between: judge it again.
      const current = readLock(path);
      const same =
        current.kind === 'unreadable'
          ? stale.kind === 'unreadable' && wallClock() - current.mtimeMs >= UNREADABLE_GRACE_MS
          : current.kind === 'held' &&
            stale.kind === 'held' &&
            current.info.token === stale.info.token &&
            (current.info.host !== hostname() ? foreignConfirmed : !isAlive(current.info, bootTime));
      if (same) {
        try {
          unlinkSync(path);
        } catch {
          /* already removed */
        }
      }
    } finally {
      unlinkSync(mutex);
    }
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    try {
      const current = readLock(this.path);
      if (current.kind === 'held' && current.info.token === this.info.token) unlinkSync(this.path);
    } catch {
      /* nothing to release, or nothing we can do about it while closing */
    }
  }
}
