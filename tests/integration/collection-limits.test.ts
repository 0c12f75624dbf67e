// Across decks: "Study all" takes decks in turn, and the collection-wide limits cap whatever is studied.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestService, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

function deckFile(name: string, prefix: string, count: number): string {
  const cards = Array.from({ length: count }, (_, i) => `## ${prefix}-${i}\n### Front\nQ ${prefix} ${i}\n### Back\nA ${i}\n`);
  const path = join(tempFolder('deck'), `${prefix}.md`);
  writeFileSync(path, `---\ndeck: ${name}\n---\n\n${cards.join('\n')}`);
  return path;
}

type Service = Awaited<ReturnType<typeof openTestService>>['service'];

async function newCardsServed(service: Service, deckId?: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 200; i++) {
    const next = await service.nextCard(deckId ? { deckId } : {});
    if (!next.card) break;
    seen.push(next.card.cardId);
    await service.answer({ cardId: next.card.cardId, rating: 'easy' });
  }
  return seen;
}

describe('studying across decks', () => {
  it('takes the decks’ new cards in turn, not one deck after the other', async () => {
    const { service } = openTestService({ clock: new TestClock(T0), decks: null });
    await service.importFile({ path: deckFile('Alpha', 'a', 6) });
    await service.importFile({ path: deckFile('Beta', 'b', 6) });
    await service.importFile({ path: deckFile('Gamma', 'g', 6) });
    const order = (await newCardsServed(service)).map((id) => id[0]).join('');
    expect(order).toBe('abgabgabgabgabgabg');
    await service.close();
  });

  it('caps new cards across every deck with the collection-wide limit, whichever deck is studied', async () => {
    const { service } = openTestService({ clock: new TestClock(T0), decks: null });
    await service.importFile({ path: deckFile('Alpha', 'a', 30) });
    await service.importFile({ path: deckFile('Beta', 'b', 30) });
    expect((await service.getSettings({})).newPerDayAll).toBe(30); // a new collection's default
    await service.updateSettings({ newPerDayAll: 7 });
    const alpha = (await service.listDecks({})).decks.find((deck) => deck.name === 'Alpha')!;
    expect(alpha.counts.new).toBe(7);
    expect(await newCardsServed(service, alpha.id)).toHaveLength(7);
    // Seven introduced in Alpha: nothing new is left today anywhere.
    expect(await newCardsServed(service)).toHaveLength(0);
    await service.updateSettings({ newPerDayAll: null });
    expect(await newCardsServed(service)).toHaveLength(20 + 20 - 7);
    await service.close();
  });

  it('caps reviews across every deck with the collection-wide review limit', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('Alpha', 'a', 15) });
    await service.importFile({ path: deckFile('Beta', 'b', 15) });
    await newCardsServed(service);
    clock.advanceDays(60);
    await service.updateSettings({ reviewsPerDayAll: 9 });
    const decks = (await service.listDecks({})).decks;
    expect(decks.reduce((sum, deck) => sum + deck.counts.review, 0)).toBeGreaterThanOrEqual(9);
    expect((await service.nextCard({})).counts.review).toBe(9);
    await service.close();
  });
});

describe('load balancing', () => {
  it('can be turned off, and then leaves fuzz alone', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('Alpha', 'a', 40) });
    await newCardsServed(service);
    clock.advanceDays(30);
    const next = await service.nextCard({});
    const balanced = next.card!.previews.map((p) => p.intervalMs);
    await service.updateSettings({ loadBalance: false });
    const plain = (await service.nextCard({})).card!.previews.map((p) => p.intervalMs);
    // Again and Hard are short either way; the long intervals may move only within fuzz.
    expect(plain.slice(0, 1)).toEqual(balanced.slice(0, 1));
    const answered = await service.answer({ cardId: next.card!.cardId, rating: 'good' });
    expect(answered.due - clock.ms).toBe(plain[2]);
    await service.close();
  });
});
