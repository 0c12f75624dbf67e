// Cards coming due on each of the next N study days, so the learner sees the load ahead.
import type { Forecast, ForecastDay } from '../../shared/statistics';
import { CardState } from '../collection/types';
import { StatsScope, type StatsContext } from './stats-context';
import { studyDate } from './study-date';

/**
 * Suspended cards are never due; a buried card counts on the day its bury ends if that is later
 * than its due day. (Siblings the queue buries for the day are not recorded and so not known here.)
 */
export function forecast(context: StatsContext, range = 30): Forecast {
  const scope = StatsScope.of(context);
  const { today, grid } = scope;
  const count = Math.max(1, Math.floor(range));
  const reviews = new Float64Array(count);
  const learning = new Float64Array(count);
  const todayStart = grid.startOf(today);
  const end = grid.startOf(today + count);
  let overdueReviews = 0;
  for (const card of scope.cards) {
    if (card.suspended || card.state === CardState.New) continue;
    // Comparing instants first keeps zone lookups for the cards that land inside the range.
    let k = card.due < todayStart ? 0 : card.due >= end ? count : grid.dayOf(card.due) - today;
    if (card.buriedUntilDay !== null) k = Math.max(k, card.buriedUntilDay - today);
    if (k < 0 || k >= count) continue;
    if (card.state === CardState.Review) {
      reviews[k]!++;
      if (card.due < todayStart && k === 0) overdueReviews++;
    } else learning[k]!++;
  }
  const days: ForecastDay[] = [];
  let totalReviews = 0;
  for (let k = 0; k < count; k++) {
    days.push({ day: today + k, date: studyDate(today + k), reviews: reviews[k]!, learning: learning[k]! });
    totalReviews += reviews[k]!;
  }
  return { days, overdueReviews, learningDueToday: learning[0]!, totalReviews };
}

export type { Forecast, ForecastDay };
