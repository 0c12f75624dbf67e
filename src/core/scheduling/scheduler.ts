// FSRS-6 scheduling through ts-fsrs, on the learner's study days rather than UTC days.
import { forgetting_curve, generatorParameters, StrategyMode, type Card as FsrsCard, type FSRS, type Grade, type StepUnit } from 'ts-fsrs';
import type { Preset } from '../../shared/dto';
import { CardState, type Schedule } from '../collection/types';
import { fromShifted, studyDay, toShifted, type Calendar } from '../time/study-day';
import { balancedInterval, type DueLoad } from './load-balance';
import { QuickFsrs } from './quick-fsrs';

export type Grade1to4 = 1 | 2 | 3 | 4;

const DAY_MS = 86_400_000;

const schedulers = new Map<string, FSRS>();
/** The same preset object asks again and again (readiness over 50,000 cards): skip building its key. */
const byPreset = new WeakMap<Preset, FSRS>();

/** The card as ts-fsrs is handed it, with the id its fuzz is seeded by (ts-fsrs copies extra fields along). */
type SeededCard = FsrsCard & { cardId: string };

/**
 * Fuzz seeded by the card and its state before the answer, not by the answer's millisecond
 * (ts-fsrs's default): the interval a button shows is then the interval the answer gives. The id
 * is in the seed because the state alone is the same for every new card answered at one moment,
 * and fuzz exists to spread exactly those.
 */
function seedFromCard(this: { last: SeededCard }): string {
  const last = this.last;
  return `${last.cardId}_${last.last_review?.getTime() ?? 0}_${last.reps}_${last.difficulty * last.stability}`;
}

/**
 * One ts-fsrs instance per distinct set of parameters. A new instance rather than a parameter
 * update: assigning partial parameters to a live instance resets the rest to defaults.
 */
export function schedulerFor(preset: Preset): FSRS {
  const known = byPreset.get(preset);
  if (known) return known;
  const key = JSON.stringify([
    preset.desiredRetention,
    preset.maximumIntervalDays,
    preset.learningSteps,
    preset.relearningSteps,
    preset.fuzz,
    preset.weights,
  ]);
  let scheduler = schedulers.get(key);
  if (!scheduler) {
    scheduler = new QuickFsrs(
      generatorParameters({
        request_retention: preset.desiredRetention,
        maximum_interval: preset.maximumIntervalDays,
        enable_fuzz: preset.fuzz,
        enable_short_term: true,
        learning_steps: preset.learningSteps as StepUnit[],
        relearning_steps: preset.relearningSteps as StepUnit[],
        ...(preset.weights ? { w: preset.weights } : {}),
      }),
    ).useStrategy(StrategyMode.SEED, seedFromCard as never);
    if (schedulers.size > 64) schedulers.clear();
    schedulers.set(key, scheduler);
  }
  // Presets are replaced, never changed in place (a save is a new object), so the object is the key.
  byPreset.set(preset, scheduler);
  return scheduler;
}

export function newSchedule(due: number): Schedule {
  return {
    state: CardState.New,
    due,
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
  };
}

function toFsrs(schedule: Schedule, calendar: Calendar, cardId: string): SeededCard {
  return {
    cardId,
    due: new Date(toShifted(calendar, schedule.due)),
    stability: schedule.stability,
    difficulty: schedule.difficulty,
    elapsed_days: 0,
    scheduled_days: schedule.scheduledDays,
    learning_steps: schedule.learningSteps,
    reps: schedule.reps,
    lapses: schedule.lapses,
    state: schedule.state,
    ...(schedule.lastReview === null ? {} : { last_review: new Date(toShifted(calendar, schedule.lastReview)) }),
  };
}

