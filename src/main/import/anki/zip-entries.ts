// Reads the entries an Anki package needs from its zip, streaming, so limits stop a bomb before memory grows.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { ImportError } from '../../../core/import/bundle';
import type { ExtractionBudget } from './budget';
import { errorText } from './error-text';

export interface ZipEntries {
  /** Entry name -> decompressed bytes, for the entries asked for. */
  entries: Map<string, Uint8Array>;
  /** Entries asked for that could not be decompressed: name -> what went wrong. */
  unreadable: Map<string, string>;
  /** Names that appeared more than once (the first copy is kept). */
  duplicates: string[];
}

/** Input is fed to the unzipper in slices this big: one slice of deflate expands to at most ~1000x. */
const SLICE = 16 * 1024;
const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Decompresses the entries `wanted` selects. Entry names are only compared with the names Anki
 * writes (`meta`, `collection.anki2`, `0`, `1`, …); they are never used as paths.
 */
export function readZipEntries(bytes: Uint8Array, wanted: (name: string) => boolean, budget: ExtractionBudget): ZipEntries {
  const file = budget.file;
  if (bytes.length < 4 || readU32(bytes, 0) !== LOCAL_HEADER) {
    throw new ImportError(`${file} is not a zip archive (an Anki package is a zip file)`, { file });
  }
  if (!hasEndRecord(bytes)) {
    throw new ImportError(`${file} is cut short: the zip has no end-of-archive record (was the download interrupted?)`, { file });
  }

  const entries = new Map<string, Uint8Array>();
  const unreadable = new Map<string, string>();
  const duplicates: string[] = [];
  const seen = new Set<string>();
  // Set when a limit is crossed; rethrown from every callback so the unzipper cannot swallow it.
  let stop: ImportError | undefined;

  const unzip = new Unzip((entry: UnzipFile) => {
    if (stop) throw stop;
    try {
      budget.countEntry(entry.name);
    } catch (error) {
      stop = error as ImportError;
      throw stop;
    }
    if (!wanted(entry.name)) return;
    if (seen.has(entry.name)) {
      duplicates.push(entry.name);
      return;
    }
    seen.add(entry.name);
    if (entry.compression !== 0 && entry.compression !== 8) {
      unreadable.set(entry.name, `it uses compression method ${entry.compression}, which Anki never writes`);
      return;
    }
    const chunks: Uint8Array[] = [];
    let failed = false;
    entry.ondata = (error, data, final) => {
      if (stop) throw stop;
      if (failed) return;
      if (error) {
        failed = true;
        chunks.length = 0;
        unreadable.set(entry.name, error.message || String(error));
        return;
      }
      try {
        budget.countBytes(data.length, entry.name);
      } catch (limit) {
        stop = limit as ImportError;
        throw stop;
      }
      if (data.length) chunks.push(data);
      if (final) entries.set(entry.name, concat(chunks));
    };
    entry.start();
  });
  unzip.register(UnzipInflate);

  try {
    for (let offset = 0; offset < bytes.length; offset += SLICE) {
      const end = Math.min(bytes.length, offset + SLICE);
      unzip.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (error) {
    if (stop) throw stop;
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${file} is a damaged zip archive: ${errorText(error)}`, { file });
  }
  if (stop) throw stop;
  for (const name of seen) {
    if (!entries.has(name) && !unreadable.has(name)) unreadable.set(name, 'its data ends before the entry does');
  }
  return { entries, unreadable, duplicates };
}

function hasEndRecord(bytes: Uint8Array): boolean {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (readU32(bytes, i) === END_OF_CENTRAL_DIRECTORY) return true;
  }
  return false;
}

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const chunk of chunks) size += chunk.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
