// Calibration compares FSRS's predicted recall before each review with what the learner answered.
import { describe, expect, it } from 'vitest';
import { FSRS, generatorParameters } from 'ts-fsrs';
import type { ReviewsByCard } from '../../../src/core/history/reviews-by-card';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { calibration } from '../../../src/core/stats/calibration';
import { readinessBand } from '../../../src/core/readiness/band';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const DAY = 86_400_000;
const T = Date.UTC(2026, 0, 5, 12);

function log(histories: [number, number][][]): ReviewsByCard {
  const rows = histories.flat();
  const start = new Int32Array(histories.length + 1);
  let k = 0;
  histories.forEach((h, c) => {
    start[c] = k;
    k += h.length;
  });
  start[histories.length] = k;
  return {
    cardIds: histories.map((_, i) => `c${i}`),
    start,
    at: Float64Array.from(rows, ([day]) => T + day * DAY),
    rating: Uint8Array.from(rows, ([, r]) => r),
    duration: new Uint32Array(rows.length),
    prior: Uint8Array.from(histories.flatMap((h) => h.map((_, i) => (i === 0 ? 0 : 2)))),
  };
}

describe('calibration of predicted recall', () => {
  it('predicts each review a day or more later from the memory state the reviews before it give', () => {
    const result = calibration(log([[[0, 3], [4, 3], [20, 1]]]), () => defaultPreset(), fixedOffsetCalendar(0, 4));
    const f = new FSRS(generatorParameters());
    const s1 = f.next_state(null, 0, 3);
    const r1 = f.forgetting_curve(4, s1.stability);
    const s2 = f.next_state(s1, 4, 3, r1);
    const r2 = f.forgetting_curve(16, s2.stability);
    expect(result.reviews).toBe(2);
    const predictions = result.bins.map((b) => b.predicted).sort();
    expect(predictions).toEqual([r1, r2].sort());
    // Recalled at 4 days, forgotten at 20: observed 1 and 0 in their bins.
    expect(result.bins.find((b) => Math.abs(b.predicted - r1) < 1e-12)!.observed).toBe(1);
    expect(result.bins.find((b) => Math.abs(b.predicted - r2) < 1e-12)!.observed).toBe(0);
    expect(result.calibrationError).toBeCloseTo(((1 - r1) + r2) / 2, 12);
  });

  it('gives a wide band with a reason when there are too few reviews to check the model', () => {
    const band = readinessBand(calibration(log([[[0, 3], [3, 3]]]), () => defaultPreset(), fixedOffsetCalendar(0, 4)));
    expect(band.halfWidth).toBe(0.15);
    expect(band.reason).toMatch(/too few/);
  });

  it('uses the model’s own miss on the learner’s reviews as the band once there are enough', () => {
    const histories = Array.from({ length: 150 }, (_, i): [number, number][] => [[0, 3], [3, i % 3 === 0 ? 1 : 3]]);
    const result = calibration(log(histories), () => defaultPreset(), fixedOffsetCalendar(0, 4));
    expect(result.reviews).toBe(150);
    expect(readinessBand(result).halfWidth).toBeCloseTo(Math.max(0.02, result.rmseBins), 12);
  });
});
