// Every statistic at once, as the statistics screen and `interleave stats --json` show them.
import type { AllStats } from '../../shared/statistics';
import { cardCounts, type CardCounts } from './card-counts';
import { distributions, type Distributions } from './distributions';
import { forecast, type Forecast } from './forecast';
import { heatmap, type Heatmap } from './heatmap';
import { reviewsByDay, type ReviewsByDay } from './reviews-by-day';
import { StatsScope, type StatsContext } from './stats-context';
import { studyDate } from './study-date';
import { studyTime, type StudyTime } from './study-time';
import { todayStats, type TodayStats } from './today-stats';
import { topicRetention, type TopicStats } from './topic-retention';
import { trueRetention, type TrueRetention } from './true-retention';

export interface AllStatsOptions {
  /** Days for the per-day charts and the forecast: 30, 90 or 365 on the screen. */
  range?: number;
}

/** One scope for all: the review kinds, day grid and retrievabilities are computed once. */
export function allStats(context: StatsContext, options: AllStatsOptions = {}): AllStats {
  const scope = new StatsScope(context);
  const range = Math.max(1, Math.floor(options.range ?? 30));
  return {
    now: scope.now,
    day: scope.today,
    date: studyDate(scope.today),
    deckId: scope.deckId ?? null,
    range,
    today: todayStats(scope),
    reviews: reviewsByDay(scope, range),
    forecast: forecast(scope, range),
    retention: trueRetention(scope),
    topics: topicRetention(scope),
    distributions: distributions(scope),
    heatmap: heatmap(scope),
    time: studyTime(scope, range),
    cards: cardCounts(scope),
  };
}

export type { AllStats };
