// Opening answers from the snapshot's head while the notes and history are still being read, and every answer is the one the whole collection gives.
import { appendFileSync, cpSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionDifference } from '../../src/core/collection/compare';
import type { CardRecord, DeckRecord, NoteRecord, Schedule } from '../../src/core/collection/types';
import { CardState } from '../../src/core/collection/types';
import { readSnapshot, SNAPSHOT_FILE } from '../../src/main/store/snapshot-file';
import { encodeLine, JOURNAL_FILE } from '../../src/main/store/journal';
import { HISTORY_FILE } from '../../src/main/store/store';
import { openTestService, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

type Service = ReturnType<typeof openTestService>['service'];

const DAY = 86_400_000;
const NOTES = 3000;

/** A schedule for card i: reviews overdue and due later, learning now and later, new. */
function scheduleOf(i: number): Schedule {
  const kind = i % 5;
  if (kind === 0 || kind === 1) return { state: CardState.Review, due: T0 - ((i % 40) - 10) * DAY, stability: 5 + (i % 13), difficulty: 4 + (i % 5), scheduledDays: 7, learningSteps: 0, reps: 3, lapses: i % 2, lastReview: T0 - 20 * DAY };
  if (kind === 2) return { state: CardState.Learning, due: T0 + ((i % 7) - 3) * 600_000, stability: 1, difficulty: 5, scheduledDays: 0, learningSteps: 1, reps: 1, lapses: 0, lastReview: T0 - 3_600_000 };
  return { state: CardState.New, due: T0 - 30 * DAY, stability: 0, difficulty: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, lastReview: null };
}

/**
 * A collection large enough that its notes take many slices to read and its cards several pieces:
 * three decks (one a child), cards in every state, reviews yesterday and today. Closed, so its
 * snapshot is written in the layout; returns its folder and a clock on the same study day.
 */
async function largeCollection({ words = 60 } = {}): Promise<{ dataDir: string; clock: TestClock }> {
  const clock = new TestClock(T0 - DAY);
  const { service, dataDir } = openTestService({ clock });
  const decks: DeckRecord[] = ['Big', 'Big::Child', 'Other'].map((name, i) => ({ id: `big-${i}`, name, presetId: 'default', description: '', created: T0 - 60 * DAY }));
  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  for (let i = 0; i < NOTES; i++) {
    const deckId = decks[i % 3]!.id;
    notes.push({ id: `big${i}`, deckId, type: 'basic', fields: { Front: `Question ${i}: ${'ä'.repeat(i % 30)} ${'why '.repeat(words)}`, Back: `Answer ${i}` }, tags: [`t${i % 7}`], created: 1, modified: 1, origin: null });
    cards.push({ id: `big${i}/1`, noteId: `big${i}`, ord: 1, deckId, position: 1000 + i, suspended: i % 97 === 0, buriedUntilDay: null, flag: 0, created: 1, ...scheduleOf(i) });
  }
  service.store.commit({ type: 'upsert', at: clock.now(), source: 'test', decks, notes, cards, removedCards: [] });
  await answerSome(service, 6, clock);
  clock.advanceDays(1);
  await answerSome(service, 9, clock);
  await service.close();
  return { dataDir, clock };
}

async function answerSome(service: Service, count: number, clock: TestClock): Promise<void> {
  for (let i = 0; i < count; i++) {
    const next = await service.nextCard({});
    await service.answer({ cardId: next.card!.cardId, rating: i % 4 === 0 ? 'again' : 'good', durationMs: 1000 + i });
    clock.advance(1);
  }
}

/** The same folder opened twice: as it opens (the rest still being read) and read whole at once. */
function openBoth(dataDir: string, clock: TestClock): { staged: Service; whole: Service } {
  const copy = join(tempFolder(), 'copy');
  cpSync(dataDir, copy, { recursive: true });
  const staged = openTestService({ clock, dataDir }).service;
  const whole = openTestService({ clock, dataDir: copy }).service;
  void whole.store.collection; // read whole, now (null when it is damaged)
  return { staged, whole };
}

async function statusOf(service: Service) {
  const { dataDir: _, ...status } = await service.status({});
  return status;
}

describe('opening a collection from its snapshot', () => {
  it('answers the deck list, the next card, status, settings and presets before the notes and history are in, exactly as the whole collection does', async () => {
    const { dataDir, clock } = await largeCollection();
    const { staged, whole } = openBoth(dataDir, clock);
    const someCards = ['big10/1', 'big11/1', 'big12/1', 'big13/1', 'big97/1', 'nowhere/1'];
    expect(await staged.listDecks({})).toEqual(await whole.listDecks({}));
    expect(await staged.nextCard({})).toEqual(await whole.nextCard({}));
    expect(await staged.nextCard({ deckId: 'big-0' })).toEqual(await whole.nextCard({ deckId: 'big-0' }));
    expect(await staged.nextCard({ deckId: 'big-2' })).toEqual(await whole.nextCard({ deckId: 'big-2' }));
    expect(await staged.nextCard({ cardIds: someCards })).toEqual(await whole.nextCard({ cardIds: someCards }));
    expect(await staged.nextCard({ prefer: 'big2998/1' })).toEqual(await whole.nextCard({ prefer: 'big2998/1' }));
    expect(await statusOf(staged)).toEqual(await statusOf(whole));
    expect(await staged.getSettings({})).toEqual(await whole.getSettings({}));
    expect(await staged.listPresets({})).toEqual(await whole.listPresets({}));
    await expect(staged.nextCard({ deckId: 'nowhere' })).rejects.toMatchObject({ code: 'not_found' });
    // All of that was answered from the head: the rest has not been read yet.
    expect(staged.store.loading).toBe(true);

    // The rest comes in by itself, notes in the snapshot's order though some were read early.
    await staged.store.loaded();
    expect(staged.store.loading).toBe(false);
    expect(collectionDifference(staged.store.collection!, whole.store.collection!)).toBeNull();
    expect([...staged.store.collection!.notes.keys()]).toEqual([...whole.store.collection!.notes.keys()]);
    expect(await staged.stats({ range: 30 })).toEqual(await whole.stats({ range: 30 }));
    await staged.close();
    await whole.close();
  });

  it('makes a call that needs the whole collection wait for it, and answers every call after it from the whole collection', async () => {
    const { dataDir, clock } = await largeCollection();
    const { staged, whole } = openBoth(dataDir, clock);
    const first = await staged.nextCard({});
    expect(first).toEqual(await whole.nextCard({}));
    expect(staged.store.loading).toBe(true);
    const answer = { cardId: first.card!.cardId, rating: 'good', durationMs: 900 } as const;
    expect(await staged.answer(answer)).toEqual(await whole.answer(answer));
    expect(staged.store.loading).toBe(false);
    expect(await staged.nextCard({})).toEqual(await whole.nextCard({}));
    expect(await staged.listDecks({})).toEqual(await whole.listDecks({}));
    expect(await statusOf(staged)).toEqual(await statusOf(whole));
    expect(collectionDifference(staged.store.collection!, whole.store.collection!)).toBeNull();
    await staged.close();
    await whole.close();
  });

  it('answers a search made while the rest is read once it is in, as the whole collection does', async () => {
    const { dataDir, clock } = await largeCollection();
    const { staged, whole } = openBoth(dataDir, clock);
    const searching = staged.search({ query: 'question 12', limit: 50 });
    const card = staged.getCard({ cardId: 'big1234/1' });
    expect(staged.store.loading).toBe(true);
    expect(await searching).toEqual(await whole.search({ query: 'question 12', limit: 50 }));
    expect(await card).toEqual(await whole.getCard({ cardId: 'big1234/1' }));
    await staged.close();
    await whole.close();
  });

  it('reads the rest at once for whoever asks for the collection directly', async () => {
    const { dataDir, clock } = await largeCollection();
    const { staged, whole } = openBoth(dataDir, clock);
    expect(staged.store.loading).toBe(true);
    expect(staged.store.collection!.notes.size).toBe(whole.store.collection!.notes.size);
    expect(staged.store.loading).toBe(false);
    expect(collectionDifference(staged.store.collection!, whole.store.collection!)).toBeNull();
    await staged.close();
    await whole.close();
  });

  it('on a day before the one the snapshot was written (a clock set back) waits for the whole history', async () => {
    const { dataDir, clock } = await largeCollection();
    clock.advanceDays(-2);
    const { staged, whole } = openBoth(dataDir, clock);
    expect(await staged.listDecks({})).toEqual(await whole.listDecks({}));
    expect(staged.store.loading).toBe(false);
    expect(await staged.nextCard({})).toEqual(await whole.nextCard({}));
    await staged.close();
    await whole.close();
  });

  it('applies answers the snapshot does not hold yet to its head, and reads everything at once for a change of a note after it', async () => {
    const { dataDir, clock } = await largeCollection();
    const first = openTestService({ clock, dataDir }).service;
    await answerSome(first, 4, clock);
    await first.close({ snapshotIfPendingAtLeast: 1000 }); // the answers stay in the journal's tail, as the CLI leaves them
    const answers = openBoth(dataDir, clock);
    expect(await answers.staged.nextCard({})).toEqual(await answers.whole.nextCard({}));
    expect(await answers.staged.listDecks({})).toEqual(await answers.whole.listDecks({}));
    expect(await statusOf(answers.staged)).toEqual(await statusOf(answers.whole));
    expect(answers.staged.store.loading).toBe(true);
    await answers.staged.store.loaded();
    // The whole history holds the snapshot's reviews and the four after it, as a read in one go does.
    expect(collectionDifference(answers.staged.store.collection!, answers.whole.store.collection!)).toBeNull();
    await answers.staged.close({ snapshotIfPendingAtLeast: 1000 });
    await answers.whole.close();

    const second = openTestService({ clock, dataDir }).service;
    await second.editNote({ noteId: 'big42', fields: { Front: 'Question 42, edited', Back: 'Answer 42' } });
    await second.close({ snapshotIfPendingAtLeast: 1000 });
    const changed = openBoth(dataDir, clock);
    expect(changed.staged.store.loading).toBe(false);
    expect(await changed.staged.getNote({ noteId: 'big42' })).toEqual(await changed.whole.getNote({ noteId: 'big42' }));
    expect(collectionDifference(changed.staged.store.collection!, changed.whole.store.collection!)).toBeNull();
    await changed.staged.close();
    await changed.whole.close();
  });

  it('applies a tail of answers, leeches, undos, suspends, buries, presets, a plan and settings to the head, and ends whole as an open after a snapshot at its end', async () => {
    const { dataDir, clock } = await largeCollection();
    const first = openTestService({ clock, dataDir }).service;
    await first.undo({}); // an answer the snapshot holds, taken back after it
    await answerSome(first, 5, clock);
    await first.undo({});
    await first.suspend({ cardIds: ['big10/1', 'big11/1'] });
    await first.bury({ cardIds: ['big12/1', 'big13/1'] });
    await first.undo({});
    await first.bury({ cardIds: ['big12/1'] });
    const [preset] = await first.listPresets({});
    await first.savePreset({ ...preset!, id: 'slow', name: 'Slow', newPerDay: 3 });
    await first.setDeckPreset({ deckId: 'big-1', presetId: 'slow' });
    await first.savePreset({ ...preset!, desiredRetention: 0.85, leechThreshold: 1 });
    // Two lapses that make leeches (each tags its note), the second taken back (the tag goes again).
    expect((await first.answer({ cardId: 'big20/1', rating: 'again', durationMs: 1000 })).leech).toBe(true);
    expect((await first.answer({ cardId: 'big30/1', rating: 'again', durationMs: 1000 })).leech).toBe(true);
    await first.undo({});
    await first.savePlan({ name: 'Onsite', at: T0 + 30 * DAY, deckIds: ['big-0'], minutesPerDay: 45 });
    await first.updateSettings({ theme: 'dark', reviewsPerDayAll: 500 });
    await answerSome(first, 4, clock);
    // Ended before a snapshot (a crash, a kill): everything since the snapshot is the journal's tail.
    await first.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });

    // The same folder with a snapshot written at the tail's end, opened again.
    const copy = join(tempFolder(), 'snapshotted');
    cpSync(dataDir, copy, { recursive: true });
    const snapshotting = openTestService({ clock, dataDir: copy }).service;
    await snapshotting.close({ snapshotIfPendingAtLeast: 1 });
    const snapshotted = openTestService({ clock, dataDir: copy }).service;

    const tail = openTestService({ clock, dataDir }).service;
    // None of that needs a note: the tail applies to the head, and the notes are still to be read.
    expect(tail.store.loading).toBe(true);
    expect(await tail.nextCard({})).toEqual(await snapshotted.nextCard({}));
    expect(await tail.nextCard({ deckId: 'big-1' })).toEqual(await snapshotted.nextCard({ deckId: 'big-1' }));
    expect(await tail.listDecks({})).toEqual(await snapshotted.listDecks({}));
    expect(await tail.getSettings({})).toEqual(await snapshotted.getSettings({}));
    expect(await tail.listPresets({})).toEqual(await snapshotted.listPresets({}));
    expect(await statusOf(tail)).toEqual(await statusOf(snapshotted));
    expect(tail.store.loading).toBe(true);
    // The leeches' notes were read early, and keep their tags once the rest is in.
    expect(tail.store.partialCollection!.notes.get('big20')!.tags).toContain('leech');
    expect(tail.store.partialCollection!.notes.get('big30')!.tags).not.toContain('leech');
    await tail.store.loaded();
    expect(await tail.getNote({ noteId: 'big20' })).toEqual(await snapshotted.getNote({ noteId: 'big20' }));
    await snapshotted.store.loaded();
    expect(collectionDifference(tail.store.collection!, snapshotted.store.collection!)).toBeNull();
    expect(await tail.listPlans({})).toEqual(await snapshotted.listPlans({}));
    expect(await tail.stats({ range: 30 })).toEqual(await snapshotted.stats({ range: 30 }));
    await tail.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
    await snapshotted.close();
  });

  it('reads everything at once when the history cache is not the snapshot’s, and rebuilds it from the journal as before', async () => {
    const { dataDir, clock } = await largeCollection();
    writeFileSync(join(dataDir, HISTORY_FILE), readFileSync(join(dataDir, HISTORY_FILE)).subarray(0, 100));
    const { staged, whole } = openBoth(dataDir, clock);
    expect(staged.store.loading).toBe(false);
    expect(staged.store.warnings).toEqual([]);
    expect(collectionDifference(staged.store.collection!, whole.store.collection!)).toBeNull();
    await staged.close();
    await whole.close();
  });

  it('closed before the rest is read writes nothing and opens again whole', async () => {
    const { dataDir, clock } = await largeCollection();
    const path = join(dataDir, SNAPSHOT_FILE);
    const before = readFileSync(path);
    const modified = statSync(path).mtimeMs;
    const notes = (JSON.parse(before.toString('utf8')) as { collection: { notes: unknown[] } }).collection.notes.length;
    const early = openTestService({ clock, dataDir }).service;
    expect(early.store.loading).toBe(true);
    await early.close();
    expect(statSync(path).mtimeMs).toBe(modified);
    expect(readFileSync(path).equals(before)).toBe(true);
    const again = openTestService({ clock, dataDir }).service;
    expect(again.store.collection!.notes.size).toBe(notes);
    await again.close();
  });
});

