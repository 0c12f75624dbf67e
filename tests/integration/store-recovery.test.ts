// What happens to the data folder when things go wrong: torn writes, damage, lost snapshots, backups.
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FILE } from '../../src/main/store/journal';
import { SNAPSHOT_FILE } from '../../src/main/store/snapshot-file';
import { openTestService, TestClock, T0 } from '../helpers/service';

async function studySome(service: Awaited<ReturnType<typeof openTestService>>['service'], count: number, clock: TestClock) {
  const answered: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = await service.nextCard({});
    if (!next.card) break;
    await service.answer({ cardId: next.card.cardId, rating: 'good', durationMs: 1500 });
    answered.push(next.card.cardId);
    clock.advance(2);
  }
  return answered;
}

function journalLines(dataDir: string): string[] {
  return readFileSync(join(dataDir, JOURNAL_FILE), 'utf8').split('\n').filter(Boolean);
}

describe('a torn last journal line (power cut during a write)', () => {
  it('is dropped with a warning, everything before it kept, and its bytes saved aside', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await studySome(first.service, 5, clock);
    await first.service.close({ snapshotIfPendingAtLeast: 1000 }); // leave the reviews in the journal tail
    const lines = journalLines(first.dataDir);
    appendFileSync(join(first.dataDir, JOURNAL_FILE), lines[lines.length - 1]!.slice(0, 40));

    const second = openTestService({ clock, dataDir: first.dataDir });
    const status = await second.service.status({});
    expect(status.ok).toBe(true);
    expect(status.warnings).toHaveLength(1);
    expect(status.warnings[0]).toMatch(/cut short .* byte \d+/);
    expect((await second.service.listDecks({})).today.reviews).toBe(5);
    expect(readdirSync(first.dataDir).some((name) => name.startsWith('journal.torn-'))).toBe(true);
    // New answers go on a clean line after the good ones.
    await studySome(second.service, 1, clock);
    await second.service.close({ snapshotIfPendingAtLeast: 1000 });
    const third = openTestService({ clock, dataDir: first.dataDir });
    expect((await third.service.status({})).warnings).toEqual([]);
    expect((await third.service.listDecks({})).today.reviews).toBe(6);
    await third.service.close();
  });
});

describe('damage in the middle of the journal', () => {
  it('is reported with file and position, nothing is written, and a backup can be restored', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await studySome(first.service, 3, clock);
    await first.service.store.backupNow(14);
    await studySome(first.service, 3, clock);
    await first.service.close({ snapshotIfPendingAtLeast: 1000 });
    const journal = join(first.dataDir, JOURNAL_FILE);
    const snapshot = JSON.parse(readFileSync(join(first.dataDir, SNAPSHOT_FILE), 'utf8')) as { journal: { offset: number } };
    // Flip one character inside a line of the tail that the snapshot does not cover.
    const bytes = readFileSync(journal);
    const at = snapshot.journal.offset + 20;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(journal, bytes);
    const sizeBefore = statSync(journal).size;

    const second = openTestService({ clock, dataDir: first.dataDir });
    const status = await second.service.status({});
    expect(status.ok).toBe(false);
    expect(status.damage).toMatchObject({ file: JOURNAL_FILE, problem: 'the checksum does not match the line' });
    expect(status.damage!.position).toMatch(/^line \d+ \(byte \d+\)$/);
    expect(status.backups).toHaveLength(1);
    await expect(second.service.nextCard({})).rejects.toMatchObject({ code: 'data_damaged' });
    await expect(second.service.answer({ cardId: 's-code/1', rating: 'good' })).rejects.toMatchObject({ code: 'data_damaged' });
    expect(statSync(journal).size).toBe(sizeBefore);

    const restored = await second.service.restoreBackup({ name: status.backups[0]!.name });
    expect(restored.ok).toBe(true);
    expect((await second.service.listDecks({})).today.reviews).toBe(3);
    // The damaged files were moved aside, not deleted.
    const aside = readdirSync(join(first.dataDir, 'damaged'));
    expect(readdirSync(join(first.dataDir, 'damaged', aside[0]!))).toEqual(expect.arrayContaining([JOURNAL_FILE, SNAPSHOT_FILE]));
    await second.service.close();
  });
});

describe('a damaged snapshot', () => {
  it('is reported with its position and can be rebuilt from the journal without losing a review', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    const answered = await studySome(first.service, 6, clock);
    await first.service.close();
    const path = join(first.dataDir, SNAPSHOT_FILE);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 500));

    const second = openTestService({ clock, dataDir: first.dataDir });
    const status = await second.service.status({});
    expect(status.damage).toMatchObject({ file: SNAPSHOT_FILE });
    expect(status.damage!.position).toMatch(/line 1 \(byte \d+\)/);
    const rebuilt = await second.service.rebuildFromJournal({});
    expect(rebuilt.ok).toBe(true);
    expect((await second.service.listDecks({})).today.reviews).toBe(6);
    for (const cardId of answered) expect((await second.service.getCard({ cardId })).history.length).toBeGreaterThan(0);
    await second.service.close();
  });
});

