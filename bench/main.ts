// `npm run bench`: a synthetic collection of 50,000 cards and 1,000,000 reviews, and the budgets measured on it (`-- --check` fails on a missed one).
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DataFile } from 'lowdb/node';
import { Collection } from '../src/core/collection/collection';
import type { UpsertEvent } from '../src/core/collection/events';
import { CardState, type CardRecord, type NoteRecord, type Schedule } from '../src/core/collection/types';
import { defaultPreset } from '../src/core/scheduling/presets';
import { recomputeAll } from '../src/core/scheduling/recompute-all';
import { newSchedule, review, type Grade1to4 } from '../src/core/scheduling/scheduler';
import { fixedOffsetCalendar } from '../src/core/time/study-day';
import type { ImportBundle, ImportedNote } from '../src/core/import/bundle';
import { writeAnkiPackage } from '../src/main/export/anki-package';
import { encodeLine } from '../src/main/store/journal';
import { readSnapshotHead } from '../src/main/store/snapshot-layout';
import { StudyService } from '../src/main/service/study-service';
import { seededRandom as random } from '../src/core/simulation/seeded-random';
import { medians, verdicts } from './budgets';
import { measureOptimizer, measurePlanner } from './planner';
import { measureHostile } from './hostile';
import { bombPackage, nearCapPackage, realShapedPackage } from './packages';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 9, 0);
const calendar = fixedOffsetCalendar(0, 4);


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Sizes {
  cards: number;
  reviews: number;
}

/** Writes the journal of a collection built by studying: an install, then every review in time order. */
function build(dir: string, sizes: Sizes, log: (line: string) => void): void {
  const rand = random(42);
  const preset = { ...defaultPreset(), fuzz: true };
  const created = NOW - 800 * DAY;
  const deckNames = ['ML', 'ML::Models', 'ML::Metrics', 'Stats', 'Stats::Tests', 'LLM', 'LLM::Retrieval', 'LLM::Training', 'Coding', 'Research'];
  const decks = deckNames.map((name, i) => ({ id: `deck-${i}`, name, presetId: 'default', description: '', created }));
  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  for (let i = 0; i < sizes.cards; i++) {
    const deckId = decks[i % decks.length]!.id;
    const id = `n${i}`;
    notes.push({
      id,
      deckId,
      type: 'basic',
      fields: { Front: `Question ${i}: what is $\\sum_{k=1}^{${i % 97}} k$ and why?`, Back: `Answer ${i}, with some explanation that is about as long as a real card's answer tends to be.` },
      tags: [`topic::t${i % 120}`, 'level::core'],
      created,
      modified: created,
      origin: null,
    });
    cards.push({ id: `${id}/1`, noteId: id, ord: 1, deckId, position: i, suspended: false, buriedUntilDay: null, flag: 0, created, ...newSchedule(created) });
  }

  // Pass 1: when each card is reviewed and how, card by card (times follow its own due dates).
  log(`simulating ${sizes.reviews} reviews of ${sizes.cards} cards…`);
  const perCard = Math.floor(sizes.reviews / sizes.cards);
  const cardOf = new Int32Array(sizes.reviews);
  const timeOf = new Float64Array(sizes.reviews);
  const ratingOf = new Uint8Array(sizes.reviews);
  let n = 0;
  for (let c = 0; c < sizes.cards && n < sizes.reviews; c++) {
    let schedule: Schedule = newSchedule(created);
    let t = created + Math.floor(rand() * 60 * DAY);
    const count = c === sizes.cards - 1 ? sizes.reviews - n : perCard;
    for (let k = 0; k < count && n < sizes.reviews; k++) {
      const r = rand();
      const rating = (r < 0.12 ? 1 : r < 0.2 ? 2 : r < 0.93 ? 3 : 4) as Grade1to4;
      schedule = review(schedule, rating, t, preset, calendar, `n${c}/1`);
      cardOf[n] = c;
      timeOf[n] = t;
      ratingOf[n] = rating;
      n++;
      // The learner comes back somewhere around the due time, never in the future.
      t = Math.min(NOW - DAY, Math.max(t + 60_000, schedule.due + Math.floor((rand() - 0.3) * Math.max(60_000, schedule.due - t) * 0.2)));
    }
  }

  // Pass 2: the journal in time order, each review carrying the schedule it produced.
  log('writing the journal…');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => timeOf[a]! - timeOf[b]! || a - b);
  const fd = openSync(join(dir, 'journal.jsonl'), 'w');
  const install: UpsertEvent = { type: 'upsert', at: created, source: 'bench', decks, notes, cards: cards.map((c) => ({ ...c })), removedCards: [] };
  writeSync(fd, encodeLine(1, install));
  const current = cards.map((card) => card as Schedule);
  let seq = 1;
  let buffer = '';
  for (const i of order) {
    const c = cardOf[i]!;
    const before = current[c]!;
    const after = review(before, ratingOf[i] as Grade1to4, timeOf[i]!, preset, calendar, `n${c}/1`);
    current[c] = after;
    buffer += encodeLine(++seq, {
      type: 'review',
      at: timeOf[i]!,
      cardId: `n${c}/1`,
      rating: ratingOf[i] as Grade1to4,
      durationMs: 3000 + (i % 9000),
      prior: before.state,
      after,
    });
    if (buffer.length > 4_000_000) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
}

