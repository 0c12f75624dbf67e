// Today's figures: answers since the study day began at 04:00 local time, nothing from before.
import { describe, expect, it } from 'vitest';
import { todayStats } from '../../../src/core/stats/today-stats';
import { daysAgo, StudiedCollection, TODAY } from './studied-collection';

function studiedToday(): StudiedCollection {
  return (
    new StudiedCollection()
      .deck('ml', 'ML')
      .deck('ml-opt', 'ML::Optimization')
      .deck('stats', 'Stats')
      .note('a', 'ml')
      .note('b', 'ml-opt')
      .note('c', 'stats')
      // a: introduced today, answered twice.
      .answer('a/1', 3, daysAgo(0, 9), { durationMs: 8_000 })
      .answer('a/1', 3, daysAgo(0, 9, 10), { durationMs: 4_000 })
      // b: learned ten days ago, forgotten today at 04:30, half an hour into the study day.
      .learn('b/1', 10, 10)
      .answer('b/1', 1, daysAgo(0, 4, 30), { durationMs: 20_000 })
      // c: answered at 03:30 this morning, which is still yesterday's study day.
      .answer('c/1', 3, daysAgo(0, 3, 30), { durationMs: 5_000 })
  );
}

describe('today’s statistics', () => {
  it('count the answers, cards, time, lapses and introductions of the current study day', () => {
    const stats = todayStats(studiedToday().context());
    expect(stats).toEqual({
      day: TODAY,
      date: '2026-03-10',
      cardsStudied: 2,
      reviews: 3,
      timeMs: 32_000,
      againCount: 1,
      againRate: 1 / 3,
      newCards: 1,
    });
  });

  it('leave out an answer given before 04:00: it belongs to the study day before', () => {
    const history = new StudiedCollection().deck('d', 'D').note('x', 'd').answer('x/1', 3, daysAgo(0, 3, 59)).answer('x/1', 3, daysAgo(0, 4, 0));
    expect(todayStats(history.context()).reviews).toBe(1);
  });

  it('leave out an answer that was undone', () => {
    const history = studiedToday().undoLast('b/1');
    const stats = todayStats(history.context());
    expect(stats.reviews).toBe(2);
    expect(stats.againCount).toBe(0);
    expect(stats.againRate).toBe(0);
  });

  it('count only the chosen deck and its children', () => {
    const ml = todayStats(studiedToday().context('ml'));
    expect([ml.cardsStudied, ml.reviews, ml.againCount, ml.newCards]).toEqual([2, 3, 1, 1]);
    const child = todayStats(studiedToday().context('ml-opt'));
    expect([child.cardsStudied, child.reviews, child.againCount, child.newCards]).toEqual([1, 1, 1, 0]);
    // c's answer was yesterday: its deck has nothing today.
    expect(todayStats(studiedToday().context('stats')).reviews).toBe(0);
  });

  it('are zero, with no again rate, before the first answer', () => {
    const stats = todayStats(new StudiedCollection().context());
    expect(stats).toMatchObject({ cardsStudied: 0, reviews: 0, timeMs: 0, againCount: 0, againRate: null, newCards: 0 });
  });
});
