// Time spent per study day over a range, and how answers and recall spread over the hours of the day.
import type { HourRow, StudyTime, TimeDay } from '../../shared/statistics';
import { ratio } from './pass-count';
import { StatsScope, type StatsContext } from './stats-context';
import { studyDate } from './study-date';

const MINUTE = 60_000;

export function studyTime(context: StatsContext, range = 30): StudyTime {
  const scope = StatsScope.of(context);
  const { today, grid } = scope;
  const log = scope.col.history;
  const inScope = scope.logCardInScope;
  const count = Math.max(1, Math.floor(range));
  const first = today - count + 1;
  const timeMs = new Float64Array(count);
  const reviews = new Float64Array(count);
  const hourReviews = new Float64Array(24);
  const hourPassed = new Float64Array(24);
  const reviewDays = scope.reviewDays;
  for (let i = 0; i < log.length; i++) {
    const day = reviewDays[i]!;
    const k = day - first;
    if (k < 0 || k >= count || log.removed[i] || !inScope[log.card[i]!]) continue;
    timeMs[k]! += log.duration[i]!;
    reviews[k]!++;
    const hour = grid.localHourOn(day, log.at[i]!);
    hourReviews[hour]!++;
    if (log.rating[i]! > 1) hourPassed[hour]!++;
  }
  const days: TimeDay[] = [];
  let totalMs = 0;
  let studied = 0;
  for (let k = 0; k < count; k++) {
    days.push({ day: first + k, date: studyDate(first + k), minutes: toMinutes(timeMs[k]!), reviews: reviews[k]! });
    totalMs += timeMs[k]!;
    if (reviews[k]! > 0) studied++;
  }
  const hours: HourRow[] = [];
  for (let hour = 0; hour < 24; hour++) {
    hours.push({ hour, reviews: hourReviews[hour]!, passed: hourPassed[hour]!, passRate: ratio(hourPassed[hour]!, hourReviews[hour]!) });
  }
  const perDay = ratio(totalMs, studied);
  return { days, totalMinutes: toMinutes(totalMs), minutesPerStudiedDay: perDay === null ? null : toMinutes(perDay), hours };
}

function toMinutes(ms: number): number {
  return Math.round(ms / (MINUTE / 100)) / 100;
}

export type { HourRow, StudyTime, TimeDay };
