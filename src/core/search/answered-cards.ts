// Which cards the review log shows answered in a window, read from its columns in one pass per query.
import type { ReviewLog } from '../history/review-log';
import { DAY } from '../time/study-day';

/**
 * Cards with a review at or after `from` (with `rating`, when given), undone reviews left out.
 * The log runs in journal order, which is time order unless the clock moved back, so the walk
 * goes newest first and stops after a full day of older reviews, as `ReviewLog.since` does.
 */
export function cardsAnsweredSince(log: ReviewLog, from: number, rating: number | null): Set<string> {
  const marked = new Uint8Array(log.cardIds.length);
  const ids = new Set<string>();
  const stop = from - DAY;
  for (let i = log.length - 1; i >= 0; i--) {
    const at = log.at[i]!;
    if (at < stop) break;
    if (at < from || log.removed[i] || (rating !== null && log.rating[i] !== rating)) continue;
    const card = log.card[i]!;
    if (marked[card]) continue;
    marked[card] = 1;
    ids.add(log.cardIds[card]!);
  }
  return ids;
}

/** Cards whose first review (undone ones left out) is at or after `from`: one pass over every review. */
export function cardsFirstAnsweredSince(log: ReviewLog, from: number): Set<string> {
  const first = new Float64Array(log.cardIds.length).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < log.length; i++) {
    if (log.removed[i]) continue;
    const card = log.card[i]!;
    const at = log.at[i]!;
    if (at < first[card]!) first[card] = at;
  }
  const ids = new Set<string>();
  for (let card = 0; card < first.length; card++) {
    const at = first[card]!;
    if (at >= from && at !== Number.POSITIVE_INFINITY) ids.add(log.cardIds[card]!);
  }
  return ids;
}
