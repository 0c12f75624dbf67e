// The study loop over a real data folder: first start, studying, undo, reopening the next day.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudyService } from '../../src/main/service/study-service';
import { JOURNAL_FILE } from '../../src/main/store/journal';
import type { DeckNode } from '../../src/shared/dto';
import { picture, replayJournal } from '../helpers/replay';
import { openTestService, SAMPLE_DECKS, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

describe('a new data folder', () => {
  it('starts with the built-in decks installed, nested by name, with new cards to study', async () => {
    const { service } = openTestService();
    const { decks } = await service.listDecks({});
    expect(decks.map((d) => d.name)).toEqual(['Sample']);
    const basics = decks[0]!.children[0]!;
    expect(basics.name).toBe('Sample::Basics');
    // 14 notes make 16 cards (a reverse note and a two-number cloze make two each), but only one
    // card per note is offered a day: siblings wait until tomorrow.
    expect(basics.counts).toEqual({ new: 14, learning: 0, review: 0, total: 16 });
    expect(decks[0]!.counts.total).toBe(16);
    await service.close();
  });
});

describe('studying', () => {
  it('shows learning steps on the buttons of a new card and schedules by the rating', async () => {
    const { service, clock } = openTestService();
    const next = await service.nextCard({});
    const card = next.card!;
    expect(card.kind).toBe('new');
    // Again: the first step; Hard: between the two steps; Good: the second step; Easy: straight to review.
    expect(card.previews.slice(0, 3).map((p) => p.label)).toEqual(['1m', '6m', '10m']);
    expect(card.previews[3]!.label).toMatch(/^\d+d$/);
    const result = await service.answer({ cardId: card.cardId, rating: 'good', durationMs: 4000 });
    expect(result.due).toBe(clock.ms + 10 * 60_000);
    const info = await service.getCard({ cardId: card.cardId });
    expect(info.state.kind).toBe('learning');
    expect(info.history).toHaveLength(1);
    expect(info.history[0]).toMatchObject({ rating: 'good', kind: 'new', durationMs: 4000 });
    await service.close();
  });

  it('buries the siblings of an answered card until the next study day', async () => {
    const { service, clock } = openTestService();
    await service.answer({ cardId: 's-adam-defaults/1', rating: 'easy' });
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      const next = await service.nextCard({});
      if (!next.card) break;
      seen.push(next.card.cardId);
      await service.answer({ cardId: next.card.cardId, rating: 'easy' });
    }
    expect(seen).not.toContain('s-adam-defaults/2');
    clock.advanceDays(1);
    const tomorrow: string[] = [];
    for (let i = 0; i < 30; i++) {
      const next = await service.nextCard({});
      if (!next.card) break;
      tomorrow.push(next.card.cardId);
      await service.answer({ cardId: next.card.cardId, rating: 'easy' });
    }
    expect(tomorrow).toContain('s-adam-defaults/2');
    await service.close();
  });

  it('respects the new-cards-per-day limit of the deck and its parent together', async () => {
    // A parent allowing 3 new cards a day over two children allowing 2 each: the parent's limit is
    // below the sum of its children's, so studying the parent shows which limit binds.
    const { service } = openTestService({ decks: treeOfDecks() });
    await limitTree(service, { parent: 3, child: 2 });
    const before = await service.listDecks({});
    expect(counts(before.decks)).toEqual({ Tree: 3, 'Tree::A': 2, 'Tree::B': 2 });
    const studied = await studyAll(service, 'tree');
    expect(studied).toHaveLength(3);
    // Each child gave no more than its own limit.
    expect(studied.filter((id) => id.startsWith('a-')).length).toBeLessThanOrEqual(2);
    expect(studied.filter((id) => id.startsWith('b-')).length).toBeLessThanOrEqual(2);
    const after = await service.listDecks({});
    expect(after.decks[0]!.counts.new).toBe(0);
    expect(after.today.newCards).toBe(3);
    // Studied on its own, a child obeys its own limit only (Anki's default): what it has left.
    const fromB = studied.filter((id) => id.startsWith('b-')).length;
    expect(counts(after.decks)['Tree::B']).toBe(2 - fromB);
    expect(await studyAll(service, 'tree--b')).toHaveLength(2 - fromB);
    await service.close();
  });

  it('with "limits start from top", makes a child studied on its own obey its parents’ limits too', async () => {
    const { service } = openTestService({ decks: treeOfDecks() });
    await limitTree(service, { parent: 3, child: 2 });
    await service.updateSettings({ limitsStartFromTop: true });
    expect(counts((await service.listDecks({})).decks)).toEqual({ Tree: 3, 'Tree::A': 2, 'Tree::B': 2 });
    expect(await studyAll(service, 'tree--a')).toHaveLength(2);
    // The parent has 1 left: B, studied directly, may take only that one, not its own 2.
    expect(counts((await service.listDecks({})).decks)).toEqual({ Tree: 1, 'Tree::A': 0, 'Tree::B': 1 });
    expect(await studyAll(service, 'tree--b')).toHaveLength(1);
    expect((await service.listDecks({})).today.newCards).toBe(3);
    await service.close();
  });

  it('undo takes back answers one by one and restores every field exactly', async () => {
    const { service, clock } = openTestService();
    // The stored record, every field of it (the API's view leaves some out, the learning step among them).
    const stored = (cardId: string) => structuredClone(service.store.requireCollection().cards.get(cardId)!);
    const first = (await service.nextCard({})).card!;
    const before = stored(first.cardId);
    await service.answer({ cardId: first.cardId, rating: 'good' });
    const afterFirst = stored(first.cardId);
    clock.advance(11);
    await service.answer({ cardId: first.cardId, rating: 'good' });
    // Two answers that leave two different learning steps, so a step left behind shows.
    expect(afterFirst.learningSteps).not.toBe(before.learningSteps);
    expect(stored(first.cardId)).not.toEqual(afterFirst);
    expect((await service.getCard({ cardId: first.cardId })).history).toHaveLength(2);
    clock.advance(1);

    expect((await service.undo({})).cardId).toBe(first.cardId);
    expect(stored(first.cardId)).toEqual(afterFirst);
    expect((await service.getCard({ cardId: first.cardId })).history).toHaveLength(1);
    expect((await service.undo({})).undoDepth).toBe(0);
    expect(stored(first.cardId)).toEqual(before);
    expect((await service.getCard({ cardId: first.cardId })).history).toEqual([]);
    expect(await service.undo({})).toEqual({ cardId: null, rating: null, label: null, undoDepth: 0, next: null });
    await service.close();
  });

  it('undo takes back a suspend made after an answer first, then the answer', async () => {
    const { service } = openTestService();
    const cardId = (await service.nextCard({})).card!.cardId;
    const before = await service.getCard({ cardId });
    await service.answer({ cardId, rating: 'good' });
    const answered = await service.getCard({ cardId });
    await service.suspend({ cardIds: [cardId] });
    expect(await service.undo({})).toMatchObject({ cardId: null, action: 'suspend 1 card', cardIds: [cardId] });
    expect((await service.getCard({ cardId })).state).toEqual(answered.state);
    expect((await service.undo({})).cardId).toBe(cardId);
    const after = await service.getCard({ cardId });
    expect(after.state).toEqual(before.state);
    expect(after.history).toEqual([]);
    expect(picture(replayJournal(service))).toEqual(picture(service.store.requireCollection()));
    await service.close();
  });

  it('makes a card that lapses eight times a leech: tagged and suspended, and undo reverses both', async () => {
    const { service, clock } = openTestService();
    const presets = await service.listPresets({});
    await service.savePreset({ ...presets[0]!, fuzz: false });
    const cardId = 's-bias-variance/1';
    await service.answer({ cardId, rating: 'easy' });
    let leech = false;
    for (let lapse = 0; lapse < 8 && !leech; lapse++) {
      const info = await service.getCard({ cardId });
      clock.ms = Math.max(clock.ms, info.state.due) + 60_000;
      const failed = await service.answer({ cardId, rating: 'again' });
      leech = failed.leech;
      if (!leech) {
        clock.ms = failed.due + 60_000;
        await service.answer({ cardId, rating: 'easy' });
      }
    }
    expect(leech).toBe(true);
    const info = await service.getCard({ cardId });
    expect(info.state.suspended).toBe(true);
    expect(info.state.lapses).toBe(8);
    expect(info.note.tags).toContain('leech');
    await service.undo({});
    const undone = await service.getCard({ cardId });
    expect(undone.state.suspended).toBe(false);
    expect(undone.note.tags).not.toContain('leech');
    await service.close();
  });

  it('suspends, unsuspends and buries cards, and refuses unknown ids with a clear message', async () => {
    const { service, clock } = openTestService();
    expect(await service.suspend({ cardIds: ['s-code/1'] })).toEqual({ changed: 1 });
    expect((await service.getCard({ cardId: 's-code/1' })).state.suspended).toBe(true);
    await expect(service.answer({ cardId: 's-code/1', rating: 'good' })).rejects.toThrow(/suspended/);
    expect(await service.unsuspend({ cardIds: ['s-code/1'] })).toEqual({ changed: 1 });
    await service.bury({ cardIds: ['s-code/1'] });
    expect((await service.getCard({ cardId: 's-code/1' })).state.buried).toBe(true);
    clock.advanceDays(1);
    expect((await service.getCard({ cardId: 's-code/1' })).state.buried).toBe(false);
    await expect(service.suspend({ cardIds: ['nope/1'] })).rejects.toMatchObject({ code: 'not_found', message: 'No card with id "nope/1".' });
    await service.close();
  });
});

