// FSRS memory states for cards that arrive without one: from their review history, or from an SM-2 ease and interval.
import { S_MIN } from 'ts-fsrs';
import type { Preset } from '../../shared/dto';
import { studyDay, type Calendar } from '../time/study-day';
import { schedulerFor } from './scheduler';

export interface MemoryState {
  stability: number;
  difficulty: number;
}

/**
 * The memory state after a run of reviews, each folded with ts-fsrs's `next_state` over the study
 * days between them (0 on the same day: FSRS's short-term rule), as Anki's FSRS computes a card's
 * state from its revlog. `start` is the state before the first review, when the history lacks its
 * beginning; the first review then updates it instead of starting from scratch.
 */
export function memoryFromHistory(
  reviews: readonly { at: number; rating: number }[],
  preset: Preset,
  calendar: Calendar,
  start?: MemoryState & { at: number },
): MemoryState | null {
  const algorithm = schedulerFor(preset);
  let memory: MemoryState | null = start ? { stability: start.stability, difficulty: start.difficulty } : null;
  let lastDay = start ? studyDay(calendar, start.at) : 0;
  for (const review of reviews) {
    const day = studyDay(calendar, review.at);
    const elapsed = memory ? Math.max(0, day - lastDay) : 0;
    memory = algorithm.next_state(memory, elapsed, review.rating);
    lastDay = day;
  }
  return memory;
}

/**
 * The memory state an SM-2 card implies (FSRS's `memory_state_from_sm2`): the stability at which
 * the interval recalls with the retention SM-2 was aiming at, and the difficulty that ease factor
 * corresponds to with that stability.
 */
export function memoryFromSm2(ease: number, intervalDays: number, sm2Retention: number, preset: Preset): MemoryState | null {
  const w = schedulerFor(preset).parameters.w;
  const decay = -w[20]!;
  const factor = 0.9 ** (1 / decay) - 1;
  const stability = (Math.max(intervalDays, S_MIN) * factor) / (sm2Retention ** (1 / decay) - 1);
  const difficulty = 11 - (ease - 1) / (Math.exp(w[8]!) * stability ** -w[9]! * Math.expm1((1 - sm2Retention) * w[10]!));
  if (!Number.isFinite(stability) || !Number.isFinite(difficulty)) return null;
  return { stability, difficulty: Math.min(10, Math.max(1, difficulty)) };
}

/** FSRS-6 weights (21) from any FSRS generation Anki stored: 17 (FSRS-4.5), 19 (FSRS-5) or 21; null otherwise. */
export function fsrs6Weights(params: readonly number[]): number[] | null {
  if (!params.every(Number.isFinite)) return null;
  // FSRS-5 and earlier forget with a fixed decay of 0.5.
  if (params.length === 21) return [...params];
  if (params.length === 19) return [...params, 0, 0.5];
  if (params.length === 17) {
    // FSRS-4.5's difficulty terms in FSRS-5's form, as the FSRS libraries convert them.
    const w = [...params];
    w[4] = w[5]! * 2 + w[4]!;
    w[5] = Math.log(w[5]! * 3 + 1) / 3;
    w[6] = w[6]! + 0.5;
    return [...w, 0, 0, 0, 0.5];
  }
  return null;
}
