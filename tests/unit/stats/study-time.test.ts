// Minutes per study day over a range, and answers and pass rate by local clock hour.
import { describe, expect, it } from 'vitest';
import { studyTime } from '../../../src/core/stats/study-time';
import { daysAgo, StudiedCollection, TODAY } from './studied-collection';

/**
 * Yesterday's study day: 23:30 local (30 s) and 01:00 local after midnight (90 s).
 * Today: 09:00 Again (60 s) and 09:05 Good (30 s), UTC+2, so 07:00 and 07:05 UTC.
 */
function timed(): StudiedCollection {
  return new StudiedCollection()
    .deck('d', 'D')
    .note('late', 'd')
    .note('night', 'd')
    .note('morning', 'd')
    .answer('late/1', 3, daysAgo(1, 23, 30), { durationMs: 30_000 })
    .answer('night/1', 3, daysAgo(0, 1), { durationMs: 90_000 })
    .answer('morning/1', 1, daysAgo(0, 9), { durationMs: 60_000 })
    .answer('morning/1', 3, daysAgo(0, 9, 5), { durationMs: 30_000 });
}

describe('study time', () => {
  it('adds up the minutes of each study day, an answer after midnight going to the day before', () => {
    const result = studyTime(timed().context(), 30);
    expect(result.days).toHaveLength(30);
    expect(result.days.slice(-2)).toEqual([
      { day: TODAY - 1, date: '2026-03-09', minutes: 2, reviews: 2 },
      { day: TODAY, date: '2026-03-10', minutes: 1.5, reviews: 2 },
    ]);
    expect(result.totalMinutes).toBe(3.5);
    expect(result.minutesPerStudiedDay).toBe(1.75);
  });

  it('breaks answers and passes down by the local clock hour they were given in', () => {
    const { hours } = studyTime(timed().context(), 30);
    expect(hours).toHaveLength(24);
    expect(hours.filter((h) => h.reviews > 0)).toEqual([
      { hour: 1, reviews: 1, passed: 1, passRate: 1 },
      { hour: 9, reviews: 2, passed: 1, passRate: 0.5 },
      { hour: 23, reviews: 1, passed: 1, passRate: 1 },
    ]);
    expect(hours[7]).toEqual({ hour: 7, reviews: 0, passed: 0, passRate: null });
  });

  it('covers only the range asked for', () => {
    const history = timed().note('old', 'd').answer('old/1', 3, daysAgo(40), { durationMs: 120_000 });
    expect(studyTime(history.context(), 30).totalMinutes).toBe(3.5);
    expect(studyTime(history.context(), 90).totalMinutes).toBe(5.5);
    expect(studyTime(history.context(), 90).hours[12]!.reviews).toBe(1);
  });

  it('is zero with no per-day average when nothing was studied', () => {
    const result = studyTime(new StudiedCollection().context(), 7);
    expect(result.totalMinutes).toBe(0);
    expect(result.minutesPerStudiedDay).toBeNull();
  });
});