describe('the next day', () => {
  it('finds everything exactly as it was left after closing and reopening', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    for (let i = 0; i < 10; i++) {
      const next = await first.service.nextCard({});
      await first.service.answer({ cardId: next.card!.cardId, rating: i % 3 === 0 ? 'again' : 'good', durationMs: 1000 + i });
      clock.advance(1);
    }
    await first.service.undo({});
    const decksBefore = await first.service.listDecks({});
    const cardsBefore = await Promise.all(first.service.cardIdsInDeck('sample').map((cardId) => first.service.getCard({ cardId })));
    await first.service.close();

    const second = openTestService({ clock, dataDir: first.dataDir });
    expect(await second.service.listDecks({})).toEqual(decksBefore);
    const cardsAfter = await Promise.all(second.service.cardIdsInDeck('sample').map((cardId) => second.service.getCard({ cardId })));
    expect(cardsAfter).toEqual(cardsBefore);
    expect((await second.service.status({})).undoDepth).toBe(9);
    await second.service.close();
  });

  it('counts a study day from the configured hour in local time, not from UTC midnight', async () => {
    // 03:30 UTC+0 is still "yesterday" when the day starts at 4:00.
    const clock = new TestClock(Date.UTC(2026, 2, 3, 3, 30));
    const { service } = openTestService({ clock });
    const next = await service.nextCard({});
    await service.answer({ cardId: next.card!.cardId, rating: 'easy' });
    const todayBefore4 = (await service.listDecks({})).today;
    clock.ms = Date.UTC(2026, 2, 3, 4, 30);
    const todayAfter4 = (await service.listDecks({})).today;
    expect(todayBefore4.reviews).toBe(1);
    expect(todayAfter4.reviews).toBe(0);
    expect(todayAfter4.day).toBe(todayBefore4.day + 1);
    await service.close();
  });
});

