// Counts archive entries and unpacked bytes against ImportLimits, so a zip or zstd bomb stops early and a huge file is refused by name.
import { DEFAULT_LIMITS, ImportError, type ImportLimits } from '../../../core/import/bundle';

/** A limit was crossed: the whole import stops, never just the entry being read. */
export class LimitExceeded extends ImportError {}

export class ExtractionBudget {
  private bytes = 0;
  private entries = 0;
  private mediaBytes = 0;
  readonly limits: Required<ImportLimits>;
  /** Media entries' names once the media map is known, for messages: entry -> file name. */
  mediaNames = new Map<string, string>();

  constructor(
    limits: ImportLimits,
    readonly file: string,
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Called before an entry is read; throws once the archive has more entries than allowed. */
  countEntry(entry: string): void {
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      throw new LimitExceeded(
        `${this.file}: the archive has more than ${this.limits.maxEntries} entries (stopped at "${entry}"); it was not imported`,
        { file: this.file, entry },
      );
    }
  }

  /** Called for every chunk unpacked into memory, before it is kept; throws once the total passes the cap. */
  countBytes(count: number, entry: string): void {
    this.bytes += count;
    if (this.bytes > this.limits.maxBytes) {
      throw new LimitExceeded(
        `${this.file}: unpacking "${entry}" goes past the limit of ${formatBytes(this.limits.maxBytes)} of decompressed data held in memory ` +
          '(a zip bomb, or a collection too large to import: the limit is raised with --collection-limit or INTERLEAVE_COLLECTION_LIMIT); nothing was imported',
        { file: this.file, entry },
      );
    }
  }

  remainingBytes(): number {
    return Math.max(0, this.limits.maxBytes - this.bytes);
  }

  /** A staged copy (a latest package's compressed media file) is being replaced by its unpacked content. */
  releaseMedia(count: number): void {
    this.mediaBytes = Math.max(0, this.mediaBytes - count);
  }

  /**
   * The counter of one media file as it streams to disk: every chunk counts against the limit for
   * one file and the limit for all of them, before it is written.
   */
  mediaFile(entry: string): (count: number) => void {
    let size = 0;
    return (count) => {
      size += count;
      this.mediaBytes += count;
      const named = this.mediaNames.get(entry);
      const what = named ? `"${named}" (entry "${entry}")` : `entry "${entry}"`;
      if (size > this.limits.maxMediaFileBytes) {
        throw new LimitExceeded(
          `${this.file}: the media file ${what} is larger than the limit of ${formatBytes(this.limits.maxMediaFileBytes)} for one media file; nothing was imported ` +
            '(a zip bomb, or a file too large: the limit is raised with --media-file-limit or INTERLEAVE_MEDIA_FILE_LIMIT)',
          { file: this.file, entry },
        );
      }
      if (this.mediaBytes > this.limits.maxMediaBytes) {
        throw new LimitExceeded(
          `${this.file}: the media files together are larger than the limit of ${formatBytes(this.limits.maxMediaBytes)} (passed at ${what}); nothing was imported ` +
            '(the limit is raised with --media-limit or INTERLEAVE_MEDIA_LIMIT)',
          { file: this.file, entry },
        );
      }
    };
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
