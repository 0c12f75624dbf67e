// The data folder under the cases a reviewer found: rebuilt history caches, restores cut short or racing a snapshot.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveAside } from '../../src/main/store/backups';
import { JOURNAL_FILE } from '../../src/main/store/journal';
import { readSnapshot, SNAPSHOT_FILE } from '../../src/main/store/snapshot-file';
import { HISTORY_FILE, RESTORE_MARKER } from '../../src/main/store/store';
import { openTestService, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

type Service = ReturnType<typeof openTestService>['service'];

const FRENCH = join(import.meta.dirname, '../fixtures/anki/mauriciopoppe-french-cloze-2026.apkg');

async function studySome(service: Service, count: number, clock: TestClock, rating: 'good' | 'again' = 'good'): Promise<string[]> {
  const answered: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = await service.nextCard({});
    if (!next.card) break;
    await service.answer({ cardId: next.card.cardId, rating, durationMs: 1000 });
    answered.push(next.card.cardId);
    clock.advance(1);
  }
  return answered;
}

function historyOf(service: Service): string[] {
  const log = service.store.collection!.history;
  const out: string[] = [];
  for (let i = 0; i < log.length; i++) if (!log.removed[i]) out.push(`${log.read(i).seq}:${log.read(i).cardId}`);
  return out;
}

describe('the history cache', () => {
  it('rebuilt from the journal keeps the reviews an import brought in', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock, decks: null });
    const job = await first.service.importFile({ path: FRENCH });
    expect(job.reviews.added).toBe(3470);
    await studySome(first.service, 1, clock);
    const live = historyOf(first.service);
    await first.service.close();
    rmSync(join(first.dataDir, HISTORY_FILE)); // lost, or older than the snapshot after a crash

    const second = openTestService({ clock, decks: null, dataDir: first.dataDir });
    expect(historyOf(second.service)).toEqual(live);
    expect((await second.service.check({})).ok).toBe(true);
    await second.service.close();
  });

  it('from another timeline with the same sequence number is not trusted', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await studySome(service, 2, clock);
    const backup = await service.store.backupNow(10);
    await studySome(service, 3, clock);
    await service.store.snapshot();
    const otherTimeline = readFileSync(join(dataDir, HISTORY_FILE));

    await service.restoreBackup({ name: backup.name });
    await studySome(service, 3, clock, 'again'); // as many events as the other timeline, other answers
    await service.close();
    writeFileSync(join(dataDir, HISTORY_FILE), otherTimeline);

    const reopened = openTestService({ clock, dataDir });
    expect((await reopened.service.check({})).ok).toBe(true);
    expect(historyOf(reopened.service)).toHaveLength(5);
    await reopened.service.close();
  });

  it('is not rebuilt from a journal damaged before the snapshot, and a warning says so', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await studySome(first.service, 6, clock);
    await first.service.close();
    const journal = join(first.dataDir, JOURNAL_FILE);
    const bytes = readFileSync(journal);
    const secondLine = bytes.indexOf(0x0a) + 30;
    bytes[secondLine] = bytes[secondLine] === 0x41 ? 0x42 : 0x41;
    writeFileSync(journal, bytes);
    rmSync(join(first.dataDir, HISTORY_FILE));

    const second = openTestService({ clock, dataDir: first.dataDir });
    const status = await second.service.status({});
    expect(status.ok).toBe(true); // the schedules in the snapshot are intact: studying goes on
    expect(status.warnings.join(' ')).toMatch(/review history could not be rebuilt .*line 2/);
    await second.service.store.snapshot();
    expect(existsSync(join(first.dataDir, HISTORY_FILE))).toBe(false); // a partial history is never cached
    await second.service.close();
  });
});

describe('snapshots', () => {
  it('encoded in slices at an idle moment is given up when an answer lands meanwhile, and the next one covers it', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await studySome(service, 1, clock);
    expect(await service.store.snapshot()).toBe('written');
    const before = readFileSync(join(dataDir, SNAPSHOT_FILE));
    // The answer is taken while the snapshot waits between two slices.
    const sliced = service.store.snapshot({ inSlices: true });
    await studySome(service, 1, clock);
    expect(await sliced).toBe('overtaken');
    expect(readFileSync(join(dataDir, SNAPSHOT_FILE)).equals(before)).toBe(true);
    expect(service.store.pendingEvents).toBeGreaterThan(0);
    // Left alone, the next one in slices is written, and covers the answer.
    expect(await service.store.snapshot({ inSlices: true })).toBe('written');
    expect(service.store.pendingEvents).toBe(0);
    const onDisk = readSnapshot(join(dataDir, SNAPSHOT_FILE));
    if (onDisk.kind !== 'ok') throw new Error(`snapshot ${onDisk.kind}`);
    expect(onDisk.data.journal.seq).toBe(service.store.lastSeq);
    await service.close();
  });

  it('asked for by many callers at once are written one after another, none failing, the last one whole', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    const writes: Array<Promise<unknown>> = [];
    for (let i = 0; i < 12; i++) {
      await studySome(service, 1, clock);
      writes.push(service.store.snapshot(), service.store.snapshot());
    }
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(service.store.pendingEvents).toBe(0);
    expect(service.store.warnings).toEqual([]);
    // The file on disk is the latest state: it covers the whole journal and counts all 12 answers.
    const onDisk = readSnapshot(join(dataDir, SNAPSHOT_FILE));
    if (onDisk.kind !== 'ok') throw new Error(`snapshot ${onDisk.kind}`);
    expect(onDisk.data.journal).toEqual({ seq: service.store.lastSeq, offset: statSync(join(dataDir, JOURNAL_FILE)).size });
    expect(onDisk.data.collection.cards.reduce((sum, card) => sum + card.reps, 0)).toBe(12);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await service.close();
  });
});

