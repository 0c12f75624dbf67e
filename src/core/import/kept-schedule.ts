// A source's own schedule (Anki's, Obsidian's, Logseq's) as the collection's schedule, continued rather than recomputed.
import type { Preset } from '../../shared/dto';
import { CardState, type Schedule } from '../collection/types';
import { memoryFromHistory, memoryFromSm2, type MemoryState } from '../scheduling/memory-state';
import { newSchedule, schedulerFor } from '../scheduling/scheduler';
import { DAY, studyDay, studyDayStart, type Calendar } from '../time/study-day';
import type { ImportedDue, ImportedReview, KeptSchedule } from './bundle';

/** SM-2 schedules aim at about 90 % recall; Anki assumes so unless the preset says otherwise. */
const SM2_RETENTION = 0.9;

/** The instant a source's due date means here: a local date begins with the learner's study day. */
export function dueInstant(due: ImportedDue, calendar: Calendar): number {
  return 'date' in due ? studyDayStart(calendar, due.date) : due.at;
}

/**
 * The card's schedule as the source left it: its state, due date, interval, counts and memory
 * state. Only a card without a memory state gets one computed (from its history, else from its
 * SM-2 ease and interval); its due date stays the source's either way.
 */
export function scheduleFromKept(kept: KeptSchedule, reviews: readonly ImportedReview[], created: number, preset: Preset, calendar: Calendar): Schedule {
  if (kept.state === CardState.New) return newSchedule(created);
  let due = dueInstant(kept.due, calendar);
  // A review is due on a day, not at an hour: Logseq gives instants.
  if (kept.state === CardState.Review) due = studyDayStart(calendar, studyDay(calendar, due));
  const interval = kept.state === CardState.Learning ? 0 : Math.max(0, Math.round(kept.intervalDays));
  const lastRated = reviews.at(-1)?.at ?? null;
  const lastReview = kept.lastReview ?? (kept.state === CardState.Learning ? lastRated : due - interval * DAY);
  const memory = kept.memory ?? computedMemory(kept, reviews, preset, calendar) ?? initialMemory(preset);
  const steps = kept.state === CardState.Learning ? preset.learningSteps : kept.state === CardState.Relearning ? preset.relearningSteps : [];
  const learningSteps = kept.stepsLeft === undefined ? 0 : Math.min(steps.length, Math.max(0, steps.length - kept.stepsLeft));
  return {
    state: kept.state,
    due,
    stability: memory.stability,
    difficulty: memory.difficulty,
    scheduledDays: interval,
    learningSteps,
    reps: kept.reps,
    lapses: kept.lapses,
    lastReview,
    ...(kept.memory?.decay !== undefined ? { decay: kept.memory.decay } : {}),
    ...(kept.memory?.desiredRetention !== undefined ? { desiredRetention: kept.memory.desiredRetention } : {}),
  };
}

/** As Anki's FSRS does for a card it has no memory state for: from its history, else from SM-2. */
function computedMemory(kept: KeptSchedule, reviews: readonly ImportedReview[], preset: Preset, calendar: Calendar): MemoryState | null {
  const retention = kept.sm2Retention ?? SM2_RETENTION;
  const from = kept.historyFrom;
  // Only a source that says which answers a memory state comes from has such a history (Anki).
  const history = from === undefined ? [] : reviews.filter((review) => review.at >= from);
  if (history.length > 0) {
    const start = kept.historyStart;
    if (!start) return memoryFromHistory(history, preset, calendar);
    // The history lacks its beginning: its first review's SM-2 ease and interval stand for what came before.
    const first = memoryFromSm2(start.ease, Math.max(1, start.intervalDays), retention, preset);
    if (first) {
      // Ease factors of 1.1 or less are FSRS difficulties Anki logged in the ease column.
      if (start.ease <= 1.1) first.difficulty = (start.ease - 0.1) * 9 + 1;
      return memoryFromHistory(history.slice(1), preset, calendar, { ...first, at: history[0]!.at });
    }
  }
  if (kept.ease !== undefined && kept.intervalDays > 0) return memoryFromSm2(kept.ease, kept.intervalDays, retention, preset);
  return null;
}

/** A card in learning that brings neither history nor ease: the state one "good" gives. */
function initialMemory(preset: Preset): MemoryState {
  return schedulerFor(preset).next_state(null, 0, 3);
}
