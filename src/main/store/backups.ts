// Rolling daily backups of the snapshot and the journal: each reuses the journal the one before holds, verified when made and before a restore.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, createWriteStream, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync } from 'node:zlib';
import { makeFolder, syncFolder } from './durable-folder';
import { readBytes } from './journal';
import { syncFile, writeFileDurably } from './snapshot-file';

export const BACKUPS_DIR = 'backups';
const MANIFEST = 'manifest.json';
const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.jsonl';
/**
 * A backup's journal is kept in pieces of at most this many bytes: restoring holds one piece in
 * memory at a time, and the next backup links the pieces instead of compressing them again.
 */
export const SEGMENT_BYTES = 32 * 1024 * 1024;
/** The journal's last bytes a backup remembers, to recognise its journal as the start of a later one. */
const TAIL_BYTES = 512;
/** Folders of backups a crash or a full disk cut short: never offered, removed at the next start. */
const PARTIAL = /^\.backup-.*\.partial$/;

export interface BackupFile {
  bytes: number;
  sha256: string;
}

/** One piece of a backup's journal: bytes `from` to `to` of the journal, gzipped in `file`. */
export interface JournalSegment {
  file: string;
  from: number;
  to: number;
  sha256: string;
}

export interface BackupManifest {
  /** 2: the journal in segments shared with earlier backups. Absent: the first format, one gzip per file. */
  format?: 2;
  createdAt: number;
  /** Journal position covered by the backed-up snapshot (the journal goes on to `journalSeq`). */
  seq: number;
  /** The last journal event the backup holds. */
  journalSeq?: number;
  /** Reviews in the collection when the backup was made: what restoring it keeps. */
  reviews?: number;
  /** The first format: `snapshot.json` and `journal.jsonl`; format 2: `snapshot.json` only. */
  files: Record<string, BackupFile>;
  journal?: { bytes: number; tail: string; segments: JournalSegment[] };
}

export interface BackupEntry {
  name: string;
  path: string;
  manifest: BackupManifest;
  bytes: number;
}

/** What a backup copies: the snapshot on disk (already open, so a newer one renamed over it does not matter) and the journal up to `journalBytes`. */
export interface BackupSource {
  snapshotFd: number | null;
  journalPath: string;
  journalBytes: number;
  seq: number;
  journalSeq: number;
  reviews: number;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').replace('Z', '');
}

function storedFiles(manifest: BackupManifest): string[] {
  return [...Object.keys(manifest.files).map((file) => `${file}.gz`), ...(manifest.journal?.segments.map((segment) => segment.file) ?? [])];
}

/** Backups newest first; folders without a readable manifest are not offered. */
export function listBackups(dataDir: string): BackupEntry[] {
  const root = join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    // Missing, or not a readable folder: no backup to offer. Making one then fails, and says why.
    return [];
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const path = join(root, name);
    try {
      const manifest = JSON.parse(readFileSync(join(path, MANIFEST), 'utf8')) as BackupManifest;
      const bytes = storedFiles(manifest).reduce((sum, file) => sum + statSync(join(path, file)).size, 0);
      entries.push({ name, path, manifest, bytes });
    } catch {
      // incomplete (interrupted while being written) or damaged: not a backup to offer
    }
  }
  return entries.sort((a, b) => b.manifest.createdAt - a.manifest.createdAt);
}

/** Removes the folders of backups that never finished (a crash, a full disk): called at open, under the lock. */
export function removePartialBackups(dataDir: string): void {
  const root = join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) if (PARTIAL.test(name)) rmSync(join(root, name), { recursive: true, force: true });
}

/** Gzips bytes `start` to `end` of an open file (or all of it) into `target`, flushed; returns their size and hash. */
async function gzipInto(fd: number, target: string, range?: { start: number; end: number }): Promise<BackupFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  // The stream reads through the descriptor and leaves it open: the caller closes it.
  const input = createReadStream('', { fd, autoClose: false, ...(range ? { start: range.start, end: range.end - 1 } : { start: 0 }) });
  input.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  });
  // Level 1: several times faster than the default, for a third more bytes; a backup should be cheap to make.
  await pipeline(input, createGzip({ level: 1 }), createWriteStream(target));
  syncFile(target);
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * The newest backup whose journal is the start of the current one: same length or shorter, and the
 * same last bytes where it ends (the line there carries its sequence number, time and checksum, so
 * a journal replaced by a restore, or cut back, does not match). Its segments can be reused.
 */
function reusableJournal(backups: BackupEntry[], journalPath: string, journalBytes: number): BackupEntry | null {
  for (const backup of backups) {
    const journal = backup.manifest.journal;
    if (backup.manifest.format !== 2 || !journal || journal.bytes > journalBytes || journal.bytes === 0) continue;
    const tail = Buffer.from(journal.tail, 'base64');
    if (readBytes(journalPath, journal.bytes - tail.length, tail.length).equals(tail)) return backup;
  }
  return null;
}

/** Gives `target` the content of `source`: a hard link where the disk has them (nothing copied), else a copy. */
function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch {
    copyFileSync(source, target);
    syncFile(target);
  }
}

/**
 * Copies the snapshot and the journal into a new backup folder. The journal part an earlier backup
 * already holds is linked from it, and only what came since is compressed: at a million reviews a
 * backup takes as long as a day's answers need, not the whole journal's. The folder gets its final
 * name only once every file and the manifest are written, so a crash never leaves a half backup that
 * looks whole; on any failure (a full disk) the partial folder is removed at once.
 */
