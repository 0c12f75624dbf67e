// A preset's fit history gathered from the review log a slice at a time, so the app answers other requests meanwhile.
import type { ReviewLog } from '../history/review-log';
import { inTimeOrder } from '../history/reviews-by-card';
import { studyDay, type Calendar } from '../time/study-day';
import type { FitHistory } from './training-set';

/** Reviews (or cards) handled between two yields: about a millisecond of work. */
const SLICE = 16_384;

/**
 * The same history as `fitHistory(reviewsByCard(log), …)`, byte for byte, in steps: `yield` marks
 * where the caller may let other work in. Only the cards of `included` (by the log's card index)
 * are grouped, straight from the log's columns, so no whole-log copy is made and dropped. The log
 * seen is the one at the first step: reviews added later are left out, as they would be by a
 * gathering done at once; an undo in between (a review removed) starts the gathering over.
 */
export function* fitHistorySteps(log: ReviewLog, included: Uint8Array, calendar: Calendar): Generator<void, FitHistory> {
  for (;;) {
    const removedAtStart = log.removedCount;
    const history = yield* gather(log, included, calendar, () => log.removedCount !== removedAtStart);
    if (history) return history;
  }
}

function* gather(log: ReviewLog, included: Uint8Array, calendar: Calendar, changed: () => boolean): Generator<void, FitHistory | null> {
  const length = log.length;
  const cards = Math.min(log.cardIds.length, included.length);
  // Counting sort of the included cards' active reviews: counts, then every review to its card's place.
  const start = new Int32Array(cards + 1);
  for (let from = 0; from < length; from += SLICE) {
    const { card, removed } = log;
    for (let i = from; i < Math.min(length, from + SLICE); i++) if (!removed[i] && included[card[i]!]) start[card[i]! + 1]!++;
    yield;
    if (changed()) return null;
  }
  for (let c = 0; c < cards; c++) start[c + 1]! += start[c]!;
  const total = start[cards]!;
  const at = new Float64Array(total);
  const rating = new Uint8Array(total);
  const prior = new Uint8Array(total);
  const next = start.slice();
  for (let from = 0; from < length; from += SLICE) {
    // The log's columns are read afresh at every slice: an answer in between may have grown them into new arrays.
    const { card, removed } = log;
    for (let i = from; i < Math.min(length, from + SLICE); i++) {
      if (removed[i] || !included[card[i]!]) continue;
      const k = next[card[i]!]!++;
      at[k] = log.at[i]!;
      rating[k] = log.rating[i]!;
      prior[k] = log.prior[i]!;
    }
    yield;
    if (changed()) return null;
  }
  // Each card's reviews in time order; a card whose history does not begin with it new is left out (see fitHistory).
  let kept = 0;
  let keptReviews = 0;
  const keep = new Uint8Array(cards);
  for (let from = 0; from < cards; from += SLICE) {
    for (let c = from; c < Math.min(cards, from + SLICE); c++) {
      if (start[c + 1] === start[c]) continue;
      inTimeOrder(at, [rating, prior], start[c]!, start[c + 1]!);
      if (prior[start[c]!] !== 0) continue;
      keep[c] = 1;
      kept++;
      keptReviews += start[c + 1]! - start[c]!;
    }
    yield;
  }
  // Usually every card begins new and the grouped columns are the history as they stand.
  const whole = keptReviews === total;
  const out: FitHistory = whole
    ? { start: new Int32Array(kept + 1), at, day: new Int32Array(total), rating, prior }
    : { start: new Int32Array(kept + 1), at: new Float64Array(keptReviews), day: new Int32Array(keptReviews), rating: new Uint8Array(keptReviews), prior: new Uint8Array(keptReviews) };
  let n = 0;
  let k = 0;
  for (let from = 0; from < cards; from += SLICE) {
    for (let c = from; c < Math.min(cards, from + SLICE); c++) {
      if (!keep[c]) continue;
      out.start[n++] = k;
      for (let i = start[c]!; i < start[c + 1]!; i++, k++) {
        if (!whole) {
          out.at[k] = at[i]!;
          out.rating[k] = rating[i]!;
          out.prior[k] = prior[i]!;
        }
        out.day[k] = studyDay(calendar, at[i]!);
      }
    }
    yield;
  }
  out.start[kept] = k;
  return out;
}