function open(dir: string): StudyService {
  return StudyService.open({ dataDir: dir, now: () => NOW, builtinDecksDir: null, calendar: () => calendar, purpose: 'bench' });
}

/** The measured part, in a process of its own so that peak memory is the app's, not the generator's. */
async function measure(dir: string, answers: number): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};

  // Open: snapshot + journal tail + first due card (this process opens once, like the app).
  const t0open = performance.now();
  const first = open(dir);
  const firstCard = await first.nextCard({});
  figures.openMs = performance.now() - t0open;
  if (!firstCard.card) throw new Error('the synthetic collection has nothing due');

  // Answers, durable on disk: the time of answer() alone, journal line flushed.
  const service = first;
  const latencies: number[] = [];
  const ratings = ['good', 'good', 'again', 'hard', 'easy', 'good'] as const;
  // The first 200 answers warm the JIT up and are not counted, as in any latency benchmark.
  const warmup = 200;
  for (let i = -warmup; i < answers; i++) {
    const next = await service.nextCard({});
    const card = next.card ?? null;
    const cardId = card ? card.cardId : `n${(i + warmup) % 50_000}/1`;
    const t0 = performance.now();
    await service.answer({ cardId, rating: ratings[(i + warmup) % ratings.length]!, durationMs: 4000 });
    if (i >= 0) latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  figures.answerP50Ms = percentile(latencies, 50);
  figures.answerP99Ms = percentile(latencies, 99);

  // Recompute every card from its history: the review columns, grouped by card, replayed.
  const collection = service.store.requireCollection();
  const t0 = performance.now();
  const recomputed = recomputeAll(collection.history, (id) => collection.cards.get(id), (card) => collection.presetOf(card.deckId), calendar);
  figures.recomputedCards = recomputed.filter((r) => r.schedule.state !== CardState.New).length;
  figures.recomputeMs = performance.now() - t0;
  // Search: the browser's queries over every card, each timed whole (parse, match, order).
  const queries = ['question 123', 'deck:ML*', 'tag:topic::t1*', 'is:due', 'prop:r<0.8', 'rated:7', '-is:new (deck:LLM OR deck:Stats) prop:ivl>=30', '"some explanation" -tag:level::core'];
  const searchTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const query of queries) {
      const t = performance.now();
      await service.search({ query, limit: 200 });
      if (round > 0) searchTimes.push(performance.now() - t);
    }
  }
  searchTimes.sort((a, b) => a - b);
  figures.searchMedianMs = percentile(searchTimes, 50);
  figures.searchMaxMs = searchTimes[searchTimes.length - 1]!;

  // Every statistic at once over the whole history, as the statistics screen asks for it.
  const statsTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    await service.stats({ range: 365 });
    statsTimes.push(performance.now() - t);
  }
  figures.statsMs = statsTimes.sort((a, b) => a - b)[1]!;

  // Backups. The first holds the whole journal; answering goes on while it is made.
  const answerOne = async (i: number) => {
    const next = await service.nextCard({});
    const t = performance.now();
    await service.answer({ cardId: next.card?.cardId ?? `n${i % 50_000}/1`, rating: ratings[i % ratings.length]!, durationMs: 4000 });
    return performance.now() - t;
  };
  const duringBackup: number[] = [];
  const t0backup = performance.now();
  let backedUp = false;
  const firstBackup = service.store.backupNow(14).then(() => {
    figures.firstBackupMs = performance.now() - t0backup;
    backedUp = true;
  });
  for (let i = 0; !backedUp; i++) {
    duringBackup.push(await answerOne(i));
    // A turn of the event loop between answers, as between two requests: the backup's writes go on.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await firstBackup;
  duringBackup.sort((a, b) => a - b);
  figures.answersDuringBackup = duringBackup.length;
  figures.answerDuringBackupP99Ms = percentile(duringBackup, 99);
  // A day's answers later (a few hundred), the daily backup: the journal's new part and the snapshot.
  for (let i = 0; i < 300; i++) await answerOne(i);
  const t0daily = performance.now();
  await service.store.backupNow(14);
  figures.backupMs = performance.now() - t0daily;
  // The check of the whole journal that comes before a daily backup, in the background.
  const t0check = performance.now();
  await service.store.verifyJournal();
  figures.journalCheckMs = performance.now() - t0check;
  rmSync(join(dir, 'backups'), { recursive: true, force: true });

  Object.assign(figures, await measurePlanner(service, NOW));

  await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
  figures.peakRssMb = process.resourceUsage().maxRSS / 1024;
  return figures;
}

