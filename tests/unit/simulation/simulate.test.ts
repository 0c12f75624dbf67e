// The simulation behind "with the plan" and the retention simulator: repeatable, and faithful to FSRS.
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '../../../src/core/collection/types';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { newSchedule } from '../../../src/core/scheduling/scheduler';
import { retentionOptions, newCardOrder } from '../../../src/core/simulation/retention-options';
import { simulate, type SimulationInput } from '../../../src/core/simulation/simulate';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';

const NOW = Date.UTC(2026, 11, 7, 10);
const calendar = fixedOffsetCalendar(0, 4);
const today = studyDay(calendar, NOW);
const cards: CardRecord[] = Array.from({ length: 200 }, (_, i) => ({
  id: `c${i}`,
  noteId: `c${i}`,
  ord: 1,
  deckId: 'd',
  position: i,
  suspended: false,
  buriedUntilDay: null,
  flag: 0,
  created: NOW,
  ...newSchedule(NOW),
}));
const input = (seed: number, newPerDay = 10): SimulationInput => ({
  cards,
  presetOf: () => defaultPreset(),
  newOrder: newCardOrder(cards),
  fromDay: today,
  toDay: today + 60,
  now: NOW,
  calendar,
  pace: { secondsPerReview: 10, secondsPerNew: 40, fromHistory: false },
  model: { first: [0.2, 0.1, 0.6, 0.1], recalled: [0.1, 0.8, 0.1] },
  seed,
  policy: { newCards: () => newPerDay },
});

describe('simulating study', () => {
  it('gives the same days and the same recall for the same seed, and other figures for another', () => {
    const a = simulate(input(1));
    const b = simulate(input(1));
    const c = simulate(input(2));
    expect(b.daily).toEqual(a.daily);
    expect(Array.from(b.stability)).toEqual(Array.from(a.stability));
    expect(Array.from(c.stability)).not.toEqual(Array.from(a.stability));
  });

  it('introduces new cards at the policy’s rate until none is left, and reviews them as they fall due', () => {
    const run = simulate(input(3));
    expect(run.daily.slice(0, 20).every((d) => d.newCards === 10)).toBe(true);
    expect(run.daily.slice(20).every((d) => d.newCards === 0)).toBe(true);
    expect(run.daily.slice(1).some((d) => d.reviews > 0)).toBe(true);
    expect(Array.from(run.lastDay).every((d) => d >= today)).toBe(true);
    const minutes = run.daily[0]!;
    expect(minutes.minutes).toBeCloseTo((minutes.reviews * 10 + minutes.newCards * 40) / 60, 10);
  });

  it('asks for more reviews and gives more recall at a higher desired retention', () => {
    const options = retentionOptions({ ...input(5), days: 60, current: 0.9, presetId: 'default', planId: null });
    const at = (r: number) => options.options.find((o) => o.desiredRetention === r)!;
    expect(at(0.97).reviewsPerDay).toBeGreaterThan(at(0.82).reviewsPerDay);
    expect(at(0.97).recallAtEnd).toBeGreaterThan(at(0.7).recallAtEnd);
    expect(options.options.map((o) => o.desiredRetention)).toContain(0.9);
    expect(retentionOptions({ ...input(5), days: 60, current: 0.9, presetId: 'default', planId: null })).toEqual(options);
  });
});
