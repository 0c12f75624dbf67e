// How long the learner takes per card and how they rate: estimated from their own history, with defaults until there is enough.
import type { ReviewsByCard } from '../history/reviews-by-card';
import { studyDay, type Calendar } from '../time/study-day';

export interface Pace {
  secondsPerReview: number;
  /** A new card's first day, its learning steps included. */
  secondsPerNew: number;
  fromHistory: boolean;
}

/** How the learner rates: the first answer to a new card, and the button pressed when a review is recalled. */
export interface RatingModel {
  /** Again, Hard, Good, Easy on a card's first answer. */
  first: [number, number, number, number];
  /** Hard, Good, Easy when a review is recalled. */
  recalled: [number, number, number];
}

export const DEFAULT_PACE: Pace = { secondsPerReview: 15, secondsPerNew: 60, fromHistory: false };
/** Fewer samples than this and the defaults stand. */
const MIN_SAMPLES = 20;
/** An answer left open this long is a learner who walked away, not a slow card. */
const LONGEST_ANSWER_MS = 300_000;

/** Medians of the learner's own answer times: a review, and a new card's whole first day. */
export function paceOf(reviews: ReviewsByCard, calendar: Calendar): Pace {
  // A million reviews' times as a count per millisecond (they are whole milliseconds, capped), not a
  // million-number array grown, copied and sorted for one median at every readiness.
  const reviewTimes = new Uint32Array(LONGEST_ANSWER_MS + 1);
  let reviewCount = 0;
  const newTimes: number[] = [];
  for (let c = 0; c < reviews.cardIds.length; c++) {
    const from = reviews.start[c]!;
    const to = reviews.start[c + 1]!;
    if (to === from) continue;
    if (reviews.prior[from] === 0) {
      const firstDay = studyDay(calendar, reviews.at[from]!);
      let total = 0;
      let timed = true;
      for (let i = from; i < to && studyDay(calendar, reviews.at[i]!) === firstDay; i++) {
        if (reviews.duration[i] === 0) timed = false;
        total += Math.min(LONGEST_ANSWER_MS, reviews.duration[i]!);
      }
      if (timed) newTimes.push(total);
    }
    for (let i = from; i < to; i++) {
      const ms = reviews.duration[i]!;
      if (reviews.prior[i] === 2 && ms > 0) {
        reviewTimes[Math.min(LONGEST_ANSWER_MS, ms)]!++;
        reviewCount++;
      }
    }
  }
  if (reviewCount < MIN_SAMPLES) return { ...DEFAULT_PACE };
  const secondsPerReview = medianOfCounts(reviewTimes, reviewCount) / 1000;
  // New cards take at least as long as a review: their first day has every learning step.
  const secondsPerNew = newTimes.length >= MIN_SAMPLES ? Math.max(secondsPerReview, median(newTimes) / 1000) : Math.max(secondsPerReview * 3, DEFAULT_PACE.secondsPerNew);
  return { secondsPerReview, secondsPerNew, fromHistory: true };
}

/** FSRS's own simulator's defaults, then the learner's counts added on top (one pseudo-count each). */
const DEFAULT_FIRST = [0.25, 0.1, 0.55, 0.1] as const;
const DEFAULT_RECALLED = [0.1, 0.8, 0.1] as const;
const PRIOR_WEIGHT = 20;

export function ratingModelOf(reviews: ReviewsByCard): RatingModel {
  const first = DEFAULT_FIRST.map((p) => p * PRIOR_WEIGHT);
  const recalled = DEFAULT_RECALLED.map((p) => p * PRIOR_WEIGHT);
  for (let c = 0; c < reviews.cardIds.length; c++) {
    const from = reviews.start[c]!;
    const to = reviews.start[c + 1]!;
    if (to > from && reviews.prior[from] === 0) first[reviews.rating[from]! - 1]!++;
    for (let i = from; i < to; i++) if (reviews.prior[i] === 2 && reviews.rating[i]! > 1) recalled[reviews.rating[i]! - 2]!++;
  }
  const norm = <T extends number[]>(counts: T) => {
    const sum = counts.reduce((a, b) => a + b, 0);
    return counts.map((x) => x / sum) as T;
  };
  return { first: norm(first) as RatingModel['first'], recalled: norm(recalled) as RatingModel['recalled'] };
}

/** The median of `count` whole numbers given as how many times each occurs (`counts[value]`). */
function medianOfCounts(counts: Uint32Array, count: number): number {
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (let value = 0; value < counts.length; value++) {
      seen += counts[value]!;
      if (seen > rank) return value;
    }
    return counts.length - 1;
  };
  const mid = count >> 1;
  return count % 2 ? valueAt(mid) : (valueAt(mid - 1) + valueAt(mid)) / 2;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
