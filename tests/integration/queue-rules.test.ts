// The study queue's rules as a learner meets them: limits across subdecks, siblings, learning, spreading, leeches.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deckFile } from '../helpers/deck-file';
import { openTestService, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const DAY = 86_400_000;

async function studyAll(service: Awaited<ReturnType<typeof openTestService>>['service'], deckId?: string, rating: 'good' | 'easy' | 'again' = 'easy', max = 500) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    const next = await service.nextCard(deckId ? { deckId } : {});
    if (!next.card) break;
    seen.push(next.card.cardId);
    await service.answer({ cardId: next.card.cardId, rating });
  }
  return seen;
}

describe('review limits across subdecks', () => {
  it('take reviews in due order across the tree, so the most overdue subdeck is not starved', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('P::A', 'a', 30) });
    await service.importFile({ path: deckFile('P::B', 'b', 10) });
    const presets = await service.listPresets({});
    await service.savePreset({ ...presets[0]!, newPerDay: 1000, reviewsPerDay: 10, fuzz: false });
    const deckId = async (name: string) => {
      const all = (await service.listDecks({})).decks.flatMap((d) => [d, ...d.children]);
      return all.find((d) => d.name === name)!.id;
    };
    // B is learnt three weeks before A, so its cards fall due three weeks earlier.
    await studyAll(service, await deckId('P::B'), 'easy');
    clock.advanceDays(21);
    await studyAll(service, await deckId('P::A'), 'easy');
    clock.advanceDays(60);
    // A comes first in the tree; B's cards are the most overdue and must come first all the same.
    const served = await studyAll(service, await deckId('P'), 'good', 10);
    expect(served).toHaveLength(10);
    expect(served.filter((id) => id.startsWith('b-'))).toHaveLength(10);
    await service.close();
  });

  it('count the same reviews on the deck list as studying then serves, even when notes have many cloze siblings', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('C', 'c', 4, 'cloze') });
    await service.importFile({ path: deckFile('C::Basic', 'k', 30) });
    const presets = await service.listPresets({});
    await service.savePreset({ ...presets[0]!, newPerDay: 1000, reviewsPerDay: 20 });
    await service.updateSettings({ newPerDayAll: null });
    // One sibling of a note a day: eight days introduce all eight, unless a sibling's review (load
    // balancing may pull one into the first week) takes a day; twelve leave nothing new.
    for (let day = 0; day < 12; day++) {
      await studyAll(service, undefined, 'easy');
      clock.advanceDays(1);
    }
    clock.advanceDays(120);
    const c = (await service.listDecks({})).decks.find((d) => d.name === 'C')!;
    expect(c.counts.review).toBe(20);
    // The reviews served (a cloze sibling still new may come too: fuzz decides which were buried when).
    const reviews: string[] = [];
    for (let i = 0; i < 100; i++) {
      const next = await service.nextCard({ deckId: c.id });
      if (!next.card) break;
      if (next.card.kind === 'review') reviews.push(next.card.cardId);
      await service.answer({ cardId: next.card.cardId, rating: 'good' });
    }
    expect(reviews).toHaveLength(20);
    await service.close();
  });
});

describe('siblings', () => {
  it('stay back while a card of their note is still in learning the next day', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('R', 'r', 1, 'reverse') });
    const first = await service.nextCard({});
    expect(first.card!.cardId).toBe('r-0/1');
    await service.answer({ cardId: 'r-0/1', rating: 'again' });
    clock.ms = T0 - (T0 % DAY) + DAY + 4 * 3_600_000 + 60_000; // 04:01 the next day (UTC calendar)
    const next = await service.nextCard({});
    expect(next.card?.cardId).toBe('r-0/1'); // the learning card itself, not its new sibling
    expect(next.counts.new).toBe(0);
    await service.close();
  });
});

