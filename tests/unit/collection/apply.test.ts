// What journal lines do to a collection: preset changes with their reschedule, and new-card positions.
import { describe, expect, it } from 'vitest';
import { planBulk } from '../../../src/core/collection/bulk';
import { Collection, scheduleOf } from '../../../src/core/collection/collection';
import { calendar, NOW, StudiedCollection } from '../stats/studied-collection';

const DAY = 86_400_000;

describe('a preset change', () => {
  it('is one line holding the preset and the schedules it gives, applied together', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd').note('b', 'd').answer('a/1', 3, NOW);
    const preset = { ...studied.col.presets.get('default')!, desiredRetention: 0.8 };
    const schedule = { ...scheduleOf(studied.card('a/1')), due: NOW + 40 * DAY };
    studied.apply({ type: 'preset-save', at: NOW, preset, rescheduled: [{ cardId: 'a/1', schedule }, { cardId: 'gone/1', schedule }] });
    expect(studied.col.presets.get('default')!.desiredRetention).toBe(0.8);
    expect(scheduleOf(studied.card('a/1'))).toEqual(schedule);
    expect(studied.col.undo).toHaveLength(1); // the answer's; a preset change is not on the stack
  });

  it('written as two lines by an older version (preset-save, then a bulk reschedule) replays as it did', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd').answer('a/1', 3, NOW);
    const preset = { ...studied.col.presets.get('default')!, desiredRetention: 0.8 };
    const card = { ...studied.card('a/1'), due: NOW + 40 * DAY };
    studied.apply({ type: 'preset-save', at: NOW, preset });
    studied.apply({ type: 'bulk', at: NOW, label: 'reschedule 1 cards for preset "Default"', cards: [card], notes: [], removedCards: [], removedNotes: [], undoable: false });
    expect(studied.col.presets.get('default')!.desiredRetention).toBe(0.8);
    expect(studied.card('a/1')).toEqual(card);
    expect(studied.col.undo.map((entry) => entry.kind ?? 'answer')).toEqual(['answer']);
  });
});

describe('the new-card order', () => {
  it('continues after the positions `forget` gives forgotten cards', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd').note('b', 'd').answer('a/1', 3, NOW);
    studied.apply(planBulk({ col: studied.col, at: NOW, calendar }, ['a/1'], { action: 'forget' })!);
    expect(studied.card('a/1').position).toBe(2);
    expect(studied.col.nextPosition).toBe(3);
    studied.note('c', 'd');
    expect(studied.card('c/1').position).toBe(3);
  });

  it('continues after every card’s position when read from a snapshot written before that rule', () => {
    const studied = new StudiedCollection().deck('d', 'D').note('a', 'd').note('b', 'd');
    const data = { ...studied.col.toData(), cards: studied.col.toData().cards.map((card) => (card.id === 'a/1' ? { ...card, position: 7 } : card)), nextPosition: 2 };
    expect(Collection.fromData(data).nextPosition).toBe(8);
  });
});
