// A preset change that reschedules between a change and its undo: each undo puts back whole what its change altered, newest first.
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

/** Every stored record of the collection, for comparing whole states. */
function records(service: StudyService) {
  const col = service.store.requireCollection();
  return structuredClone({ cards: [...col.cards.values()], presets: [...col.presets.values()] });
}

describe('undo after a preset change that rescheduled', () => {
  it('takes back the preset change first, every schedule whole, then the set due date before it', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await studied(clock, service);
    const beforeMove = records(service);
    await service.bulk({ cardIds: [CARD], change: { action: 'setDue', fromDays: 3, toDays: 3 } });
    clock.advance(1);
    const beforeChange = records(service);
    await changeWeights(service);
    // Moved by hand since its last review: the preset change leaves it where the learner put it.
    expect(stored(service).due).toBe(beforeChange.cards.find((card) => card.id === CARD)!.due);
    expect(records(service)).not.toEqual(beforeChange);
    clock.advance(1);

    expect((await service.undo({})).action).toBe('change preset Default');
    expect(records(service)).toEqual(beforeChange);
    expect((await service.undo({})).action).toMatch(/^set due/);
    expect(records(service)).toEqual(beforeMove);
    expect(picture(replayJournal(service))).toEqual(picture(service.store.requireCollection()));
    await service.close();
  });

  it('takes back the preset change and then the answer before it, leaving no mix of two schedules', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await service.answer({ cardId: CARD, rating: 'easy' });
    clock.advanceDays(8);
    const beforeAnswer = records(service);
    await service.answer({ cardId: CARD, rating: 'good' });
    clock.advance(5);
    const beforeChange = records(service);
    await changeWeights(service);
    expect(stored(service).stability).not.toBeCloseTo(beforeChange.cards.find((card) => card.id === CARD)!.stability, 3);
    clock.advance(1);
    await service.undo({});
    expect(records(service)).toEqual(beforeChange);
    expect(await service.undo({})).toMatchObject({ cardId: CARD, rating: 'good' });
    expect(records(service)).toEqual(beforeAnswer);
    expect(picture(replayJournal(service))).toEqual(picture(service.store.requireCollection()));
    await service.close();
  });

  it('of an answer to a new card makes it new again, whatever the settings', async () => {
    const { service, clock } = openTestService();
    const before = stored(service);
    await service.answer({ cardId: CARD, rating: 'easy' });
    await changeWeights(service);
    clock.advance(1);
    await service.undo({});
    await service.undo({});
    expect(stored(service)).toEqual(before);
    await service.close();
  });
});
