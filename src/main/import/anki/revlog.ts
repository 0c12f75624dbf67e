// The revlog: every row per card, in columns; which rows are answers that count, and what the others were.
import type { ImportedReview } from '../../../core/import/bundle';
import { int, type CollectionDb } from './sqlite';

/** Revlog review kinds (rslib revlog/mod.rs). */
export const REVLOG = { learning: 0, review: 1, relearning: 2, filtered: 3, manual: 4, rescheduled: 5 } as const;

/**
 * Every row of the revlog in columns, a card's rows together and oldest first: row `i` is
 * `id[i]`, `ease[i]`… A package holds hundreds of thousands of rows, read once per import: an object
 * per row (and a boxed number for its 13-digit id) was most of reading them, and of the garbage
 * collector's work after.
 */
export interface Revlog {
  /** ms epoch: the row's id is when it was logged. */
  id: Float64Array;
  /** The button pressed, 1-4 (v1 learning answers shifted to four buttons); 0 for no answer. */
  ease: Float64Array;
  /** Days when positive, seconds when negative. */
  ivl: Float64Array;
  /** The ease factor after the answer in ‰ (2500 = 250 %), or FSRS's difficulty in 100-1100. */
  factor: Float64Array;
  time: Float64Array;
  type: Float64Array;
  /** Card id -> where its rows are: `from` to `to` (not included). */
  cards: Map<number, CardRows>;
}

/** One card's rows of the revlog. */
export interface CardRows {
  log: Revlog;
  from: number;
  to: number;
}

/** A Forget: Anki logs it as a manual row with no ease factor, and the card starts again as new. */
export const isReset = (log: Revlog, i: number) => log.type[i] === REVLOG.manual && log.factor[i] === 0;
/** A preview in a filtered deck that does not reschedule: answered, but the schedule never moved. */
export const isCramming = (log: Revlog, i: number) => log.type[i] === REVLOG.filtered && log.factor[i] === 0;
/** An answer the schedule followed: not a manual change, an FSRS reschedule or a preview. */
export const isAnswer = (log: Revlog, i: number) => {
  const ease = log.ease[i]!;
  const type = log.type[i]!;
  return ease >= 1 && ease <= 4 && type !== REVLOG.manual && type !== REVLOG.rescheduled && !isCramming(log, i);
};

/** Rows that are not answers, by kind, for the import summary. */
export interface SkippedRows {
  manual: number;
  rescheduled: number;
  previews: number;
  other: number;
  /** Rows of cards the package does not hold. */
  orphaned: number;
}

/** Every row of each card, oldest first. */
export function readRevlog(db: CollectionDb, schedulerV1: boolean): Revlog {
  let count = 0;
  db.select('SELECT count(*) FROM revlog', (row) => (count = int(row[0])));
  const read = {
    id: new Float64Array(count),
    ease: new Float64Array(count),
    ivl: new Float64Array(count),
    factor: new Float64Array(count),
    time: new Float64Array(count),
    type: new Float64Array(count),
  };
  const cardOf = new Float64Array(count);
  let n = 0;
  // In the order of the table's key (time): no sorting in SQLite. Cards are put together below.
  db.select('SELECT id, cid, ease, ivl, time, type, factor FROM revlog ORDER BY id', (values) => {
    if (n === count) return; // rows added since the count: none in a package read alone
    const type = int(values[5]);
    let ease = int(values[2]);
    if (ease < 0 || ease > 4) ease = 0;
    // The v1 scheduler's learning buttons were again/good/easy; Anki's own upgrade shifts them the same way.
    if (schedulerV1 && (type === REVLOG.learning || type === REVLOG.relearning) && (ease === 2 || ease === 3)) ease++;
    read.id[n] = int(values[0]);
    read.ease[n] = ease;
    read.ivl[n] = int(values[3]);
    read.factor[n] = int(values[6]);
    read.time[n] = Math.max(0, int(values[4]));
    read.type[n] = type;
    cardOf[n] = int(values[1]);
    n++;
  });
  return byCard(read, cardOf.subarray(0, n));
}

/** The rows put together card by card (a counting sort: each card's rows keep their order). */
function byCard(read: Omit<Revlog, 'cards'>, cardOf: Float64Array): Revlog {
  const n = cardOf.length;
  const indexOf = new Map<number, number>();
  const cards: number[] = [];
  const counts: number[] = [];
  const slot = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const card = cardOf[i]!;
    let k = indexOf.get(card);
    if (k === undefined) {
      k = cards.length;
      indexOf.set(card, k);
      cards.push(card);
      counts.push(0);
    }
    slot[i] = k;
    counts[k]!++;
  }
  const log: Revlog = {
    id: new Float64Array(n),
    ease: new Float64Array(n),
    ivl: new Float64Array(n),
    factor: new Float64Array(n),
    time: new Float64Array(n),
    type: new Float64Array(n),
    cards: new Map(),
  };
  const next = new Int32Array(cards.length);
  for (let k = 0, at = 0; k < cards.length; at += counts[k]!, k++) {
    next[k] = at;
    log.cards.set(cards[k]!, { log, from: at, to: at + counts[k]! });
  }
  const { id, ease, ivl, factor, time, type } = read;
  for (let i = 0; i < n; i++) {
    const to = next[slot[i]!]!++;
    log.id[to] = id[i]!;
    log.ease[to] = ease[i]!;
    log.ivl[to] = ivl[i]!;
    log.factor[to] = factor[i]!;
    log.time[to] = time[i]!;
    log.type[to] = type[i]!;
  }
  return log;
}

/** A card without rows. */
export function noRows(log: Revlog): CardRows {
  return { log, from: 0, to: 0 };
}

/** The answers among a card's rows, as reviews; the other rows are counted into `skipped`. */
export function reviewsOf({ log, from, to }: CardRows, skipped: SkippedRows): ImportedReview[] {
  const reviews: ImportedReview[] = [];
  for (let i = from; i < to; i++) {
    if (!isAnswer(log, i)) {
      const type = log.type[i]!;
      if (type === REVLOG.manual) skipped.manual++;
      else if (type === REVLOG.rescheduled) skipped.rescheduled++;
      else if (isCramming(log, i)) skipped.previews++;
      else skipped.other++;
      continue;
    }
    const at = log.id[i]!;
    const review: ImportedReview = { at, rating: log.ease[i] as ImportedReview['rating'], durationMs: log.time[i]!, sourceId: String(at) };
    const ivl = log.ivl[i]!;
    if (ivl > 0) review.intervalDays = ivl;
    reviews.push(review);
  }
  return reviews;
}

/** "44 log rows without a rating: 30 manual changes, 14 filtered-deck previews; …", one line per kind of skip. */
export function skippedRowsNotices(skipped: SkippedRows, where: string): string[] {
  const kinds = [
    [skipped.manual, 'manual changes (Forget, Set due date)'],
    [skipped.rescheduled, 'reschedules by FSRS'],
    [skipped.previews, 'filtered-deck previews'],
    [skipped.other, 'other rows without an answer'],
  ] as const;
  const parts = kinds.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`);
  const lines: string[] = [];
  if (parts.length) {
    const total = kinds.reduce((sum, [count]) => sum + count, 0);
    lines.push(`${where}: ${total} log rows without a rating: ${parts.join(', ')}; kept out of your history as Anki's optimizer does (the cards' schedules still follow them)`);
  }
  if (skipped.orphaned) lines.push(`${where}: ${skipped.orphaned} log rows belong to cards the package does not hold; skipped`);
  return lines;
}