/** A 10,000-note Anki package with 100,000 reviews, and a 10,000-row CSV, written for the import budgets. */
async function buildImportFiles(dir: string): Promise<void> {
  const rand = random(7);
  const notes: ImportedNote[] = [];
  for (let i = 0; i < 10_000; i++) {
    let at = NOW - 400 * DAY + Math.floor(rand() * 30 * DAY);
    const reviews = Array.from({ length: 10 }, () => {
      at += Math.floor((1 + rand() * 20) * DAY);
      const r = rand();
      return { at, rating: (r < 0.1 ? 1 : r < 0.2 ? 2 : r < 0.95 ? 3 : 4) as 1 | 2 | 3 | 4, durationMs: 2000 + Math.floor(rand() * 8000), intervalDays: 1 + Math.floor(rand() * 30) };
    });
    notes.push({
      key: `anki:bench${i.toString(36).padStart(6, '0')}`,
      deckName: `Bench::Part ${i % 10}`,
      type: 'basic',
      fields: { Front: `What is item ${i}? <b>${'x'.repeat(i % 40)}</b>`, Back: `It is the answer to ${i}, with \\(x^${i % 9}\\) inside.` },
      format: 'html',
      tags: [`topic::t${i % 50}`],
      cards: [{ ord: 1, suspended: false, buried: false, flag: 0, reviews }],
    });
  }
  const bundle: ImportBundle = { format: 'bench', decks: [], noteTypes: [], notes, media: [], problems: [] };
  writeFileSync(join(dir, 'bench.apkg'), await writeAnkiPackage(bundle, { now: NOW }));
  const rows = ['front,back,tags', ...notes.map((n, i) => `"Question ${i}: what is ${i} squared?","${i * i}",topic::t${i % 50}`)];
  writeFileSync(join(dir, 'bench.csv'), `${rows.join('\n')}\n`);
  await nearCapPackage(join(dir, 'near-cap.apkg'));
  await bombPackage(join(dir, 'bomb.apkg'));
  await realShapedPackage(join(dir, 'real.apkg'));
}

