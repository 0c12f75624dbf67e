// Selecting the first k items must give exactly the first k of a full sort, ties included.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallest, smallestInRange } from '../../../src/core/queue/smallest';

describe('the k smallest items', () => {
  it('equal the first k of a full sort, for any list and any k', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer()), { maxLength: 300 }), fc.integer({ min: 0, max: 320 }), (items, k) => {
        const compare = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];
        expect(smallest(items, k, compare)).toEqual([...items].sort(compare).slice(0, k));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the k smallest of a range of indices', () => {
  it('equal the first k of the range sorted, for any range and any k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 200 }), fc.nat(210), fc.nat(210), fc.nat(220), (keys, a, b, k) => {
        const [start, end] = [Math.min(a, b, keys.length), Math.min(Math.max(a, b), keys.length)];
        const compare = (x: number, y: number) => keys[x]! - keys[y]! || x - y;
        const range = Array.from({ length: end - start }, (_, i) => start + i);
        expect(smallestInRange(start, end, k, compare)).toEqual(range.sort(compare).slice(0, k));
      }),
      { numRuns: 300 },
    );
  });
});
