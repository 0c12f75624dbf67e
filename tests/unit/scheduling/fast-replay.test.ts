// The fast replay must give exactly what reviewing the card one answer at a time gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Preset } from '../../../src/shared/dto';
import { fastReplay, replayTrail } from '../../../src/core/scheduling/fast-replay';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { newSchedule, review, type Grade1to4 } from '../../../src/core/scheduling/scheduler';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const START = Date.UTC(2025, 0, 6, 9, 0);
const CARD = 'n1/1';

function slowReplay(times: number[], ratings: Grade1to4[], preset: Preset, offset: number, dayStart: number) {
  const calendar = fixedOffsetCalendar(offset, dayStart);
  let schedule = newSchedule(START);
  times.forEach((at, i) => (schedule = review(schedule, ratings[i]!, at, preset, calendar, CARD)));
  return schedule;
}

const presetArb = fc.record({
  learningSteps: fc.constantFrom(['1m', '10m'], [], ['10m'], ['1m', '10m', '1h'], ['30m', '1d'], ['2d']),
  relearningSteps: fc.constantFrom(['10m'], [], ['5m', '1h'], ['1d']),
  desiredRetention: fc.constantFrom(0.8, 0.9, 0.95),
  fuzz: fc.boolean(),
});

/** Up to 25 answers, minutes to two months apart. */
const historyArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 25 });

function history(steps: [number, number][]) {
  let at = START;
  return {
    preset: defaultPreset(),
    calendar: fixedOffsetCalendar(60, 4),
    times: steps.map(([gap]) => (at += gap * 60_000)),
    ratings: steps.map(([, rating]) => rating as Grade1to4),
  };
}

describe('fast replay of a card history', () => {
  it('equals the answer-by-answer replay for random histories, step settings and time zones', () => {
    fc.assert(
      fc.property(
        presetArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 * 24 * 120 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0, 60, -300, 330),
        fc.integer({ min: 0, max: 23 }),
        (settings, steps, offset, dayStart) => {
          const preset: Preset = { ...defaultPreset(), ...settings, learningSteps: [...settings.learningSteps], relearningSteps: [...settings.relearningSteps] };
          let at = START;
          const times = steps.map(([gapMinutes]) => (at += gapMinutes * 60_000));
          const ratings = steps.map(([, rating]) => rating as Grade1to4);
          const fast = fastReplay(times, ratings, START, preset, fixedOffsetCalendar(offset, dayStart), CARD);
          const slow = slowReplay(times, ratings, preset, offset, dayStart);
          expect(fast).toEqual(slow);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives every step of the history: exact memory states and priors, the scheduler’s last answer', () => {
    fc.assert(
      fc.property(historyArb, (steps) => {
        const { preset, calendar, times, ratings } = history(steps);
        const trail = replayTrail(times, ratings, START, preset, calendar, CARD, times.map(() => 3));
        let schedule = newSchedule(START);
        trail.forEach((step, i) => {
          expect(step.prior).toBe(schedule.state);
          schedule = review(schedule, ratings[i]!, times[i]!, preset, calendar, CARD);
          expect([step.after.stability, step.after.difficulty, step.after.state, step.after.reps, step.after.lapses]).toEqual([
            schedule.stability,
            schedule.difficulty,
            schedule.state,
            schedule.reps,
            schedule.lapses,
          ]);
        });
        expect(trail[trail.length - 1]!.after).toEqual(schedule);
      }),
      { numRuns: 200 },
    );
  });

  it('folds the last step like the others when the caller puts a schedule of its own in its place', () => {
    fc.assert(
      fc.property(historyArb, (steps) => {
        const { preset, calendar, times, ratings } = history(steps);
        const intervals = times.map(() => 3);
        const full = replayTrail(times, ratings, START, preset, calendar, CARD, intervals);
        const folded = replayTrail(times, ratings, START, preset, calendar, CARD, intervals, false);
        expect(folded.slice(0, -1)).toEqual(full.slice(0, -1));
        const [last, fullLast] = [folded[folded.length - 1]!, full[full.length - 1]!];
        expect(last.prior).toBe(fullLast.prior);
        // The memory state is exact either way; only the due date is not the scheduler's.
        const memory = ({ after }: typeof last) => [after.stability, after.difficulty, after.state, after.reps, after.lapses, after.lastReview];
        expect(memory(last)).toEqual(memory(fullLast));
      }),
      { numRuns: 200 },
    );
  });

  it('gives a new card back for an empty history', () => {
    expect(fastReplay([], [], START, defaultPreset(), fixedOffsetCalendar(0, 4), CARD)).toEqual(newSchedule(START));
  });
});
