// The forecast: review cards by the study day they fall due, overdue ones on today, learning due today.
import { describe, expect, it } from 'vitest';
import { forecast } from '../../../src/core/stats/forecast';
import { daysAgo, local, StudiedCollection, TODAY } from './studied-collection';

/** Review cards are due at 10:00 local on the day their interval ends (see `answer`). */
function dueCards(): StudiedCollection {
  return (
    new StudiedCollection()
      .deck('ml', 'ML')
      .deck('stats', 'Stats')
      .note('today', 'ml')
      .note('overdue', 'ml')
      .note('in4', 'ml')
      .note('in40', 'ml')
      .note('learning', 'ml')
      .note('suspended', 'ml')
      .note('buried', 'ml')
      .note('new', 'ml')
      .note('other', 'stats')
      .learn('today/1', 3, 3)
      .learn('overdue/1', 5, 2)
      .learn('in4/1', 1, 5)
      .learn('in40/1', 2, 42)
      // One Good on a new card: the next learning step is ten minutes later, today.
      .answer('learning/1', 3, daysAgo(0, 9))
      .learn('suspended/1', 3, 3)
      .suspend('suspended/1')
      .learn('buried/1', 3, 3)
      .bury('buried/1', TODAY + 2)
      .learn('other/1', 1, 1)
  );
}

describe('the forecast', () => {
  it('counts review cards on the study day they fall due, overdue ones on today', () => {
    const result = forecast(dueCards().context('ml'), 30);
    expect(result.days).toHaveLength(30);
    expect(result.days[0]).toEqual({ day: TODAY, date: '2026-03-10', reviews: 2, learning: 1 });
    expect(result.days[4]!.reviews).toBe(1);
    expect(result.overdueReviews).toBe(1);
    expect(result.learningDueToday).toBe(1);
  });

  it('leaves out new and suspended cards, and counts a buried card on the day its bury ends', () => {
    const result = forecast(dueCards().context('ml'), 30);
    expect(result.days[2]!.reviews).toBe(1);
    // today (2) + buried (1, day 2) + in4 (1); in40 is beyond the range.
    expect(result.totalReviews).toBe(4);
  });

  it('reaches as far as asked', () => {
    const result = forecast(dueCards().context('ml'), 90);
    expect(result.days).toHaveLength(90);
    expect(result.days[40]!.reviews).toBe(1);
    expect(result.totalReviews).toBe(5);
  });

  it('counts a card due at 03:00 tomorrow on today: the study day lasts until 04:00', () => {
    const history = new StudiedCollection()
      .deck('d', 'D')
      .note('late', 'd')
      .note('early', 'd')
      .learn('late/1', 5, 5)
      .answer('late/1', 3, daysAgo(1), { interval: 1, after: { due: local(2026, 3, 11, 3, 0) } })
      .learn('early/1', 5, 5)
      .answer('early/1', 3, daysAgo(1), { interval: 1, after: { due: local(2026, 3, 11, 4, 0) } });
    const result = forecast(history.context(), 7);
    expect(result.days.slice(0, 2).map((d) => d.reviews)).toEqual([1, 1]);
    expect(result.overdueReviews).toBe(0);
  });

  it('is all zeros for a collection with nothing studied', () => {
    const result = forecast(new StudiedCollection().deck('d', 'D').note('n', 'd').context(), 30);
    expect(result.days.every((d) => d.reviews === 0 && d.learning === 0)).toBe(true);
    expect([result.overdueReviews, result.learningDueToday, result.totalReviews]).toEqual([0, 0, 0]);
  });
});
