// Memory states for cards that arrive without one: from an SM-2 ease and interval, and FSRS weights of every generation.
import { forgetting_curve } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { fsrs6Weights, memoryFromSm2 } from '../../../src/core/scheduling/memory-state';
import { retrievability } from '../../../src/core/scheduling/scheduler';
import { CardState } from '../../../src/core/collection/types';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const preset = defaultPreset();

describe('memory state from SM-2', () => {
  it.each([
    [2.5, 10, 0.9],
    [1.3, 3, 0.9],
    [2.9, 120, 0.85],
  ])('ease %d, interval %d days: recall falls to the retention SM-2 aimed at exactly when the interval ends', (ease, interval, retention) => {
    const memory = memoryFromSm2(ease, interval, retention, preset)!;
    expect(forgetting_curve(0.1542 /* FSRS-6 default decay: the preset has no weights of its own */, interval, memory.stability)).toBeCloseTo(retention, 6);
    expect(memory.difficulty).toBeGreaterThanOrEqual(1);
    expect(memory.difficulty).toBeLessThanOrEqual(10);
  });

  it('makes a higher ease an easier card', () => {
    expect(memoryFromSm2(2.8, 20, 0.9, preset)!.difficulty).toBeLessThan(memoryFromSm2(1.5, 20, 0.9, preset)!.difficulty);
  });
});

describe('FSRS weights of every generation Anki stores', () => {
  const six = Array.from({ length: 21 }, (_, i) => 0.1 + i / 10);
  it('keeps FSRS-6 weights and fills FSRS-5’s with no short-term exponent and a decay of 0.5', () => {
    expect(fsrs6Weights(six)).toEqual(six);
    expect(fsrs6Weights(six.slice(0, 19))).toEqual([...six.slice(0, 19), 0, 0.5]);
  });

  it('converts FSRS-4.5’s difficulty terms as the FSRS libraries do', () => {
    const w = fsrs6Weights(six.slice(0, 17))!;
    expect(w).toHaveLength(21);
    expect(w[4]).toBeCloseTo(six[5]! * 2 + six[4]!, 12);
    expect(w[5]).toBeCloseTo(Math.log(six[5]! * 3 + 1) / 3, 12);
    expect(w[6]).toBeCloseTo(six[6]! + 0.5, 12);
    expect(w.slice(17)).toEqual([0, 0, 0, 0.5]);
  });

  it('refuses other lengths and numbers that are not finite', () => {
    expect(fsrs6Weights(six.slice(0, 18))).toBeNull();
    expect(fsrs6Weights([...six.slice(0, 20), Number.NaN])).toBeNull();
  });
});

describe('retrievability of a card another app computed', () => {
  it('reads the card on the curve its decay names until it is reviewed here', () => {
    const calendar = fixedOffsetCalendar(0, 4);
    const now = Date.UTC(2026, 2, 20, 12);
    const card = { state: CardState.Review, due: now, stability: 10, difficulty: 5, scheduledDays: 10, learningSteps: 0, reps: 3, lapses: 0, lastReview: now - 10 * 86_400_000 };
    expect(retrievability({ ...card, decay: 0.5 }, now, preset, calendar)).toBeCloseTo(0.9, 6);
    expect(retrievability({ ...card, decay: 0.2 }, now, preset, calendar)).toBeCloseTo(0.9, 6);
    expect(retrievability({ ...card, decay: 0.5 }, now + 10 * 86_400_000, preset, calendar)).not.toBeCloseTo(retrievability({ ...card, decay: 0.2 }, now + 10 * 86_400_000, preset, calendar)!, 3);
  });
});
