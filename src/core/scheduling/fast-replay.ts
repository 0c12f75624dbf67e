// Replays a card's whole history an order of magnitude faster than calling the scheduler per review.
import type { FSRS } from 'ts-fsrs';
import type { Preset } from '../../shared/dto';
import { CardState, type Schedule } from '../collection/types';
import { studyDay, type Calendar } from '../time/study-day';
import { stepMinutes } from './presets';
import { newSchedule, review, schedulerFor, type Grade1to4 } from './scheduler';

/**
 * Memory state (stability, difficulty) depends only on ratings and elapsed days, and learning-step
 * bookkeeping only on state, step and rating; due dates and fuzz matter only for the last review.
 * So every review but the last is folded with ts-fsrs's own `next_state` and the learning-step
 * rules of its basic scheduler, and the last goes through the full scheduler. The result equals a
 * review-by-review replay exactly (tests/unit/scheduling/fast-replay.test.ts holds them together).
 */
export function fastReplay(times: ArrayLike<number>, ratings: ArrayLike<number>, created: number, preset: Preset, calendar: Calendar, cardId: string): Schedule {
  return fold(times, ratings, created, preset, calendar, cardId, null);
}

/** One step of a replayed history: the state before the review and the memory state after it. */
export interface ReplayStep {
  prior: CardState;
  after: Schedule;
}

/**
 * The schedule after every review, not just the last: what an imported history needs for the
 * review log. Intermediate due dates and intervals are the source's own when it recorded them
 * (`intervalDays`), else zero (the moment of the review); memory states are exact; the last step is
 * the scheduler's full answer, unless `lastInFull` is false: a caller that puts the source's own
 * schedule in its place has it folded like the others, since the full answer (fuzz, due date)
 * costs more than all the other steps of a card together.
 */
export function replayTrail(
  times: ArrayLike<number>,
  ratings: ArrayLike<number>,
  created: number,
  preset: Preset,
  calendar: Calendar,
  cardId: string,
  intervalDays?: ArrayLike<number | undefined>,
  lastInFull = true,
): ReplayStep[] {
  const steps: ReplayStep[] = [];
  const last = fold(
    times,
    ratings,
    created,
    preset,
    calendar,
    cardId,
    (i, prior, state, learningSteps, stability, difficulty, lapses, at) => {
      const days = intervalDays?.[i] ?? 0;
      steps.push({ prior, after: { state, due: at + days * 86_400_000, stability, difficulty, scheduledDays: days, learningSteps, reps: i + 1, lapses, lastReview: at } });
    },
    lastInFull,
  );
  if (!lastInFull) return steps;
  if (times.length > 0) steps.push({ prior: steps.length ? steps[steps.length - 1]!.after.state : CardState.New, after: last });
  // The prior of the last step is the state after the one before it.
  if (steps.length > 1) steps[steps.length - 1]!.prior = steps[steps.length - 2]!.after.state;
  return steps;
}

function fold(
  times: ArrayLike<number>,
  ratings: ArrayLike<number>,
  created: number,
  preset: Preset,
  calendar: Calendar,
  cardId: string,
  /** Told each folded review's state after it (its values, so that a trail makes one object per step). */
  onStep: ((index: number, prior: CardState, state: CardState, learningSteps: number, stability: number, difficulty: number, lapses: number, at: number) => void) | null,
  lastInFull = true,
): Schedule {
  const count = times.length;
  if (count === 0) return newSchedule(created);
  // Without the scheduler's full answer, the last review is folded like the others.
  const folded = lastInFull ? count - 1 : count;
  const { algorithm, learning, relearning } = constantsOf(preset);
  let state: CardState = CardState.New;
  let step = 0;
  let stability = 0;
  let difficulty = 0;
  let lapses = 0;
  let lastDay = 0;
  let last = created;
  for (let i = 0; i < folded; i++) {
    const at = times[i]!;
    const grade = ratings[i]! as Grade1to4;
    const prior = state;
    const day = studyDay(calendar, at);
    const elapsed = state === CardState.New ? 0 : Math.max(0, day - lastDay);
    if (state === CardState.Review) {
      const r = algorithm.forgetting_curve(elapsed, stability);
      ({ stability, difficulty } = algorithm.next_state({ stability, difficulty }, elapsed, grade, r));
      if (grade === 1) {
        lapses++;
        [state, step] = afterSteps(state, step, grade, CardState.Relearning, learning, relearning);
      } else step = 0;
    } else {
      ({ stability, difficulty } = algorithm.next_state(state === CardState.New ? null : { stability, difficulty }, elapsed, grade));
      [state, step] = afterSteps(state, step, grade, state === CardState.New ? CardState.Learning : state, learning, relearning);
    }
    lastDay = day;
    last = at;
    if (onStep) onStep(i, prior, state, step, stability, difficulty, lapses, at);
  }
  const before: Schedule = {
    state,
    due: last,
    stability,
    difficulty,
    scheduledDays: 0,
    learningSteps: step,
    reps: folded,
    lapses,
    lastReview: state === CardState.New ? null : last,
  };
  if (!lastInFull) return before;
  return review(before, ratings[count - 1]! as Grade1to4, times[count - 1]!, preset, calendar, cardId);
}

/** What a replay needs of a preset, built once per preset object (presets are replaced, never changed in place). */
interface PresetConstants {
  algorithm: FSRS;
  learning: number[];
  relearning: number[];
}

const constantsByPreset = new WeakMap<Preset, PresetConstants>();

function constantsOf(preset: Preset): PresetConstants {
  let constants = constantsByPreset.get(preset);
  if (!constants) {
    constants = { algorithm: schedulerFor(preset), learning: preset.learningSteps.map(stepMinutes), relearning: preset.relearningSteps.map(stepMinutes) };
    constantsByPreset.set(preset, constants);
  }
  return constants;
}

/** ts-fsrs's basic learning-steps rule: the state and step a rating leads to from (state, step). */
function afterSteps(state: CardState, step: number, grade: number, toState: CardState, learning: number[], relearning: number[]): [CardState, number] {
  const steps = state === CardState.Relearning || state === CardState.Review ? relearning : learning;
  let minutes = 0;
  let next = 0;
  if (steps.length > 0 && step < steps.length) {
    if (state === CardState.Review) {
      if (grade === 1) minutes = steps[Math.max(0, step)]!;
    } else if (grade === 1) minutes = steps[0]!;
    else if (grade === 2) {
      minutes = steps.length === 1 ? Math.round(steps[0]! * 1.5) : Math.round((steps[0]! + steps[1]!) / 2);
      next = step;
    } else if (grade === 3 && step + 1 < steps.length) {
      minutes = Math.round(steps[step + 1]!);
      next = step + 1;
    }
  }
  if (minutes > 0 && minutes < 1440) return [toState, next];
  return [CardState.Review, minutes >= 1440 ? next : 0];
}
