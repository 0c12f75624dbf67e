// The daily backup while the app stays open: taken at a pause when due, and a failure said, never swallowed.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StudyService } from '../../src/main/service/study-service';
import { JOURNAL_FILE } from '../../src/main/store/journal';
import { openTestService, TestClock, T0 } from '../helpers/service';

/** A timer the test ticks by hand: one tick is one look ("is a backup due, and is the learner pausing?"). */
function handTimer() {
  let tick: (() => void) | null = null;
  return {
    every: (callback: () => void) => {
      tick = callback;
      return () => (tick = null);
    },
    tick: () => tick?.(),
    get running() {
      return tick !== null;
    },
  };
}

async function answerOne(service: StudyService): Promise<void> {
  const next = await service.nextCard({});
  await service.answer({ cardId: next.card!.cardId, rating: 'good' });
}

function start(service: StudyService) {
  const timer = handTimer();
  const logged: string[] = [];
  const daily = service.startDailyBackups({ log: (line) => logged.push(line), every: timer.every, retryAfterFailureMs: 0 });
  return { timer, logged, daily };
}

describe('the daily backup of an app left open', () => {
  it('is taken at once when there is none, then a day later at the first look after a pause', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    const { timer, daily } = start(service);
    await daily.settled();
    expect(await service.listBackups({})).toHaveLength(1);

    // Studying on through the next day: every look sees an answer since the last, so it waits.
    clock.advanceDays(1);
    for (let i = 0; i < 3; i++) {
      await answerOne(service);
      timer.tick();
      await daily.settled();
      expect(await service.listBackups({})).toHaveLength(1);
    }
    // A look with no answer since the one before: the learner paused, the backup is taken.
    timer.tick();
    await daily.settled();
    const backups = await service.listBackups({});
    expect(backups).toHaveLength(2);
    expect(backups[0]!.createdAt).toBe(clock.ms);

    // Not again the same day, however long the pause.
    clock.advance(600);
    timer.tick();
    await daily.settled();
    expect(await service.listBackups({})).toHaveLength(2);
    await service.close();
    expect(timer.running).toBe(false);
  });

  it('that fails is logged with its reason and shown by status until one succeeds', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    // A file where the backups folder should be: every backup fails.
    writeFileSync(join(dataDir, 'backups'), 'not a folder');
    const { timer, logged, daily } = start(service);
    await daily.settled();
    expect(logged).toEqual([expect.stringMatching(/^Backup failed: ENOTDIR: not a directory, \w+ '.*backups/)]);
    const failed = await service.status({});
    expect(failed.backupFailure).toEqual({ at: clock.ms, message: expect.stringContaining('ENOTDIR') });
    expect(failed.backups).toEqual([]);

    rmSync(join(dataDir, 'backups'));
    clock.advance(60);
    timer.tick();
    await daily.settled();
    const healed = await service.status({});
    expect(healed.backupFailure).toBeNull();
    expect(healed.backups).toHaveLength(1);
    expect(logged).toHaveLength(1);
    await service.close();
  });

  it('whose journal check fails is reported the same way, naming the check', async () => {
    const { service, dataDir } = openTestService();
    await answerOne(service);
    // The journal's name now holds a folder: reading it fails as a failing disk would.
    const journal = join(dataDir, JOURNAL_FILE);
    renameSync(journal, `${journal}.real`);
    mkdirSync(journal);
    const { logged, daily } = start(service);
    await daily.settled();
    rmSync(journal, { recursive: true });
    renameSync(`${journal}.real`, journal);
    expect(logged).toEqual([expect.stringMatching(/^Backup failed: the journal could not be checked before the backup \(EISDIR/)]);
    expect((await service.status({})).backupFailure?.message).toMatch(/journal could not be checked/);
    expect(await service.listBackups({})).toEqual([]);
    await service.close();
  });

  it('after a failure waits an hour of looks before trying again, so a full disk is not hammered', async () => {
    const { service, dataDir } = openTestService();
    writeFileSync(join(dataDir, 'backups'), 'not a folder');
    const timer = handTimer();
    const logged: string[] = [];
    const daily = service.startDailyBackups({ log: (line) => logged.push(line), every: timer.every, checkEveryMs: 60_000 });
    await daily.settled();
    for (let look = 1; look < 60; look++) {
      timer.tick();
      await daily.settled();
    }
    expect(logged).toHaveLength(1);
    timer.tick();
    await daily.settled();
    expect(logged).toHaveLength(2);
    await service.close();
  });
});
