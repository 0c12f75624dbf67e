// Distributions over reviewed cards: stability in widening day bins, difficulty 1-10, retrievability in 5 % bins.
import { describe, expect, it } from 'vitest';
import { retrievability } from '../../../src/core/scheduling/scheduler';
import { distributions } from '../../../src/core/stats/distributions';
import { calendar, daysAgo, NOW, StudiedCollection } from './studied-collection';

/** Four reviewed cards with memory states set by hand, and one new card. */
function memories(): StudiedCollection {
  return new StudiedCollection()
    .deck('d', 'D')
    .note('a', 'd')
    .note('b', 'd')
    .note('c', 'd')
    .note('e', 'd')
    .note('new', 'd')
    .answer('a/1', 3, daysAgo(10), { interval: 1, after: { stability: 0.5, difficulty: 1 } })
    .answer('b/1', 3, daysAgo(2), { interval: 4, after: { stability: 4, difficulty: 5.5 } })
    .answer('c/1', 3, daysAgo(0, 9), { interval: 300, after: { stability: 400, difficulty: 10 } })
    .answer('e/1', 3, daysAgo(1), { interval: 900, after: { stability: 2000, difficulty: 9.99 } });
}

const counted = (bins: { label: string; count: number }[]) => bins.filter((b) => b.count > 0).map((b) => `${b.label}: ${b.count}`);

describe('memory distributions', () => {
  it('bin stability in days, the bins widening with the days, the last open-ended', () => {
    const { stability } = distributions(memories().context());
    expect(counted(stability.bins)).toEqual(['0-1d: 1', '3-5d: 1', '365-540d: 1', '1095d+: 1']);
    expect(stability.bins.at(-1)).toEqual({ from: 1095, to: null, label: '1095d+', count: 1 });
    expect(stability.count).toBe(4);
    expect(stability.mean).toBe((0.5 + 4 + 400 + 2000) / 4);
  });

  it('bin difficulty in unit steps from 1 to 10, 10 itself in the last bin', () => {
    const { difficulty } = distributions(memories().context());
    expect(difficulty.bins.map((b) => b.label)).toEqual(['1-2', '2-3', '3-4', '4-5', '5-6', '6-7', '7-8', '8-9', '9-10']);
    expect(counted(difficulty.bins)).toEqual(['1-2: 1', '5-6: 1', '9-10: 2']);
  });

  it('bin each card’s current retrievability, as the scheduler computes it, in 5 % steps', () => {
    const history = memories();
    const { retrievability: dist } = distributions(history.context());
    expect(dist.bins).toHaveLength(20);
    const expected = new Array<number>(20).fill(0);
    for (const id of ['a/1', 'b/1', 'c/1', 'e/1']) {
      const r = retrievability(history.card(id), NOW, history.col.presetOf('d'), calendar)!;
      expected[Math.min(19, Math.floor(r * 20))]!++;
    }
    expect(dist.bins.map((b) => b.count)).toEqual(expected);
    // Answered today: nothing forgotten yet.
    expect(dist.bins[19]).toMatchObject({ label: '95-100%', from: 0.95, to: 1 });
    expect(dist.bins[19]!.count).toBeGreaterThanOrEqual(1);
  });

  it('leave new cards out, and are empty with no mean for an unstudied collection', () => {
    expect(distributions(memories().context()).difficulty.count).toBe(4);
    const empty = distributions(new StudiedCollection().deck('d', 'D').note('n', 'd').context());
    expect([empty.stability.count, empty.difficulty.count, empty.retrievability.count]).toEqual([0, 0, 0]);
    expect(empty.stability.mean).toBeNull();
    expect(empty.stability.bins.every((b) => b.count === 0)).toBe(true);
  });
});
