// The calendar heatmap of the last year, and the study streaks: current and longest.
import type { Heatmap, HeatmapDay } from '../../shared/statistics';
import { StatsScope, type StatsContext } from './stats-context';
import { studyDate } from './study-date';

export const HEATMAP_DAYS = 365;

export function heatmap(context: StatsContext): Heatmap {
  const scope = StatsScope.of(context);
  const { today, grid } = scope;
  const log = scope.col.history;
  const inScope = scope.logCardInScope;
  const reviewDays = scope.reviewDays;
  // Answers per day from the grid's first day (the first review in the log) to today.
  const first = Math.min(grid.first, today - HEATMAP_DAYS + 1);
  const perDay = new Float64Array(today - first + 1);
  for (let i = 0; i < log.length; i++) {
    if (log.removed[i] || !inScope[log.card[i]!]) continue;
    const k = reviewDays[i]! - first;
    // Reviews dated after today (a clock set back since) are not part of any streak yet.
    if (k >= 0 && k < perDay.length) perDay[k]!++;
  }

  const days: HeatmapDay[] = [];
  let studiedDays = 0;
  let maxReviews = 0;
  for (let day = today - HEATMAP_DAYS + 1; day <= today; day++) {
    const reviews = perDay[day - first]!;
    days.push({ day, date: studyDate(day), reviews });
    if (reviews > 0) studiedDays++;
    maxReviews = Math.max(maxReviews, reviews);
  }

  let longestStreak = 0;
  let run = 0;
  for (let k = 0; k < perDay.length; k++) {
    run = perDay[k]! > 0 ? run + 1 : 0;
    longestStreak = Math.max(longestStreak, run);
  }
  let end = perDay.length - 1;
  if (perDay[end] === 0) end--;
  let currentStreak = 0;
  while (end - currentStreak >= 0 && perDay[end - currentStreak]! > 0) currentStreak++;
  return { days, studiedDays, maxReviews, currentStreak, longestStreak };
}

export type { Heatmap, HeatmapDay };
