// What each review in the log was: learning, young review, mature review or relearning.
import { CardState } from '../collection/types';
import type { ReviewLog } from '../history/review-log';

export const ReviewKind = { Learning: 0, Young: 1, Mature: 2, Relearning: 3 } as const;
export type ReviewKind = (typeof ReviewKind)[keyof typeof ReviewKind];

/** A review card whose interval reached this many days is mature, as in Anki. */
export const MATURE_INTERVAL_DAYS = 21;

/**
 * The kind of every review, by log index (undone reviews get a kind too; callers skip them).
 * A review of a review-state card is young or mature by the interval it was answered on: the
 * scheduledDays its previous review set, not the stability or the new interval. One forward walk
 * keeps each card's last interval. A review-state answer with no earlier review in the log (history
 * that was never imported) counts as young: nothing says its interval was long.
 */
export function reviewKinds(log: ReviewLog): Uint8Array {
  const kinds = new Uint8Array(log.length);
  const lastInterval = new Float64Array(log.cardIds.length);
  const { card, prior, removed, scheduledDays } = log;
  for (let i = 0; i < log.length; i++) {
    if (removed[i]) continue;
    const c = card[i]!;
    const state = prior[i]!;
    if (state === CardState.Review) kinds[i] = lastInterval[c]! >= MATURE_INTERVAL_DAYS ? ReviewKind.Mature : ReviewKind.Young;
    else if (state === CardState.Relearning) kinds[i] = ReviewKind.Relearning;
    else kinds[i] = ReviewKind.Learning;
    lastInterval[c] = scheduledDays[i]!;
  }
  return kinds;
}
