// Due reviews are shown by the study day they fell due, then in a stable, well-spread order within a day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortByDayThenTie, tieBreak } from '../../../src/core/queue/study-queue';
import type { CardRecord } from '../../../src/core/collection/types';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';

const HOUR = 3_600_000;
const calendar = fixedOffsetCalendar(120, 4);
const card = (id: string, due: number) => ({ id, due }) as CardRecord;

describe('the order of due reviews', () => {
  it('puts an earlier study day first, and within a day ignores the hour and follows the card id’s hash', () => {
    const day = Date.UTC(2026, 0, 10, 2); // 04:00 local: a study day begins
    const cards = [card('c', day + 30 * HOUR), card('a', day + 20 * HOUR), card('b', day + 1 * HOUR), card('d', day - 1 * HOUR)];
    sortByDayThenTie(cards, calendar);
    const sameDay = ['a', 'b'].sort((x, y) => tieBreak(x) - tieBreak(y));
    expect(cards.map((c) => c.id)).toEqual(['d', ...sameDay, 'c']);
  });

  it('is the stable sort by study day then hash, for any cards, duplicates included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'card-1', 'card-2', 'x/9'), fc.integer({ min: 0, max: 20 * 24 })), { maxLength: 200 }), (items) => {
        const cards = items.map(([id, hours]) => card(id, Date.UTC(2026, 0, 1) + hours * HOUR));
        const expected = [...cards].sort((a, b) => studyDay(calendar, a.due) - studyDay(calendar, b.due) || tieBreak(a.id) - tieBreak(b.id));
        sortByDayThenTie(cards, calendar);
        expect(cards).toEqual(expected);
        cards.forEach((c, i) => expect(c).toBe(expected[i]));
      }),
      { numRuns: 300 },
    );
  });
});
