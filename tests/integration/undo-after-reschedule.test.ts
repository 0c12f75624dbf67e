// A preset change that reschedules between a change and its undo: the undo puts back a schedule of the new settings, whole.
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { StudyService } from '../../src/main/service/study-service';
import { picture, replayJournal } from '../helpers/replay';
import { openTestService, TestClock, T0 } from '../helpers/service';

const CARD = 's-bias-variance/1';
/** Other weights: the memory model changes, so every stability changes with it. */
const WEIGHTS = default_w.map((w, i) => (i < 4 ? w * 0.6 : w));

function stored(service: StudyService, cardId = CARD) {
  return structuredClone(service.store.requireCollection().cards.get(cardId)!);
}

async function changeWeights(service: StudyService): Promise<void> {
  const preset = (await service.listPresets({}))[0]!;
  await service.savePreset({ ...preset, weights: [...WEIGHTS] });
}

/** The card answered Easy on day 0 and Good on day 8: a review card with a history of two answers. */
async function studied(clock: TestClock, service: StudyService): Promise<void> {
  await service.answer({ cardId: CARD, rating: 'easy' });
  clock.advanceDays(8);
  await service.answer({ cardId: CARD, rating: 'good' });
  clock.advance(5);
}

describe('undo after a preset change that rescheduled', () => {
  it('of a set due date gives the card the schedule the change would have given it had it not been moved', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await studied(clock, service);
    const beforeMove = stored(service);
    await service.bulk({ cardIds: [CARD], change: { action: 'setDue', fromDays: 3, toDays: 3 } });
    clock.advance(1);
    await changeWeights(service);
    // Moved by hand since its last review: the preset change leaves it where the learner put it.
    expect(stored(service).due).not.toBe(beforeMove.due);
    clock.advance(1);
    await service.undo({});

    // The same story without the move: what the card would be now.
    const twinClock = new TestClock(T0);
    const twin = openTestService({ clock: twinClock });
    await studied(twinClock, twin.service);
    twinClock.advance(1);
    await changeWeights(twin.service);
    const expected = stored(twin.service);
    expect(expected.stability).not.toBeCloseTo(beforeMove.stability, 3);

    expect(stored(service)).toEqual(expected);
    expect(picture(replayJournal(service))).toEqual(picture(service.store.requireCollection()));
    await service.close();
    await twin.service.close();
  });

  it('of an answer gives the card the new settings’ schedule of the history without that answer', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await studied(clock, service);
    await changeWeights(service);
    clock.advance(1);
    expect(await service.undo({})).toMatchObject({ cardId: CARD, rating: 'good' });

    const twinClock = new TestClock(T0);
    const twin = openTestService({ clock: twinClock });
    await twin.service.answer({ cardId: CARD, rating: 'easy' });
    twinClock.advanceDays(8);
    twinClock.advance(5);
    await changeWeights(twin.service);
    const expected = stored(twin.service);

    expect(stored(service)).toEqual(expected);
    expect(picture(replayJournal(service))).toEqual(picture(service.store.requireCollection()));
    await service.close();
    await twin.service.close();
  });

  it('of an answer to a new card makes it new again, whatever the settings', async () => {
    const { service, clock } = openTestService();
    const before = stored(service);
    await service.answer({ cardId: CARD, rating: 'easy' });
    await changeWeights(service);
    clock.advance(1);
    await service.undo({});
    expect(stored(service)).toEqual(before);
    await service.close();
  });
});