describe('a snapshot that is not as its head says', () => {
  it('with a letter of a note changed is read whole, as any snapshot was before (the change is kept, as JSON reads it)', async () => {
    const { dataDir, clock } = await largeCollection();
    const path = join(dataDir, SNAPSHOT_FILE);
    const bytes = readFileSync(path);
    const at = bytes.indexOf('Answer 1234"');
    bytes[at] = 'a'.charCodeAt(0);
    writeFileSync(path, bytes);
    const service = openTestService({ clock, dataDir }).service;
    expect(service.store.loading).toBe(false);
    expect((await service.getNote({ noteId: 'big1234' })).fields.Back).toBe('answer 1234');
    await service.close();
  });

  it('damaged in a note’s line is reported with its place, as before, and nothing answers from its head', async () => {
    const { dataDir, clock } = await largeCollection();
    const path = join(dataDir, SNAPSHOT_FILE);
    const bytes = readFileSync(path);
    bytes[bytes.indexOf('"Answer 2345"') - 1] = 'x'.charCodeAt(0);
    writeFileSync(path, bytes);
    const expected = readSnapshot(path);
    if (expected.kind !== 'damaged') throw new Error('the test did not damage the snapshot');
    const service = openTestService({ clock, dataDir }).service;
    const status = await service.status({});
    expect(status.ok).toBe(false);
    expect(status.damage).toMatchObject({ file: SNAPSHOT_FILE, position: expected.position, problem: expected.problem });
    await expect(service.nextCard({})).rejects.toMatchObject({ code: 'data_damaged' });
    await expect(service.listDecks({})).rejects.toMatchObject({ code: 'data_damaged' });
    await service.close();
  });

  it('written as one line of JSON (before the layout) is read whole, and the next snapshot is written in the layout', async () => {
    const { dataDir, clock } = await largeCollection();
    const path = join(dataDir, SNAPSHOT_FILE);
    const { headBytes: _, layout: _layout, ...old } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify(old));
    const { staged, whole } = openBoth(dataDir, clock);
    expect(staged.store.loading).toBe(false);
    expect(await staged.nextCard({})).toEqual(await whole.nextCard({}));
    await answerSome(staged, 1, clock);
    await staged.close();
    expect(readFileSync(path, 'utf8').startsWith('{"headBytes":')).toBe(true);
    await whole.close();
  });
});

