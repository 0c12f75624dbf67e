// Card counts by state: each card in one group, suspended and buried before their scheduling state.
import { describe, expect, it } from 'vitest';
import { cardCounts } from '../../../src/core/stats/card-counts';
import { daysAgo, StudiedCollection, TODAY } from './studied-collection';

function everyState(): StudiedCollection {
  return (
    new StudiedCollection()
      .deck('ml', 'ML')
      .deck('ml-sub', 'ML::Sub')
      .deck('other', 'Other')
      .note('new', 'ml')
      .note('learning', 'ml')
      .note('relearning', 'ml')
      .note('young', 'ml-sub')
      .note('mature', 'ml-sub')
      .note('suspended', 'ml')
      .note('buried', 'ml')
      .note('unburied', 'ml')
      .note('elsewhere', 'other')
      .answer('learning/1', 3, daysAgo(0, 9))
      .learn('relearning/1', 10, 10)
      .answer('relearning/1', 1, daysAgo(0, 9))
      // 20 days is still young; 21 is mature.
      .learn('young/1', 5, 20)
      .learn('mature/1', 5, 21)
      .learn('suspended/1', 5, 30)
      .suspend('suspended/1')
      .bury('buried/1', TODAY + 1)
      // A bury that ended this morning.
      .learn('unburied/1', 5, 3)
      .bury('unburied/1', TODAY)
  );
}

describe('card counts', () => {
  it('put each card in exactly one group', () => {
    expect(cardCounts(everyState().context())).toEqual({ new: 2, learning: 1, relearning: 1, young: 2, mature: 1, suspended: 1, buried: 1, total: 9 });
  });

  it('count only the chosen deck and its children', () => {
    expect(cardCounts(everyState().context('ml-sub'))).toEqual({ new: 0, learning: 0, relearning: 0, young: 1, mature: 1, suspended: 0, buried: 0, total: 2 });
    expect(cardCounts(everyState().context('ml')).total).toBe(8);
    expect(cardCounts(everyState().context('no-such-deck')).total).toBe(0);
  });
});
