// Reads a file to import in a child process and brings its bundle back a batch at a time, so the app keeps answering meanwhile.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { ImportError, type ImportBundle, type ImportedNote } from '../../core/import/bundle';
import { AppError, type ErrorCode } from '../../shared/errors';
import type { ReadOptions } from './read-import-file';

/** To the child: what to read, and where media goes. */
export interface ChildRead {
  path: string;
  fileName: string;
  maxBytes: number;
  mediaFolder: string;
  /** Marks the child's temporary media files, so the app can remove them all if the child is stopped. */
  token: string;
  options: Omit<ReadOptions, 'calendar' | 'media'>;
}

/** From the child: the bundle without its notes, then the notes in batches, then done; or what failed. */
export type ReadReply =
  | { kind: 'bundle'; bundle: ImportBundle }
  | { kind: 'notes'; notes: ImportedNote[] }
  | { kind: 'done'; peakRssBytes: number }
  | { kind: 'failed'; name: string; message: string; where?: unknown; code?: string; peakRssBytes: number };

function childScript(): { file: string; execArgv: string[] } {
  // The built `import-worker.js` beside the entry points (this module may be bundled into a chunk
  // one folder below them), or the TypeScript source through tsx when running from source.
  for (const built of [join(import.meta.dirname, 'import-worker.js'), join(import.meta.dirname, '..', 'import-worker.js')]) {
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: join(import.meta.dirname, 'read-child.ts'), execArgv: ['--import', 'tsx'] };
}

export interface ChildReading {
  bundle: Promise<ImportBundle>;
  /** The child's peak memory once it finished or failed (for the benchmark); NaN when it stopped unexpectedly. */
  peakRssBytes: Promise<number>;
  /** Stops the child; the media it unpacked is removed. */
  cancel(): void;
}

const APP_CODES = new Set<ErrorCode>(['invalid_input', 'not_found', 'parse_error', 'disk_full', 'read_only', 'disk_error', 'conflict']);

/** The child's error as the one the same read in this process would have thrown. */
function errorFrom(reply: Extract<ReadReply, { kind: 'failed' }>): Error {
  if (reply.name === 'ImportError' || reply.name === 'LimitExceeded') return new ImportError(reply.message, (reply.where ?? {}) as ImportError['where']);
  if (reply.name === 'AppError' && APP_CODES.has(reply.code as ErrorCode)) return new AppError(reply.code as ErrorCode, reply.message, reply.where as AppError['where']);
  // A system error (a full disk) keeps its code, for the disk-fault message.
  return Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {});
}

/**
 * Reads `request.path` in a child process. A child rather than a worker thread: its memory is its
 * own (a package's peak never adds to the app's), and a crash in sql.js or an unzipper cannot take
 * the app down. Notes come back in batches of a few hundred, each taken in a moment.
 */
export function readInChild(request: Omit<ChildRead, 'token'>): ChildReading {
  const token = randomBytes(6).toString('hex');
  const { file, execArgv } = childScript();
  // Electron's fork runs the script with Electron's own Node.
  const child = fork(file, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  // Background work: on a busy machine the app's own process goes first.
  try {
    if (child.pid !== undefined) setPriority(child.pid, 10);
  } catch {
    /* not allowed here: it runs at the app's priority */
  }
  let settled = false;
  let peak: (bytes: number) => void = () => undefined;
  const peakRssBytes = new Promise<number>((resolve) => (peak = resolve));
  const removeMedia = () => {
    try {
      for (const name of readdirSync(request.mediaFolder)) if (name.startsWith(`.import-${token}-`)) rmSync(join(request.mediaFolder, name), { force: true });
    } catch {
      /* no media folder: nothing was unpacked */
    }
  };
  const bundle = new Promise<ImportBundle>((resolve, reject) => {
    let head: ImportBundle | null = null;
    const notes: ImportedNote[] = [];
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      if (child.connected) child.disconnect();
    };
    child.on('message', (reply: ReadReply) => {
      if (reply.kind === 'bundle') head = reply.bundle;
      else if (reply.kind === 'notes') notes.push(...reply.notes);
      else if (reply.kind === 'done') finish(() => (peak(reply.peakRssBytes), resolve({ ...head!, notes })));
      else finish(() => (peak(reply.peakRssBytes), removeMedia(), reject(errorFrom(reply))));
    });
    child.on('error', (error) => finish(() => (peak(Number.NaN), removeMedia(), reject(error))));
    child.on('exit', (code, signal) => {
      finish(() => {
        peak(Number.NaN);
        removeMedia();
        reject(new Error(`reading the file stopped unexpectedly (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`));
      });
    });
  });
  child.send({ ...request, token } satisfies ChildRead);
  return {
    bundle,
    peakRssBytes,
    cancel: () => {
      if (!settled) child.kill();
    },
  };
}