export async function createBackup(dataDir: string, source: BackupSource, now: number): Promise<BackupEntry> {
  const root = join(dataDir, BACKUPS_DIR);
  // Two backups in the same millisecond (a clock set back to an earlier backup's moment, a fixed
  // clock in tests and the benchmark) get distinct names: a rename onto a backup would fail or lose it.
  let name = `backup-${stamp(now)}`;
  for (let n = 2; existsSync(join(root, name)); n++) name = `backup-${stamp(now)}-${n}`;
  const temp = join(root, `.${name}.partial`);
  const path = join(root, name);
  try {
    makeFolder(root);
    const earlier = listBackups(dataDir);
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp);
    const manifest: BackupManifest = { format: 2, createdAt: now, seq: source.seq, journalSeq: source.journalSeq, reviews: source.reviews, files: {} };
    if (source.snapshotFd !== null) manifest.files[SNAPSHOT] = await gzipInto(source.snapshotFd, join(temp, `${SNAPSHOT}.gz`));
    const segments: JournalSegment[] = [];
    let from = 0;
    const base = source.journalBytes > 0 ? reusableJournal(earlier, source.journalPath, source.journalBytes) : null;
    if (base) {
      for (const segment of base.manifest.journal!.segments) {
        linkOrCopy(join(base.path, segment.file), join(temp, segment.file));
        segments.push(segment);
      }
      from = base.manifest.journal!.bytes;
    }
    if (from < source.journalBytes) {
      const fd = openSync(source.journalPath, 'r');
      try {
        for (; from < source.journalBytes; from = Math.min(source.journalBytes, from + SEGMENT_BYTES)) {
          const to = Math.min(source.journalBytes, from + SEGMENT_BYTES);
          const file = `journal-${from}-${to}.gz`;
          const written = await gzipInto(fd, join(temp, file), { start: from, end: to });
          segments.push({ file, from, to, sha256: written.sha256 });
        }
      } finally {
        closeSync(fd);
      }
    }
    const tailStart = Math.max(0, source.journalBytes - TAIL_BYTES);
    const tail = source.journalBytes > 0 ? readBytes(source.journalPath, tailStart, source.journalBytes - tailStart) : Buffer.alloc(0);
    manifest.journal = { bytes: source.journalBytes, tail: tail.toString('base64'), segments };
    writeFileDurably(join(temp, MANIFEST), JSON.stringify(manifest, null, 2));
    syncFolder(temp);
    renameSync(temp, path);
    syncFolder(root);
    return { name, path, manifest, bytes: storedFiles(manifest).reduce((sum, file) => sum + statSync(join(path, file)).size, 0) };
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  } finally {
    if (source.snapshotFd !== null) closeSync(source.snapshotFd);
  }
}

/** Keeps the newest `keep` backups and deletes the rest (segments still linked from newer ones stay with them). */
export function pruneBackups(dataDir: string, keep: number): void {
  for (const entry of listBackups(dataDir).slice(keep)) rmSync(entry.path, { recursive: true, force: true });
}

function unpacked(entry: BackupEntry, stored: string, expected: { bytes: number; sha256: string }, what: string): Buffer {
  const content = gunzipSync(readFileSync(join(entry.path, stored)), { maxOutputLength: Math.max(1, expected.bytes) });
  if (content.length !== expected.bytes || createHash('sha256').update(content).digest('hex') !== expected.sha256) {
    throw new Error(`backup ${entry.name}: ${what} does not match its checksum`);
  }
  return content;
}

/**
 * Writes the backup's files, unpacked and checked against the manifest, to temporary files beside
 * the data folder's own (flushed), and returns them by the name each replaces. Nothing of the data
 * folder is touched; a mismatch throws and removes what was written. One journal segment at a time
 * is held in memory.
 */
export function unpackBackup(entry: BackupEntry, dataDir: string): Record<string, string> {
  const written: Record<string, string> = {};
  const tempFor = (file: string) => join(dataDir, `.restore-${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    for (const [file, expected] of Object.entries(entry.manifest.files)) {
      const temp = (written[file] = tempFor(file));
      writeWhole(temp, [() => unpacked(entry, `${file}.gz`, expected, file)]);
    }
    const journal = entry.manifest.journal;
    if (journal) {
      let at = 0;
      for (const segment of journal.segments) {
        if (segment.from !== at) throw new Error(`backup ${entry.name}: its journal has a gap at byte ${at}`);
        at = segment.to;
      }
      if (at !== journal.bytes) throw new Error(`backup ${entry.name}: its journal ends at byte ${at}, not ${journal.bytes}`);
      const temp = (written[JOURNAL] = tempFor(JOURNAL));
      writeWhole(
        temp,
        journal.segments.map((segment) => () => unpacked(entry, segment.file, { bytes: segment.to - segment.from, sha256: segment.sha256 }, segment.file)),
      );
    }
    return written;
  } catch (error) {
    for (const temp of Object.values(written)) rmSync(temp, { force: true });
    throw error;
  }
}

function writeWhole(path: string, parts: (() => Buffer)[]): void {
  const fd = openSync(path, 'wx');
  try {
    for (const part of parts) {
      const bytes = part();
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Moves files aside into `damaged/<time>/` so a restore never destroys what it replaces. */
export function moveAside(dataDir: string, files: string[], now: number): string {
  // A folder of its own every time: two moves in the same millisecond (or under a fixed --now)
  // must not rename one journal over the other.
  let target = join(dataDir, 'damaged', stamp(now));
  for (let n = 2; existsSync(target); n++) target = join(dataDir, 'damaged', `${stamp(now)}-${n}`);
  makeFolder(target);
  for (const file of files) if (existsSync(join(dataDir, file))) renameSync(join(dataDir, file), join(target, file));
  syncFolder(target);
  syncFolder(dataDir);
  return target;
}
