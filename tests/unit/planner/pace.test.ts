// The learner's pace from their own history: the median time of a review and of a new card's first day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACE, paceOf } from '../../../src/core/planner/pace';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const calendar = fixedOffsetCalendar(0, 4);
const DAY = 86_400_000;

/** One card per entry, each with a first answer as a new card and then reviews on later days. */
function history(cards: { first: number; reviews: number[] }[]) {
  const at: number[] = [];
  const duration: number[] = [];
  const prior: number[] = [];
  const start = [0];
  cards.forEach((card, c) => {
    at.push(c * 1000);
    duration.push(card.first);
    prior.push(0);
    card.reviews.forEach((ms, r) => {
      at.push((r + 2) * DAY);
      duration.push(ms);
      prior.push(2);
    });
    start.push(at.length);
  });
  return {
    cardIds: cards.map((_, c) => `c${c}/1`),
    start: Int32Array.from(start),
    at: Float64Array.from(at),
    rating: new Uint8Array(at.length).fill(3),
    duration: Uint32Array.from(duration),
    prior: Uint8Array.from(prior),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

describe('the pace', () => {
  it('is the median review time (answers left open over five minutes count as five), odd and even counts alike', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ first: fc.integer({ min: 1, max: 400_000 }), reviews: fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 6 }) }), { minLength: 1, maxLength: 60 }),
        (cards) => {
          const times = cards.flatMap((card) => card.reviews.filter((ms) => ms > 0).map((ms) => Math.min(300_000, ms)));
          const pace = paceOf(history(cards), calendar);
          if (times.length < 20) expect(pace).toEqual(DEFAULT_PACE);
          else expect(pace.secondsPerReview).toBe(median(times) / 1000);
        },
      ),
      { numRuns: 200 },
    );
  });
});
