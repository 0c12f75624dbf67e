// Answers per study day by kind: learning, young (interval before < 21 days), mature (>= 21), relearning.
import { describe, expect, it } from 'vitest';
import { CardState } from '../../../src/core/collection/types';
import { reviewsByDay } from '../../../src/core/stats/reviews-by-day';
import { daysAgo, NOW, StudiedCollection, TODAY } from './studied-collection';

/**
 * Card m: learned 40 days ago on a 30-day interval; answered 10 days ago (after 30 days: mature),
 * given 5 days; forgotten 5 days ago (after 5 days: young), relearned ten minutes later.
 */
function lapsedCard(): StudiedCollection {
  return new StudiedCollection()
    .deck('ml', 'ML')
    .deck('stats', 'Stats')
    .note('m', 'ml')
    .learn('m/1', 40, 30)
    .answer('m/1', 3, daysAgo(10, 12), { interval: 5, durationMs: 6_000 })
    .answer('m/1', 1, daysAgo(5, 12), { durationMs: 9_000 })
    .answer('m/1', 3, daysAgo(5, 12, 10), { durationMs: 3_000 });
}

function day(result: ReturnType<typeof reviewsByDay>, ago: number) {
  const row = result.days.find((d) => d.day === TODAY - ago);
  if (!row) throw new Error(`day -${ago} not in the range`);
  return row;
}

describe('reviews per day', () => {
  it('list every day of the range, oldest first, ending today', () => {
    const result = reviewsByDay(new StudiedCollection().context(), 30);
    expect(result.days).toHaveLength(30);
    expect(result.days[0]!.day).toBe(TODAY - 29);
    expect(result.days[29]).toEqual({ day: TODAY, date: '2026-03-10', learning: 0, young: 0, mature: 0, relearning: 0, total: 0, timeMs: 0 });
    expect(reviewsByDay(new StudiedCollection().context(), 365).days).toHaveLength(365);
  });

  it('count a review of a card whose previous interval was 30 days as mature', () => {
    const result = reviewsByDay(lapsedCard().context(), 30);
    expect(day(result, 10)).toMatchObject({ mature: 1, young: 0, total: 1, timeMs: 6_000 });
  });

  it('count the lapse of a card answered on a 5-day interval as young, though its card was mature before', () => {
    const result = reviewsByDay(lapsedCard().context(), 30);
    // The Again was a review-state answer on a 5-day interval; the Good after it a relearning step.
    expect(lapsedCard().col.history.reviewsOf('m/1').map((r) => r.prior)).toEqual([CardState.New, CardState.Learning, CardState.Review, CardState.Review, CardState.Relearning]);
    expect(day(result, 5)).toMatchObject({ learning: 0, young: 1, mature: 0, relearning: 1, total: 2, timeMs: 12_000 });
  });

  it('count answers to new and learning cards as learning, within the range only', () => {
    expect(reviewsByDay(lapsedCard().context(), 30).totals).toEqual({ learning: 0, young: 1, mature: 1, relearning: 1, total: 3, timeMs: 18_000 });
    const quarter = reviewsByDay(lapsedCard().context(), 90);
    expect(day(quarter, 40)).toMatchObject({ learning: 2, total: 2 });
    expect(quarter.totals.total).toBe(5);
    expect(quarter.studiedDays).toBe(3);
  });

  it('put an answer at 03:30 local on the study day before, and one at 04:00 on its own day', () => {
    const history = new StudiedCollection().deck('d', 'D').note('x', 'd').answer('x/1', 3, daysAgo(3, 3, 30)).answer('x/1', 3, daysAgo(3, 4, 0));
    const result = reviewsByDay(history.context(), 30);
    expect(day(result, 4).learning).toBe(1);
    expect(day(result, 3).learning).toBe(1);
  });

  it('take the interval before from the card’s previous review in time, though an import appended it later', () => {
    // y was learned 60 days ago (25-day interval), answered 20 days ago (given 30 days) and 2 days
    // ago. Here the answer of 2 days ago was given in the app, and the older history imported after it.
    const studied = new StudiedCollection().deck('d', 'D').note('y', 'd').learn('y/1', 60, 25).answer('y/1', 3, daysAgo(20, 9), { interval: 30 }).answer('y/1', 3, daysAgo(2, 9));
    const reviews = studied.journal.filter((e) => e.type === 'review');
    const history = new StudiedCollection().deck('d', 'D').note('y', 'd').apply(reviews.at(-1)!);
    history.apply({ type: 'import', at: NOW, source: 'old.apkg', format: 'apkg', decks: [], noteTypes: [], notes: [], cards: [], removedCards: [], media: [], reviews: reviews.slice(0, -1) });
    const log = history.col.history;
    expect(Array.from(log.at.subarray(0, log.length))).toEqual([daysAgo(2, 9), daysAgo(60, 9), daysAgo(60, 9, 10), daysAgo(20, 9)]);
    const result = reviewsByDay(history.context(), 90);
    expect(day(result, 20).mature).toBe(1);
    expect(day(result, 2).mature).toBe(1);
    expect(day(result, 60).learning).toBe(2);
  });

  it('count only the chosen deck and its children', () => {
    const history = lapsedCard().note('s', 'stats').answer('s/1', 3, daysAgo(5, 15));
    expect(day(reviewsByDay(history.context(), 30), 5).total).toBe(3);
    expect(day(reviewsByDay(history.context('ml'), 30), 5).total).toBe(2);
    expect(day(reviewsByDay(history.context('stats'), 30), 5)).toMatchObject({ learning: 1, total: 1 });
  });
});
