// The revlog: every row per card, which rows are answers that count, and what the others were.
import type { ImportedReview } from '../../../core/import/bundle';
import { int, type CollectionDb } from './sqlite';

/** Revlog review kinds (rslib revlog/mod.rs). */
export const REVLOG = { learning: 0, review: 1, relearning: 2, filtered: 3, manual: 4, rescheduled: 5 } as const;

export interface RevlogRow {
  /** ms epoch: the row's id is when it was logged. */
  id: number;
  /** The button pressed, 1-4 (v1 learning answers shifted to four buttons); 0 for no answer. */
  ease: number;
  /** Days when positive, seconds when negative. */
  ivl: number;
  /** The ease factor after the answer in ‰ (2500 = 250 %), or FSRS's difficulty in 100-1100. */
  factor: number;
  time: number;
  type: number;
}

/** A Forget: Anki logs it as a manual row with no ease factor, and the card starts again as new. */
export const isReset = (row: RevlogRow) => row.type === REVLOG.manual && row.factor === 0;
/** A preview in a filtered deck that does not reschedule: answered, but the schedule never moved. */
export const isCramming = (row: RevlogRow) => row.type === REVLOG.filtered && row.factor === 0;
/** An answer the schedule followed: not a manual change, an FSRS reschedule or a preview. */
export const isAnswer = (row: RevlogRow) => row.ease >= 1 && row.ease <= 4 && row.type !== REVLOG.manual && row.type !== REVLOG.rescheduled && !isCramming(row);

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
export function readRevlog(db: CollectionDb, schedulerV1: boolean): Map<number, RevlogRow[]> {
  const byCard = new Map<number, RevlogRow[]>();
  // Columns read by index, not destructured: destructuring walks an iterator per row, and a revlog
  // has hundreds of thousands of rows, read once per import before the engine has optimised this.
  db.select('SELECT id, cid, ease, ivl, time, type, factor FROM revlog ORDER BY id', (values) => {
    const type = int(values[5]);
    let ease = int(values[2]);
    if (ease < 0 || ease > 4) ease = 0;
    // The v1 scheduler's learning buttons were again/good/easy; Anki's own upgrade shifts them the same way.
    if (schedulerV1 && (type === REVLOG.learning || type === REVLOG.relearning) && (ease === 2 || ease === 3)) ease++;
    const row: RevlogRow = { id: int(values[0]), ease, ivl: int(values[3]), factor: int(values[6]), time: Math.max(0, int(values[4])), type };
    const cid = int(values[1]);
    const list = byCard.get(cid);
    if (list) list.push(row);
    else byCard.set(cid, [row]);
  });
  return byCard;
}

/** The answers among a card's rows, as reviews; the other rows are counted into `skipped`. */
export function reviewsOf(rows: readonly RevlogRow[], skipped: SkippedRows): ImportedReview[] {
  const reviews: ImportedReview[] = [];
  for (const row of rows) {
    if (!isAnswer(row)) {
      if (row.type === REVLOG.manual) skipped.manual++;
      else if (row.type === REVLOG.rescheduled) skipped.rescheduled++;
      else if (isCramming(row)) skipped.previews++;
      else skipped.other++;
      continue;
    }
    const review: ImportedReview = { at: row.id, rating: row.ease as ImportedReview['rating'], durationMs: row.time, sourceId: String(row.id) };
    if (row.ivl > 0) review.intervalDays = row.ivl;
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