describe('recomputing from history', () => {
  it('gives back exactly the schedule every card has, fuzz included, when nothing changed', async () => {
    const { recomputeAll } = await import('../../src/core/scheduling/recompute-all');
    const { fixedOffsetCalendar } = await import('../../src/core/time/study-day');
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    // Load balancing moves intervals by how busy other days are, which no card's own history holds:
    // replay reproduces fuzz exactly only without it (the journal keeps balanced schedules exactly).
    await service.updateSettings({ loadBalance: false });
    const ratings = ['again', 'hard', 'good', 'easy'] as const;
    for (let day = 0; day < 40; day++) {
      for (let i = 0; i < 30; i++) {
        const next = await service.nextCard({});
        if (!next.card) break;
        await service.answer({ cardId: next.card.cardId, rating: ratings[(day * 7 + i) % 4]!, durationMs: 1000 });
        clock.advance(3);
      }
      clock.advanceDays(1);
    }
    await service.undo({});
    const col = service.store.requireCollection();
    expect(col.history.activeCount).toBeGreaterThan(100);
    const progress: number[] = [];
    const recomputed = recomputeAll(col.history, (id) => col.cards.get(id), (card) => col.presetOf(card.deckId), fixedOffsetCalendar(0, 4), (p) => progress.push(p));
    expect(recomputed.length).toBeGreaterThan(10);
    for (const { cardId, schedule } of recomputed) {
      const { state, due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, lastReview } = col.cards.get(cardId)!;
      expect(schedule, cardId).toEqual({ state, due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, lastReview });
    }
    expect(progress[progress.length - 1]).toBe(1);
    await service.close();
  });
});

