// The precomputed day grid must answer exactly as `studyDay` does, daylight-saving nights included.
import { describe, expect, it } from 'vitest';
import { DayGrid } from '../../../src/core/stats/day-grid';
import { seededRandom } from '../../../src/core/simulation/seeded-random';
import { studyDay, type Calendar } from '../../../src/core/time/study-day';

/** Central European time: UTC+1, UTC+2 from 29 March 2026 01:00 UTC to 25 October 2026 01:00 UTC. */
function europe(dayStartHour: number): Calendar {
  const summer = Date.UTC(2026, 2, 29, 1);
  const winter = Date.UTC(2026, 9, 25, 1);
  return { dayStartHour, offsetMinutesAt: (ms) => (ms >= summer && ms < winter ? 120 : 60) };
}

describe('the day grid', () => {
  it('gives the same study day and local hour as the calendar, at every day-start hour, across both clock changes', () => {
    for (let hour = 0; hour < 24; hour++) {
      const calendar = europe(hour);
      const grid = new DayGrid(calendar, studyDay(calendar, Date.UTC(2026, 2, 1)), studyDay(calendar, Date.UTC(2026, 10, 30)));
      for (const [from, to] of [
        [Date.UTC(2026, 2, 27), Date.UTC(2026, 2, 31)],
        [Date.UTC(2026, 9, 23), Date.UTC(2026, 9, 27)],
      ] as const) {
        for (let ms = from; ms < to; ms += 7 * 60_000) {
          expect(grid.dayOf(ms)).toBe(studyDay(calendar, ms));
          const local = new Date(ms + calendar.offsetMinutesAt(ms) * 60_000);
          expect(grid.localHourOf(ms)).toBe(local.getUTCHours());
        }
      }
    }
  });

  it('gives a whole column of instants their study days at once, as the calendar does, in order or not', () => {
    const rand = seededRandom(5);
    for (let hour = 0; hour < 24; hour += 3) {
      const calendar = europe(hour);
      const grid = new DayGrid(calendar, studyDay(calendar, Date.UTC(2026, 1, 1)), studyDay(calendar, Date.UTC(2026, 11, 1)));
      // Runs in time order (a log), jumps back (an import) and instants outside the grid's span.
      const times: number[] = [];
      let t = Date.UTC(2026, 0, 20);
      for (let i = 0; i < 4000; i++) {
        t = rand() < 0.02 ? Date.UTC(2025, 11, 1) + rand() * 400 * 86_400_000 : t + rand() * 9 * 3_600_000;
        times.push(Math.floor(t));
      }
      const out = new Int32Array(times.length + 1).fill(-7);
      grid.daysOf(Float64Array.from(times), times.length, out);
      times.forEach((ms, i) => expect(out[i]).toBe(studyDay(calendar, ms)));
      expect(out[times.length]).toBe(-7);
    }
  });

  it('falls back to the calendar outside its span', () => {
    const calendar = europe(4);
    const grid = new DayGrid(calendar, studyDay(calendar, Date.UTC(2026, 5, 1)), studyDay(calendar, Date.UTC(2026, 5, 10)));
    for (const ms of [Date.UTC(2020, 0, 1, 3), Date.UTC(2026, 2, 29, 2, 30), Date.UTC(2030, 6, 1, 23)]) {
      expect(grid.dayOf(ms)).toBe(studyDay(calendar, ms));
    }
  });
});