/** Imports in a process of its own, into an empty collection: time and peak memory. */
async function measureImport(dir: string, file: string): Promise<Record<string, number>> {
  const data = join(dir, `import-${file}`);
  rmSync(data, { recursive: true, force: true });
  // Read here, not in a child process: this figure is the whole import's memory in one process.
  const service = StudyService.open({ dataDir: data, now: () => NOW, builtinDecksDir: null, calendar: () => calendar, purpose: 'bench', importReader: 'in-process' });
  const t0 = performance.now();
  const summary = await service.importFile({ path: join(dir, file) });
  const ms = performance.now() - t0;
  await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
  rmSync(data, { recursive: true, force: true });
  return { ms, notes: summary.notes.added, reviews: summary.reviews.added, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/**
 * Key press to next card painted, in Chromium against browser mode on the big collection: the time
 * from the keydown of an answer to the frame after the next question is in the page.
 */
async function measureKeyToPaint(dir: string): Promise<Record<string, number> | null> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null);
  if (!executablePath) return null;
  // Loaded at run time from node_modules (a dev dependency), never bundled into the benchmark.
  const playwright = '@playwright/test';
  const { chromium } = (await import(/* @vite-ignore */ playwright)) as typeof import('@playwright/test');
  const { spawn } = await import('node:child_process');
  const server = spawn(process.execPath, [join(import.meta.dirname, 'web.js'), '--port', '0', '--data', dir, '--now', new Date(NOW).toISOString()], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Open: (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      server.on('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
    });
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    // Cold start: a fresh browser context each time (nothing cached), from navigation to the deck
    // table in the page, as a MutationObserver set up before any script sees it.
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      await context.addInitScript(() => {
        const w = window as unknown as { decksShown?: number };
        new MutationObserver((_records, observer) => {
          if (document.querySelector('[data-testid=deck-table] tbody tr')) {
            w.decksShown = performance.now();
            observer.disconnect();
          }
        }).observe(document, { subtree: true, childList: true });
      });
      const cold = await context.newPage();
      await cold.goto(url);
      await cold.getByTestId('deck-table').waitFor();
      starts.push(await cold.evaluate(() => (window as unknown as { decksShown: number }).decksShown));
      await context.close();
    }
    starts.sort((a, b) => a - b);
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByTestId('study-all').click();
    const pressAndTime = async (count: number, skip: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        await page.getByTestId('question').waitFor();
        await page.keyboard.press('Space');
        await page.getByTestId('answer').waitFor();
        await page.evaluate(() => {
          const w = window as unknown as { paint?: Promise<number> };
          const old = document.querySelector<HTMLElement>('[data-testid=card]')?.dataset.cardId;
          w.paint = new Promise((resolve) => {
            let start = 0;
            window.addEventListener('keydown', () => (start = performance.now()), { capture: true, once: true });
            const observer = new MutationObserver(() => {
              const card = document.querySelector<HTMLElement>('[data-testid=card]');
              if (start && card && card.dataset.cardId !== old && document.querySelector('[data-testid=question]')) {
                observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              }
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
          });
        });
        await page.keyboard.press('3');
        const ms = await page.evaluate(() => (window as unknown as { paint: Promise<number> }).paint);
        if (i >= skip) times.push(ms);
      }
      return times.sort((a, b) => a - b);
    };
    const times = await pressAndTime(60, 10);
    // Again while the optimizer fits every review of the collection, in its own process beside the server.
    const token = /#token=([^&]+)/.exec(url)![1]!;
    const started = await fetch(new URL('/api/optimizeStart', url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Interleave-Token': decodeURIComponent(token) },
      body: JSON.stringify({ presetId: 'default' }),
    }).then((response) => response.json() as Promise<{ ok: boolean }>);
    const during = started.ok ? await pressAndTime(40, 0) : [];
    await browser.close();
    return {
      keyToPaintP50Ms: percentile(times, 50),
      keyToPaintP95Ms: percentile(times, 95),
      ...(during.length ? { keyToPaintOptimizingP95Ms: percentile(during, 95) } : {}),
      decksShownP50Ms: percentile(starts, 50),
      decksShownMaxMs: starts.at(-1)!,
    };
  } finally {
    // The next measurement opens the same folder: wait until browser mode has let go of it.
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.on('exit', () => resolve());
      server.kill('SIGTERM');
    });
  }
}

/** Polls nextCard over HTTP every 25 ms until stdin closes, then prints when each call began and how long it took (run with node -e). */
const POLLING_CLIENT = `
const http = require('node:http');
const [port, token] = process.argv.slice(1);
const latencies = [];
let stop = false;
process.stdin.on('end', () => (stop = true));
process.stdin.resume();
const call = () => new Promise((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port: Number(port), path: '/api/nextCard', method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Interleave-Token': token, Host: '127.0.0.1:' + port } }, (res) => { res.resume(); res.on('end', resolve); });
  req.on('error', reject);
  req.end('{}');
});
(async () => {
  while (!stop) {
    const t = performance.now();
    const at = Date.now();
    await call();
    latencies.push([at, performance.now() - t]);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  process.stdout.write(JSON.stringify(latencies));
})();
`;

/**
 * Imports `file` into the big collection the way browser mode does (read in a child process), while
 * another process asks for the next card over HTTP every 25 ms: how long those answers take.
 */
async function measureImportLatency(dir: string, file: string): Promise<Record<string, number>> {
  const { createWebServer } = await import('../src/main/web/server');
  const { spawn } = await import('node:child_process');
  const service = StudyService.open({ dataDir: dir, now: () => NOW, builtinDecksDir: null, calendar: () => calendar, purpose: 'bench', importReader: 'child' });
  const token = 'bench-token';
  const server = createWebServer({ handlers: service, staticDir: dir, mediaDir: join(dir, 'media'), token, port: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as import('node:net').AddressInfo).port;
  const client = spawn(process.execPath, ['-e', POLLING_CLIENT, String(port), token], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  client.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const clientDone = new Promise<void>((resolve) => client.on('exit', () => resolve()));
  // A second to settle (the client's first calls), then the import.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const t0 = performance.now();
  const started = Date.now();
  const { jobId } = await service.startImport({ path: file });
  let job = await service.importJob({ jobId });
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 50));
    job = await service.importJob({ jobId });
  }
  const importMs = performance.now() - t0;
  const ended = Date.now();
  client.stdin.end();
  await clientDone;
  server.close();
  await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
  rmSync(join(dir, 'media'), { recursive: true, force: true });
  if (job.state !== 'done') throw new Error(`the import failed: ${job.error?.message}`);
  // The calls made while the import ran (the first calls, before it, warm the server up).
  const latencies = (JSON.parse(out) as [number, number][])
    .filter(([at]) => at >= started && at <= ended)
    .map(([, ms]) => ms)
    .sort((a, b) => a - b);
  return {
    importRealMs: importMs,
    importRealNotes: job.summary!.notes.added,
    importRealMedia: job.summary!.media.added,
    importOtherRequests: latencies.length,
    importOtherRequestsP99Ms: percentile(latencies, 99),
    importOtherRequestsMaxMs: latencies[latencies.length - 1]!,
  };
}

