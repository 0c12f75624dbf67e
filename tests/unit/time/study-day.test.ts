// Study days follow the learner's clock: they begin at the chosen local hour, also across DST changes.
import { describe, expect, it } from 'vitest';
import { fromShifted, studyDay, studyDayStart, toShifted, type Calendar } from '../../../src/core/time/study-day';

/** Central Europe: UTC+1 in winter, UTC+2 from 2026-03-29 01:00 UTC to 2026-10-25 01:00 UTC. */
const berlin: Calendar = {
  dayStartHour: 4,
  offsetMinutesAt: (ms) => (ms >= Date.UTC(2026, 2, 29, 1) && ms < Date.UTC(2026, 9, 25, 1) ? 120 : 60),
};

describe('study days', () => {
  it('begin at 4:00 local time: 3:59 belongs to the day before', () => {
    const before = Date.UTC(2026, 0, 10, 2, 59); // 03:59 in Berlin (UTC+1)
    const after = Date.UTC(2026, 0, 10, 3, 0); // 04:00
    expect(studyDay(berlin, after) - studyDay(berlin, before)).toBe(1);
    expect(studyDayStart(berlin, studyDay(berlin, after))).toBe(after);
  });

  it('still begin at 4:00 local time after the clocks go forward and back', () => {
    for (const [month, day] of [
      [2, 29],
      [2, 30],
      [9, 25],
      [9, 26],
    ] as const) {
      const start = studyDayStart(berlin, studyDay(berlin, Date.UTC(2026, month, day, 12)));
      const local = new Date(start + berlin.offsetMinutesAt(start) * 60_000);
      expect(local.getUTCHours(), `${month + 1}/${day}`).toBe(4);
    }
  });

  it('count a day across the spring change as one day, not zero or two', () => {
    const saturday = studyDay(berlin, Date.UTC(2026, 2, 28, 12));
    const sunday = studyDay(berlin, Date.UTC(2026, 2, 29, 12));
    const monday = studyDay(berlin, Date.UTC(2026, 2, 30, 12));
    expect([sunday - saturday, monday - sunday]).toEqual([1, 1]);
  });

  it('map instants to the shifted timeline and back exactly, away from a change', () => {
    for (const ms of [Date.UTC(2026, 0, 5, 7, 13), Date.UTC(2026, 6, 5, 23, 59), Date.UTC(2026, 11, 31, 3, 0)]) {
      expect(fromShifted(berlin, toShifted(berlin, ms))).toBe(ms);
    }
  });
});
