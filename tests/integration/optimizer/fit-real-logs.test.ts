// The optimizer on review logs nobody here scheduled: fitted weights must win where the memory differs from the defaults.
import { describe, expect, it } from 'vitest';
import { fitHistory } from '../../../src/core/optimizer/training-set';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';
import { evaluateFit, refitAll } from '../../../src/main/optimizer/fit';
import { readRevlogCsv } from '../../helpers/revlog-csv';

// Whole UTC days between reviews, as the published figures were measured.
const utcDays = fixedOffsetCalendar(0, 0);

describe('fitting FSRS-6 weights with fsrs-rs, on the first 80% of reviews by time, scored on the last 20%', () => {
  it('beats the defaults on a learner whose memory follows other weights (synthetic log: log loss 0.3004 → 0.2941)', async () => {
    const history = fitHistory(readRevlogCsv('synthetic_revlog.csv'), () => true, utcDays);
    const outcome = await evaluateFit({ history, currentWeights: null });
    expect(outcome.reviews).toBe(33_370);
    expect(outcome.train + outcome.test).toBe(30_370);
    expect(outcome.current.logLoss).toBeCloseTo(0.3004, 3);
    expect(outcome.optimized.logLoss).toBeCloseTo(0.2941, 3);
    expect(outcome.optimized.rmseBins).toBeLessThan(outcome.current.rmseBins);
    expect(outcome.better).toBe(true);
    // Applying fits once more on every review, the held-out fifth included.
    const all = await refitAll({ history, currentWeights: null });
    expect(all).toHaveLength(21);
    expect(all).not.toEqual(outcome.trainWeights);
  }, 60_000);

  it('reports both scores on a real log (py-fsrs) where the two come out close', async () => {
    const history = fitHistory(readRevlogCsv('py-fsrs_review_logs_josh_1711744352250_to_1728234780857.csv'), () => true, utcDays);
    const outcome = await evaluateFit({ history, currentWeights: null });
    console.log(`py-fsrs log: ${outcome.reviews} reviews, ${outcome.train}/${outcome.test} items; log loss defaults ${outcome.current.logLoss.toFixed(4)}, fitted ${outcome.optimized.logLoss.toFixed(4)}; RMSE(bins) ${outcome.current.rmseBins.toFixed(4)} vs ${outcome.optimized.rmseBins.toFixed(4)}`);
    expect(outcome.reviews).toBe(12_580);
    expect(Math.abs(outcome.optimized.logLoss - outcome.current.logLoss)).toBeLessThan(0.01);
  }, 60_000);
});
