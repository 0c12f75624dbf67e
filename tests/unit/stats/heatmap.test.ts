// The calendar heatmap of the last year, and the streaks: current (through yesterday still counts) and longest.
import { describe, expect, it } from 'vitest';
import { heatmap } from '../../../src/core/stats/heatmap';
import { daysAgo, StudiedCollection, TODAY } from './studied-collection';

/** One answer on each of the given days ago (a fresh card each time, so every answer is simple). */
function studiedOn(days: number[], hour = 12): StudiedCollection {
  const history = new StudiedCollection().deck('d', 'D').deck('other', 'Other');
  days.forEach((ago, i) => history.note(`n${i}`, 'd').answer(`n${i}/1`, 3, daysAgo(ago, hour)));
  return history;
}

describe('the heatmap', () => {
  it('has the last 365 study days, oldest first, with the answers of each', () => {
    const result = heatmap(studiedOn([0, 0, 3, 364, 365]).context());
    expect(result.days).toHaveLength(365);
    expect(result.days[0]).toEqual({ day: TODAY - 364, date: '2025-03-11', reviews: 1 });
    expect(result.days[364]).toEqual({ day: TODAY, date: '2026-03-10', reviews: 2 });
    expect(result.studiedDays).toBe(3);
    expect(result.maxReviews).toBe(2);
  });

  it('puts an answer at 02:00 local on the study day before', () => {
    const result = heatmap(studiedOn([0], 2).context());
    expect(result.days[364]!.reviews).toBe(0);
    expect(result.days[363]!.reviews).toBe(1);
  });
});

describe('streaks', () => {
  it('run to today when today was studied', () => {
    expect(heatmap(studiedOn([0, 1, 2]).context()).currentStreak).toBe(3);
  });

  it('still run when the last studied day was yesterday: today is not over', () => {
    expect(heatmap(studiedOn([1, 2, 3]).context()).currentStreak).toBe(3);
  });

  it('are broken by a whole study day without answers', () => {
    const result = heatmap(studiedOn([2, 3, 4]).context());
    expect(result.currentStreak).toBe(0);
    expect(result.longestStreak).toBe(3);
  });

  it('are the longest run across a gap, the current one included', () => {
    // 5 days in a row, a gap of one day, then yesterday and today.
    const result = heatmap(studiedOn([0, 1, 3, 4, 5, 6, 7]).context());
    expect(result.currentStreak).toBe(2);
    expect(result.longestStreak).toBe(5);
  });

  it('count the longest run in all history, not only the heatmap’s year', () => {
    const result = heatmap(studiedOn([500, 501, 502, 503, 504, 505, 0]).context());
    expect(result.longestStreak).toBe(6);
    expect(result.currentStreak).toBe(1);
    expect(result.studiedDays).toBe(1);
  });

  it('follow the study day, not the midnight: 01:00 counts for the day before', () => {
    // Studied at 01:00 local on each of the last three calendar dates: the study days before them.
    const result = heatmap(studiedOn([0, 1, 2], 1).context());
    expect(result.days.slice(-4).map((d) => d.reviews)).toEqual([1, 1, 1, 0]);
    expect(result.currentStreak).toBe(3);
  });

  it('are zero for a collection never studied, and for a deck never studied', () => {
    const empty = heatmap(new StudiedCollection().context());
    expect([empty.currentStreak, empty.longestStreak, empty.studiedDays, empty.maxReviews]).toEqual([0, 0, 0, 0]);
    expect(empty.days).toHaveLength(365);
    expect(heatmap(studiedOn([0, 1]).context('other')).currentStreak).toBe(0);
  });
});
