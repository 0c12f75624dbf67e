// A large import's review rows are written ahead of its commit: an answer in between keeps its place, and an import that fails after that leaves nothing of itself.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Collection } from '../../src/core/collection/collection';
import { ReviewLog } from '../../src/core/history/review-log';
import type { StudyService } from '../../src/main/service/study-service';
import { JournalWriter } from '../../src/main/store/journal';
import type { ImportJob } from '../../src/shared/dto';
import { basicNote, card, packageOf } from '../helpers/anki-builder';
import { openTestService } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

/** A package of `count` notes with five reviews each. */
async function reviewedNotes(count: number): Promise<string> {
  const notes = Array.from({ length: count }, (_, i) =>
    basicNote(`anki:r${i}`, `Question ${i}?`, `Answer ${i}.`, {
      cards: [card(1, { reviews: Array.from({ length: 5 }, (_, k) => ({ at: Date.UTC(2025, 0, 1 + k * 9, 12), rating: 3 as const, durationMs: 3000 })) })],
    }),
  );
  const file = join(tempFolder('pkg'), 'reviewed.apkg');
  writeFileSync(file, await packageOf(notes));
  return file;
}

/** Follows the job turn by turn; the first time it is in `phase`, does `act`. */
async function onceIn(service: StudyService, jobId: string, phase: string, act: () => Promise<unknown>): Promise<{ acted: boolean; job: ImportJob }> {
  let acted = false;
  for (;;) {
    const job = await service.importJob({ jobId });
    if (job.state !== 'running') return { acted, job };
    if (!acted && job.phase === phase) {
      acted = true;
      await act();
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The review history as replaying the whole journal from its first line gives it. */
function replayedHistory(service: StudyService): Buffer {
  const replayed = new Collection();
  service.store.scanAllEvents(({ seq, event }) => replayed.apply(seq, event));
  return Buffer.from(replayed.history.toBytes());
}

describe('an import whose review rows are written before it lands', { timeout: 120_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('lands whole when an answer comes in after its rows were written: the answer keeps its place before the import', async () => {
    const file = await reviewedNotes(3000);
    const { service } = openTestService();
    try {
      const col = service.store.requireCollection();
      const cardId = [...col.cards.keys()][0]!;
      const rowByRow = vi.spyOn(ReviewLog.prototype, 'appendAll');
      const { jobId } = await service.startImport({ path: file });
      // 'saving' comes after the rows are written and before the line is committed.
      const { acted, job } = await onceIn(service, jobId, 'saving', () => service.answer({ cardId, rating: 'good', durationMs: 1000 }));
      expect(acted).toBe(true);
      expect(job).toMatchObject({ state: 'done', summary: { notes: { added: 3000 }, reviews: { added: 15_000 } } });
      // The answer moved the log on, so the rows were written again for it; the commit only linked them.
      expect(rowByRow).not.toHaveBeenCalled();
      const history = service.store.requireCollection().history;
      expect(history.activeCount).toBe(15_001);
      expect(history.reviewsOf(cardId)).toHaveLength(1);
      expect(history.reviewsOf(cardId)[0]!.seq).toBeLessThan(history.reviewsOf('anki:r0/1')[0]?.seq ?? 0);
      expect(Buffer.from(history.toBytes()).equals(replayedHistory(service))).toBe(true);
    } finally {
      await service.close();
    }
  });

  it('leaves nothing of itself when its line cannot be written after its rows were: no review, no card, no undo entry', async () => {
    const file = await reviewedNotes(2000);
    const { service } = openTestService();
    try {
      const col = service.store.requireCollection();
      const before = { history: Buffer.from(col.history.toBytes()), cards: col.cards.size, undo: col.undo.length, length: col.history.length };
      const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      vi.spyOn(JournalWriter.prototype, 'appendPrepared').mockRejectedValueOnce(full);
      const { jobId } = await service.startImport({ path: file });
      const { job } = await onceIn(service, jobId, 'never', async () => undefined);
      expect(job.state).toBe('failed');
      expect(job.error?.code).toBe('disk_full');
      expect(col.history.length).toBe(before.length);
      expect(Buffer.from(col.history.toBytes()).equals(before.history)).toBe(true);
      expect(col.history.cardIndexOf('anki:r0/1')).toBe(-1);
      expect(col.history.reviewsOf('anki:r0/1')).toEqual([]);
      expect(col.cards.size).toBe(before.cards);
      expect(col.undo).toHaveLength(before.undo);
      // Studying goes on as if it had never been tried, and the same file then lands whole.
      const cardId = [...col.cards.keys()][0]!;
      await service.answer({ cardId, rating: 'good', durationMs: 1000 });
      expect(col.history.reviewsOf(cardId)).toHaveLength(1);
      const again = await service.importFile({ path: file });
      expect(again).toMatchObject({ notes: { added: 2000 }, reviews: { added: 10_000 } });
      expect(col.history.reviewsOf('anki:r0/1')).toHaveLength(5);
      expect(Buffer.from(col.history.toBytes()).equals(replayedHistory(service))).toBe(true);
    } finally {
      await service.close();
    }
  });
});
