// Day-by-day simulation of studying a set of cards with FSRS: what the plan and the retention simulator both run.
import type { FSRS } from 'ts-fsrs';
import type { Preset } from '../../shared/dto';
import { CardState, type CardRecord } from '../collection/types';
import type { Pace, RatingModel } from '../planner/pace';
import { schedulerFor } from '../scheduling/scheduler';
import { studyDay, type Calendar } from '../time/study-day';
import { seededRandom } from './seeded-random';

/** What the simulation asks of a policy each day, with the state of the day so far. */
export interface SimulatedDay {
  day: number;
  /** Cards in scope never studied yet. */
  newLeft: number;
  dueReviews: number;
  /** On the first day: what the learner has already done today. */
  newDoneToday: number;
  reviewsDoneToday: number;
}

export interface DayPolicy {
  /** New cards to introduce this day (those already introduced today included). */
  newCards(day: SimulatedDay): number;
  /** Cards not due that may come forward this day, and the recall target and day they are judged by. */
  bringForward?(day: SimulatedDay, newToday: number): { room: number; target: number; atDay: number } | null;
}

export interface SimulationInput {
  cards: readonly CardRecord[];
  presetOf: (card: CardRecord) => Preset;
  /** Indexes into `cards` of the new cards, in the order they are introduced. */
  newOrder: readonly number[];
  /** The first day simulated (today) and the day after the last. */
  fromDay: number;
  toDay: number;
  now: number;
  calendar: Calendar;
  pace: Pace;
  model: RatingModel;
  seed: number;
  policy: DayPolicy;
  /** Today's work already done, which counts against the first day's limits. */
  doneToday?: { newCards: number; reviews: number };
  /** Replaces every preset's desired retention (the retention simulator). */
  desiredRetention?: number;
}

export interface SimulationResult {
  stability: Float64Array;
  /** Study day of each card's last review, -1 for never. */
  lastDay: Int32Array;
  daily: { day: number; reviews: number; newCards: number; minutes: number }[];
  /** The scheduler of each card, for recall at a later day. */
  recallAt(index: number, day: number): number;
}

/**
 * Each day: every due card is reviewed, then the policy's new cards are introduced in order, then
 * (in a plan's final days) the cards whose recall at the interview would fall below the target come
 * forward, lowest first. A review is recalled with FSRS's predicted probability, drawn from a seeded
 * generator, and rated as the learner rates recalled cards; a lapse is relearned the same day through
 * the preset's relearning steps. A new card's first answer follows the learner's first answers, then
 * its learning steps are passed with Good the same day. Memory states and intervals come from
 * ts-fsrs with the card's own preset (fuzz off: the simulation must be repeatable).
 */
