// The collection's media folder: imported files written under safe, unique names, never outside it and never over another file.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ImportCounts } from '../../shared/dto';
import type { ImportedMedia } from '../../core/import/bundle';
import { isMediaName } from '../files/contained-path';
import { syncFolder } from '../store/snapshot-file';
import { checkMediaName } from './anki/media-name';

export const MEDIA_DIR = 'media';

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The SHA-1 of a file on disk, read a piece at a time (a video is never held whole). */
function sha1OfFile(path: string): string {
  const hash = createHash('sha1');
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (let n = readSync(fd, chunk, 0, chunk.length, null); n > 0; n = readSync(fd, chunk, 0, chunk.length, null)) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** A file to place: its bytes, or the temporary file the import unpacked it to. */
export interface MediaWrite {
  name: string;
  sha1: string;
  size: number;
  bytes?: Uint8Array;
  stored?: string;
}

export interface MediaPlan {
  /** Files to write, by final name. */
  writes: MediaWrite[];
  /** Names that had to change because a different file already had them: old -> new. */
  renames: Map<string, string>;
  counts: ImportCounts;
  messages: string[];
}

/**
 * Decides what each imported file becomes. A name is checked again here, whoever produced it. The
 * same name with the same content is already there (unchanged); with other content, the new file
 * gets `name-<first 8 of its SHA-1>.ext` (then `-2`, `-3`… should even that be taken by other
 * content) and the notes are told about the new name. `ours` names files this same import already
 * wrote on an earlier pass: they are still counted, and listed, as its own.
 */
export function planMedia(dataDir: string, media: ImportedMedia[], ours: ReadonlySet<string> = new Set()): MediaPlan {
  const folder = join(dataDir, MEDIA_DIR);
  const plan: MediaPlan = { writes: [], renames: new Map(), counts: { added: 0, updated: 0, unchanged: 0, skipped: 0 }, messages: [] };
  const taken = new Map<string, string>();
  // Listed once: looking each name up would cost thousands of calls for a large deck.
  const present = new Set(existsSync(folder) ? readdirSync(folder) : []);
  // The content a name already has, as a digest: a file of another size differs without being read.
  const holder = (name: string, size: number): string | null => {
    const known = taken.get(name);
    if (known) return known;
    // A file that appears after the listing is found when the file is placed: placing never overwrites.
    if (!present.has(name)) return null;
    const path = join(folder, name);
    let onDisk: number;
    try {
      onDisk = statSync(path).size;
    } catch {
      return null; // gone since the listing
    }
    return onDisk === size ? sha1OfFile(path) : `size:${onDisk}`;
  };
  for (const file of media) {
    const checked = checkMediaName(file.name);
    if ('problem' in checked) {
      plan.counts.skipped++;
      plan.messages.push(`media ${JSON.stringify(file.name).slice(0, 80)}: ${checked.problem}; not imported`);
      continue;
    }
    const digest = file.stored?.sha1 ?? sha1(file.bytes ?? new Uint8Array(0));
    const size = file.stored?.size ?? file.bytes?.length ?? 0;
    let name = checked.name;
    let held = holder(name, size);
    if (held !== null && held !== digest) {
      const ext = extname(name);
      const stem = `${name.slice(0, name.length - ext.length)}-${digest.slice(0, 8)}`;
      name = `${stem}${ext}`;
      for (let n = 2; (held = holder(name, size)) !== null && held !== digest; n++) name = `${stem}-${n}${ext}`;
      plan.renames.set(checked.name, name);
      plan.messages.push(`media "${checked.name}": a different file already has this name; imported as "${name}"`);
    }
    if (held === digest && (taken.has(name) || !ours.has(name))) {
      plan.counts.unchanged++;
      continue;
    }
    taken.set(name, digest);
    plan.writes.push({ name, sha1: digest, size, ...(file.stored ? { stored: file.stored.path } : { bytes: file.bytes ?? new Uint8Array(0) }) });
    plan.counts.added++;
  }
  return plan;
}

/**
 * Writes the planned files, each only under a checked one-component name, and never over a file
 * that is already there: the plan may be old by now, or something else (another import, a pasted
 * image) may have taken the name since. Each file is written whole to a temporary name, then
 * hard-linked to its final name, which fails rather than replaces. Returns the names found taken by
 * different content; those files were not written and the caller must plan again.
 */
export function writeMedia(dataDir: string, plan: MediaPlan): string[] {
  const folder = join(dataDir, MEDIA_DIR);
  mkdirSync(folder, { recursive: true });
  const clashes = plan.writes.filter((file) => !place(folder, file)).map((file) => file.name);
  syncFolder(folder);
  return clashes;
}

/** As writeMedia, a turn of the event loop given (`pause`) whenever `sliceMs` has gone by: thousands of files take a while. */
export async function writeMediaInTurns(dataDir: string, plan: MediaPlan, pause: () => Promise<void>, sliceMs = 8): Promise<string[]> {
  const folder = join(dataDir, MEDIA_DIR);
  mkdirSync(folder, { recursive: true });
  const clashes: string[] = [];
  let slice = performance.now();
  for (const file of plan.writes) {
    if (!place(folder, file)) clashes.push(file.name);
    if (performance.now() - slice < sliceMs) continue;
    await pause();
    slice = performance.now();
  }
  syncFolder(folder);
  return clashes;
}

/** Files removed at once by removeTemporaries: enough to keep the disk busy, few enough to leave the thread pool to others. */
const REMOVALS_AT_ONCE = 8;

/**
 * Removes an import's temporary files beside the event loop, a few at a time. One that cannot be
 * removed stays until the next start, when the store sweeps every leftover temporary name away.
 */
export async function removeTemporaries(paths: readonly string[]): Promise<void> {
  let next = 0;
  const remover = async () => {
    while (next < paths.length) await rm(paths[next++]!, { force: true }).catch(() => undefined);
  };
  await Promise.all(Array.from({ length: Math.min(REMOVALS_AT_ONCE, paths.length) }, remover));
}

/** Gives one file its name; false when the name holds other content (the plan must be made again). */
function place(folder: string, file: MediaWrite): boolean {
  if (!isMediaName(file.name)) throw new Error(`refusing to write media named ${JSON.stringify(file.name)}`);
  const path = join(folder, file.name);
  const placed = (temp: string) => placeExclusively(temp, path) || sha1OfFile(path) === file.sha1;
  // Unpacked to a temporary file of this folder already: linked into place, never copied. The
  // temporary name goes when the import ends (the import runner discards it).
  if (file.stored) return placed(file.stored);
  // Hidden, so never a media name; random, so two writers never share one.
  const temp = join(folder, `.import-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeWhole(temp, file.bytes ?? new Uint8Array(0));
    return placed(temp);
  } finally {
    rmSync(temp, { force: true });
  }
}

function writeWhole(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    for (let written = 0; written < bytes.byteLength; ) written += writeSync(fd, bytes, written, bytes.byteLength - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Folders without hard links (FAT, some network shares) say so with one of these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Gives `temp`'s content the name `path` unless that name exists; false when it does. */
function placeExclusively(temp: string, path: string): boolean {
  const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? '';
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    if (!NO_LINKS.has(code(error))) throw error;
  }
  // Still exclusive, though not atomic: a crash mid-copy leaves a partial file, which a retry sees
  // as different content and so imports beside it rather than trusting it.
  try {
    copyFileSync(temp, path, constants.COPYFILE_EXCL);
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw error;
  }
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}
