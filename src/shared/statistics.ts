// The statistics screen's data, as the service sends it: plain JSON, computed in src/core/stats.

export type RetentionPeriod = 'today' | 'week' | 'month' | 'year';

export interface AllStats {
  /** The instant the figures are for, and its study day. */
  now: number;
  day: number;
  date: string;
  deckId: string | null;
  /** Days covered by `reviews`, `forecast` and `time`. */
  range: number;
  today: TodayStats;
  reviews: ReviewsByDay;
  forecast: Forecast;
  retention: TrueRetention;
  topics: TopicStats;
  distributions: Distributions;
  heatmap: Heatmap;
  time: StudyTime;
  cards: CardCounts;
}

/** Each card in exactly one group: suspended first, then buried, then by its scheduling state. */
export interface CardCounts {
  new: number;
  learning: number;
  relearning: number;
  /** Review cards on an interval under 21 days. */
  young: number;
  /** Review cards on an interval of 21 days or more. */
  mature: number;
  suspended: number;
  /** Buried by hand until a later study day. */
  buried: number;
  total: number;
}

export interface Bin {
  /** Lower edge, included. */
  from: number;
  /** Upper edge, excluded (the last bin includes it); null when the bin is open-ended. */
  to: number | null;
  label: string;
  count: number;
}

export interface Distribution {
  bins: Bin[];
  /** Cards counted. */
  count: number;
  mean: number | null;
}

export interface Distributions {
  /** Days for the probability of recall to fall to 90 %, in bins that widen with the days. */
  stability: Distribution;
  /** FSRS difficulty, 1 (easiest) to 10, in unit bins. */
  difficulty: Distribution;
  /** Probability of recall now, 0 to 1, in 5 % bins. */
  retrievability: Distribution;
}

export interface ForecastDay {
  day: number;
  date: string;
  /** Review cards due that day; today's figure includes every overdue card. */
  reviews: number;
  /** Learning and relearning cards due that day (today's includes those already due). */
  learning: number;
}

export interface Forecast {
  /** Today first, then the following days. */
  days: ForecastDay[];
  /** Review cards due before today, counted in today's `reviews` too. */
  overdueReviews: number;
  /** Learning and relearning cards due by the end of today. */
  learningDueToday: number;
  /** Review cards due within the range, overdue ones included. */
  totalReviews: number;
}

export interface HeatmapDay {
  day: number;
  date: string;
  reviews: number;
}

export interface Heatmap {
  /** The last 365 study days, oldest first, today last; every day present. */
  days: HeatmapDay[];
  /** Days among those with at least one answer. */
  studiedDays: number;
  /** The busiest day's answers, for the colour scale. */
  maxReviews: number;
  /**
   * Consecutive study days with an answer, ending today if today has one, else ending yesterday:
   * a streak is not broken until a whole study day passes without studying.
   */
  currentStreak: number;
  /** The longest run of consecutive study days with an answer, in all history. */
  longestStreak: number;
}

export interface PassCount {
  reviews: number;
  passed: number;
  /** passed / reviews; null when there were no reviews, so charts show a gap rather than 0 %. */
  rate: number | null;
}

export interface ReviewKindCounts {
  /** Answers to new and learning cards. */
  learning: number;
  /** Answers to review cards answered on an interval under 21 days. */
  young: number;
  /** Answers to review cards answered on an interval of 21 days or more. */
  mature: number;
  /** Answers to cards relearning after a lapse. */
  relearning: number;
  total: number;
  timeMs: number;
}

export interface ReviewsDay extends ReviewKindCounts {
  day: number;
  date: string;
}

export interface ReviewsByDay {
  /** Oldest first, today last; every day present, studied or not. */
  days: ReviewsDay[];
  totals: ReviewKindCounts;
  /** Days in the range with at least one answer. */
  studiedDays: number;
}

export interface TimeDay {
  day: number;
  date: string;
  /** Minutes spent answering, to the hundredth. */
  minutes: number;
  reviews: number;
}

export interface HourRow {
  /** Local clock hour, 0-23 (not the hour of the study day). */
  hour: number;
  reviews: number;
  /** Answers rated Hard or better. */
  passed: number;
  passRate: number | null;
}

export interface StudyTime {
  /** Oldest first, today last; every day present. */
  days: TimeDay[];
  totalMinutes: number;
  /** Over the days with at least one answer; null when there were none. */
  minutesPerStudiedDay: number | null;
  /** The same range's answers by the local hour they were given in, 0 to 23. */
  hours: HourRow[];
}

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

export interface TopicRetention {
  /** The topic tag, two levels: `topic::attention`, or `Biology::Cells` for an imported deck. */
  topic: string;
  /** Its name for people, from the syllabus (built-in topics only): "Attention and its variants". */
  title?: string;
  /** Cards of the topic in the deck (or collection), any state. */
  cards: number;
  /** Those that have been reviewed, so have a retrievability. */
  reviewedCards: number;
  /** Answers to these cards while in the review state, all history. */
  reviews: number;
  passed: number;
  /** passed / reviews; null before any review-state answer. */
  passRate: number | null;
  /** Mean current probability of recall of the reviewed cards; null when none is reviewed. */
  meanRetrievability: number | null;
}

export interface TopicStats {
  /** Lowest pass rate first; topics without review answers after, by mean retrievability, then by name. */
  topics: TopicRetention[];
  /** Cards in the deck (or collection) with no topic tag. */
  untaggedCards: number;
}

export interface RetentionRow {
  period: RetentionPeriod;
  days: number;
  young: PassCount;
  mature: PassCount;
  all: PassCount;
}

export interface TrueRetention {
  /** What the scheduler aims for: the deck's preset, or the default preset for the whole collection. */
  desiredRetention: number;
  rows: RetentionRow[];
}