describe('changing a preset’s retention', () => {
  it('reschedules reviewed cards from their history, but leaves cards changed by hand alone', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    const reviewed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const next = await service.nextCard({});
      await service.answer({ cardId: next.card!.cardId, rating: 'easy' });
      reviewed.push(next.card!.cardId);
    }
    await service.bulk({ cardIds: [reviewed[0]!], change: { action: 'forget' } });
    const before = await Promise.all(reviewed.map((cardId) => service.getCard({ cardId })));
    const [preset] = await service.listPresets({});
    await service.savePreset({ ...preset!, desiredRetention: 0.97 });
    const after = await Promise.all(reviewed.map((cardId) => service.getCard({ cardId })));
    expect(after[0]!.state).toEqual(before[0]!.state); // forgotten by hand: still new
    for (let i = 1; i < reviewed.length; i++) {
      // Higher retention, shorter intervals; memory state unchanged (same weights).
      expect(after[i]!.state.due).toBeLessThan(before[i]!.state.due);
      expect(after[i]!.state.stability).toBeCloseTo(before[i]!.state.stability, 6);
    }
    // The preset change is one undoable action, its reschedule included: undo puts every schedule
    // back whole, then the next undo takes back the forget.
    expect((await service.undo({})).action).toBe('change preset Default');
    const restored = await Promise.all(reviewed.map((cardId) => service.getCard({ cardId })));
    expect(restored.map((card) => card.state)).toEqual(before.map((card) => card.state));
    expect((await service.listPresets({}))[0]!.desiredRetention).toBe(preset!.desiredRetention);
    expect((await service.undo({})).action).toBe('forget 1 card');
    await service.close();
  });
});

describe('changing a preset’s retention after a merge', () => {
  it('replays each card’s reviews in time order, though the import added older ones after newer ones', async () => {
    const DAY = 86_400_000;
    const clock = new TestClock(T0);
    const here = openTestService({ clock, decks: null });
    const there = openTestService({ clock, decks: null });
    for (const { service } of [here, there]) await service.importFile({ path: join(SAMPLE_DECKS, 'sample.md') });
    const cardId = 's-code/1';
    // The same card studied on two machines in turn: here on days 0 and 6, there on days 2 and 15.
    const answerOn = async (side: typeof here, day: number, rating: 'again' | 'good' | 'easy') => {
      clock.ms = T0 + day * DAY;
      await side.service.answer({ cardId, rating });
    };
    await answerOn(here, 0, 'good');
    await answerOn(there, 2, 'again');
    await answerOn(here, 6, 'good');
    await answerOn(there, 15, 'easy');
    const backup = join(tempFolder(), 'there.zip');
    await there.service.exportTo({ format: 'backup', path: backup });
    clock.ms = T0 + 16 * DAY;
    await here.service.importFile({ path: backup });
    const merged = await here.service.getCard({ cardId });
    expect(merged.history.map((review) => review.at)).toEqual([0, 2, 6, 15].map((day) => T0 + day * DAY));

    const [preset] = await here.service.listPresets({});
    await here.service.savePreset({ ...preset!, desiredRetention: 0.8 });
    const after = await here.service.getCard({ cardId });
    // Same weights, same reviews: the memory state stays; only the interval follows the retention.
    expect(after.state.stability).toBeCloseTo(merged.state.stability, 6);
    expect(after.state.due).toBeGreaterThan(merged.state.due);
    expect(picture(replayJournal(here.service))).toEqual(picture(here.service.store.requireCollection()));
    await here.service.close();
    await there.service.close();
  });
});

