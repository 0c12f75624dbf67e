// True retention: the pass rate of review-state answers, young and mature, over four periods.
import { describe, expect, it } from 'vitest';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { trueRetention } from '../../../src/core/stats/true-retention';
import { daysAgo, NOW, StudiedCollection } from './studied-collection';

/**
 * m (mature): learned 450 days ago on 50 days; passed 400 days ago (outside the year), 200 days ago
 * (given 180) and 20 days ago (given 25); failed today.
 * y (young): learned 10 days ago on 7 days; failed 3 days ago, relearned (given 3); passed today.
 */
function answers(): StudiedCollection {
  return new StudiedCollection()
    .deck('ml', 'ML', 'strict')
    .apply({ type: 'preset-save', at: NOW, preset: { ...defaultPreset(), id: 'strict', name: 'Strict', desiredRetention: 0.85 } })
    .deck('stats', 'Stats')
    .note('m', 'ml')
    .note('y', 'ml')
    .learn('m/1', 450, 50)
    .answer('m/1', 3, daysAgo(400), { interval: 200 })
    .answer('m/1', 4, daysAgo(200), { interval: 180 })
    .answer('m/1', 2, daysAgo(20), { interval: 25 })
    .answer('m/1', 1, daysAgo(0, 9))
    .learn('y/1', 10, 7)
    .answer('y/1', 1, daysAgo(3))
    .answer('y/1', 3, daysAgo(3, 12, 10), { interval: 3 })
    .answer('y/1', 3, daysAgo(0, 9));
}

describe('true retention', () => {
  it('counts passes (any rating but Again) of review-state answers, young and mature, for each period', () => {
    const { rows } = trueRetention(answers().context());
    const table = rows.map((r) => [r.period, r.days, `${r.young.passed}/${r.young.reviews}`, `${r.mature.passed}/${r.mature.reviews}`, `${r.all.passed}/${r.all.reviews}`]);
    expect(table).toEqual([
      ['today', 1, '1/1', '0/1', '1/2'],
      ['week', 7, '1/2', '0/1', '1/3'],
      // Hard 20 days ago is a pass.
      ['month', 30, '1/2', '1/2', '2/4'],
      // 400 days ago is outside the year.
      ['year', 365, '1/2', '2/3', '3/5'],
    ]);
    expect(rows[3]!.mature.rate).toBe(2 / 3);
  });

  it('leaves learning and relearning steps out: they do not test memory', () => {
    const { rows } = trueRetention(answers().context());
    // In the week y was answered three times and m once; y's relearning step is the one not counted.
    const week = rows[1]!;
    expect(week.all.reviews).toBe(3);
    // m's two learning steps, 450 days ago, would be outside the year anyway; y's are 10 days old.
    expect(rows[2]!.young.reviews).toBe(2);
  });

  it('shows the desired retention of the deck’s preset, or of the default preset for the whole collection', () => {
    expect(trueRetention(answers().context('ml')).desiredRetention).toBe(0.85);
    expect(trueRetention(answers().context('stats')).desiredRetention).toBe(0.9);
    expect(trueRetention(answers().context()).desiredRetention).toBe(0.9);
  });

  it('has no rate where there were no answers, and counts only the chosen deck', () => {
    const { rows } = trueRetention(answers().context('stats'));
    expect(rows[3]).toEqual({ period: 'year', days: 365, young: { reviews: 0, passed: 0, rate: null }, mature: { reviews: 0, passed: 0, rate: null }, all: { reviews: 0, passed: 0, rate: null } });
  });
});
