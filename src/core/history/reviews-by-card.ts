// The review log regrouped card by card, in time order, in flat typed arrays: what replays and fits read.
import type { ReviewLog } from './review-log';

/**
 * Every active review of the log grouped by card: card `c`'s reviews are `[start[c], start[c+1])` of
 * `at`, `rating` and `duration`, oldest first. One counting sort into flat arrays, so a million
 * reviews cost a few megabytes, not a million small arrays.
 */
export interface ReviewsByCard {
  cardIds: readonly string[];
  start: Int32Array;
  at: Float64Array;
  rating: Uint8Array;
  duration: Uint32Array;
  /** State of the card before each review (0 new, 1 learning, 2 review, 3 relearning). */
  prior: Uint8Array;
}

export function reviewsByCard(log: ReviewLog): ReviewsByCard {
  const cards = log.cardIds.length;
  const start = new Int32Array(cards + 1);
  for (let i = 0; i < log.length; i++) if (!log.removed[i]) start[log.card[i]! + 1]!++;
  for (let c = 0; c < cards; c++) start[c + 1]! += start[c]!;
  const next = start.slice();
  const total = log.activeCount;
  const at = new Float64Array(total);
  const rating = new Uint8Array(total);
  const duration = new Uint32Array(total);
  const prior = new Uint8Array(total);
  for (let i = 0; i < log.length; i++) {
    if (log.removed[i]) continue;
    const k = next[log.card[i]!]!++;
    at[k] = log.at[i]!;
    rating[k] = log.rating[i]!;
    duration[k] = log.duration[i]!;
    prior[k] = log.prior[i]!;
  }
  const grouped = { cardIds: log.cardIds, start, at, rating, duration, prior };
  for (let c = 0; c < cards; c++) inTimeOrder(at, [rating, duration, prior], start[c]!, start[c + 1]!);
  return grouped;
}

/**
 * Journal order is not review order once a merge import has added a card's older reviews after its
 * newer ones; replaying them out of order gives a different memory state. Reviews at the same
 * instant keep journal order.
 */
export function inTimeOrder(at: Float64Array, others: (Uint8Array | Uint32Array)[], from: number, to: number): void {
  let sorted = true;
  for (let i = from + 1; i < to && sorted; i++) if (at[i]! < at[i - 1]!) sorted = false;
  if (sorted) return;
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => at[a]! - at[b]! || a - b);
  for (const column of [at, ...others]) {
    const values = order.map((i) => column[i]!);
    (column as Float64Array).set(values, from);
  }
}