/** Reads each package as an import does (in a child process): the child's peak memory, and whether it was refused. */
async function measureReadPeaks(dir: string): Promise<Record<string, number>> {
  const { readInChild } = await import('../src/main/import/read-in-child');
  const figures: Record<string, number> = {};
  for (const [key, name] of [['NearCap', 'near-cap.apkg'], ['Bomb', 'bomb.apkg'], ['Real', 'real.apkg']] as const) {
    const folder = join(dir, `read-${key}`);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    const t0 = performance.now();
    const reading = readInChild({ path: join(dir, name), fileName: name, maxBytes: Number.MAX_SAFE_INTEGER, mediaFolder: folder, options: {} });
    const refused = await reading.bundle.then(
      () => false,
      () => true,
    );
    figures[`read${key}Ms`] = performance.now() - t0;
    figures[`read${key}Refused`] = refused ? 1 : 0;
    figures[`read${key}PeakRssMb`] = (await reading.peakRssBytes) / 1e6;
    rmSync(folder, { recursive: true, force: true });
  }
  figures.importPeakRssMb = Math.max(...['NearCap', 'Bomb', 'Real'].map((key) => figures[`read${key}PeakRssMb`]!).filter((value) => !Number.isNaN(value)));
  return figures;
}

/** The naive way, in a process of its own: the whole collection rewritten through lowdb at every answer. */
async function measureNaive(dir: string, count: number): Promise<Record<string, number>> {
  const service = open(dir);
  const collection = service.store.requireCollection();
  const naiveFile = new DataFile<ReturnType<Collection['toData']>>(join(dir, 'naive.json'), { parse: JSON.parse, stringify: JSON.stringify });
  const naive: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await naiveFile.write(collection.toData());
    naive.push(performance.now() - t0);
  }
  naive.sort((a, b) => a - b);
  rmSync(join(dir, 'naive.json'), { force: true });
  await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
  return { naiveAnswerP50Ms: percentile(naive, 50) };
}

/** The collection's files and the copies of them as built. */
const PRISTINE = [
  ['journal.jsonl', 'journal.pristine'],
  ['snapshot.json', 'snapshot.pristine'],
  ['history.bin', 'history.pristine'],
] as const;

/**
 * Puts the collection as built back in place, flushed: the copies are the bench's own 400 MB of
 * writes, and left to the kernel's writeback they would still be going to disk while the next part
 * times the app (the first open, the answers' fdatasync), which no learner's app ever meets.
 */
