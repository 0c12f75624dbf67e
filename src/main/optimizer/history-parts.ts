// A fit history crossing to the optimizer's process in parts of a quarter megabyte, so that no one turn of the app's event loop copies all of it.
import type { FitHistory } from '../../core/optimizer/training-set';

type Column = keyof FitHistory;
const COLUMNS: readonly Column[] = ['start', 'at', 'day', 'rating', 'prior'];

/** How long each column is: what the receiving side allocates before the parts arrive. */
export type HistorySizes = Record<Column, number>;

/** One stretch of one column, from `offset` on. */
export interface HistoryPart {
  column: Column;
  offset: number;
  values: FitHistory[Column];
}

/** Bytes of one part: a millisecond or so of serializing and writing to the pipe. */
export const PART_BYTES = 256 * 1024;

export function historySizes(history: FitHistory): HistorySizes {
  return Object.fromEntries(COLUMNS.map((column) => [column, history[column].length])) as HistorySizes;
}

/** The columns in parts; views onto the history, not copies. */
export function* historyParts(history: FitHistory, bytes = PART_BYTES): Generator<HistoryPart> {
  for (const column of COLUMNS) {
    const values = history[column];
    const step = Math.max(1, Math.floor(bytes / values.BYTES_PER_ELEMENT));
    for (let offset = 0; offset < values.length; offset += step) yield { column, offset, values: values.subarray(offset, offset + step) };
  }
}

/** The receiving side: the columns filled part by part; `history` once every value has arrived. */
export class HistoryAssembly {
  private readonly columns: FitHistory;
  private missing: number;

  constructor(sizes: HistorySizes) {
    this.columns = {
      start: new Int32Array(sizes.start),
      at: new Float64Array(sizes.at),
      day: new Int32Array(sizes.day),
      rating: new Uint8Array(sizes.rating),
      prior: new Uint8Array(sizes.prior),
    };
    this.missing = COLUMNS.reduce((sum, column) => sum + sizes[column], 0);
  }

  add(part: HistoryPart): void {
    const column = this.columns[part.column];
    if (!column || part.offset < 0 || part.offset + part.values.length > column.length) {
      throw new Error(`a part of the history does not fit: ${part.values.length} values of "${String(part.column)}" at ${part.offset}`);
    }
    (column as Float64Array).set(part.values as Float64Array, part.offset);
    this.missing -= part.values.length;
  }

  /** The whole history, or null while parts are still to come. */
  get history(): FitHistory | null {
    return this.missing === 0 ? this.columns : null;
  }
}
