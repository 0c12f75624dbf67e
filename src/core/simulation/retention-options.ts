// "Help me decide": workload and recall for each desired retention from 0.70 to 0.97, on the learner's own cards.
import type { RetentionOption, Simulation } from '../../shared/planning';
import { CardState, type CardRecord } from '../collection/types';
import { simulate, type SimulationInput } from './simulate';

/** The retentions offered: Anki's range of sensible choices, in steps a learner can tell apart. */
export const RETENTIONS = [0.7, 0.73, 0.76, 0.79, 0.82, 0.85, 0.88, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97];

export interface RetentionInput extends Omit<SimulationInput, 'toDay' | 'desiredRetention'> {
  days: number;
  /** The retention the preset has now, always among the options. */
  current: number;
  presetId: string | null;
  planId: string | null;
  /** The day recall is read on (the interview's, or the horizon's end). */
  recallDay?: number;
}

/**
 * One simulation per retention over the same cards, seed and new-card policy, so the options differ
 * only in the retention: average reviews and minutes a day over the horizon, and mean recall of the
 * cards at its end (never-studied cards count 0, as readiness counts them).
 */
export function retentionOptions(input: RetentionInput): Simulation {
  const toDay = input.fromDay + input.days;
  const recallDay = input.recallDay ?? toDay;
  const run = (desiredRetention: number) => simulate({ ...input, toDay, desiredRetention });
  const options: RetentionOption[] = [];
  let daily: Simulation['daily'] = [];
  const retentions = [...new Set([...RETENTIONS, input.current])].sort((a, b) => a - b);
  for (const desiredRetention of retentions) {
    const result = run(desiredRetention);
    const reviews = result.daily.reduce((sum, day) => sum + day.reviews, 0);
    const minutes = result.daily.reduce((sum, day) => sum + day.minutes, 0);
    let recall = 0;
    for (let i = 0; i < input.cards.length; i++) recall += result.recallAt(i, recallDay);
    options.push({
      desiredRetention,
      reviewsPerDay: input.days ? reviews / input.days : 0,
      minutesPerDay: input.days ? minutes / input.days : 0,
      recallAtEnd: input.cards.length ? recall / input.cards.length : 0,
    });
    if (desiredRetention === input.current) daily = result.daily;
  }
  return {
    presetId: input.presetId,
    planId: input.planId,
    days: input.days,
    cards: input.cards.length,
    current: input.current,
    options,
    daily,
    seed: input.seed,
  };
}

/** New cards in the order the queue would introduce them (their positions). */
export function newCardOrder(cards: readonly CardRecord[]): number[] {
  const order: number[] = [];
  cards.forEach((card, i) => {
    if (card.state === CardState.New) order.push(i);
  });
  return order.sort((a, b) => cards[a]!.position - cards[b]!.position || cards[a]!.ord - cards[b]!.ord);
}
