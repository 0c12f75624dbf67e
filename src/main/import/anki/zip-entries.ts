// Reads the entries an archive needs, streaming: small ones into memory, media to a sink, limits checked before memory or disk grows.
import { Unzip, type UnzipFile } from 'fflate';
import { ImportError } from '../../../core/import/bundle';
import { bytesSource, isByteSource, type ByteSource } from '../byte-source';
import { memorySink, type MediaContent, type MediaSink, type MediaWriter } from '../media-sink';
import type { ExtractionBudget } from './budget';
import { entryInflate } from './entry-inflate';
import { errorText } from './error-text';

export interface ZipEntries {
  /** Entry name -> decompressed bytes, for the entries read into memory. */
  entries: Map<string, Uint8Array>;
  /** Entry name -> its content as the sink kept it, for the media entries. */
  media: Map<string, MediaContent>;
  /** Entries asked for that could not be decompressed: name -> what went wrong. */
  unreadable: Map<string, string>;
  /** Names that appeared more than once (the first copy is kept). */
  duplicates: string[];
}

/** What to do with an entry: read it into memory, stream it to the media sink, or pass over it. */
export type EntryUse = 'memory' | 'media' | 'skip';

/** Input is fed to the unzipper in slices this big: one slice of deflate expands to at most ~1000x. */
const SLICE = 16 * 1024;
const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Decompresses the entries `use` selects, reading the archive a slice at a time. Entry names are
 * only compared with the names the format uses (`meta`, `collection.anki2`, `0`, `1`, …, or
 * `media/<name>`); they are never used as paths. Media entries go to `sink` as they are unpacked,
 * each counted against the per-file and total media limits; the others are held in memory under
 * the memory limit. On any failure every media file written so far is discarded.
 */
export function readZipEntries(input: Uint8Array | ByteSource, use: (name: string) => EntryUse, budget: ExtractionBudget, sink: MediaSink = memorySink): ZipEntries {
  const file = budget.file;
  const source = isByteSource(input) ? input : bytesSource(input);
  if (source.size < 4 || readU32(source.read(0, 4), 0) !== LOCAL_HEADER) {
    throw new ImportError(`${file} is not a zip archive (an Anki package is a zip file)`, { file });
  }
  if (!hasEndRecord(source)) {
    throw new ImportError(`${file} is cut short: the zip has no end-of-archive record (was the download interrupted?)`, { file });
  }

  const entries = new Map<string, Uint8Array>();
  const media = new Map<string, MediaContent>();
  const unreadable = new Map<string, string>();
  const duplicates: string[] = [];
  const seen = new Set<string>();
  const writing = new Set<MediaWriter>();
  // Set when a limit is crossed; rethrown from every callback so the unzipper cannot swallow it.
  let stop: Error | undefined;
  const guard = (work: () => void) => {
    if (stop) throw stop;
    try {
      work();
    } catch (error) {
      stop = error as Error;
      throw stop;
    }
  };

  // The kind of the entry being started: the decoder the unzipper makes for it asks.
  let starting: EntryUse = 'skip';
  const overLimit = (name: string): never => {
    guard(() => budget.countBytes(budget.remainingBytes() + 1, name));
    throw stop;
  };

  const unzip = new Unzip((entry: UnzipFile) => {
    guard(() => budget.countEntry(entry.name));
    let kind = use(entry.name);
    if (kind !== 'skip' && seen.has(entry.name)) {
      duplicates.push(entry.name);
      kind = 'skip';
    }
    if (kind !== 'skip') seen.add(entry.name);
    if (kind !== 'skip' && entry.compression !== 0 && entry.compression !== 8) {
      unreadable.set(entry.name, `it uses compression method ${entry.compression}, which Anki never writes`);
      return;
    }
    if (kind === 'skip') {
      // Started anyway, its data dropped as it comes: an entry never started is buffered by the
      // unzipper whole. Its bytes count against the memory limit, so a bomb here stops too.
      entry.ondata = (_error, data) => guard(() => budget.countBytes(data?.length ?? 0, entry.name));
      starting = kind;
      if (entry.compression === 0 || entry.compression === 8) entry.start();
      return;
    }
    let failed = false;
    const fail = (error: Error) => {
      failed = true;
      unreadable.set(entry.name, error.message || String(error));
    };
    if (kind === 'memory') {
      const chunks: Uint8Array[] = [];
      entry.ondata = (error, data, final) => {
        if (stop) throw stop;
        if (failed) return;
        if (error) {
          chunks.length = 0;
          return fail(error);
        }
        guard(() => budget.countBytes(data.length, entry.name));
        if (data.length) chunks.push(data);
        if (final) entries.set(entry.name, concat(chunks));
      };
    } else {
      const writer = sink.begin();
      writing.add(writer);
      const count = budget.mediaFile(entry.name);
      entry.ondata = (error, data, final) => {
        if (stop) throw stop;
        if (failed) return;
        if (error) {
          writing.delete(writer);
          writer.abort();
          return fail(error);
        }
        guard(() => {
          count(data.length);
          writer.write(data);
          if (final) {
            writing.delete(writer);
            media.set(entry.name, writer.finish());
          }
        });
      };
    }
    starting = kind;
    entry.start();
  });
  unzip.register(entryInflate(() => starting === 'memory', budget, overLimit));

  const discardAll = () => {
    for (const writer of writing) writer.abort();
    for (const content of media.values()) sink.discard(content);
  };
  try {
    for (let offset = 0; offset < source.size; offset += SLICE) {
      const end = Math.min(source.size, offset + SLICE);
      unzip.push(source.read(offset, end - offset), end === source.size);
    }
  } catch (error) {
    discardAll();
    if (stop) throw stop;
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${file} is a damaged zip archive: ${errorText(error)}`, { file });
  }
  if (stop) {
    discardAll();
    throw stop;
  }
  for (const writer of writing) writer.abort();
  for (const name of seen) {
    if (!entries.has(name) && !media.has(name) && !unreadable.has(name)) unreadable.set(name, 'its data ends before the entry does');
  }
  return { entries, media, unreadable, duplicates };
}

function hasEndRecord(source: ByteSource): boolean {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const start = Math.max(0, source.size - 22 - 0xffff);
  const tail = source.read(start, source.size - start);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (readU32(tail, i) === END_OF_CENTRAL_DIRECTORY) return true;
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
