// Which cards the review log shows answered in a window, read from its columns in one pass per query, marked by their column (`log.cardIds`).
import type { ReviewLog } from '../history/review-log';
import { DAY } from '../time/study-day';

/**
 * Cards with a review at or after `from` (with `rating`, when given), undone reviews left out: 1 at
 * each such card's column. The log runs in journal order, which is time order unless the clock
 * moved back, so the walk goes newest first and stops after a full day of older reviews, as
 * `ReviewLog.since` does. A mark per column, not a set of ids: a week can hold hundreds of
 * thousands of reviews of tens of thousands of cards, and a set of their ids cost ten times the walk.
 */
export function cardsAnsweredSince(log: ReviewLog, from: number, rating: number | null): Uint8Array {
  const { at: times, removed, card: columnOf, rating: ratings } = log;
  const marked = new Uint8Array(log.cardIds.length);
  const stop = from - DAY;
  for (let i = log.length - 1; i >= 0; i--) {
    const at = times[i]!;
    if (at < stop) break;
    if (at < from || removed[i] || (rating !== null && ratings[i] !== rating)) continue;
    marked[columnOf[i]!] = 1;
  }
  return marked;
}

/** Cards whose first review (undone ones left out) is at or after `from`, marked by column: one pass over every review. */
export function cardsFirstAnsweredSince(log: ReviewLog, from: number): Uint8Array {
  const { at: times, removed, card: columnOf } = log;
  const first = new Float64Array(log.cardIds.length).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < log.length; i++) {
    if (removed[i]) continue;
    const card = columnOf[i]!;
    const at = times[i]!;
    if (at < first[card]!) first[card] = at;
  }
  const marked = new Uint8Array(first.length);
  for (let card = 0; card < first.length; card++) {
    const at = first[card]!;
    if (at >= from && at !== Number.POSITIVE_INFINITY) marked[card] = 1;
  }
  return marked;
}
