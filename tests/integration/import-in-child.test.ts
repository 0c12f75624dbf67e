// Files are read in a child process: while a large package is unpacked and parsed, the app's own process keeps answering.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { StudyService } from '../../src/main/service/study-service';
import type { ImportJob } from '../../src/shared/dto';
import { basicNote, card, json, packageOf, rezip } from '../helpers/anki-builder';
import { openTestService } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const MiB = 1024 * 1024;

/** A package of a few notes and one large media file of zeros (small once deflated, long to unpack). */
async function bigPackage(mediaBytes: number): Promise<string> {
  const pkg = rezip(await packageOf([basicNote('id:1', 'one <img src="big.bin">', '1'), basicNote('id:2', 'two', '2')]), (entries) => {
    entries.media = json({ 0: 'big.bin' });
    entries['0'] = new Uint8Array(mediaBytes);
  });
  const file = join(tempFolder('pkg'), 'big.apkg');
  writeFileSync(file, zipSync(Object.fromEntries(Object.entries(unzipSync(pkg)).map(([name, bytes]) => [name, [bytes, { level: 6 }]]))));
  return file;
}

/**
 * Follows the job turn by turn of the event loop, asking the service for the decks at each turn
 * while the file is being read. Returns how many of those calls were answered during the reading,
 * and the finished job.
 */
async function answeredWhileReading(service: StudyService, jobId: string, phase = 'reading the file'): Promise<{ answered: number; job: ImportJob }> {
  let answered = 0;
  for (;;) {
    const job = await service.importJob({ jobId });
    if (job.state !== 'running') return { answered, job };
    if (job.phase === phase) {
      await service.listDecks({});
      if ((await service.importJob({ jobId })).phase === phase) answered++;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A package of `count` notes with ten reviews each: long to plan and to write as one journal line. */
async function manyNotes(count: number): Promise<string> {
  const notes = Array.from({ length: count }, (_, i) =>
    basicNote(`anki:n${i}`, `What is item ${i}?`, `Item ${i}, explained at some length.`, {
      cards: [card(1, { reviews: Array.from({ length: 10 }, (_, k) => ({ at: Date.UTC(2025, 0, 1 + k * 7, 12), rating: 3 as const, durationMs: 4000 })) })],
    }),
  );
  const file = join(tempFolder('pkg'), 'many.apkg');
  writeFileSync(file, await packageOf(notes));
  return file;
}

/** A package of `count` notes, each with a small picture of its own: thousands of files to place and tidy away. */
async function manyPictures(count: number): Promise<string> {
  const notes = Array.from({ length: count }, (_, i) => basicNote(`id:p${i}`, `picture ${i} <img src="p${i}.png">`, `${i}`));
  const pkg = rezip(await packageOf(notes), (entries) => {
    entries.media = json(Object.fromEntries(notes.map((_, i) => [String(i), `p${i}.png`])));
    notes.forEach((_, i) => (entries[String(i)] = new TextEncoder().encode(`picture ${i}`)));
  });
  const file = join(tempFolder('pkg'), 'pictures.apkg');
  writeFileSync(file, pkg);
  return file;
}

describe('an import read in a child process', { timeout: 180_000 }, () => {
  it('leaves the app answering while the file is unpacked, and lands whole', async () => {
    const file = await bigPackage(256 * MiB);
    const { service, dataDir } = openTestService({ decks: null, importReader: 'child' });
    try {
      const { jobId } = await service.startImport({ path: file });
      const { answered, job } = await answeredWhileReading(service, jobId);
      expect(job).toMatchObject({ state: 'done', summary: { notes: { added: 2 }, media: { added: 1 } } });
      // Read here, the unpacking would hold the event loop from start to end: not one call in between.
      expect(answered).toBeGreaterThan(50);
      expect(statSync(join(dataDir, 'media', 'big.bin')).size).toBe(256 * MiB);
      expect(readdirSync(join(dataDir, 'media'))).toEqual(['big.bin']);
    } finally {
      await service.close();
    }
  });

  it('plans the import and writes its journal line a slice at a time: the app answers while both happen', async () => {
    const file = await manyNotes(5000);
    for (const phase of ['matching notes and histories', 'saving']) {
      const { service } = openTestService({ decks: null });
      try {
        const { jobId } = await service.startImport({ path: file });
        const { answered, job } = await answeredWhileReading(service, jobId, phase);
        expect(job).toMatchObject({ state: 'done', summary: { notes: { added: 5000 }, reviews: { added: 50_000 } } });
        expect(answered, phase).toBeGreaterThan(5);
      } finally {
        await service.close();
      }
    }
  });

  it('removes the temporary names of thousands of unpacked files once it has landed, the app answering meanwhile', async () => {
    const file = await manyPictures(3000);
    const { service, dataDir } = openTestService({ decks: null, importReader: 'child' });
    try {
      const { jobId } = await service.startImport({ path: file });
      const { answered, job } = await answeredWhileReading(service, jobId, 'tidying up');
      expect(job).toMatchObject({ state: 'done', summary: { notes: { added: 3000 }, media: { added: 3000 } } });
      // Removed one by one on the event loop, the names would hold it from the commit to the end.
      expect(answered).toBeGreaterThan(0);
      const left = readdirSync(join(dataDir, 'media'));
      expect(left.filter((name) => name.startsWith('.'))).toEqual([]);
      expect(left).toHaveLength(3000);
    } finally {
      await service.close();
    }
  });

  it('says what the child found wrong, in the same words, and leaves nothing unpacked behind', async () => {
    const file = await bigPackage(24 * MiB);
    const { service, dataDir } = openTestService({ decks: null, importReader: 'child', importLimits: { maxMediaFileBytes: 8 * MiB } });
    try {
      await expect(service.importFile({ path: file })).rejects.toMatchObject({ code: 'parse_error', message: expect.stringMatching(/larger than the limit of 8 MiB for one media file/) });
      expect(existsSync(join(dataDir, 'media')) ? readdirSync(join(dataDir, 'media')) : []).toEqual([]);
    } finally {
      await service.close();
    }
  });

  it('stops the child when the import is cancelled while reading, and removes what it had unpacked', async () => {
    const file = await bigPackage(512 * MiB);
    const { service, dataDir } = openTestService({ decks: null, importReader: 'child' });
    try {
      const { jobId } = await service.startImport({ path: file });
      let job = await service.importJob({ jobId });
      while (job.phase !== 'reading the file') {
        await new Promise((resolve) => setImmediate(resolve));
        job = await service.importJob({ jobId });
      }
      // Let the child start unpacking, then cancel.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect((await service.cancelImport({ jobId })).cancelled).toBe(true);
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 20));
        job = await service.importJob({ jobId });
      }
      expect(job.state).toBe('cancelled');
      expect(existsSync(join(dataDir, 'media')) ? readdirSync(join(dataDir, 'media')) : []).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