describe('saving a preset that reschedules', () => {
  it('is one journal line: cut short by a crash, neither the preset nor the schedules are kept, and saving again does both', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    const reviewed: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = await first.service.nextCard({});
      await first.service.answer({ cardId: next.card!.cardId, rating: 'easy' });
      reviewed.push(next.card!.cardId);
    }
    const dues = async (service: typeof first.service) => Promise.all(reviewed.map(async (cardId) => (await service.getCard({ cardId })).state.due));
    const before = await dues(first.service);
    const [preset] = await first.service.listPresets({});
    const linesBefore = first.service.store.readAllEvents().events.length;
    await first.service.savePreset({ ...preset!, desiredRetention: 0.8 });
    const { events } = first.service.store.readAllEvents();
    expect(events.length).toBe(linesBefore + 1);
    expect(events.at(-1)!.event).toMatchObject({ type: 'preset-save', rescheduled: expect.any(Array) });
    const rescheduled = await dues(first.service);
    expect(rescheduled).not.toEqual(before);
    expect(picture(replayJournal(first.service))).toEqual(picture(first.service.store.requireCollection()));
    await first.service.close({ snapshotIfPendingAtLeast: 1000 }); // the change stays in the journal tail

    // The power fails while that line is written: half of it reaches the disk.
    const journal = join(first.dataDir, JOURNAL_FILE);
    const text = readFileSync(journal, 'utf8');
    const lastLine = text.lastIndexOf('\n', text.length - 2) + 1;
    truncateSync(journal, Buffer.byteLength(text.slice(0, lastLine)) + 40);

    const second = openTestService({ clock, dataDir: first.dataDir });
    expect((await second.service.listPresets({}))[0]!.desiredRetention).toBe(preset!.desiredRetention);
    expect(await dues(second.service)).toEqual(before);
    await second.service.savePreset({ ...preset!, desiredRetention: 0.8 });
    expect(await dues(second.service)).toEqual(rescheduled);
    await second.service.close();
  });
});

describe('what the buttons promise', () => {
  it('spreads new cards answered Easy at the same moment over several days (fuzz is seeded by the card)', async () => {
    const { service } = openTestService();
    const intervals: string[] = [];
    for (let next = await service.nextCard({}); next.card; next = await service.nextCard({})) {
      const promised = next.card.previews.find((p) => p.rating === 'easy')!.label;
      const result = await service.answer({ cardId: next.card.cardId, rating: 'easy' });
      expect(result.intervalLabel).toBe(promised);
      intervals.push(result.intervalLabel);
    }
    expect(intervals).toHaveLength(14);
    expect(new Set(intervals).size).toBeGreaterThanOrEqual(3);
    await service.close();
  });

  it('is what the answer gives, with fuzz on', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    for (let day = 0; day < 30; day++) {
      for (;;) {
        const next = await service.nextCard({});
        if (!next.card) break;
        clock.advance(0.2);
        const rating = (['good', 'easy', 'hard'] as const)[day % 3]!;
        const promised = next.card.previews.find((p) => p.rating === rating)!.label;
        const result = await service.answer({ cardId: next.card.cardId, rating });
        expect(result.intervalLabel, `${next.card.cardId} on day ${day}`).toBe(promised);
        clock.advance(1);
      }
      clock.advanceDays(1);
    }
    await service.close();
  });
});

/** A folder with two sibling decks of four notes each under one parent, Tree::A and Tree::B. */
function treeOfDecks(): string {
  const dir = tempFolder('tree-decks');
  for (const child of ['A', 'B']) {
    const notes = [1, 2, 3, 4].map((n) => `## ${child.toLowerCase()}-${n}\n\n### Front\nQuestion ${child}${n}\n\n### Back\nAnswer ${child}${n}\n`);
    writeFileSync(join(dir, `${child}.md`), `---\ndeck: Tree::${child}\n---\n\n${notes.join('\n')}`);
  }
  return dir;
}

/** The parent on the default preset allowing `parent` new cards a day, both children on one allowing `child`. */
async function limitTree(service: StudyService, limits: { parent: number; child: number }): Promise<void> {
  const preset = (await service.listPresets({}))[0]!;
  await service.savePreset({ ...preset, newPerDay: limits.parent });
  await service.savePreset({ ...preset, id: 'children', name: 'Children', newPerDay: limits.child });
  for (const deckId of ['tree--a', 'tree--b']) await service.setDeckPreset({ deckId, presetId: 'children' });
}

/** New cards offered per deck, by name. */
function counts(decks: DeckNode[], out: Record<string, number> = {}): Record<string, number> {
  for (const deck of decks) {
    out[deck.name] = deck.counts.new;
    counts(deck.children, out);
  }
  return out;
}

/** Answers Easy until the deck has nothing left today; the cards answered. */
async function studyAll(service: StudyService, deckId: string): Promise<string[]> {
  const answered: string[] = [];
  for (let next = await service.nextCard({ deckId }); next.card; next = await service.nextCard({ deckId })) {
    answered.push(next.card.cardId);
    await service.answer({ cardId: next.card.cardId, rating: 'easy' });
  }
  return answered;
}
