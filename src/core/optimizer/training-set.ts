// The learner's history as FSRS training items (one per review after a card's first), split by time.
import type { ReviewsByCard } from '../history/reviews-by-card';
import { studyDay, type Calendar } from '../time/study-day';

/**
 * What the optimizer fits, in flat arrays that cross to a worker thread without copying: card `c`'s
 * reviews sit together in `rating` and `deltaDays` (whole study days since the card's previous
 * review, 0 for its first). Item `i` is the reviews `[itemFrom[i], itemEnd[i])`: a card's history up
 * to and including the review it predicts, so every review after a card's first day is one item.
 * Items are sorted by the time of the review they predict.
 */
export interface TrainingSet {
  rating: Uint8Array;
  deltaDays: Int32Array;
  itemFrom: Int32Array;
  itemEnd: Int32Array;
  itemTime: Float64Array;
  /** Reviews of the cards that qualify (their whole history, first reviews included). */
  reviews: number;
  /** Cards left out because their history does not begin with the card being new (it was cut). */
  cardsWithoutStart: number;
}

/** The time split of the issue and of fsrs-rs's own evaluation: fit on the first 80% of items by time, score the rest. */
export const TRAIN_SHARE = 0.8;

/**
 * Below this many items a held-out fifth is too small to tell two models apart, and fsrs-rs itself
 * returns the defaults for fewer than 8: the optimizer says how many more reviews it needs.
 */
export const MIN_ITEMS = 400;

export function trainingSet(reviews: ReviewsByCard, includeCard: (cardId: string) => boolean, calendar: Calendar): TrainingSet {
  const chosen: number[] = [];
  let total = 0;
  let cardsWithoutStart = 0;
  for (let c = 0; c < reviews.cardIds.length; c++) {
    const from = reviews.start[c]!;
    const to = reviews.start[c + 1]!;
    if (to === from || !includeCard(reviews.cardIds[c]!)) continue;
    // A history that starts in the middle (an import of part of a log) has no first-review memory
    // state to build on: fsrs-rs and Anki both leave such cards out.
    if (reviews.prior[from] !== 0) {
      cardsWithoutStart++;
      continue;
    }
    chosen.push(c);
    total += to - from;
  }
  const rating = new Uint8Array(total);
  const deltaDays = new Int32Array(total);
  const from = new Int32Array(total);
  const end = new Int32Array(total);
  const time = new Float64Array(total);
  let k = 0;
  let items = 0;
  for (const c of chosen) {
    const first = k;
    let previousDay = 0;
    let spansDays = false;
    for (let i = reviews.start[c]!; i < reviews.start[c + 1]!; i++, k++) {
      const day = studyDay(calendar, reviews.at[i]!);
      rating[k] = reviews.rating[i]!;
      deltaDays[k] = k === first ? 0 : day - previousDay;
      previousDay = day;
      if (deltaDays[k]! > 0) spansDays = true;
      // Until a card has been seen on two different days there is no long-term memory to predict;
      // fsrs-rs refuses (and aborts the process on) an item without a review a day or more later.
      if (k > first && spansDays) {
        from[items] = first;
        end[items] = k + 1;
        time[items] = reviews.at[i]!;
        items++;
      }
    }
  }
  // Items in time order: the split must put every held-out review after every training review.
  const order = Array.from({ length: items }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b);
  return {
    rating,
    deltaDays,
    itemFrom: Int32Array.from(order, (i) => from[i]!),
    itemEnd: Int32Array.from(order, (i) => end[i]!),
    itemTime: Float64Array.from(order, (i) => time[i]!),
    reviews: total,
    cardsWithoutStart,
  };
}

/** Items `[0, cut)` train, `[cut, n)` are held out. */
export function trainCut(set: Pick<TrainingSet, 'itemFrom'>): number {
  return Math.floor(set.itemFrom.length * TRAIN_SHARE);
}