describe('check', () => {
  it('verifies the snapshot and the journal and replays the journal to the same collection', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await studySome(service, 4, clock);
    await service.undo({});
    const report = await service.check({});
    expect(report).toMatchObject({ ok: true, reviews: 3, cards: 16, notes: 14 });
    expect(report.journal.problem).toBeNull();
    await service.close();
  });
});

describe('backups', () => {
  it('are made once a day and only the newest are kept', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await service.updateSettings({ backupsToKeep: 3 });
    for (let day = 0; day < 5; day++) {
      await service.backupIfDue();
      await service.backupIfDue(); // the same day: nothing new
      clock.advanceDays(1);
    }
    const backups = await service.listBackups({});
    expect(backups).toHaveLength(3);
    expect(backups[0]!.createdAt).toBeGreaterThan(backups[1]!.createdAt);
    const manifest = JSON.parse(readFileSync(join(dataDir, 'backups', backups[0]!.name, 'manifest.json'), 'utf8')) as { journal: { segments: { file: string }[] } };
    expect(manifest.journal.segments.length).toBeGreaterThan(0);
    for (const segment of manifest.journal.segments) expect(existsSync(join(dataDir, 'backups', backups[0]!.name, segment.file))).toBe(true);
    await service.close();
  });
});

describe('damage in the journal after the snapshot, with or without backups', () => {
  it('can be left behind: the folder goes on from the last good line, the whole journal copied aside first', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await studySome(first.service, 5, clock);
    await first.service.close({ snapshotIfPendingAtLeast: 1000 }); // the five answers stay in the tail
    const journal = join(first.dataDir, JOURNAL_FILE);
    const lines = journalLines(first.dataDir);
    const bytes = readFileSync(journal);
    const damagedLine = bytes.indexOf(lines[lines.length - 3]!); // the third answer from the end
    bytes[damagedLine + 25] = bytes[damagedLine + 25] === 0x41 ? 0x42 : 0x41;
    writeFileSync(journal, bytes);

    const second = openTestService({ clock, dataDir: first.dataDir });
    const status = await second.service.status({});
    expect(status.damage).toMatchObject({ file: JOURNAL_FILE, position: `line ${lines.length - 2} (byte ${damagedLine})`, keepBefore: { entriesAfter: 3 } });
    const kept = await second.service.keepJournalUntilDamage({});
    expect(kept.ok).toBe(true);
    expect(kept.warnings.join(' ')).toMatch(/the 3 entries from the damaged one on were set aside in .*damaged/);
    expect((await second.service.listDecks({})).today.reviews).toBe(2);
    const aside = readdirSync(join(first.dataDir, 'damaged'));
    expect(readFileSync(join(first.dataDir, 'damaged', aside[0]!, JOURNAL_FILE))).toEqual(bytes);
    await studySome(second.service, 1, clock);
    await second.service.close();
    const reopened = openTestService({ clock, dataDir: first.dataDir });
    expect((await reopened.service.check({})).ok).toBe(true);
    expect((await reopened.service.listDecks({})).today.reviews).toBe(3);
    await reopened.service.close();
  });

  it('in the part a snapshot already covers is found by the daily check, which then keeps every backup', async () => {
    const clock = new TestClock(T0);
    const first = openTestService({ clock });
    await first.service.updateSettings({ backupsToKeep: 1 });
    for (let day = 0; day < 2; day++) {
      await studySome(first.service, 2, clock);
      await first.service.backupIfDue();
      clock.advanceDays(1);
    }
    await first.service.close();
    expect(readdirSync(join(first.dataDir, 'backups'))).toHaveLength(1);
    const journal = join(first.dataDir, JOURNAL_FILE);
    const bytes = readFileSync(journal);
    const secondLine = bytes.indexOf(0x0a) + 30;
    bytes[secondLine] = bytes[secondLine] === 0x41 ? 0x42 : 0x41;
    writeFileSync(journal, bytes);

    const second = openTestService({ clock, dataDir: first.dataDir });
    expect((await second.service.status({})).warnings).toEqual([]); // opening reads only the tail
    await second.service.backupIfDue();
    const status = await second.service.status({});
    expect(status.warnings.join(' ')).toMatch(/journal is damaged at line 2 .*every backup is now kept/);
    expect(status.backups).toHaveLength(2); // the older one was not pruned
    await second.service.close();
  });

  it('after a restore, says which backup came back and where the replaced files are', async () => {
    const clock = new TestClock(T0);
    const { service } = openTestService({ clock });
    await studySome(service, 2, clock);
    const backup = await service.store.backupNow(10);
    await studySome(service, 2, clock);
    const status = await service.restoreBackup({ name: backup.name });
    expect(status.warnings.join(' ')).toMatch(/Restored the backup of .*The files it replaced are kept in .*damaged/);
    await service.close();
  });
});
