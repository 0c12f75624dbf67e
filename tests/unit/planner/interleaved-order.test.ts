// New cards of a plan come one topic after another, so the first weeks touch every topic.
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '../../../src/core/collection/types';
import { interleavedNewOrder } from '../../../src/core/planner/interview-scope';
import { newSchedule } from '../../../src/core/scheduling/scheduler';

const card = (id: string, position: number): CardRecord => ({ id, noteId: id, ord: 1, deckId: 'd', position, suspended: false, buriedUntilDay: null, flag: 0, created: 0, ...newSchedule(0) });

describe('the order a plan introduces new cards in', () => {
  it('takes one card of each topic in turn, each topic in its own order, topics in the order they first appear', () => {
    const scope = [
      { card: card('a1', 1), topic: 'A', rounds: [] },
      { card: card('a2', 2), topic: 'A', rounds: [] },
      { card: card('a3', 3), topic: 'A', rounds: [] },
      { card: card('b1', 4), topic: 'B', rounds: [] },
      { card: card('c1', 6), topic: 'C', rounds: [] },
      { card: card('b2', 5), topic: 'B', rounds: [] },
    ];
    const order = interleavedNewOrder(scope, () => true).map((i) => scope[i]!.card.id);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('leaves out cards that are not new', () => {
    const scope = [
      { card: card('a1', 1), topic: 'A', rounds: [] },
      { card: card('b1', 2), topic: 'B', rounds: [] },
    ];
    expect(interleavedNewOrder(scope, (i) => i === 1)).toEqual([1]);
  });
});
