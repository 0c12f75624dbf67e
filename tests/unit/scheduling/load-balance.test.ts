// Load balancing moves a review to the least busy day fuzz allows, and the button shows that day.
import { describe, expect, it } from 'vitest';
import { get_fuzz_range } from 'ts-fsrs';
import { balancedInterval, easyDayWeight, weekdayOf, type DueLoad } from '../../../src/core/scheduling/load-balance';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { newSchedule, previewAll, review } from '../../../src/core/scheduling/scheduler';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';

const flat = (counts: Record<number, number>, weight: (day: number) => number = () => 1): DueLoad => ({ countOn: (day) => counts[day] ?? 0, weightOf: weight });

describe('load balancing', () => {
  it('picks the day in the fuzz range with the fewest cards due', () => {
    const { min_ivl, max_ivl } = get_fuzz_range(20, 10, 36500);
    const counts: Record<number, number> = {};
    for (let ivl = min_ivl; ivl <= max_ivl; ivl++) counts[1000 + ivl] = 50;
    counts[1000 + max_ivl] = 3;
    expect(balancedInterval(20, 20, 10, 36500, 1000, flat(counts))).toBe(max_ivl);
  });

  it('keeps fuzz’s choice when every day in range is equally busy, so cards still spread', () => {
    expect(balancedInterval(20, 19, 10, 36500, 1000, flat({}))).toBe(19);
    expect(balancedInterval(20, 22, 10, 36500, 1000, flat({}))).toBe(22);
  });

  it('gives a reduced easy day half a normal day’s share and avoids a day weighted 0', () => {
    const { min_ivl, max_ivl } = get_fuzz_range(30, 10, 36500);
    const counts: Record<number, number> = {};
    for (let ivl = min_ivl; ivl <= max_ivl; ivl++) counts[ivl] = 10;
    counts[min_ivl] = 0;
    // The emptiest day is a "minimum" easy day: it is avoided.
    expect(balancedInterval(30, 30, 10, 36500, 0, flat(counts, (day) => (day === min_ivl ? 0 : 1)))).not.toBe(min_ivl);
  });

  it('leaves intervals under 3 days alone', () => {
    expect(balancedInterval(2, 2, 1, 36500, 0, flat({ 2: 100 }))).toBe(2);
  });

  it('reads easy days by the learner’s weekday', () => {
    const calendar = fixedOffsetCalendar(0, 4);
    const monday = studyDay(calendar, Date.UTC(2026, 11, 7, 12));
    expect(weekdayOf(calendar, monday)).toBe(1);
    expect(easyDayWeight(calendar, [0.5, 1, 1, 1, 1, 1, 0])(monday + 5)).toBe(0);
  });

  it('shows on the answer buttons the interval the answer gives, with the same load', () => {
    const calendar = fixedOffsetCalendar(0, 4);
    const preset = defaultPreset();
    const now = Date.UTC(2026, 11, 7, 12);
    let card = review(newSchedule(now), 3, now, preset, calendar, 'c1');
    const later = card.due + 3_600_000;
    card = review(card, 3, later, preset, calendar, 'c1');
    const load = flat({ [studyDay(calendar, card.due) + 15]: 0 }, (day) => (day % 3 === 0 ? 1 : 0.5));
    const at = card.due + 3_600_000;
    const preview = previewAll(card, at, preset, calendar, 'c1', load);
    for (const grade of [1, 2, 3, 4] as const) expect(review(card, grade, at, preset, calendar, 'c1', load)).toEqual(preview[grade - 1]);
  });
});
