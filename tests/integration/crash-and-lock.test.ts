// Killing a writing process at random moments loses no acknowledged answer; one writer per folder.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reviewsFromEvents } from '../../src/core/history/review-history';
import { StudyService } from '../../src/main/service/study-service';
import { fixedOffsetCalendar } from '../../src/core/time/study-day';
import { SAMPLE_DECKS } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const root = join(import.meta.dirname, '../..');
const loop = join(root, 'tests/helpers/answer-loop.ts');

function start(dataDir: string, mode?: 'hold'): { child: ChildProcessWithoutNullStreams; output: () => string; ready: Promise<void> } {
  // tsx as a loader inside one node process: the pid we kill is the process that writes.
  const child = spawn(process.execPath, ['--import', 'tsx', loop, dataDir, SAMPLE_DECKS, ...(mode ? [mode] : [])], { cwd: root });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`child exited with ${code} before it was ready: ${err}`)));
  });
  return { child, output: () => out, ready };
}

function openHere(dataDir: string) {
  return StudyService.open({ dataDir, builtinDecksDir: SAMPLE_DECKS, now: () => Date.UTC(2026, 2, 20), calendar: (h) => fixedOffsetCalendar(0, h), purpose: 'test' });
}

const killed = (child: ChildProcessWithoutNullStreams) => new Promise<void>((resolve) => child.on('exit', () => resolve()));

describe('a process killed while answering (SIGKILL at random moments)', () => {
  it('loses no acknowledged answer, across repeated kills of the same folder', async () => {
    const dataDir = tempFolder('crash');
    const acknowledged: { cardId: string; rating: string }[] = [];
    const rounds = 6;
    for (let round = 0; round < rounds; round++) {
      const run = start(dataDir);
      await run.ready;
      // Let it answer at least once however slow the machine, then kill at a random moment.
      for (let waited = 0; !run.output().includes('ack ') && waited < 20_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 250)));
      const exit = killed(run.child);
      run.child.kill('SIGKILL');
      await exit;
      for (const line of run.output().split('\n')) {
        const match = /^ack (\S+) (\S+) \d+$/.exec(line);
        if (match) acknowledged.push({ cardId: match[1]!, rating: match[2]! });
      }
    }
    console.info(`crash test: ${acknowledged.length} acknowledged answers over ${rounds} kills`);
    expect(acknowledged.length).toBeGreaterThan(rounds);

    const service = openHere(dataDir);
    expect((await service.status({})).ok).toBe(true);
    const reviews = reviewsFromEvents(service.store.readAllEvents().events);
    // Every acknowledged answer is in the journal, in order; at most one unacknowledged answer per
    // kill may also have reached the disk (written, but killed before it could say so).
    const ratings = ['again', 'hard', 'good', 'easy'];
    const inJournal = reviews.map((review) => ({ cardId: review.cardId, rating: ratings[review.rating - 1] }));
    let j = 0;
    for (const ack of acknowledged) {
      while (j < inJournal.length && (inJournal[j]!.cardId !== ack.cardId || inJournal[j]!.rating !== ack.rating)) j++;
      expect(j, `acknowledged answer ${ack.cardId} ${ack.rating} is missing`).toBeLessThan(inJournal.length);
      j++;
    }
    expect(inJournal.length - acknowledged.length).toBeLessThanOrEqual(rounds);
    expect((await service.check({})).ok).toBe(true);
    await service.close();
  }, 120_000);
});

describe('the data folder lock', () => {
  it('refuses a second writer with a message naming the holder, and takes over after the holder is killed', async () => {
    const dataDir = tempFolder('lock');
    const holder = start(dataDir, 'hold');
    await holder.ready;
    expect(() => openHere(dataDir)).toThrow(new RegExp(`in use by process ${holder.child.pid} \\(crash-test\\)`));
    const exit = killed(holder.child);
    holder.child.kill('SIGKILL');
    await exit;
    const service = openHere(dataDir);
    expect((await service.status({})).ok).toBe(true);
    await service.close();
    // Closing released the lock: another open works at once.
    const again = openHere(dataDir);
    await again.close();
  }, 60_000);
});
