// Today's figures: what the learner has done since the current study day began.
import { CardState } from '../collection/types';
import { DAY } from '../time/study-day';
import { ratio } from './pass-count';
import { StatsScope, type StatsContext } from './stats-context';
import { studyDate } from './study-date';

export interface TodayStats {
  day: number;
  date: string;
  /** Distinct cards answered today. */
  cardsStudied: number;
  /** Answers of any kind, each press of a rating button. */
  reviews: number;
  timeMs: number;
  againCount: number;
  /** againCount / reviews; null before the first answer. */
  againRate: number | null;
  /** Cards answered for the first time today. */
  newCards: number;
}

export function todayStats(context: StatsContext): TodayStats {
  const scope = StatsScope.of(context);
  const { today, grid } = scope;
  const log = scope.col.history;
  const inScope = scope.logCardInScope;
  const from = grid.startOf(today);
  const cards = new Set<number>();
  let reviews = 0;
  let timeMs = 0;
  let againCount = 0;
  let newCards = 0;
  // Newest first, only back to today's start: the log is in time order unless the clock moved
  // back, so the walk goes one more day before stopping, as `ReviewLog.since` does.
  for (let i = log.length - 1; i >= 0; i--) {
    const at = log.at[i]!;
    if (at < from - DAY) break;
    if (at < from || log.removed[i] || !inScope[log.card[i]!] || grid.dayOf(at) !== today) continue;
    reviews++;
    timeMs += log.duration[i]!;
    cards.add(log.card[i]!);
    if (log.rating[i] === 1) againCount++;
    if (log.prior[i] === CardState.New) newCards++;
  }
  return { day: today, date: studyDate(today), cardsStudied: cards.size, reviews, timeMs, againCount, againRate: ratio(againCount, reviews), newCards };
}
