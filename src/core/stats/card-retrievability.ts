// Current probability of recall of many cards at once, equal to the scheduler's `retrievability`.
import type { FSRS } from 'ts-fsrs';
import type { Collection } from '../collection/collection';
import { CardState, type CardRecord } from '../collection/types';
import { schedulerFor } from '../scheduling/scheduler';
import type { DayGrid } from './day-grid';

/**
 * Retrievability of each card (NaN for a card never reviewed), aligned with `cards`. The same
 * formula as `retrievability()`, but the forgetting curve is looked up once per deck and days come
 * from the grid: 50,000 cards would otherwise mean 50,000 preset hashes and 100,000 zone lookups.
 */
export function cardRetrievabilities(col: Collection, cards: readonly CardRecord[], today: number, grid: DayGrid): Float64Array {
  const out = new Float64Array(cards.length);
  const curves = new Map<string, FSRS>();
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    if (card.state === CardState.New || card.lastReview === null || card.stability <= 0) {
      out[i] = Number.NaN;
      continue;
    }
    let scheduler = curves.get(card.deckId);
    if (!scheduler) {
      scheduler = schedulerFor(col.presetOf(card.deckId));
      curves.set(card.deckId, scheduler);
    }
    const elapsed = Math.max(0, today - grid.dayOf(card.lastReview));
    out[i] = scheduler.forgetting_curve(elapsed, card.stability);
  }
  return out;
}