export function simulate(input: SimulationInput): SimulationResult {
  const { cards, calendar, pace, model, policy } = input;
  const n = cards.length;
  const random = seededRandom(input.seed);
  const stability = new Float64Array(n);
  const difficulty = new Float64Array(n);
  const lastDay = new Int32Array(n).fill(-1);
  const dueDay = new Int32Array(n);
  const schedulers: FSRS[] = [];
  const presets: Preset[] = [];
  const schedulerIndex = new Int32Array(n);
  const byKey = new Map<Preset, number>();
  for (let i = 0; i < n; i++) {
    const card = cards[i]!;
    const preset = input.presetOf(card);
    let index = byKey.get(preset);
    if (index === undefined) {
      index = schedulers.length;
      byKey.set(preset, index);
      const settings = { ...preset, fuzz: false, ...(input.desiredRetention ? { desiredRetention: input.desiredRetention } : {}) };
      schedulers.push(schedulerFor(settings));
      presets.push(settings);
    }
    schedulerIndex[i] = index;
    if (card.state !== CardState.New && card.lastReview !== null && card.stability > 0) {
      stability[i] = card.stability;
      difficulty[i] = card.difficulty;
      lastDay[i] = studyDay(calendar, card.lastReview);
      // A card in learning steps finishes them today.
      dueDay[i] = card.state === CardState.Review ? studyDay(calendar, card.due) : input.fromDay;
    }
  }

  const pick = (weights: readonly number[]): number => {
    let u = random();
    for (let k = 0; k < weights.length - 1; k++) {
      if (u < weights[k]!) return k;
      u -= weights[k]!;
    }
    return weights.length - 1;
  };
  const recallAt = (i: number, day: number): number => (lastDay[i]! < 0 ? 0 : schedulers[schedulerIndex[i]!]!.forgetting_curve(Math.max(0, day - lastDay[i]!), stability[i]!));
  const sameDayGoods = (i: number, times: number) => {
    const algorithm = schedulers[schedulerIndex[i]!]!;
    for (let k = 0; k < times; k++) ({ stability: stability[i], difficulty: difficulty[i] } = algorithm.next_state({ stability: stability[i]!, difficulty: difficulty[i]! }, 0, 3));
  };
  const review = (i: number, day: number) => {
    const algorithm = schedulers[schedulerIndex[i]!]!;
    const elapsed = Math.max(0, day - lastDay[i]!);
    const r = algorithm.forgetting_curve(elapsed, stability[i]!);
    const recalled = random() < r;
    const rating = recalled ? 2 + pick(model.recalled) : 1;
    ({ stability: stability[i], difficulty: difficulty[i] } = algorithm.next_state({ stability: stability[i]!, difficulty: difficulty[i]! }, elapsed, rating, r));
    if (!recalled) sameDayGoods(i, presets[schedulerIndex[i]!]!.relearningSteps.length);
    lastDay[i] = day;
    dueDay[i] = day + algorithm.next_interval(stability[i]!, recalled ? elapsed : 0);
  };
  const introduce = (i: number, day: number) => {
    const algorithm = schedulers[schedulerIndex[i]!]!;
    const rating = 1 + pick(model.first);
    ({ stability: stability[i], difficulty: difficulty[i] } = algorithm.next_state(null, 0, rating));
    const steps = presets[schedulerIndex[i]!]!.learningSteps.length;
    sameDayGoods(i, rating <= 2 ? steps : rating === 3 ? Math.max(0, steps - 1) : 0);
    lastDay[i] = day;
    dueDay[i] = day + algorithm.next_interval(stability[i]!, 0);
  };

  const daily: SimulationResult['daily'] = [];
  let nextNew = 0;
  const newOrder = input.newOrder.filter((i) => lastDay[i]! < 0);
  for (let day = input.fromDay; day < input.toDay; day++) {
    const first = day === input.fromDay;
    const due: number[] = [];
    for (let i = 0; i < n; i++) if (lastDay[i]! >= 0 && lastDay[i]! < day && dueDay[i]! <= day) due.push(i);
    due.sort((a, b) => dueDay[a]! - dueDay[b]! || a - b);
    const state: SimulatedDay = {
      day,
      newLeft: newOrder.length - nextNew,
      dueReviews: due.length,
      newDoneToday: first ? (input.doneToday?.newCards ?? 0) : 0,
      reviewsDoneToday: first ? (input.doneToday?.reviews ?? 0) : 0,
    };
    for (const i of due) review(i, day);
    const newToday = Math.max(0, Math.min(policy.newCards(state) - state.newDoneToday, newOrder.length - nextNew));
    for (let k = 0; k < newToday; k++) introduce(newOrder[nextNew++]!, day);
    let forward = 0;
    const bring = policy.bringForward?.(state, newToday + state.newDoneToday);
    if (bring && bring.room > 0) {
      const weak: { i: number; r: number }[] = [];
      for (let i = 0; i < n; i++) {
        if (lastDay[i]! < 0 || lastDay[i]! >= day) continue;
        const r = recallAt(i, bring.atDay);
        if (r < bring.target) weak.push({ i, r });
      }
      weak.sort((a, b) => a.r - b.r || a.i - b.i);
      for (const { i } of weak.slice(0, bring.room)) review(i, day);
      forward = Math.min(bring.room, weak.length);
    }
    const reviews = due.length + forward;
    daily.push({ day, reviews, newCards: newToday, minutes: (reviews * pace.secondsPerReview + newToday * pace.secondsPerNew) / 60 });
  }
  return { stability, lastDay, daily, recallAt };
}