describe('a first open without a snapshot', () => {
  /**
   * A journal of several megabytes and no snapshot or history cache (the first open after they were
   * lost): the collection's lines, then twenty thousand answers from the weeks before, written
   * straight into the journal as a long history would have left them.
   */
  async function journalOnly(): Promise<{ dataDir: string; clock: TestClock }> {
    const { dataDir, clock } = await largeCollection();
    const journal = join(dataDir, JOURNAL_FILE);
    let seq = readFileSync(journal, 'utf8').split('\n').filter(Boolean).length;
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const at = T0 - 40 * DAY + i * 60_000;
      lines.push(encodeLine(++seq, { type: 'review', at, cardId: `big${(i * 7) % NOTES}/1`, rating: 3, durationMs: 2000, prior: CardState.Review, after: { ...scheduleOf(i * 5), lastReview: at } }));
    }
    appendFileSync(journal, lines.join(''));
    expect(statSync(journal).size).toBeGreaterThan(4 * 1024 * 1024);
    rmSync(join(dataDir, SNAPSHOT_FILE));
    rmSync(join(dataDir, HISTORY_FILE));
    return { dataDir, clock };
  }

  it('replays the journal between other work, and every call answers once it is in, as after a replay in one go', async () => {
    const { dataDir, clock } = await journalOnly();
    const { staged, whole } = openBoth(dataDir, clock);
    expect(staged.store.loading).toBe(true);
    const status = statusOf(staged);
    const decks = staged.listDecks({});
    const next = staged.nextCard({});
    // A turn of the event loop comes while the journal is read: a window or a request is not held up.
    await new Promise((resolve) => setImmediate(resolve));
    expect(staged.store.loading).toBe(true);
    expect(await status).toEqual(await statusOf(whole));
    expect(await decks).toEqual(await whole.listDecks({}));
    expect(await next).toEqual(await whole.nextCard({}));
    expect(collectionDifference(staged.store.collection!, whole.store.collection!)).toBeNull();
    await staged.close();
    await whole.close();
    // Closing wrote the snapshot, as after any replay: the next open reads its head.
    const again = openTestService({ clock, dataDir }).service;
    expect(again.store.loading).toBe(true);
    expect(await again.nextCard({})).toEqual(await next);
    await again.close();
  });

  it('finds a torn last line and damage as a replay in one go does', async () => {
    const { dataDir, clock } = await journalOnly();
    const journal = join(dataDir, JOURNAL_FILE);
    const bytes = readFileSync(journal);
    writeFileSync(journal, Buffer.concat([bytes, Buffer.from('{"seq":99999,"type":"rev')]));
    const torn = openBoth(dataDir, clock);
    expect(torn.staged.store.loading).toBe(true);
    await torn.staged.store.loaded();
    // The same warning, but for the folder the bytes were kept in.
    const withoutFolder = (warnings: string[]) => warnings.map((warning) => warning.replace(/kept in .*/, 'kept in …'));
    expect(withoutFolder(torn.staged.store.warnings)).toEqual(withoutFolder(torn.whole.store.warnings));
    expect(torn.staged.store.warnings).toHaveLength(1);
    expect(readFileSync(journal).length).toBe(bytes.length);
    await torn.staged.close();
    await torn.whole.close();

    // Closing wrote a snapshot: gone again, so the journal is replayed from its first line.
    rmSync(join(dataDir, SNAPSHOT_FILE));
    rmSync(join(dataDir, HISTORY_FILE));
    const damaged = Buffer.from(bytes);
    // A few lines before the end: damage, not a torn last line.
    damaged[bytes.length - 2000] = damaged[bytes.length - 2000] === 0x41 ? 0x42 : 0x41;
    writeFileSync(journal, damaged);
    const { staged, whole } = openBoth(dataDir, clock);
    const status = await statusOf(staged);
    expect(status.ok).toBe(false);
    expect(status).toEqual(await statusOf(whole));
    await expect(staged.nextCard({})).rejects.toMatchObject({ code: 'data_damaged' });
    await staged.close();
    await whole.close();
  });
});
