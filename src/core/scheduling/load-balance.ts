// Load balancing: within the fuzz range, the day with the fewest cards due, lighter on the learner's easy days.
import { get_fuzz_range } from 'ts-fsrs';
import { studyDayStart, type Calendar } from '../time/study-day';

/** How busy each study day is, and how much of a normal day's load the learner wants on it. */
export interface DueLoad {
  countOn(day: number): number;
  /** 1 a normal day, 0.5 a reduced one, 0 as light as possible. */
  weightOf(day: number): number;
}

/** The weekday of a study day (0 Sunday … 6 Saturday) in the learner's time zone. */
export function weekdayOf(calendar: Calendar, day: number): number {
  const start = studyDayStart(calendar, day);
  return new Date(start + calendar.offsetMinutesAt(start) * 60_000).getUTCDay();
}

/** Easy days as a day weight: the setting lists weekday weights, Sunday first. */
export function easyDayWeight(calendar: Calendar, easyDays: readonly number[]): (day: number) => number {
  return (day) => easyDays[weekdayOf(calendar, day)] ?? 1;
}

/**
 * The interval, among those fuzz allows around `base` (ts-fsrs's own range), whose due day has the
 * lowest load for its weight: (cards due + 1) / weight, so an empty normal day beats a busy one and
 * a reduced day takes half a normal day's share. Equal loads keep the interval fuzz chose, so cards
 * still spread when the future is empty. As Anki 24.11 does, only intervals of 3 days or more move.
 */
export function balancedInterval(base: number, fuzzed: number, elapsedDays: number, maximumInterval: number, reviewDay: number, load: DueLoad): number {
  if (fuzzed < 3) return fuzzed;
  const { min_ivl, max_ivl } = get_fuzz_range(base, elapsedDays, maximumInterval);
  if (max_ivl <= min_ivl) return fuzzed;
  const score = (ivl: number) => {
    const weight = load.weightOf(reviewDay + ivl);
    return weight <= 0 ? Infinity : (load.countOn(reviewDay + ivl) + 1) / weight;
  };
  let best = Math.min(Math.max(fuzzed, min_ivl), max_ivl);
  let bestScore = score(best);
  for (let ivl = min_ivl; ivl <= max_ivl; ivl++) {
    const s = score(ivl);
    if (s < bestScore || (s === bestScore && Math.abs(ivl - fuzzed) < Math.abs(best - fuzzed))) {
      best = ivl;
      bestScore = s;
    }
  }
  // Every day in range weighted 0 (all easy days at minimum): fuzz decides.
  return bestScore === Infinity ? fuzzed : best;
}