function restorePristine(dir: string): void {
  for (const [file, copy] of PRISTINE) {
    copyFileSync(join(dir, copy), join(dir, file));
    const fd = openSync(join(dir, file), 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

/** Whether the snapshot is in the layout this version writes (its head read first at open). */
function inCurrentLayout(path: string): boolean {
  const head = readSnapshotHead(path);
  head?.body.close();
  return head !== null;
}

/** Runs a child of this script with `args` and reads the figures it prints. */
function childFigures(args: string[], extra: string[] = []): Record<string, number> {
  const run = spawnSync(process.execPath, [...extra, import.meta.filename, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`the measuring process (${args[0]}) failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Record<string, number>;
}

/** Every measured part once, each in processes of its own, on the collection in `dir` as built. */
async function measureOnce(dir: string, answers: number, log: (line: string) => void): Promise<Record<string, number>> {
  log('measuring…');
  const measured = childFigures(['--measure-dir', dir, '--answers', String(answers)], ['--expose-gc']);
  // Opening is timed in two more fresh processes too; the median of the three is taken.
  const opens = [measured.openMs!, childFigures(['--open-dir', dir]).openMs!, childFigures(['--open-dir', dir]).openMs!].sort((a, b) => a - b);
  const figures: Record<string, number> = { ...measured, openMs: opens[1]!, ...childFigures(['--naive-dir', dir]) };
  log('measuring key press to next card in Chromium…');
  // Browser mode makes the daily backup at start when none is recent; its cost is measured on its
  // own (backupMs), so a backup of today stands in the folder while the keys are timed.
  const backups = join(dir, 'backups', 'backup-bench');
  mkdirSync(backups, { recursive: true });
  writeFileSync(join(backups, 'manifest.json'), JSON.stringify({ createdAt: NOW, seq: 0, files: {} }));
  const paint = await measureKeyToPaint(dir)
    .catch((error: unknown) => {
      log(`(key-to-paint not measured: ${(error as Error).message})`);
      return null;
    })
    .finally(() => rmSync(join(dir, 'backups'), { recursive: true, force: true }));
  if (paint) Object.assign(figures, paint);
  log('measuring the optimizer on 100,000 and on 1,000,000 reviews…');
  const fit100k = childFigures(['--optimize-dir', dir, '--optimize-reviews', '100000']);
  figures.optimizer100kMs = fit100k.ms!;
  figures.optimizer100kItems = fit100k.items!;
  try {
    const fit1m = childFigures(['--optimize-dir', dir, '--optimize-reviews', '1000000']);
    Object.assign(figures, { optimizer1mMs: fit1m.ms, optimizer1mItems: fit1m.items, optimizer1mPeakRssMb: fit1m.peakRssMb });
  } catch (error) {
    log(`(the optimizer on every review could not be measured: ${(error as Error).message.slice(0, 300)})`);
  }
  log('measuring imports and hostile inputs…');
  const apkg = childFigures(['--import-dir', dir, '--import-file', 'bench.apkg']);
  const csv = childFigures(['--import-dir', dir, '--import-file', 'bench.csv']);
  Object.assign(figures, {
    apkgImportMs: apkg.ms,
    apkgImportNotes: apkg.notes,
    apkgImportReviews: apkg.reviews,
    apkgImportPeakRssMb: apkg.peakRssMb,
    csvImportMs: csv.ms,
    csvImportNotes: csv.notes,
    ...childFigures(['--hostile']),
  });
  log('measuring answers during a 300 MB import…');
  Object.assign(figures, childFigures(['--import-latency-dir', dir, '--import-file', join(dir, 'real.apkg')]));
  return figures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      cards: { type: 'string', default: '50000' },
      reviews: { type: 'string', default: '1000000' },
      answers: { type: 'string', default: '2000' },
      'measure-dir': { type: 'string' },
      'naive-dir': { type: 'string' },
      'open-dir': { type: 'string' },
      'import-dir': { type: 'string' },
      'import-file': { type: 'string' },
      'import-latency-dir': { type: 'string' },
      'optimize-dir': { type: 'string' },
      'optimize-reviews': { type: 'string' },
      /** Only the browser part (cold start, key press to paint, and again while the optimizer fits), on a copy of a built collection. */
      'key-to-paint-dir': { type: 'string' },
      /** Keep the built collection here and reuse it on the next run (skips the minute of building). */
      dir: { type: 'string' },
      /** Exit non-zero when a budget is missed on the median of the runs. */
      check: { type: 'boolean', default: false },
      /** How many times the measured parts run (default 1; 3 with --check). */
      runs: { type: 'string' },
      hostile: { type: 'boolean', default: false },
    },
  });
  const answers = Number(values.answers);
  const runs = Number(values.runs ?? (values.check ? 3 : 1));
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: "${values.runs}" is not a positive whole number`);
  if (values.hostile) {
    process.stdout.write(JSON.stringify(measureHostile()));
    return;
  }
  if (values['measure-dir']) {
    process.stdout.write(JSON.stringify(await measure(values['measure-dir'], answers)));
    return;
  }
  if (values['import-latency-dir']) {
    process.stdout.write(JSON.stringify(await measureImportLatency(values['import-latency-dir'], values['import-file']!)));
    return;
  }
  if (values['import-dir']) {
    process.stdout.write(JSON.stringify(await measureImport(values['import-dir'], values['import-file']!)));
    return;
  }
  if (values['optimize-dir']) {
    const service = open(values['optimize-dir']);
    const figures = await measureOptimizer(service, calendar, Number(values['optimize-reviews']));
    await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
    process.stdout.write(JSON.stringify(figures));
    return;
  }
  if (values['key-to-paint-dir']) {
    process.stdout.write(JSON.stringify(await measureKeyToPaint(values['key-to-paint-dir'])));
    return;
  }
  if (values['open-dir']) {
    const t0 = performance.now();
    const service = open(values['open-dir']);
    await service.nextCard({});
    const openMs = performance.now() - t0;
    await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
    process.stdout.write(JSON.stringify({ openMs }));
    return;
  }
  if (values['naive-dir']) {
    process.stdout.write(JSON.stringify(await measureNaive(values['naive-dir'], 20)));
    return;
  }
  const log = (line: string) => {
    if (!values.json) console.error(line);
  };
  const sizes = { cards: Number(values.cards), reviews: Number(values.reviews) };
  const kept = values.dir ? resolve(values.dir) : null;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'interleave-bench-'));
  try {
    let coldReplayMs = Number.NaN;
    const built = kept !== null && existsSync(join(kept, 'snapshot.json'));
    if (!built) {
      mkdirSync(dir, { recursive: true });
      const t0 = performance.now();
      build(dir, sizes, log);
      log(`built in ${((performance.now() - t0) / 1000).toFixed(1)} s; first open replays the whole journal and writes the snapshot…`);
      const t1 = performance.now();
      const first = open(dir);
      await first.close();
      coldReplayMs = performance.now() - t1;
      // A copy of the collection as built: each run starts from it again (and a kept one, next time).
      for (const [file, copy] of PRISTINE) copyFileSync(join(dir, file), join(dir, copy));
    } else if (!inCurrentLayout(join(dir, 'snapshot.pristine'))) {
      // Kept from a version that wrote snapshots in an older layout: the app writes its own at the
      // first snapshot after an upgrade, so the collection as built is brought to it the same way.
      log('writing the kept collection’s snapshot in the current layout…');
      for (const [file, copy] of PRISTINE) copyFileSync(join(dir, copy), join(dir, file));
      const service = open(dir);
      service.store.requireCollection();
      await service.store.snapshot();
      await service.close({ snapshotIfPendingAtLeast: Number.POSITIVE_INFINITY });
      for (const [file, copy] of PRISTINE) copyFileSync(join(dir, file), join(dir, copy));
    }
    await buildImportFiles(dir);
    // Memory, not time, is what these show, and a near-limit file takes a minute or two to unpack: once.
    log('measuring the memory of reading large packages (a media file just under its limit, a bomb, 300 MB of media)…');
    const readPeaks = await measureReadPeaks(dir);
    const measured: Record<string, number>[] = [];
    for (let run = 1; run <= runs; run++) {
      if (runs > 1) log(`run ${run} of ${runs}…`);
      // Each run answers cards: it starts again from the collection as built.
      restorePristine(dir);
      measured.push(await measureOnce(dir, answers, log));
    }
    const figures: Record<string, number> = { ...sizes, runs, coldReplayMs, ...medians(measured), ...readPeaks };
    figures.naiveOverJournalRatio = figures.naiveAnswerP50Ms! / figures.answerP50Ms!;
    const results = verdicts(figures);
    const missed = results.filter((verdict) => !verdict.within);
    // Only --check turns a missed budget into a failure; a plain run reports and exits 0.
    if (values.check && missed.length) process.exitCode = 1;
    if (values.json) {
      console.log(JSON.stringify({ ...figures, budgets: results.map(({ budget, value, within }) => ({ figure: budget.figure, limit: budget.limit, value, within })) }, null, 2));
      return;
    }
    const budget = (figure: string) => {
      const verdict = results.find((result) => result.budget.figure === figure)!;
      return `${verdict.within ? 'within' : 'OVER'} ${verdict.budget.limit}`;
    };
    console.log(`Interleave benchmark: ${sizes.cards} cards, ${sizes.reviews} past reviews${runs > 1 ? `; the median of ${runs} runs` : ''}`);
    console.log(`  answer, durable on disk    p50 ${figures.answerP50Ms!.toFixed(3)} ms   p99 ${figures.answerP99Ms!.toFixed(3)} ms (${budget('answerP99Ms')})`);
    console.log(
      `  backups                    daily ${figures.backupMs!.toFixed(0)} ms (${budget('backupMs')}); the first, whole journal ${figures.firstBackupMs!.toFixed(0)} ms, ` +
        `${figures.answersDuringBackup} answers meanwhile, p99 ${figures.answerDuringBackupP99Ms!.toFixed(3)} ms (${budget('answerDuringBackupP99Ms')}); whole-journal check ${figures.journalCheckMs!.toFixed(0)} ms`,
    );
    console.log(`  naive lowdb rewrite/answer p50 ${figures.naiveAnswerP50Ms!.toFixed(1)} ms   (${figures.naiveOverJournalRatio!.toFixed(0)}x the journal)`);
    console.log(`  open to first due card     ${figures.openMs!.toFixed(0)} ms (${budget('openMs')})`);
    console.log(`  recompute all from history ${figures.recomputeMs!.toFixed(0)} ms for ${figures.recomputedCards} cards (${budget('recomputeMs')})`);
    console.log(`  peak memory (measuring process) ${figures.peakRssMb!.toFixed(0)} MB (${budget('peakRssMb')})`);
    console.log(`  search over all cards       median ${figures.searchMedianMs!.toFixed(1)} ms, slowest ${figures.searchMaxMs!.toFixed(1)} ms (${budget('searchMaxMs')})`);
    console.log(`  all statistics, 1 year      ${figures.statsMs!.toFixed(0)} ms (${budget('statsMs')})`);
    console.log(`  readiness, every card       ${figures.readinessMs!.toFixed(0)} ms (${budget('readinessMs')}); with a 90-day plan simulated ${figures.planSimulationMs!.toFixed(0)} ms (${budget('planSimulationMs')})`);
    console.log(
      `  optimizer (fsrs-rs)         ${figures.optimizer100kMs!.toFixed(0)} ms on 100,000 reviews (${budget('optimizer100kMs')})` +
        (figures.optimizer1mMs !== undefined ? `; ${(figures.optimizer1mMs / 1000).toFixed(1)} s on ${figures.optimizer1mItems} items of 1,000,000 reviews, peak ${figures.optimizer1mPeakRssMb!.toFixed(0)} MB` : ''),
    );
    if (figures.decksShownP50Ms !== undefined) {
      console.log(`  cold start to decks shown   p50 ${figures.decksShownP50Ms.toFixed(0)} ms, worst of 5 ${figures.decksShownMaxMs!.toFixed(0)} ms in Chromium (${budget('decksShownP50Ms')})`);
    }
    if (figures.keyToPaintP50Ms !== undefined) {
      console.log(`  key press to next card      p50 ${figures.keyToPaintP50Ms.toFixed(1)} ms, p95 ${figures.keyToPaintP95Ms!.toFixed(1)} ms in Chromium (${budget('keyToPaintP95Ms')})`);
      if (figures.keyToPaintOptimizingP95Ms !== undefined) console.log(`    while the optimizer runs  p95 ${figures.keyToPaintOptimizingP95Ms.toFixed(1)} ms (${budget('keyToPaintOptimizingP95Ms')})`);
    } else console.log('  key press to next card      not measured (no Chromium or Playwright here; set CHROMIUM_PATH)');
    console.log(
      `  import Anki package         ${figures.apkgImportMs!.toFixed(0)} ms for ${figures.apkgImportNotes} notes, ${figures.apkgImportReviews} reviews; peak ${figures.apkgImportPeakRssMb!.toFixed(0)} MB (${budget('apkgImportMs')}; ${budget('apkgImportPeakRssMb')})`,
    );
    console.log(`  import CSV                  ${figures.csvImportMs!.toFixed(0)} ms for ${figures.csvImportNotes} rows (${budget('csvImportMs')})`);
    console.log(
      `  reading large packages      peak ${figures.importPeakRssMb!.toFixed(0)} MB (${budget('importPeakRssMb')}): media just under its limit ${figures.readNearCapPeakRssMb!.toFixed(0)} MB in ${(figures.readNearCapMs! / 1000).toFixed(1)} s, ` +
        `bomb ${figures.readBombPeakRssMb!.toFixed(0)} MB, ${figures.readBombRefused ? 'refused' : 'NOT refused'} in ${(figures.readBombMs! / 1000).toFixed(1)} s, 300 MB of media ${figures.readRealPeakRssMb!.toFixed(0)} MB in ${(figures.readRealMs! / 1000).toFixed(1)} s`,
    );
    console.log(
      `  during a 300 MB import      ${figures.importOtherRequests} other requests: p99 ${figures.importOtherRequestsP99Ms!.toFixed(1)} ms, slowest ${figures.importOtherRequestsMaxMs!.toFixed(1)} ms (${budget('importOtherRequestsMaxMs')}); the import took ${(figures.importRealMs! / 1000).toFixed(1)} s`,
    );
    console.log(
      `  hostile inputs, slowest     query ${figures.hostileQueryMaxMs!.toFixed(0)} ms (${budget('hostileQueryMaxMs')}), wildcards ${figures.hostileGlobMs!.toFixed(0)} ms (${budget('hostileGlobMs')}), ` +
        `card template ${figures.hostileTemplateMaxMs!.toFixed(0)} ms (${budget('hostileTemplateMaxMs')}), text import ${figures.hostileTextFileMaxMs!.toFixed(0)} ms (${budget('hostileTextFileMaxMs')})`,
    );
    if (!Number.isNaN(coldReplayMs)) console.log(`  first open without a snapshot (full replay) ${coldReplayMs.toFixed(0)} ms`);
    if (values.check) {
      if (missed.length) console.log(`\nBudgets missed on the median of ${runs} run(s): ${missed.map(({ budget, value }) => `${budget.figure} ${value!.toFixed(1)} > ${budget.limit} ${budget.unit}`).join(', ')}`);
      else console.log(`\nEvery budget met on the median of ${runs} run(s).`);
    }
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
