// Answers per study day over the last N days, split into learning, young, mature and relearning.
import type { ReviewKindCounts, ReviewsByDay, ReviewsDay } from '../../shared/statistics';
import { ReviewKind } from './review-kind';
import { StatsScope, type StatsContext } from './stats-context';
import { studyDate } from './study-date';

/** The usual ranges of the charts; any positive whole number of days works. */
export const DAY_RANGES = [30, 90, 365] as const;

function emptyKindCounts(): ReviewKindCounts {
  return { learning: 0, young: 0, mature: 0, relearning: 0, total: 0, timeMs: 0 };
}

export function reviewsByDay(context: StatsContext, range = 30): ReviewsByDay {
  const scope = StatsScope.of(context);
  const { today } = scope;
  const log = scope.col.history;
  const inScope = scope.logCardInScope;
  const kinds = scope.reviewKinds;
  const count = Math.max(1, Math.floor(range));
  const first = today - count + 1;
  // Columns while counting, objects only for the answer: no allocation per review.
  const perKind = [new Float64Array(count), new Float64Array(count), new Float64Array(count), new Float64Array(count)] as const;
  const time = new Float64Array(count);
  const reviewDays = scope.reviewDays;
  for (let i = 0; i < log.length; i++) {
    const k = reviewDays[i]! - first;
    if (k < 0 || k >= count || log.removed[i] || !inScope[log.card[i]!]) continue;
    perKind[kinds[i]! as ReviewKind][k]!++;
    time[k]! += log.duration[i]!;
  }
  const days: ReviewsDay[] = [];
  const totals = emptyKindCounts();
  let studiedDays = 0;
  for (let k = 0; k < count; k++) {
    const row: ReviewsDay = {
      day: first + k,
      date: studyDate(first + k),
      learning: perKind[ReviewKind.Learning][k]!,
      young: perKind[ReviewKind.Young][k]!,
      mature: perKind[ReviewKind.Mature][k]!,
      relearning: perKind[ReviewKind.Relearning][k]!,
      total: 0,
      timeMs: time[k]!,
    };
    row.total = row.learning + row.young + row.mature + row.relearning;
    if (row.total > 0) studiedDays++;
    totals.learning += row.learning;
    totals.young += row.young;
    totals.mature += row.mature;
    totals.relearning += row.relearning;
    totals.total += row.total;
    totals.timeMs += row.timeMs;
    days.push(row);
  }
  return { days, totals, studiedDays };
}

export type { ReviewKindCounts, ReviewsByDay, ReviewsDay };
