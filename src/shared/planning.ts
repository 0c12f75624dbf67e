// The shapes of interview planning that cross the contract: plans, readiness, the optimizer, the simulator, calibration.

/** An interview the learner is preparing for, and how the app works toward it. */
export interface InterviewPlan {
  id: string;
  name: string;
  /** The interview's moment (ms epoch): readiness is recall at this instant. */
  at: number;
  /** Decks (with their children) and tags (with their children, `round::x` also takes `round::x::y`). Both empty: every built-in deck. */
  deckIds: string[];
  tags: string[];
  /** The time the learner gives the plan each day. */
  minutesPerDay: number;
  /** Recall the final days aim for on every card in scope. */
  targetRecall: number;
  /** Days before the interview by which every card in scope has been introduced. */
  bufferDays: number;
  created: number;
}

/** Recall in scope on the interview's moment: if the learner stops now, and if they follow the plan. */
export interface ReadinessFigure {
  name: string;
  /** A human title where one is known (`topic::kv-cache` → "KV cache"). */
  title: string;
  cards: number;
  /** Mean predicted recall at the date from today's memory states (never-studied cards count 0). */
  stopNow: number;
  /** Mean predicted recall at the date after following the plan (simulated, seeded). */
  withPlan: number;
}

export interface ReadinessBand {
  /** Half-width of the honest band around every figure, in recall (0.05 = ±5 points). */
  halfWidth: number;
  /** Reviews the band was measured on (the learner's own, a day or more after the one before). */
  reviews: number;
  /** Why the band is this wide, in a sentence. */
  reason: string;
}

export interface PlanToday {
  /** Study day of the figures. */
  day: number;
  daysLeft: number;
  dueReviews: number;
  newCards: number;
  broughtForward: number;
  /** Estimated from the learner's own answer times. */
  minutes: number;
  minutesPerDay: number;
  /** New cards not yet introduced, and the last day (study day) to introduce them by. */
  newLeft: number;
  introduceByDay: number;
  /** Each adjustment the plan makes, in a sentence. */
  explanations: string[];
  /** False when the daily time cannot introduce every card in scope before the buffer. */
  onTrack: boolean;
}

export interface Readiness {
  planId: string | null;
  planName: string | null;
  /** The moment readiness is computed for (ms epoch), and as an ISO string for people and scripts. */
  at: number;
  date: string;
  overall: ReadinessFigure;
  rounds: ReadinessFigure[];
  topics: ReadinessFigure[];
  /** Studied cards with the lowest recall at the date, lowest first. */
  atRisk: { cardId: string; question: string; deckName: string; recallAtDate: number }[];
  /** Cards in scope never studied (they count 0). */
  notStarted: number;
  band: ReadinessBand;
  today: PlanToday | null;
  /** Seconds per review and per new card the estimates use, and whether they are the learner's own. */
  pace: { secondsPerReview: number; secondsPerNew: number; fromHistory: boolean };
}

export interface ModelScore {
  logLoss: number;
  rmseBins: number;
}

export interface OptimizeResult {
  presetId: string;
  presetName: string;
  /** Reviews behind the fit; training and held-out items (one per review after a card's first day). */
  reviews: number;
  train: number;
  test: number;
  current: ModelScore | null;
  optimized: ModelScore | null;
  /** The weights applied: fitted again on every review when the learner applied them (null before). */
  weights: number[] | null;
  /** The weights fitted on the first 80% and scored above, shown whatever the verdict. */
  fittedWeights: number[] | null;
  verdict: 'better' | 'keep' | 'too-little-history';
  /** With too little history: how many more reviews the optimizer needs. */
  moreReviewsNeeded: number;
  message: string;
  applied: boolean;
}

export interface OptimizeJob {
  jobId: string;
  presetId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  phase: string;
  progress: number;
  result: OptimizeResult | null;
  error: { code: string; message: string } | null;
}

/** One desired retention in the simulator: workload over the horizon and recall at its end. */
export interface RetentionOption {
  desiredRetention: number;
  reviewsPerDay: number;
  minutesPerDay: number;
  /** Mean recall of the cards simulated at the horizon's end (or the interview). */
  recallAtEnd: number;
}

export interface Simulation {
  presetId: string | null;
  planId: string | null;
  days: number;
  cards: number;
  current: number;
  options: RetentionOption[];
  /** Days of the horizon, per day of the current retention: reviews, new cards and minutes. */
  daily: { day: number; reviews: number; newCards: number; minutes: number }[];
  seed: number;
}

/** Predicted recall against what happened, on the learner's own reviews. */
export interface Calibration {
  reviews: number;
  bins: { from: number; to: number; predicted: number; observed: number; reviews: number }[];
  /** Mean gap between predicted and observed recall, weighted by reviews (expected calibration error). */
  calibrationError: number;
  /** Root of the review-weighted mean squared gap per bin. */
  rmseBins: number;
}
