// The learner's history as FSRS training items (one per review after a card's first day), split by time.
import type { ReviewsByCard } from '../history/reviews-by-card';
import { studyDay, type Calendar } from '../time/study-day';

/**
 * The reviews of the cards to fit, in flat arrays that cross to the optimizer's process whole: card
 * `c`'s reviews are `[start[c], start[c+1])`, oldest first, with the study day of each (the learner's
 * days, worked out where the calendar is) and the card's state before it.
 */
export interface FitHistory {
  start: Int32Array;
  at: Float64Array;
  day: Int32Array;
  rating: Uint8Array;
  prior: Uint8Array;
}

/**
 * What the optimizer fits: card by card, `rating` and `deltaDays` (whole study days since the card's
 * previous review, 0 for its first). Item `i` is the reviews `[itemFrom[i], itemEnd[i])`: a card's
 * history up to and including the review it predicts, so every review after a card's first day is
 * one item. Items are sorted by the time of the review they predict.
 */
export interface TrainingSet {
  rating: Uint8Array;
  deltaDays: Int32Array;
  itemFrom: Int32Array;
  itemEnd: Int32Array;
  itemTime: Float64Array;
  /** Reviews of the cards that qualify (their whole history, first reviews included). */
  reviews: number;
}

/** The time split of the issue and of fsrs-rs's own evaluation: fit on the first 80% of items by time, score the rest. */
export const TRAIN_SHARE = 0.8;

/**
 * Below this many items a held-out fifth is too small to tell two models apart, and fsrs-rs itself
 * returns the defaults for fewer than 8: the optimizer says how many more reviews it needs.
 */
export const MIN_ITEMS = 400;

/**
 * The cards of a preset (`includeCard`) whose history begins with the card new: a history that
 * starts in the middle (an import of part of a log) has no first memory state to build on, and
 * fsrs-rs and Anki both leave such cards out. One linear pass, cheap enough for the app's own thread.
 */
export function fitHistory(reviews: ReviewsByCard, includeCard: (cardId: string) => boolean, calendar: Calendar): FitHistory & { cardsWithoutStart: number } {
  const chosen: number[] = [];
  let total = 0;
  let cardsWithoutStart = 0;
  for (let c = 0; c < reviews.cardIds.length; c++) {
    const from = reviews.start[c]!;
    const to = reviews.start[c + 1]!;
    if (to === from || !includeCard(reviews.cardIds[c]!)) continue;
    if (reviews.prior[from] !== 0) {
      cardsWithoutStart++;
      continue;
    }
    chosen.push(c);
    total += to - from;
  }
  const out = { start: new Int32Array(chosen.length + 1), at: new Float64Array(total), day: new Int32Array(total), rating: new Uint8Array(total), prior: new Uint8Array(total), cardsWithoutStart };
  let k = 0;
  chosen.forEach((c, n) => {
    out.start[n] = k;
    for (let i = reviews.start[c]!; i < reviews.start[c + 1]!; i++, k++) {
      out.at[k] = reviews.at[i]!;
      out.day[k] = studyDay(calendar, reviews.at[i]!);
      out.rating[k] = reviews.rating[i]!;
      out.prior[k] = reviews.prior[i]!;
    }
  });
  out.start[chosen.length] = k;
  return out;
}

/**
 * Until a card has been seen on two different days there is no long-term memory to predict, and
 * fsrs-rs refuses (and aborts its process on) an item without a review a day or more after the first.
 */
function forEachItem(history: FitHistory, visit: (card: number, end: number) => void): void {
  for (let c = 0; c + 1 < history.start.length; c++) {
    const from = history.start[c]!;
    let spansDays = false;
    for (let k = from + 1; k < history.start[c + 1]!; k++) {
      if (history.day[k]! > history.day[k - 1]!) spansDays = true;
      if (spansDays) visit(c, k + 1);
    }
  }
}

/** How many items the history gives, without building them. */
export function countItems(history: FitHistory): number {
  let n = 0;
  forEachItem(history, () => n++);
  return n;
}

/** The items, sorted by time: the split must put every held-out review after every training review. */
export function trainingSet(history: FitHistory): TrainingSet {
  const total = history.at.length;
  const deltaDays = new Int32Array(total);
  for (let c = 0; c + 1 < history.start.length; c++) {
    for (let k = history.start[c]! + 1; k < history.start[c + 1]!; k++) deltaDays[k] = history.day[k]! - history.day[k - 1]!;
  }
  const items = countItems(history);
  const from = new Int32Array(items);
  const end = new Int32Array(items);
  const time = new Float64Array(items);
  let n = 0;
  forEachItem(history, (card, itemEnd) => {
    from[n] = history.start[card]!;
    end[n] = itemEnd;
    time[n] = history.at[itemEnd - 1]!;
    n++;
  });
  const order = Array.from({ length: items }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b);
  return {
    rating: history.rating,
    deltaDays,
    itemFrom: Int32Array.from(order, (i) => from[i]!),
    itemEnd: Int32Array.from(order, (i) => end[i]!),
    itemTime: Float64Array.from(order, (i) => time[i]!),
    reviews: total,
  };
}

/** Items `[0, cut)` train, `[cut, n)` are held out. */
export function trainCut(set: Pick<TrainingSet, 'itemFrom'>): number {
  return Math.floor(set.itemFrom.length * TRAIN_SHARE);
}
