// Counts archive entries and decompressed bytes against ImportLimits, so a zip or zstd bomb stops early.
import { ImportError, type ImportLimits } from '../../../core/import/bundle';

/** A limit was crossed: the whole import stops, never just the entry being read. */
export class LimitExceeded extends ImportError {}

export class ExtractionBudget {
  private bytes = 0;
  private entries = 0;

  constructor(
    readonly limits: ImportLimits,
    readonly file: string,
  ) {}

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

  /** Called for every decompressed chunk, before it is kept; throws once the total passes the cap. */
  countBytes(count: number, entry: string): void {
    this.bytes += count;
    if (this.bytes > this.limits.maxBytes) {
      throw new LimitExceeded(
        `${this.file}: unpacking "${entry}" goes past the limit of ${formatBytes(this.limits.maxBytes)} of decompressed data ` +
          '(a zip bomb, or a package too large to import); nothing was imported',
        { file: this.file, entry },
      );
    }
  }

  remainingBytes(): number {
    return Math.max(0, this.limits.maxBytes - this.bytes);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
