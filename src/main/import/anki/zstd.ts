// Decompresses the zstd entries of the latest Anki packages, checking frame headers first so a declared size cannot reserve memory.
import { Decompress } from 'fzstd';
import { ImportError } from '../../../core/import/bundle';
import { bytesSource, openRegularFile, type ByteSource } from '../byte-source';
import type { MediaContent, MediaSink } from '../media-sink';
import type { ExtractionBudget } from './budget';
import { errorText } from './error-text';
import { concat } from './zip-entries';

/** Byte access to compressed data for the header walk: a window of it read at a time. */
class Bytes {
  private window: Uint8Array = new Uint8Array(0);
  private start = 0;
  constructor(private readonly source: ByteSource) {}
  get length(): number {
    return this.source.size;
  }
  at(i: number): number | undefined {
    if (i < 0 || i >= this.source.size) return undefined;
    if (i < this.start || i >= this.start + this.window.length) {
      this.start = i;
      this.window = this.source.read(i, 64 * 1024);
    }
    return this.window[i - this.start];
  }
}

const FRAME_MAGIC = 0xfd2fb528;
/** libzstd refuses windows over 2^27 bytes unless told otherwise; Anki uses the default, so we do too. */
const MAX_WINDOW = 2 ** 27;
const SLICE = 16 * 1024;

/** An entry held in memory (the collection, the media map), decompressed into memory under the memory limit. */
export function zstdDecompress(data: Uint8Array, entry: string, budget: ExtractionBudget): Uint8Array {
  const chunks: Uint8Array[] = [];
  decompressInto(bytesSource(data), entry, budget, budget.remainingBytes(), (chunk) => {
    budget.countBytes(chunk.length, entry);
    if (chunk.length) chunks.push(chunk);
  });
  return concat(chunks);
}

/**
 * A media file of a latest package (zstd inside the zip): decompressed from where the zip put it
 * (a temporary file, or memory) into a new file of the sink, under the media limits; the compressed
 * copy is discarded either way.
 */
export function zstdDecompressMedia(content: MediaContent, entry: string, budget: ExtractionBudget, sink: MediaSink): MediaContent {
  const source = content.stored ? openRegularFile(content.stored.path, Number.MAX_SAFE_INTEGER) : bytesSource(content.bytes ?? new Uint8Array(0));
  const writer = sink.begin();
  try {
    const count = budget.mediaFile(entry);
    decompressInto(source, entry, budget, budget.limits.maxMediaFileBytes, (chunk) => {
      count(chunk.length);
      writer.write(chunk);
    });
    return writer.finish();
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    source.close();
    sink.discard(content);
  }
}

function decompressInto(source: ByteSource, entry: string, budget: ExtractionBudget, room: number, onChunk: (chunk: Uint8Array) => void): void {
  const where = { file: budget.file, entry };
  const problem = checkFrames(new Bytes(source), room);
  if (problem) throw new ImportError(`${budget.file}: "${entry}" is not usable zstd data: ${problem}`, where);
  // Throwing from onChunk leaves fzstd at once: no try/catch stands between its block loop and us.
  const stream = new Decompress((chunk) => onChunk(chunk));
  try {
    if (source.size === 0) stream.push(new Uint8Array(0), true);
    for (let offset = 0; offset < source.size; offset += SLICE) {
      const end = Math.min(source.size, offset + SLICE);
      stream.push(source.read(offset, end - offset), end === source.size);
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${budget.file}: "${entry}" is damaged zstd data: ${errorText(error)}`, where);
  }
}

/**
 * Walks every frame and block header (RFC 8878) without decompressing, and says what is wrong:
 * an unknown magic number, a dictionary we do not have, a window or declared size over the limits,
 * or data that ends inside a frame.
 */
function checkFrames(data: Bytes, remaining: number): string | null {
  if (data.length === 0) return 'it is empty';
  let at = 0;
  while (at < data.length) {
    if (at + 4 > data.length) return 'it ends inside a frame header';
    const magic = u32(data, at);
    if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) {
      // A skippable frame: magic, 4-byte length, then that many bytes nobody reads.
      if (at + 8 > data.length) return 'it ends inside a skippable frame';
      at += 8 + u32(data, at + 4);
      continue;
    }
    if (magic !== FRAME_MAGIC) return `no zstd frame starts at byte ${at}`;
    const descriptor = data.at(at + 4);
    if (descriptor === undefined) return 'it ends inside a frame header';
    const sizeFlag = descriptor >> 6;
    const singleSegment = (descriptor >> 5) & 1;
    const hasChecksum = (descriptor >> 2) & 1;
    const dictionaryFlag = descriptor & 3;
    if (descriptor & 8) return `the frame at byte ${at} sets a reserved bit`;
    if (dictionaryFlag) return `the frame at byte ${at} needs a dictionary, which Anki never uses`;
    let p = at + 5;
    let window = 0;
    if (!singleSegment) {
      const byte = data.at(p++);
      if (byte === undefined) return 'it ends inside a frame header';
      const base = 2 ** (10 + (byte >> 3));
      window = base + (base / 8) * (byte & 7);
    }
    const sizeBytes = [singleSegment, 2, 4, 8][sizeFlag]!;
    if (p + sizeBytes > data.length) return 'it ends inside a frame header';
    let declared = -1;
    if (sizeBytes) {
      declared = 0;
      for (let i = sizeBytes - 1; i >= 0; i--) declared = declared * 256 + data.at(p + i)!;
      if (sizeBytes === 2) declared += 256;
      p += sizeBytes;
    }
    if (singleSegment) window = declared;
    if (window > MAX_WINDOW) return `the frame at byte ${at} needs a ${window}-byte window (more than zstd allows by default)`;
    if (declared > remaining) return `the frame at byte ${at} declares ${declared} bytes, more than the import limit leaves`;
    for (;;) {
      if (p + 3 > data.length) return 'it ends inside a frame (cut short?)';
      const header = data.at(p)! | (data.at(p + 1)! << 8) | (data.at(p + 2)! << 16);
      p += 3;
      const type = (header >> 1) & 3;
      if (type === 3) return `a block at byte ${p - 3} has the reserved type`;
      p += type === 1 ? 1 : header >>> 3;
      if (p > data.length) return 'it ends inside a block (cut short?)';
      if (header & 1) break;
    }
    at = p + (hasChecksum ? 4 : 0);
    if (at > data.length) return 'it ends inside a frame checksum';
  }
  return null;
}

function u32(data: Bytes, at: number): number {
  return (data.at(at)! | (data.at(at + 1)! << 8) | (data.at(at + 2)! << 16) | (data.at(at + 3)! << 24)) >>> 0;
}
