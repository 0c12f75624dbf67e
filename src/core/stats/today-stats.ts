// Today's figures: what the learner has done since the current study day began.
import type { TodayStats } from '../../shared/statistics';
import { CardState } from '../collection/types';
import { ratio } from './pass-count';
import { StatsScope, type StatsContext } from './stats-context';
import { studyDate } from './study-date';

export function todayStats(context: StatsContext): TodayStats {
  const scope = StatsScope.of(context);
  const { today } = scope;
  const log = scope.col.history;
  const inScope = scope.logCardInScope;
  const cards = new Set<number>();
  let reviews = 0;
  let timeMs = 0;
  let againCount = 0;
  let newCards = 0;
  const days = scope.reviewDays;
  // The whole log, not a walk back from its end: an import appends old reviews after today's, so
  // the log is not in time order.
  for (let i = 0; i < log.length; i++) {
    if (days[i] !== today || log.removed[i] || !inScope[log.card[i]!]) continue;
    reviews++;
    timeMs += log.duration[i]!;
    cards.add(log.card[i]!);
    if (log.rating[i] === 1) againCount++;
    if (log.prior[i] === CardState.New) newCards++;
  }
  return { day: today, date: studyDate(today), cardsStudied: cards.size, reviews, timeMs, againCount, againRate: ratio(againCount, reviews), newCards };
}

export type { TodayStats };