function fromFsrs(card: FsrsCard, now: number, calendar: Calendar): Schedule {
  // Steps shorter than a day are real minutes from now, whatever the clocks do that night (DST);
  // longer intervals land on study days.
  const delta = card.due.getTime() - toShifted(calendar, now);
  return {
    state: card.state as CardState,
    due: delta < DAY_MS ? now + delta : fromShifted(calendar, card.due.getTime()),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: now,
  };
}

/**
 * The schedule of card `cardId` after answering `rating` at `now`. With a `load` (load balancing on), a review
 * interval moves within its fuzz range to the least busy day; the preview given the same load
 * shows the same interval.
 */
export function review(schedule: Schedule, rating: Grade1to4, now: number, preset: Preset, calendar: Calendar, cardId: string, load?: DueLoad | null): Schedule {
  const result = fromFsrs(schedulerFor(preset).next(toFsrs(schedule, calendar, cardId), new Date(toShifted(calendar, now)), rating as Grade).card, now, calendar);
  return load ? balance(schedule, rating, result, now, preset, calendar, cardId, load) : result;
}

/** What each of the four ratings would do to card `cardId`, in rating order. */
export function previewAll(schedule: Schedule, now: number, preset: Preset, calendar: Calendar, cardId: string, load?: DueLoad | null): Schedule[] {
  const preview = schedulerFor(preset).repeat(toFsrs(schedule, calendar, cardId), new Date(toShifted(calendar, now)));
  return ([1, 2, 3, 4] as const).map((grade) => {
    const result = fromFsrs(preview[grade].card, now, calendar);
    return load ? balance(schedule, grade, result, now, preset, calendar, cardId, load) : result;
  });
}

/** Moves a fuzzed review interval to the least busy day of its fuzz range (see load-balance.ts). */
function balance(before: Schedule, rating: Grade1to4, result: Schedule, now: number, preset: Preset, calendar: Calendar, cardId: string, load: DueLoad): Schedule {
  if (!preset.fuzz || result.state !== CardState.Review || result.scheduledDays < 3) return result;
  // The interval before fuzz, from the same scheduler without it.
  const plain = schedulerFor({ ...preset, fuzz: false }).next(toFsrs(before, calendar, cardId), new Date(toShifted(calendar, now)), rating as Grade).card;
  const interval = balancedInterval(plain.scheduled_days, result.scheduledDays, elapsedDays(before, now, calendar), preset.maximumIntervalDays, studyDay(calendar, now), load);
  if (interval === result.scheduledDays) return result;
  return { ...result, scheduledDays: interval, due: fromShifted(calendar, toShifted(calendar, now) + interval * DAY_MS) };
}

/** Whole study days since the last review, as the scheduler counts them. */
export function elapsedDays(schedule: Schedule, now: number, calendar: Calendar): number {
  if (schedule.lastReview === null) return 0;
  return Math.max(0, studyDay(calendar, now) - studyDay(calendar, schedule.lastReview));
}

/** Probability of recall now; null for a card never reviewed. */
export function retrievability(schedule: Schedule, now: number, preset: Preset, calendar: Calendar): number | null {
  if (schedule.state === CardState.New || schedule.lastReview === null || schedule.stability <= 0) return null;
  // A memory state another app computed with its own curve is read on that curve until the next review.
  if (schedule.decay !== undefined) return forgetting_curve(schedule.decay, elapsedDays(schedule, now, calendar), schedule.stability);
  return schedulerFor(preset).forgetting_curve(elapsedDays(schedule, now, calendar), schedule.stability);
}

/**
 * A lapse that reaches the threshold makes a leech, and so does every further half-threshold of
 * lapses, so a leech the learner unsuspended and keeps failing is flagged again.
 */
export function becameLeech(before: Schedule, after: Schedule, threshold: number): boolean {
  if (after.lapses <= before.lapses || after.lapses < threshold) return false;
  // Anki rounds half the threshold up: with 3, a leech again at 5 and 7, not at every lapse.
  const every = Math.max(1, Math.ceil(threshold / 2));
  return (after.lapses - threshold) % every === 0;
}
