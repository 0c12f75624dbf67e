// An import running in the background while the learner studies, deletes, restores or imports again: nothing anyone did is lost.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudyService } from '../../src/main/service/study-service';
import type { ImportJob } from '../../src/shared/dto';
import { openTestService, SAMPLE_DECKS, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const SAMPLE = join(SAMPLE_DECKS, 'sample.md');
const X = 's-softmax-definition/1';
const Y = 's-adam-defaults/1';

/** A backup of the sample deck studied elsewhere: it carries reviews the learner's collection lacks. */
async function studiedElsewhere(clock: TestClock): Promise<string> {
  const { service } = openTestService({ clock, decks: null });
  await service.importFile({ path: SAMPLE });
  for (const cardId of [...service.store.requireCollection().cards.keys()].slice(0, 6)) {
    await service.answer({ cardId, rating: 'good', durationMs: 1 });
    clock.advance(2);
  }
  const zip = join(tempFolder(), 'elsewhere.zip');
  await service.exportTo({ format: 'backup', path: zip });
  await service.close();
  return zip;
}

/** A collection holding one note that shows `pic.png`, exported as a backup with that file. */
async function backupWithPicture(clock: TestClock, front: string, picture: string): Promise<string> {
  const { service, dataDir } = openTestService({ clock });
  const deckId = [...service.store.requireCollection().decks.keys()][0]!;
  await service.addNote({ deckId, type: 'basic', fields: { Front: `${front} ![](pic.png)`, Back: 'b' }, tags: [] });
  mkdirSync(join(dataDir, 'media'), { recursive: true });
  writeFileSync(join(dataDir, 'media', 'pic.png'), picture);
  const zip = join(tempFolder(), 'pictures.zip');
  await service.exportTo({ format: 'backup', path: zip });
  await service.close();
  return zip;
}

/**
 * Polls the job as the window does and, once it has planned and is about to write media, does `act`
 * in that gap. Returns the finished job.
 */
async function whileWritingMedia(service: StudyService, jobId: string, act: () => Promise<unknown>): Promise<ImportJob> {
  let acted = false;
  for (;;) {
    const job = await service.importJob({ jobId });
    if (!acted && job.phase === 'writing media files') {
      acted = true;
      await act();
    }
    if (job.state !== 'running') {
      expect(acted, 'the job never paused between planning and committing').toBe(true);
      return job;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function finished(service: StudyService, jobIds: string[]): Promise<ImportJob[]> {
  for (;;) {
    const jobs = await Promise.all(jobIds.map((jobId) => service.importJob({ jobId })));
    if (jobs.every((job) => job.state !== 'running')) return jobs;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The collection has no card whose note is gone, and the screens that read every card work. */
async function expectWhole(service: StudyService): Promise<void> {
  const col = service.store.requireCollection();
  expect([...col.cards.values()].filter((card) => !col.notes.has(card.noteId)).map((card) => card.id)).toEqual([]);
  // Search lists every card, each with its note's question; the due list names only cards that exist.
  const all = await service.search({ query: '' });
  expect(new Set(all.ids)).toEqual(new Set(col.cards.keys()));
  expect(all.rows.every((row) => col.cards.has(row.cardId) && row.question.length > 0)).toBe(true);
  const due = await service.listDue({});
  expect(due.length).toBeGreaterThan(0);
  expect(due.filter((card) => !col.cards.has(card.cardId)).map((card) => card.cardId)).toEqual([]);
  expect((await service.check({})).ok).toBe(true);
}

describe('an import that runs while the learner keeps working', () => {
  it('keeps an answer given while the import was writing media: its review stays and the schedule counts it', async () => {
    const clock = new TestClock(T0);
    const zip = await studiedElsewhere(clock);
    clock.advance(60);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: SAMPLE });
    clock.advance(1);
    const { jobId } = await service.startImport({ path: zip });
    const job = await whileWritingMedia(service, jobId, () => service.answer({ cardId: X, rating: 'easy', durationMs: 1 }));
    expect(job.state).toBe('done');

    // The same three things one after another: the import first, then the answer.
    const { service: oracle } = openTestService({ clock, decks: null });
    clock.advance(-1);
    await oracle.importFile({ path: SAMPLE });
    clock.advance(1);
    await oracle.importFile({ path: zip });
    await oracle.answer({ cardId: X, rating: 'easy', durationMs: 1 });

    const mine = service.store.requireCollection();
    const theirs = oracle.store.requireCollection();
    expect(mine.history.reviewsOf(X).map((r) => [r.at, r.rating])).toContainEqual([clock.ms, 4]);
    expect(mine.cards.get(X)).toMatchObject({ reps: 2, lastReview: clock.ms });
    expect(mine.cards.get(X)).toEqual(theirs.cards.get(X));
    await expectWhole(service);
    await oracle.close();
    await service.close();
  });

  it('leaves no card without a note when a note is deleted while the import runs, and search and the due list work', async () => {
    const clock = new TestClock(T0);
    const zip = await studiedElsewhere(clock);
    clock.advance(60);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: SAMPLE });
    const { jobId } = await service.startImport({ path: zip });
    const job = await whileWritingMedia(service, jobId, () => service.bulk({ cardIds: [Y], change: { action: 'delete' } }));
    expect(job.state).toBe('done');
    // The file has the note, and it was imported after the delete: it comes back whole, cards and all.
    const col = service.store.requireCollection();
    expect(col.notes.has(col.cards.get(Y)?.noteId ?? 's-adam-defaults')).toBe(true);
    await expectWhole(service);
    await service.close();
  });

  it('fails with a clear message when a backup is restored while it runs, and leaves the restored collection as it was', async () => {
    const clock = new TestClock(T0);
    const zip = await studiedElsewhere(clock);
    clock.advance(60);
    const { service } = openTestService({ clock, decks: null });
    await service.importFile({ path: SAMPLE });
    const backup = await service.store.backupNow(5);
    const restoredNotes = service.store.requireCollection().notes.size;
    await service.bulk({ cardIds: [Y], change: { action: 'delete' } });
    const { jobId } = await service.startImport({ path: zip });
    const job = await whileWritingMedia(service, jobId, () => service.restoreBackup({ name: backup.name }));
    expect(job).toMatchObject({ state: 'failed', error: { code: 'conflict', message: expect.stringMatching(/restored or rebuilt while this import ran, so nothing was imported/) } });
    const col = service.store.requireCollection();
    expect(col.notes.size).toBe(restoredNotes);
    expect(col.history.activeCount).toBe(0);
    await expectWhole(service);
    await service.close();
  });
});

describe('media from imports that overlap', () => {
  it('keeps each import’s own pic.png when two start together: the second is renamed and its note points at the new name', async () => {
    const clock = new TestClock(T0);
    const zips = [await backupWithPicture(clock, 'first', 'picture ONE'), await backupWithPicture(clock, 'second', 'picture TWO, different')];
    const { service, dataDir } = openTestService({ clock, decks: null });
    const jobIds = [(await service.startImport({ path: zips[0]! })).jobId, (await service.startImport({ path: zips[1]! })).jobId];
    const jobs = await finished(service, jobIds);
    expect(jobs.map((job) => job.state)).toEqual(['done', 'done']);
    expect(jobs[1]!.summary!.messages).toContainEqual(expect.stringMatching(/^media "pic.png": a different file already has this name; imported as "pic-[0-9a-f]{8}\.png"$/));

    const shown = (front: string) => {
      const note = [...service.store.requireCollection().notes.values()].find((n) => n.fields.Front?.startsWith(front))!;
      const name = /!\[\]\(([^)]+)\)/.exec(note.fields.Front!)![1]!;
      return readFileSync(join(dataDir, 'media', name), 'utf8');
    };
    expect(shown('first')).toBe('picture ONE');
    expect(shown('second')).toBe('picture TWO, different');
    await service.close();
  });

  it('never writes over a file that appears under the same name while it runs (a pasted image): the import takes a new name', async () => {
    const clock = new TestClock(T0);
    const zip = await backupWithPicture(clock, 'imported', 'picture from the file');
    const { service, dataDir } = openTestService({ clock, decks: null });
    const { jobId } = await service.startImport({ path: zip });
    const job = await whileWritingMedia(service, jobId, async () => {
      mkdirSync(join(dataDir, 'media'), { recursive: true });
      writeFileSync(join(dataDir, 'media', 'pic.png'), 'pasted meanwhile');
    });
    expect(job.state).toBe('done');
    expect(readFileSync(join(dataDir, 'media', 'pic.png'), 'utf8')).toBe('pasted meanwhile');
    const note = [...service.store.requireCollection().notes.values()].find((n) => n.fields.Front?.startsWith('imported'))!;
    const name = /!\[\]\(([^)]+)\)/.exec(note.fields.Front!)![1]!;
    expect(name).toMatch(/^pic-[0-9a-f]{8}\.png$/);
    expect(readFileSync(join(dataDir, 'media', name), 'utf8')).toBe('picture from the file');
    expect(job.summary!.media).toMatchObject({ added: 1 });
    await service.close();
  });
});
