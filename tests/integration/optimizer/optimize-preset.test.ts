// The optimizer through the service: fit in the background, compare honestly, apply only what wins, undo whole.
import { describe, expect, it } from 'vitest';
import type { ImportEvent } from '../../../src/core/collection/events';
import type { CardRecord, NoteRecord } from '../../../src/core/collection/types';
import { replayTrail } from '../../../src/core/scheduling/fast-replay';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';
import { copy } from '../../../src/core/collection/undo-entry';
import { reviewsByCard } from '../../../src/core/history/reviews-by-card';
import { fitHistory } from '../../../src/core/optimizer/training-set';
import { FitCancelled, type FitRequest } from '../../../src/main/optimizer/fit';
import { fitInChild } from '../../../src/main/optimizer/fit-process';
import type { FitRunner } from '../../../src/main/optimizer/optimizer-handlers';
import { readRevlogCsv } from '../../helpers/revlog-csv';
import { openTestService, TestClock } from '../../helpers/service';
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FRENCH = join(import.meta.dirname, '../../fixtures/anki/mauriciopoppe-french-cloze-2026.apkg');

type Service = Awaited<ReturnType<typeof openTestService>>['service'];

async function finished(service: Service, jobId: string) {
  for (;;) {
    const job = await service.optimizeJob({ jobId });
    if (job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The synthetic learner's whole history as one import: a card per log card, its reviews replayed. */
function importSynthetic(service: Service): void {
  const log = readRevlogCsv('synthetic_revlog.csv');
  const calendar = fixedOffsetCalendar(0, 4);
  const created = log.at[0]! - 86_400_000;
  const event: ImportEvent = { type: 'import', at: created, source: 'test:synthetic', format: 'test', decks: [{ id: 'syn', name: 'Synthetic', presetId: 'default', description: '', created }], noteTypes: [], notes: [], cards: [], removedCards: [], reviews: [], media: [] };
  log.cardIds.forEach((id, c) => {
    const from = log.start[c]!;
    const to = log.start[c + 1]!;
    const times = log.at.subarray(from, to);
    const ratings = log.rating.subarray(from, to);
    const trail = replayTrail(times, ratings, created, defaultPreset(), calendar, `syn-${id}/1`);
    const note: NoteRecord = { id: `syn-${id}`, deckId: 'syn', type: 'basic', fields: { Front: `Q${id}`, Back: `A${id}` }, tags: [], created, modified: created, origin: null };
    const card: CardRecord = { id: `syn-${id}/1`, noteId: note.id, ord: 1, deckId: 'syn', position: c, suspended: false, buriedUntilDay: null, flag: 0, created, ...trail[trail.length - 1]!.after };
    event.notes.push(note);
    event.cards.push(card);
    trail.forEach((step, i) => event.reviews.push({ cardId: card.id, at: times[i]!, rating: ratings[i] as 1 | 2 | 3 | 4, durationMs: 6000, prior: step.prior, after: step.after }));
  });
  service.store.commit(event);
}

describe('optimizing a preset through the app', () => {
  it('finds weights that predict a learner better, applies them on request in one undoable line, and undo puts back every schedule', async () => {
    const clock = new TestClock(Date.UTC(2025, 0, 2, 10));
    const { service } = openTestService({ clock, decks: null });
    importSynthetic(service);
    const { jobId } = await service.optimizeStart({ presetId: 'default' });
    const job = await finished(service, jobId);
    expect(job.state).toBe('done');
    const result = job.result!;
    expect(result.verdict).toBe('better');
    expect(result.reviews).toBe(33_370);
    expect(result.optimized!.logLoss).toBeLessThan(result.current!.logLoss);
    expect(result.fittedWeights).toHaveLength(21);
    expect(result.weights).toBeNull();
    expect(result.message).toMatch(/better than the current ones/);

    const col = service.store.requireCollection();
    const before = new Map([...col.cards.values()].map((card) => [card.id, copy(card)]));
    const presetBefore = copy(col.presets.get('default')!);
    const seqBefore = col.appliedSeq;
    const applied = await service.optimizeApply({ jobId });
    expect(applied.applied).toBe(true);
    expect(col.appliedSeq).toBe(seqBefore + 1); // one journal line: preset and schedules together
    const weights = (await service.optimizeJob({ jobId })).result!.weights!;
    expect(weights).toHaveLength(21);
    expect(weights).not.toEqual(result.fittedWeights); // fitted again on every review
    expect(col.presets.get('default')!.weights).toEqual(weights);
    expect(applied.rescheduled).toBeGreaterThan(2500);
    const moved = [...col.cards.values()].filter((card) => card.stability !== before.get(card.id)!.stability);
    expect(moved.length).toBeGreaterThan(2500);
    await expect(service.optimizeApply({ jobId })).rejects.toThrow(/applied already/);

    const undone = await service.undo({});
    expect(undone.action).toBe('apply your own FSRS weights to Default');
    expect(col.presets.get('default')).toEqual(presetBefore);
    for (const card of col.cards.values()) expect(card, card.id).toEqual(before.get(card.id));
    await service.close();
  }, 120_000);

  it('keeps the current weights on a small real history where they predict better, and says so as a normal outcome', async () => {
    const { service } = openTestService({ clock: new TestClock(Date.UTC(2026, 11, 7, 10)), decks: null });
    await service.importFile({ path: FRENCH });
    const { jobId } = await service.optimizeStart({ presetId: 'default' });
    const job = await finished(service, jobId);
    expect(job.state).toBe('done');
    const result = job.result!;
    console.log(`French deck: ${result.reviews} reviews, ${result.train}/${result.test} items; log loss current ${result.current!.logLoss.toFixed(4)}, fitted ${result.optimized!.logLoss.toFixed(4)}`);
    expect(result.verdict).toBe('keep');
    expect(result.current!.logLoss).toBeLessThan(result.optimized!.logLoss);
    expect(result.weights).toBeNull();
    expect(result.message).toMatch(/The current weights stay/);
    expect(result.message).toMatch(/normal/);
    const applied = await service.optimizeApply({ jobId });
    expect(applied.applied).toBe(false);
    expect(service.store.requireCollection().presets.get('default')!.weights).toBeNull();
    await service.close();
  }, 120_000);

  it('gathers the reviews between other requests before the start answers, handing the fit the history a gathering at once gives', async () => {
    const clock = new TestClock(Date.UTC(2025, 0, 2, 10));
    const requests: FitRequest[] = [];
    // A fit that only records what it was handed, and ends when cancelled.
    const runner = ((request: FitRequest) => {
      requests.push(request);
      let cancel = () => undefined as void;
      const outcome = new Promise<never>((_, reject) => (cancel = () => reject(new FitCancelled())));
      return { outcome, cancel, stop: cancel };
    }) as FitRunner;
    const { service } = openTestService({ clock, decks: null, fitRunner: runner });
    importSynthetic(service);
    let answered = false;
    const start = service.optimizeStart({ presetId: 'default' }).then((reply) => ((answered = true), reply));
    // The learner's next card is answered while the reviews are still being gathered.
    expect((await service.nextCard({})).card).not.toBeNull();
    expect(answered).toBe(false);
    expect(requests).toHaveLength(0);
    const { jobId } = await start;
    // By the start's answer the fit has its history.
    expect(requests).toHaveLength(1);
    const col = service.store.requireCollection();
    const { cardsWithoutStart: _, ...atOnce } = fitHistory(reviewsByCard(col.history), (id) => col.cards.has(id), fixedOffsetCalendar(0, 4));
    expect(requests[0]!.history).toEqual(atOnce);
    expect(await service.optimizeCancel({ jobId })).toEqual({ cancelled: true });
    expect((await finished(service, jobId)).state).toBe('cancelled');
    await service.close();
  });

  it('starts no fit when the app closes while it gathers the reviews', async () => {
    const clock = new TestClock(Date.UTC(2025, 0, 2, 10));
    const requests: FitRequest[] = [];
    const { service } = openTestService({ clock, decks: null, fitRunner: ((request: FitRequest) => (requests.push(request), fitInChild(request, () => undefined))) as FitRunner });
    importSynthetic(service);
    let answered = false;
    const start = service.optimizeStart({ presetId: 'default' }).then(() => (answered = true));
    await service.nextCard({});
    expect(answered).toBe(false);
    await service.close();
    await start;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(0);
  });

  it('says how many more reviews it needs when there are too few, and changes nothing', async () => {
    const { service } = openTestService({ decks: null });
    const { jobId } = await service.optimizeStart({ presetId: 'default' });
    const job = await finished(service, jobId);
    expect(job.result!.verdict).toBe('too-little-history');
    expect(job.result!.moreReviewsNeeded).toBe(400);
    expect(job.result!.message).toMatch(/needs at least 400, so 400 more/);
    await service.close();
  });
});

describe('the optimizer’s child process', () => {
  it('stops when cancelled, and a crash of fsrs-rs is reported without taking the app down', async () => {
    const log = readRevlogCsv('synthetic_revlog.csv');
    const { fitHistory } = await import('../../../src/core/optimizer/training-set');
    const history = fitHistory(log, () => true, fixedOffsetCalendar(0, 0));
    const phases: string[] = [];
    const running = fitInChild({ kind: 'evaluate', history, currentWeights: null }, (_, phase) => {
      phases.push(phase);
      if (phases.length === 3) running.cancel();
    });
    await expect(running.outcome).rejects.toThrow(/cancelled/);

    // A rating fsrs-rs does not know (0) makes it abort its process: the app hears of it and goes on.
    const cards = 40;
    const bad = {
      start: Int32Array.from({ length: cards + 1 }, (_, c) => 2 * c),
      at: Float64Array.from({ length: 2 * cards }, (_, k) => (k % 2) * 86_400_000 + k),
      day: Int32Array.from({ length: 2 * cards }, (_, k) => k % 2),
      rating: Uint8Array.from({ length: 2 * cards }, (_, k) => (k % 2 ? 9 : 3)),
      prior: Uint8Array.from({ length: 2 * cards }, (_, k) => (k % 2 ? 2 : 0)),
    };
    await expect(fitInChild({ kind: 'evaluate', history: bad, currentWeights: null }, () => undefined).outcome).rejects.toThrow(/stopped unexpectedly|failed|invalid/i);
    expect(process.exitCode ?? 0).toBe(0);
  }, 60_000);

  it('ends with the app: stopped while fsrs-rs fits, its process is gone when the fit says so', async () => {
    const { fitHistory } = await import('../../../src/core/optimizer/training-set');
    const history = fitHistory(readRevlogCsv('synthetic_revlog.csv'), () => true, fixedOffsetCalendar(0, 0));
    let pid: number | undefined;
    const running = fitInChild({ kind: 'evaluate', history, currentWeights: null }, () => {
      pid ??= childOf(process.pid);
      running.stop();
    });
    await expect(running.outcome).rejects.toThrow(/cancelled/);
    expect(pid).toBeDefined();
    expect(alive(pid!)).toBe(false);
  }, 60_000);

  it('ends at once when the app goes away without a word, rather than when fsrs-rs has finished', async () => {
    const { fitHistory } = await import('../../../src/core/optimizer/training-set');
    const history = fitHistory(readRevlogCsv('synthetic_revlog.csv'), () => true, fixedOffsetCalendar(0, 0));
    const child = fork(join(import.meta.dirname, '../../../src/main/optimizer/fit-child.ts'), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const replies: string[] = [];
    child.on('message', (reply: { kind: string }) => {
      replies.push(reply.kind);
      // The app's end, as the fit sees it: the channel to it closes in the middle of the fit.
      if (reply.kind === 'progress' && child.connected) child.disconnect();
    });
    child.send({ kind: 'evaluate', history, currentWeights: null });
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (...ended) => resolve(ended)));
    // Killed at once, not left to finish its fit (exit waits for fsrs-rs's thread) and then stop.
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
    expect(replies).not.toContain('evaluated');
  }, 60_000);
});

/** The pid of a child process of `parent` (the fit's), from /proc. */
function childOf(parent: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('fit-child')) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
