// Deflate for zip entries: zlib in one call for an entry held in memory (under the memory limit), fflate's streaming inflate for the others.
import { inflateRawSync } from 'node:zlib';
import { UnzipInflate, type FlateError, type UnzipDecoder, type UnzipDecoderConstructor } from 'fflate';
import type { ExtractionBudget } from './budget';

/**
 * Deflate may hold data stored as it is, 5 bytes of header per 65,535: compressed bytes past the
 * memory left, plus that much and a little, can only inflate to more than the memory left.
 */
/** The most zlib is asked to set aside at once for an entry's output (it takes what it needs of it). */
const MAX_CHUNK = 64 * 1024 ** 2;

const storedOverhead = (bytes: number) => Math.ceil(bytes / 8192) + 1024;

/**
 * The decoder the unzipper makes for each deflated entry. `heldInMemory` says whether the entry it
 * is made for (the one just started) is read into memory. Such an entry (the collection, tens of
 * megabytes) is inflated by zlib once its compressed bytes are in, its output capped at what the
 * memory limit leaves: fflate's streaming inflate spent most of reading a package growing and
 * copying its buffers. Media entries (gigabytes, maybe) keep streaming. `overLimit` is called with
 * the entry's name when the entry would pass the memory limit; it throws.
 */
export function entryInflate(heldInMemory: () => boolean, budget: ExtractionBudget, overLimit: (entry: string) => never): UnzipDecoderConstructor {
  return class EntryInflate implements UnzipDecoder {
    static compression = 8;
    ondata: UnzipDecoder['ondata'] = () => undefined;
    private readonly streaming: UnzipInflate | null;
    private readonly compressed: Uint8Array[] = [];
    private held = 0;

    constructor(
      private readonly entry: string,
      _size?: number,
      private readonly originalSize?: number,
    ) {
      this.streaming = heldInMemory() ? null : new UnzipInflate();
      if (this.streaming) this.streaming.ondata = (error, data, final) => this.ondata(error, data, final);
    }

    push(chunk: Uint8Array, final: boolean): void {
      if (this.streaming) return this.streaming.push(chunk, final);
      const left = budget.remainingBytes();
      if (chunk.length) {
        this.held += chunk.length;
        if (this.held > left + storedOverhead(left)) overLimit(this.entry);
        this.compressed.push(chunk);
      }
      if (!final) return;
      let out: Uint8Array<ArrayBuffer>;
      try {
        const input = this.compressed.length === 1 ? this.compressed[0]! : Buffer.concat(this.compressed);
        this.compressed.length = 0;
        // Output in one piece when the entry says its size (zlib would grow it 16 KiB at a time and
        // copy the pieces together); a size it lies about only costs pieces again.
        const chunkSize = this.originalSize ? Math.min(this.originalSize + 64, left + 64, MAX_CHUNK) : undefined;
        out = inflateRawSync(input, { maxOutputLength: Math.max(1, left), ...(chunkSize ? { chunkSize } : {}) }) as Uint8Array<ArrayBuffer>;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') overLimit(this.entry);
        return this.ondata(error as FlateError, new Uint8Array(0), true);
      }
      this.ondata(null, out, true);
    }
  };
}
