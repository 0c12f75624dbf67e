// One writer per data folder: a lock file naming its process, taken over safely when that process died.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';

export const LOCK_FILE = 'interleave.lock';
const TAKEOVER_FILE = 'interleave.lock.takeover';

interface LockInfo {
  pid: number;
  host: string;
  /** Kernel start time of the process (Linux), so a recycled pid is not mistaken for the holder. */
  processStart: string | null;
  since: number;
  purpose: string;
  token: string;
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

function isAlive(info: LockInfo): boolean {
  if (info.host !== hostname()) return true; // cannot tell for another machine: assume it is working
  try {
    process.kill(info.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  if (info.processStart !== null) {
    const now = processStart(info.pid);
    if (now !== null && now !== info.processStart) return false;
  }
  return true;
}

function readInfo(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null; // empty or half-written: its writer died before finishing
  }
}

function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function describe(info: LockInfo): string {
  const since = new Date(info.since).toISOString();
  return `process ${info.pid} (${info.purpose}) on ${info.host}, since ${since}`;
}

export class DataLock {
  private released = false;

  private constructor(
    private readonly path: string,
    readonly info: LockInfo,
  ) {}

  /**
   * Takes the folder's lock or throws `data_locked` naming the holder. A lock whose process is gone
   * (killed, power cut) is taken over; a takeover file makes two processes doing that at the same
   * moment take turns instead of both winning.
   */
  static acquire(dataDir: string, purpose: string, now: number): DataLock {
    const path = join(dataDir, LOCK_FILE);
    const info: LockInfo = {
      pid: process.pid,
      host: hostname(),
      processStart: processStart(process.pid),
      since: now,
      purpose,
      token: randomBytes(8).toString('hex'),
    };
    const content = JSON.stringify(info);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (createExclusive(path, content)) return new DataLock(path, info);
      const holder = readInfo(path);
      if (holder && isAlive(holder)) {
        throw new AppError(
          'data_locked',
          `The data folder ${dataDir} is in use by ${describe(holder)}. Close that Interleave window or command first.`,
          { file: path },
        );
      }
      DataLock.takeOver(dataDir, path, holder);
    }
    throw new AppError('data_locked', `Could not take the lock of ${dataDir}: another process keeps taking it.`, { file: path });
  }

  private static takeOver(dataDir: string, path: string, stale: LockInfo | null): void {
    const mutex = join(dataDir, TAKEOVER_FILE);
    if (!createExclusive(mutex, String(process.pid))) {
      // Someone else is taking over; if they died doing it, clear their mutex for the next attempt.
      try {
        if (Date.now() - statSync(mutex).mtimeMs > 10_000) unlinkSync(mutex);
      } catch {
        /* gone already */
      }
      return;
    }
    try {
      const current = readInfo(path);
      // Remove only the very lock judged stale, never a fresh one taken in between.
      const same = current === null ? stale === null : stale !== null && current.token === stale.token;
      if (same && (current === null || !isAlive(current))) {
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
    const current = readInfo(this.path);
    if (current && current.token === this.info.token) {
      try {
        unlinkSync(this.path);
      } catch {
        /* nothing to release */
      }
    }
  }
}
