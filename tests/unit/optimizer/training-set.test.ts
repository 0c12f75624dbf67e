// What the optimizer learns from: one item per review after a card's first study day, in time order.
import { describe, expect, it } from 'vitest';
import type { ReviewsByCard } from '../../../src/core/history/reviews-by-card';
import { countItems, fitHistory, trainCut, trainingSet } from '../../../src/core/optimizer/training-set';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T = Date.UTC(2026, 0, 5, 12); // noon UTC, a study day that starts at 04:00

function grouped(cards: Record<string, { at: number; rating: number; prior?: number }[]>): ReviewsByCard {
  const cardIds = Object.keys(cards);
  const rows = cardIds.flatMap((id) => cards[id]!);
  const start = new Int32Array(cardIds.length + 1);
  let k = 0;
  cardIds.forEach((id, c) => {
    start[c] = k;
    k += cards[id]!.length;
  });
  start[cardIds.length] = k;
  return {
    cardIds,
    start,
    at: Float64Array.from(rows, (r) => r.at),
    rating: Uint8Array.from(rows, (r) => r.rating),
    duration: new Uint32Array(rows.length),
    prior: Uint8Array.from(cardIds.flatMap((id) => cards[id]!.map((r, i) => r.prior ?? (i === 0 ? 0 : 2)))),
  };
}

describe('training items from review history', () => {
  it('counts elapsed time in the learner’s study days, not in hours', () => {
    // 03:00 the next calendar day is still the same study day when days start at 04:00.
    const set = trainingSet(fitHistory(grouped({ a: [{ at: T, rating: 3 }, { at: T + 15 * HOUR, rating: 3 }, { at: T + 3 * DAY, rating: 1 }] }), () => true, fixedOffsetCalendar(0, 4)));
    expect([...set.deltaDays]).toEqual([0, 0, 3]);
    // The same-day second review predicts nothing long-term: only the third is an item.
    expect(set.itemFrom.length).toBe(1);
    expect([set.itemFrom[0], set.itemEnd[0]]).toEqual([0, 3]);
  });

  it('makes one item per review after the first day, each with the card’s whole history before it', () => {
    const set = trainingSet(fitHistory(grouped({ a: [{ at: T, rating: 3 }, { at: T + 2 * DAY, rating: 3 }, { at: T + 9 * DAY, rating: 2 }] }), () => true, fixedOffsetCalendar(0, 4)));
    expect(set.reviews).toBe(3);
    expect(Array.from(set.itemFrom)).toEqual([0, 0]);
    expect(Array.from(set.itemEnd)).toEqual([2, 3]);
  });

  it('orders items by the time of the review they predict, across cards, so the held-out fifth is the most recent', () => {
    const set = trainingSet(fitHistory(
      grouped({
        late: [{ at: T + 10 * DAY, rating: 3 }, { at: T + 20 * DAY, rating: 3 }],
        early: [{ at: T, rating: 3 }, { at: T + 1 * DAY, rating: 3 }, { at: T + 30 * DAY, rating: 4 }],
      }),
      () => true,
      fixedOffsetCalendar(0, 4),
    ));
    expect(Array.from(set.itemTime)).toEqual([T + DAY, T + 20 * DAY, T + 30 * DAY]);
    expect(trainCut(set)).toBe(2);
  });

  it('leaves out cards whose history does not begin with the card new, and cards outside the preset', () => {
    const history = fitHistory(
      grouped({
        cut: [{ at: T, rating: 3, prior: 2 }, { at: T + 5 * DAY, rating: 3 }],
        other: [{ at: T, rating: 3 }, { at: T + 5 * DAY, rating: 3 }],
        mine: [{ at: T, rating: 3 }, { at: T + 5 * DAY, rating: 3 }],
      }),
      (id) => id !== 'other',
      fixedOffsetCalendar(0, 4),
    );
    expect(history.cardsWithoutStart).toBe(1);
    expect(history.at.length).toBe(2);
    expect(countItems(history)).toBe(1);
    expect(trainingSet(history).itemFrom.length).toBe(1);
  });
});
