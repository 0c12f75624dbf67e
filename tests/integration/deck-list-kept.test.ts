// The deck list is worked out once and kept while nothing it counts can have changed: the collection, the day, a learning card coming due.
import { describe, expect, it } from 'vitest';
import { deckFile } from '../helpers/deck-file';
import { openTestService, TestClock, T0 } from '../helpers/service';

async function opened() {
  const clock = new TestClock(T0);
  const { service } = openTestService({ clock, decks: null });
  await service.importFile({ path: deckFile('Kept', 'k', 6) });
  const presets = await service.listPresets({});
  // A one-hour learning step: a card answered Again comes due after the twenty-minute learn-ahead window.
  await service.savePreset({ ...presets[0]!, newPerDay: 3, learningSteps: ['1h'], fuzz: false });
  return { service, clock };
}

const counts = async (service: Awaited<ReturnType<typeof opened>>['service']) => (await service.listDecks({})).decks.find((deck) => deck.name === 'Kept')!.counts;

describe('the deck list', () => {
  it('is the same answer, not worked out again, while the collection and the clock leave it as it was', async () => {
    const { service, clock } = await opened();
    const first = await service.listDecks({});
    clock.advance(1);
    expect(await service.listDecks({})).toBe(first);
    await service.close();
  });

  it('follows an answer', async () => {
    const { service } = await opened();
    expect(await counts(service)).toMatchObject({ new: 3, learning: 0 });
    const next = await service.nextCard({});
    await service.answer({ cardId: next.card!.cardId, rating: 'again' });
    expect(await counts(service)).toMatchObject({ new: 2, learning: 0 });
    await service.close();
  });

  it('counts a learning card once the clock brings it into the learn-ahead window', async () => {
    const { service, clock } = await opened();
    const next = await service.nextCard({});
    await service.answer({ cardId: next.card!.cardId, rating: 'again' });
    expect((await counts(service)).learning).toBe(0);
    clock.advance(45);
    expect((await counts(service)).learning).toBe(1);
    await service.close();
  });

  it('starts a new day with the day’s new cards', async () => {
    const { service, clock } = await opened();
    for (let i = 0; i < 3; i++) {
      const next = await service.nextCard({});
      await service.answer({ cardId: next.card!.cardId, rating: 'easy' });
    }
    expect((await counts(service)).new).toBe(0);
    clock.advanceDays(1);
    expect((await counts(service)).new).toBe(3);
    await service.close();
  });

  it('is worked out again when the clock is set back', async () => {
    const { service, clock } = await opened();
    const first = await service.listDecks({});
    clock.advance(-5);
    const again = await service.listDecks({});
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    await service.close();
  });
});
