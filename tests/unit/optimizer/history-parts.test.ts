// A fit history sent to the optimizer's process in parts arrives whole and unchanged.
import { describe, expect, it } from 'vitest';
import type { FitHistory } from '../../../src/core/optimizer/training-set';
import { HistoryAssembly, historyParts, historySizes } from '../../../src/main/optimizer/history-parts';

function history(cards: number, reviews: number): FitHistory {
  return {
    start: Int32Array.from({ length: cards + 1 }, (_, c) => Math.floor((c * reviews) / cards)),
    at: Float64Array.from({ length: reviews }, (_, k) => 1.7e12 + k * 37_123.5),
    day: Int32Array.from({ length: reviews }, (_, k) => 20_000 + Math.floor(k / 7)),
    rating: Uint8Array.from({ length: reviews }, (_, k) => 1 + (k % 4)),
    prior: Uint8Array.from({ length: reviews }, (_, k) => k % 3),
  };
}

describe('a fit history in parts', () => {
  it('arrives whole and unchanged, in parts of at most the size asked for, whatever the lengths', () => {
    for (const [cards, reviews, bytes] of [
      [1, 1, 8],
      [3, 100, 64],
      [700, 10_001, 4096],
      [5, 12, 1 << 20],
    ] as const) {
      const sent = history(cards, reviews);
      const assembly = new HistoryAssembly(historySizes(sent));
      let parts = 0;
      for (const part of historyParts(sent, bytes)) {
        expect(assembly.history).toBeNull();
        expect(part.values.byteLength).toBeLessThanOrEqual(Math.max(bytes, 8));
        // What the channel does: a copy of the view, detached from the history's own buffers.
        assembly.add(structuredClone(part));
        parts++;
      }
      expect(parts).toBeGreaterThanOrEqual(5);
      expect(assembly.history).toEqual(sent);
    }
  });

  it('refuses a part that does not fit its column, saying which', () => {
    const assembly = new HistoryAssembly(historySizes(history(2, 10)));
    expect(() => assembly.add({ column: 'at', offset: 8, values: new Float64Array(3) })).toThrow(/3 values of "at" at 8/);
  });
});