describe('restoring a backup', () => {
  it('while a snapshot is being written keeps the answers made after the restore', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await studySome(service, 2, clock);
    const backup = await service.store.backupNow(10);
    await studySome(service, 8, clock);
    const inFlight = service.store.snapshot();
    await service.restoreBackup({ name: backup.name });
    await inFlight;
    await studySome(service, 2, clock);
    await service.close();

    const reopened = openTestService({ clock, dataDir });
    const status = await reopened.service.status({});
    expect(status.damage).toBeNull();
    expect((await reopened.service.listDecks({})).today.reviews).toBe(4);
    expect((await reopened.service.check({})).ok).toBe(true);
    await reopened.service.close();
  });

  it('cut short after the current files were moved aside is finished at the next start', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await studySome(first.service, 3, clock);
    const backup = await first.service.store.backupNow(10);
    await studySome(first.service, 4, clock);
    await first.service.close();
    // The state a crash leaves after the marker was written and the old files moved aside.
    writeFileSync(join(first.dataDir, RESTORE_MARKER), JSON.stringify({ backup: backup.name }));
    moveAside(first.dataDir, [SNAPSHOT_FILE, JOURNAL_FILE], clock.now());

    const second = openTestService({ clock, dataDir: first.dataDir });
    const status = await second.service.status({});
    expect(status.ok).toBe(true);
    expect(status.warnings.join(' ')).toMatch(new RegExp(`restore of ${backup.name} was interrupted; it has now been completed`));
    expect((await second.service.listDecks({})).today.reviews).toBe(3); // the backup, not an empty collection
    expect(existsSync(join(first.dataDir, RESTORE_MARKER))).toBe(false);
    await second.service.close();
  });

  it('cut short while the backup was being written back is finished, keeping the half-written file aside', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await studySome(first.service, 3, clock);
    const backup = await first.service.store.backupNow(10);
    await studySome(first.service, 2, clock);
    await first.service.close();
    writeFileSync(join(first.dataDir, RESTORE_MARKER), JSON.stringify({ backup: backup.name }));
    moveAside(first.dataDir, [SNAPSHOT_FILE, JOURNAL_FILE], clock.now());
    writeFileSync(join(first.dataDir, SNAPSHOT_FILE), '{"format":1,"jour'); // cut off mid-write

    const second = openTestService({ clock, dataDir: first.dataDir });
    expect((await second.service.status({})).ok).toBe(true);
    expect((await second.service.listDecks({})).today.reviews).toBe(3);
    // Both moves kept their files: the full pre-restore journal and the partial snapshot.
    const aside = readdirSync(join(first.dataDir, 'damaged'));
    expect(aside).toHaveLength(2);
    await second.service.close();
  });

  it('that cannot be finished (its backup is gone) is reported as damage, never opened as a new collection', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await studySome(first.service, 3, clock);
    const backup = await first.service.store.backupNow(10);
    await first.service.close();
    writeFileSync(join(first.dataDir, RESTORE_MARKER), JSON.stringify({ backup: backup.name }));
    moveAside(first.dataDir, [SNAPSHOT_FILE, JOURNAL_FILE], clock.now());
    renameSync(backup.path, join(tempFolder(), 'elsewhere'));

    const second = openTestService({ clock, dataDir: first.dataDir });
    const status = await second.service.status({});
    expect(status.ok).toBe(false);
    expect(status.damage).toMatchObject({ file: RESTORE_MARKER });
    expect(status.damage!.problem).toMatch(new RegExp(`restore of ${backup.name} was interrupted`));
    expect(existsSync(join(first.dataDir, SNAPSHOT_FILE))).toBe(false); // nothing new written over the evidence
    await second.service.close();
  });
});

describe('files moved aside', () => {
  it('twice in the same millisecond go to two folders, neither overwriting the other', () => {
    const dir = tempFolder();
    writeFileSync(join(dir, JOURNAL_FILE), 'first');
    moveAside(dir, [JOURNAL_FILE], T0);
    writeFileSync(join(dir, JOURNAL_FILE), 'second');
    moveAside(dir, [JOURNAL_FILE], T0);
    const folders = readdirSync(join(dir, 'damaged')).sort();
    expect(folders).toHaveLength(2);
    expect(folders.map((f) => readFileSync(join(dir, 'damaged', f, JOURNAL_FILE), 'utf8')).sort()).toEqual(['first', 'second']);
  });
});

describe('automatic backups', () => {
  it('are not stopped by a backup stamped in the future (a clock that was wrong)', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    clock.advanceDays(30);
    await service.backupIfDue();
    clock.advanceDays(-30);
    expect(await service.store.backupIfDue(10)).not.toBeNull();
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(2);
    await service.close();
  });
});

describe('check', () => {
  it('notices a review history that disagrees with the journal, and says so', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await studySome(service, 3, clock);
    const log = service.store.collection!.history;
    log.remove(log.read(0).seq);
    const report = await service.check({});
    expect(report.ok).toBe(false);
    expect(report.journal.problem).toMatch(/review history/);
    await service.close();
  });
});
