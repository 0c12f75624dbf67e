// The lowdb snapshot: the collection as of a journal position, written atomically and durably.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import type { CollectionData } from '../../core/collection/collection';
import { syncFolder } from './durable-folder';
import { serializeSnapshot, type RecentReviews, type SnapshotLayout } from './snapshot-layout';

export { syncFolder };

export const SNAPSHOT_FILE = 'snapshot.json';
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotData {
  format: number;
  savedAt: number;
  /** The journal position this snapshot includes: every event up to `seq`, ending at byte `offset`. */
  journal: { seq: number; offset: number };
  /** The tag written into the history cache saved with this snapshot (absent before tags existed). */
  historyTag?: string;
  /** The reviews of the days before the snapshot (absent before the head existed): see snapshot-layout.ts. */
  recent?: RecentReviews;
  /** Written by the layout itself: the head's length and where the notes are (absent in older snapshots). */
  headBytes?: number;
  layout?: SnapshotLayout;
  collection: CollectionData;
}

/**
 * lowdb's own JSONFile renames a temporary file into place but never flushes it, so a power cut
 * can leave an empty snapshot. This adapter writes the temporary file, fsyncs it, renames it over
 * the old one and fsyncs the folder, so the snapshot on disk is always a whole one. The JSON is
 * laid out so that opening can read the head before the notes (snapshot-layout.ts).
 */
export class DurableSnapshotFile implements Adapter<SnapshotData | null> {
  constructor(private readonly path: string) {}

  async read(): Promise<SnapshotData | null> {
    if (!existsSync(this.path)) return null;
    return JSON.parse(readFileSync(this.path, 'utf8')) as SnapshotData;
  }

  async write(data: SnapshotData | null): Promise<void> {
    // Serialised now, synchronously: the snapshot is the state at the moment write() is called.
    await this.writeEncoded(data ? serializeSnapshot(data) : [Buffer.from('null')]);
  }

  /** Writes a snapshot already encoded (in slices, by the store at an idle moment). */
  async writeEncoded(pieces: readonly Uint8Array[]): Promise<void> {
    await writeFileDurablyAsync(this.path, pieces);
  }
}

/** As writeFileDurably, without holding the event loop while the bytes go to disk (given whole, or in pieces written in order). */
export async function writeFileDurablyAsync(path: string, content: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const temp = tempNameFor(path);
  try {
    const handle = await open(temp, 'w');
    try {
      if (Array.isArray(content)) for (const piece of content as readonly Uint8Array[]) await handle.writeFile(piece);
      else await handle.writeFile(content as string | Uint8Array);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    // A full disk must not keep a half-written copy that eats what little room is left.
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  syncFolder(dirname(path));
}

export function writeFileDurably(path: string, content: string | Buffer): void {
  const temp = tempNameFor(path);
  try {
    const fd = openSync(temp, 'w');
    try {
      const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let written = 0;
      while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dirname(path));
}

/** Flushes a file already written by other means (a stream) to the disk. */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A temporary name no other writer of the same file uses at the same time. */
function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export function snapshotDb(dataDir: string): Low<SnapshotData | null> & { adapter: DurableSnapshotFile } {
  return new Low<SnapshotData | null>(new DurableSnapshotFile(join(dataDir, SNAPSHOT_FILE)), null) as Low<SnapshotData | null> & { adapter: DurableSnapshotFile };
}

export type SnapshotRead = { kind: 'missing' } | { kind: 'ok'; data: SnapshotData } | { kind: 'damaged'; position: string; problem: string };

/** Reads the snapshot, telling a missing file from a damaged one and saying where the damage is. */
export function readSnapshot(path: string): SnapshotRead {
  if (!existsSync(path)) return { kind: 'missing' };
  const text = readFileSync(path, 'utf8');
  let data: SnapshotData;
  try {
    data = JSON.parse(text) as SnapshotData;
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    const line = text.slice(0, offset).split('\n').length;
    return { kind: 'damaged', position: `line ${line} (byte ${offset})`, problem: `not valid JSON: ${message}` };
  }
  const problem = snapshotShapeProblem(data);
  if (problem) return { kind: 'damaged', position: 'byte 0', problem };
  return { kind: 'ok', data };
}

function snapshotShapeProblem(data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return 'not a snapshot object';
  const snapshot = data as Partial<SnapshotData>;
  if (snapshot.format !== SNAPSHOT_FORMAT) return `unknown snapshot format ${String(snapshot.format)}`;
  if (!snapshot.journal || !Number.isInteger(snapshot.journal.seq) || !Number.isInteger(snapshot.journal.offset)) return 'no journal position';
  const col = snapshot.collection;
  if (!col || !Array.isArray(col.decks) || !Array.isArray(col.notes) || !Array.isArray(col.cards) || !Array.isArray(col.presets)) {
    return 'the collection is incomplete (decks, notes, cards or presets missing)';
  }
  return null;
}