describe('learning cards', () => {
  it('due just after the day changes are announced, not "done for today"', async () => {
    const clock = new TestClock(T0 - (T0 % DAY) + DAY + 3 * 3_600_000 + 40 * 60_000); // 03:40, day starts 04:00
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('L', 'l', 1) });
    const [preset] = await service.listPresets({});
    await service.savePreset({ ...preset!, learningSteps: ['1m', '30m'] });
    await service.answer({ cardId: 'l-0/1', rating: 'again' });
    clock.advance(5);
    const good = await service.answer({ cardId: 'l-0/1', rating: 'good' }); // due 04:15, past the learn-ahead window
    const next = await service.nextCard({});
    expect(next.card).toBeNull();
    expect(next.nextLearningDue).toBe(good.due);
    await service.close();
  });
});

describe('spreading new cards among reviews', () => {
  it('counts only the studied deck’s progress, so another deck studied first does not bunch its new cards', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('X', 'x', 60) });
    await service.importFile({ path: deckFile('Y', 'y', 70) });
    const presets = await service.listPresets({});
    await service.savePreset({ ...presets[0]!, newPerDay: 1000, reviewsPerDay: 1000 });
    await service.updateSettings({ newPerDayAll: null });
    // Day one: learn all of X and the first 50 of Y.
    await studyAll(service, (await service.listDecks({})).decks.find((d) => d.name === 'X')!.id, 'easy');
    const y = (await service.listDecks({})).decks.find((d) => d.name === 'Y')!;
    await studyAll(service, y.id, 'easy', 50);
    clock.advanceDays(40);
    await studyAll(service, (await service.listDecks({})).decks.find((d) => d.name === 'X')!.id, 'easy');
    await service.savePreset({ ...(await service.listPresets({}))[0]!, newPerDay: 20 });
    const order = (await studyAll(service, y.id, 'easy', 70)).map((id) => (Number(id.split('-')[1]!.split('/')[0]) >= 50 ? 'N' : 'R')).join('');
    expect(order.startsWith('NNN')).toBe(false);
    expect(order.slice(0, 10)).toContain('R');
    await service.close();
  });
});

describe('leeches', () => {
  it('with a threshold of 3 are flagged at 3, 5 and 7 lapses, as in Anki', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('Z', 'z', 1) });
    const [preset] = await service.listPresets({});
    await service.savePreset({ ...preset!, leechThreshold: 3, fuzz: false });
    await service.answer({ cardId: 'z-0/1', rating: 'easy' });
    const flagged: number[] = [];
    for (let lapse = 1; lapse <= 7; lapse++) {
      clock.ms = Math.max(clock.ms, (await service.getCard({ cardId: 'z-0/1' })).state.due) + 60_000;
      const result = await service.answer({ cardId: 'z-0/1', rating: 'again' });
      if (result.leech) {
        flagged.push(lapse);
        await service.unsuspend({ cardIds: ['z-0/1'] });
      }
      clock.ms = result.due + 60_000;
      await service.answer({ cardId: 'z-0/1', rating: 'easy' });
    }
    expect(flagged).toEqual([3, 5, 7]);
    await service.close();
  });
});

describe('today’s progress', () => {
  it('survives importing older history after today’s answers', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: deckFile('T', 't', 10) });
    await studyAll(service, undefined, 'easy', 5);
    expect((await service.listDecks({})).today.reviews).toBe(5);
    const backup = join(tempFolder('b'), 'old.interleave');
    const other = openTestService({ clock: new TestClock(T0 - 60 * DAY), decks: null });
    await other.service.importFile({ path: deckFile('Old', 'o', 5) });
    await studyAll(other.service, undefined, 'good', 5);
    await other.service.exportTo({ format: 'backup', path: backup });
    await other.service.close();
    await service.importFile({ path: backup });
    const after = await service.listDecks({});
    expect(after.today.reviews).toBe(5);
    expect(after.today.newCards).toBe(5);
    await service.close();
  });
});
