// What each review in the log was: learning, young review, mature review or relearning.
import { CardState } from '../collection/types';
import type { ReviewLog } from '../history/review-log';

export const ReviewKind = { Learning: 0, Young: 1, Mature: 2, Relearning: 3 } as const;
export type ReviewKind = (typeof ReviewKind)[keyof typeof ReviewKind];

/** A review card whose interval reached this many days is mature, as in Anki. */
export const MATURE_INTERVAL_DAYS = 21;

/** Kinds already worked out for a log, with the length and undone count they were worked out at. */
const kindsByLog = new WeakMap<ReviewLog, { length: number; removedCount: number; kinds: Uint8Array }>();

/**
 * `reviewKinds(log)`, remembered for the log until it changes. A log only ever changes by growing
 * (an answer, an import) or by reviews being undone, so its length and undone count say whether
 * the kinds still hold: the statistics screen asked again (another range, another deck) does not
 * walk a million reviews again. The array is shared: callers read it, never write it.
 */
export function knownReviewKinds(log: ReviewLog): Uint8Array {
  const known = kindsByLog.get(log);
  if (known && known.length === log.length && known.removedCount === log.removedCount) return known.kinds;
  const kinds = reviewKinds(log);
  kindsByLog.set(log, { length: log.length, removedCount: log.removedCount, kinds });
  return kinds;
}

/**
 * The kind of every review, by log index (undone reviews get a kind too; callers skip them).
 * A review of a review-state card is young or mature by the interval it was answered on: the
 * scheduledDays its previous review set, not the stability or the new interval. A review-state
 * answer with no earlier review in the log (history never imported) counts as young: nothing says
 * its interval was long.
 */
export function reviewKinds(log: ReviewLog): Uint8Array {
  const kinds = new Uint8Array(log.length);
  const cardCount = log.cardIds.length;
  const lastInterval = new Float64Array(cardCount);
  const lastAt = new Float64Array(cardCount).fill(Number.NEGATIVE_INFINITY);
  const disordered = new Uint8Array(cardCount);
  let anyDisordered = false;
  const { at, card, removed, scheduledDays, prior } = log;
  // One forward walk keeping each card's last interval: right whenever the log is in time order.
  for (let i = 0; i < log.length; i++) {
    if (removed[i]) continue;
    const c = card[i]!;
    const time = at[i]!;
    if (time < lastAt[c]!) {
      disordered[c] = 1;
      anyDisordered = true;
    }
    lastAt[c] = time;
    kinds[i] = kindAfter(prior[i]!, lastInterval[c]!);
    lastInterval[c] = scheduledDays[i]!;
  }
  // An import appends a card's older reviews after its newer ones: those cards again, in time order.
  if (anyDisordered) {
    const reviewsOf = new Map<number, number[]>();
    for (let i = 0; i < log.length; i++) {
      const c = card[i]!;
      if (removed[i] || !disordered[c]) continue;
      const list = reviewsOf.get(c);
      if (list) list.push(i);
      else reviewsOf.set(c, [i]);
    }
    for (const list of reviewsOf.values()) {
      list.sort((a, b) => at[a]! - at[b]! || a - b);
      let interval = 0;
      for (const i of list) {
        kinds[i] = kindAfter(prior[i]!, interval);
        interval = scheduledDays[i]!;
      }
    }
  }
  return kinds;
}

/** The kind of a review of a card in state `state` (before it) answered on an interval of `intervalBefore` days. */
function kindAfter(state: number, intervalBefore: number): ReviewKind {
  if (state === CardState.Review) return intervalBefore >= MATURE_INTERVAL_DAYS ? ReviewKind.Mature : ReviewKind.Young;
  if (state === CardState.Relearning) return ReviewKind.Relearning;
  return ReviewKind.Learning;
}
