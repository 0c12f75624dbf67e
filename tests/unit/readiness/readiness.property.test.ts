// "If you stop now" is exactly the mean of FSRS's predicted recall at the date, computed independently.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forgetting_curve, generatorParameters } from 'ts-fsrs';
import { CardState, type CardRecord } from '../../../src/core/collection/types';
import { readinessFigures, recallAtDate, type ScopedCard } from '../../../src/core/readiness/readiness';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { newSchedule, review, type Grade1to4 } from '../../../src/core/scheduling/scheduler';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 9);

function card(id: string, history: [number, number][], calendar: ReturnType<typeof fixedOffsetCalendar>, preset = defaultPreset()): CardRecord {
  let schedule = newSchedule(START);
  let at = START;
  for (const [gapHours, rating] of history) {
    at += gapHours * 3_600_000;
    schedule = review(schedule, rating as Grade1to4, at, preset, calendar, id);
  }
  return { id, noteId: id, ord: 1, deckId: 'd', position: 0, suspended: false, buriedUntilDay: null, flag: 0, created: START, ...schedule };
}

describe('readiness if you stop now', () => {
  it('is the mean over cards of R(t) = (1 + factor·t/S)^(−decay), t the study days from the last review to the date', () => {
    const w = generatorParameters().w;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(fc.integer({ min: 1, max: 24 * 60 }), fc.integer({ min: 1, max: 4 })), { maxLength: 12 }), { minLength: 1, maxLength: 15 }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(0, 120, -300),
        fc.integer({ min: 0, max: 23 }),
        (histories, daysAhead, offset, dayStart) => {
          const calendar = fixedOffsetCalendar(offset, dayStart);
          const cards = histories.map((history, i) => card(`c${i}`, history, calendar));
          const date = Math.max(...cards.map((c) => c.lastReview ?? START)) + daysAhead * DAY + 3_600_000;
          const scope: ScopedCard[] = cards.map((c) => ({ card: c, topic: 'topic::t', rounds: ['round::r'] }));
          const now = scope.map(({ card: c }) => recallAtDate(c, date, defaultPreset(), calendar));
          const figures = readinessFigures(scope, now, null, (name) => name);
          // Independently: ts-fsrs's exported curve with the default decay, a never-studied card 0.
          const independent = cards.map((c) => (c.state === CardState.New || c.lastReview === null ? 0 : forgetting_curve(w, studyDay(calendar, date) - studyDay(calendar, c.lastReview), c.stability)));
          const mean = independent.reduce((a, b) => a + b, 0) / independent.length;
          expect(figures.overall.stopNow).toBeCloseTo(mean, 12);
          expect(figures.rounds[0]!.stopNow).toBeCloseTo(mean, 12);
          expect(figures.overall.withPlan).toBeCloseTo(mean, 12);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts a card never studied as 0 and lists it as not started, never at risk', () => {
    const calendar = fixedOffsetCalendar(0, 4);
    const studied = card('s', [[1, 3]], calendar);
    const fresh = card('n', [], calendar);
    const date = START + 10 * DAY;
    const scope: ScopedCard[] = [studied, fresh].map((c) => ({ card: c, topic: 'topic::t', rounds: [] }));
    const now = scope.map(({ card: c }) => recallAtDate(c, date, defaultPreset(), calendar));
    expect(now[1]).toBe(0);
    const figures = readinessFigures(scope, now, null, (name) => name);
    expect(figures.overall.stopNow).toBeCloseTo(now[0]! / 2, 12);
    expect(figures.notStarted).toBe(1);
    expect(figures.atRisk.map((entry) => entry.cardId)).toEqual(['s']);
  });

  it('puts the weakest topics first and counts a card in every round it is tagged with', () => {
    const calendar = fixedOffsetCalendar(0, 4);
    const strong = card('a', [[1, 4]], calendar);
    const weak = card('b', [[1, 1]], calendar);
    const scope: ScopedCard[] = [
      { card: strong, topic: 'topic::strong', rounds: ['round::x', 'round::y'] },
      { card: weak, topic: 'topic::weak', rounds: ['round::x'] },
    ];
    const now = scope.map(({ card: c }) => recallAtDate(c, START + 30 * DAY, defaultPreset(), calendar));
    const figures = readinessFigures(scope, now, null, (name) => name);
    expect(figures.topics.map((t) => t.name)).toEqual(['topic::weak', 'topic::strong']);
    expect(figures.rounds.find((r) => r.name === 'round::x')!.cards).toBe(2);
    expect(figures.rounds.find((r) => r.name === 'round::y')!.cards).toBe(1);
  });

  it('lists as at risk the weakest studied cards, weakest first and ties by id, as sorting every studied card would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(0, 0.25, 0.5, 0.9, 1), fc.boolean()), { maxLength: 60 }), fc.integer({ min: 0, max: 25 }), (cards, count) => {
        const scope: ScopedCard[] = cards.map(([, studied], i) => ({ card: { ...card(`c${(i * 7) % 61}-${i}`, [], fixedOffsetCalendar(0, 4)), lastReview: studied ? START : null }, topic: 't', rounds: [] }));
        const recall = cards.map(([r]) => r);
        const sorted = scope
          .map(({ card: c }, i) => ({ cardId: c.id, recallAtDate: recall[i]!, studied: c.lastReview !== null }))
          .filter((entry) => entry.studied)
          .map(({ cardId, recallAtDate: r }) => ({ cardId, recallAtDate: r }))
          .sort((a, b) => a.recallAtDate - b.recallAtDate || a.cardId.localeCompare(b.cardId));
        expect(readinessFigures(scope, recall, null, (name) => name, count).atRisk).toEqual(sorted.slice(0, count));
      }),
      { numRuns: 200 },
    );
  });
});
