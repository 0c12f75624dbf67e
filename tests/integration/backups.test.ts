// Backups that are cheap to make: each links the journal the one before holds and compresses only what came since; partial ones never linger.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BackupManifest } from '../../src/main/store/backups';
import { JOURNAL_FILE } from '../../src/main/store/journal';
import { SNAPSHOT_FILE } from '../../src/main/store/snapshot-file';
import { openTestService, TestClock, T0 } from '../helpers/service';

type Service = ReturnType<typeof openTestService>['service'];

async function study(service: Service, count: number, clock: TestClock): Promise<void> {
  for (let i = 0; i < count; i++) {
    const next = await service.nextCard({});
    if (!next.card) throw new Error('nothing left to study');
    await service.answer({ cardId: next.card.cardId, rating: 'good' });
    clock.advance(2);
  }
}

const manifestOf = (dataDir: string, name: string) => JSON.parse(readFileSync(join(dataDir, 'backups', name, 'manifest.json'), 'utf8')) as BackupManifest;

/** The journal a backup holds, put together from its pieces. */
function journalOf(dataDir: string, name: string): Buffer {
  const manifest = manifestOf(dataDir, name);
  return Buffer.concat(manifest.journal!.segments.map((segment) => gunzipSync(readFileSync(join(dataDir, 'backups', name, segment.file)))));
}

describe('a backup after another', () => {
  it('links the journal the earlier one holds and compresses only what came since; restoring it brings every answer back', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await study(service, 3, clock);
    const first = await service.store.backupNow(14);
    await study(service, 2, clock);
    clock.advanceDays(1);
    const second = await service.store.backupNow(14);

    const [firstSegment] = first.manifest.journal!.segments;
    const [reused, added, ...none] = second.manifest.journal!.segments;
    expect(none).toEqual([]);
    expect(reused).toEqual(firstSegment);
    // The same file on disk, not a copy: nothing was read or compressed again.
    expect(statSync(join(second.path, reused!.file)).ino).toBe(statSync(join(first.path, firstSegment!.file)).ino);
    expect(added).toMatchObject({ from: firstSegment!.to, to: statSync(join(dataDir, JOURNAL_FILE)).size });
    expect(journalOf(dataDir, second.name)).toEqual(readFileSync(join(dataDir, JOURNAL_FILE)));
    expect(second.manifest.reviews).toBe(5);

    await study(service, 1, clock);
    await service.restoreBackup({ name: second.name });
    expect((await service.check({})).reviews).toBe(5);
    await service.close();
  });

  it('does not reuse the journal of a backup from a timeline a restore left', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await study(service, 3, clock);
    const a = await service.store.backupNow(14);
    await study(service, 2, clock);
    clock.advanceDays(1);
    await service.store.backupNow(14);
    await service.restoreBackup({ name: a.name });
    await study(service, 1, clock);
    clock.advanceDays(1);
    const c = await service.store.backupNow(14);
    expect(c.manifest.journal!.segments[0]).toEqual(a.manifest.journal!.segments[0]);
    expect(journalOf(dataDir, c.name)).toEqual(readFileSync(join(dataDir, JOURNAL_FILE)));
    await service.restoreBackup({ name: c.name });
    expect(await service.check({})).toMatchObject({ ok: true, reviews: 4 });
    await service.close();
  });

  it('copies the snapshot on disk as it is and writes no new one: the answers since are in its journal', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await service.store.snapshot();
    const snapshot = readFileSync(join(dataDir, SNAPSHOT_FILE));
    await study(service, 4, clock);
    const backup = await service.store.backupNow(14);
    expect(readFileSync(join(dataDir, SNAPSHOT_FILE))).toEqual(snapshot);
    expect(gunzipSync(readFileSync(join(backup.path, `${SNAPSHOT_FILE}.gz`)))).toEqual(snapshot);
    await study(service, 1, clock);
    await service.restoreBackup({ name: backup.name });
    expect((await service.listDecks({})).today.reviews).toBe(4);
    await service.close();
  });
});

describe('two backups at the same moment', () => {
  it('get names of their own, the earlier kept whole (a clock set back, a fixed clock)', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await study(service, 2, clock);
    const moment = clock.ms;
    const first = await service.store.backupNow(14);
    await study(service, 1, clock);
    clock.ms = moment;
    const second = await service.store.backupNow(14);
    expect(second.name).not.toBe(first.name);
    expect(manifestOf(dataDir, first.name).reviews).toBe(2);
    expect(manifestOf(dataDir, second.name).reviews).toBe(3);
    await service.close();
  });
});

describe('restoring a backup', () => {
  it('refuses a backup with a damaged piece, naming it, before anything of the data folder moves', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await study(service, 2, clock);
    const backup = await service.store.backupNow(14);
    const segment = backup.manifest.journal!.segments[0]!;
    const content = gunzipSync(readFileSync(join(backup.path, segment.file)));
    content[10] = content[10] === 0x41 ? 0x42 : 0x41;
    // A new file of the same name: the link the next backup would share is left alone.
    const path = join(backup.path, segment.file);
    const damaged = join(backup.path, `${segment.file}.new`);
    writeFileSync(damaged, gzipSync(content));
    renameSync(damaged, path);
    const journal = readFileSync(join(dataDir, JOURNAL_FILE));
    await expect(service.restoreBackup({ name: backup.name })).rejects.toThrow(`${segment.file} does not match its checksum`);
    expect(readFileSync(join(dataDir, JOURNAL_FILE))).toEqual(journal);
    expect(existsSync(join(dataDir, 'damaged'))).toBe(false);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await service.close();
  });
});

describe('a backup cut short', () => {
  it('leaves a partial folder that the next start removes', async () => {
    const first = openTestService();
    await first.service.close();
    const partial = join(first.dataDir, 'backups', '.backup-2026-03-02T10-00-00-000.partial');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'journal-0-100.gz'), 'half');
    const again = openTestService({ dataDir: first.dataDir });
    expect(existsSync(partial)).toBe(false);
    await again.service.close();
  });
});

describe('a backup of the first format (one gzip per file)', () => {
  it('is still listed and restored, and never taken as the start of a newer one', async () => {
    const clock = new TestClock(T0);
    const { service, dataDir } = openTestService({ clock });
    await study(service, 2, clock);
    await service.store.snapshot();
    const folder = join(dataDir, 'backups', 'backup-2026-03-01T10-00-00-000');
    mkdirSync(folder, { recursive: true });
    const files: BackupManifest['files'] = {};
    for (const file of [SNAPSHOT_FILE, JOURNAL_FILE]) {
      const content = readFileSync(join(dataDir, file));
      writeFileSync(join(folder, `${file}.gz`), gzipSync(content));
      files[file] = { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
    }
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ createdAt: T0 - 86_400_000, seq: 0, files }));
    await study(service, 1, clock);
    const newer = await service.store.backupNow(14);
    expect(newer.manifest.journal!.segments[0]!.from).toBe(0);
    await service.restoreBackup({ name: 'backup-2026-03-01T10-00-00-000' });
    expect(await service.check({})).toMatchObject({ ok: true, reviews: 2 });
    await service.close();
  });
});
