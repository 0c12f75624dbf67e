// Damaged data from the command line: every message lists the ways back with what each keeps, best first, and each way is a command.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { openTestService, TestClock, T0 } from '../helpers/service';

/** A folder with one answer in a backup and four in the journal; `after` damages it. */
async function studiedFolder(): Promise<{ dataDir: string; backup: string }> {
  const clock = new TestClock(T0);
  const { service, dataDir } = openTestService({ clock });
  const cards = ['s-code/1', 's-bias-variance/1', 's-adam-defaults/1', 's-softmax-definition/1'];
  await service.answer({ cardId: cards[0]!, rating: 'good' });
  const backup = await service.store.backupNow(14);
  for (const cardId of cards.slice(1)) {
    clock.advance(5);
    await service.answer({ cardId, rating: 'good' });
  }
  await service.close({ snapshotIfPendingAtLeast: 1000 });
  return { dataDir, backup: backup.name };
}

describe('interleave with damaged data', { timeout: 180_000 }, () => {
  it('with only the snapshot damaged, lists rebuild (all reviews) before the backup, and `interleave rebuild` loses none', async () => {
    const { dataDir, backup } = await studiedFolder();
    const snapshot = join(dataDir, 'snapshot.json');
    writeFileSync(snapshot, readFileSync(snapshot, 'utf8').slice(0, 500));

    const refused = cli(dataDir, 'decks');
    expect(refused.code).toBe(4);
    const rebuildAt = refused.err.indexOf('interleave rebuild');
    const restoreAt = refused.err.indexOf(`interleave restore ${backup}`);
    expect(rebuildAt).toBeGreaterThan(0);
    expect(restoreAt).toBeGreaterThan(rebuildAt);
    expect(refused.err).toContain('rebuild: all 4 reviews');
    expect(refused.err).toMatch(/backup of 2 Mar 2026, 10:00: 1 review\b/);

    const check = cli(dataDir, '--json', 'check');
    expect(check.code).toBe(4);
    expect(check.json().waysBack).toEqual([
      expect.objectContaining({ kind: 'rebuild', reviews: 4, command: 'interleave rebuild' }),
      expect.objectContaining({ kind: 'restore', reviews: 1, command: `interleave restore ${backup}`, backup: { name: backup, createdAt: T0 } }),
    ]);
    expect(cli(dataDir, 'check').out).toMatch(/Ways back, best first:\n\s+interleave rebuild\s+rebuild: all 4 reviews\n\s+interleave restore backup-\S+\s+backup of/);

    const rebuilt = cli(dataDir, 'rebuild');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toContain('Rebuilt the collection from the journal');
    expect(cli(dataDir, '--json', 'check').json()).toMatchObject({ ok: true, reviews: 4 });
  });

  it('with the journal damaged after the snapshot, offers to cut it there with what that keeps, and does so when asked', async () => {
    const { dataDir, backup } = await studiedFolder();
    const journal = join(dataDir, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    const third = lines.map((line, i) => (line.includes('"type":"review"') ? i : -1)).filter((i) => i >= 0)[2]!;
    lines[third] = lines[third]!.replace('"rating":3', '"rating":4');
    writeFileSync(journal, lines.join('\n'));

    const check = cli(dataDir, '--json', 'check');
    expect(check.code).toBe(4);
    expect(check.json().waysBack.map((way: { kind: string; reviews: number }) => [way.kind, way.reviews])).toEqual([
      ['cut', 2],
      ['restore', 1],
    ]);
    const refused = cli(dataDir, 'answer', 's-code/1', 'good');
    expect(refused.code).toBe(4);
    expect(refused.err).toMatch(/interleave cut-at-damage\s+journal up to the damaged line: 2 reviews/);
    expect(refused.err).toContain(`interleave restore ${backup}`);

    const cut = cli(dataDir, 'cut-at-damage');
    expect(cut.code).toBe(0);
    expect(cut.out).toMatch(/set aside in .*damaged/);
    expect(cli(dataDir, '--json', 'check').json()).toMatchObject({ ok: true, reviews: 2 });
  });
});
