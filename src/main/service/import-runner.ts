// Runs an import end to end: read the file, plan media and notes, write media, then commit one journal line.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Collection } from '../../core/collection/collection';
import type { ImportEvent, JournalEvent, ReviewEvent } from '../../core/collection/events';
import { ImportError, type ImportBundle } from '../../core/import/bundle';
import { previewDelimited } from '../../core/import/text/delimited';
import { planImport, planImportSteps, type ImportPlan } from '../../core/import/plan-import';
import { renderCard } from '../../core/render/card-html';
import type { Calendar } from '../../core/time/study-day';
import type { ImportSummary } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { readAll, type ByteSource } from '../import/byte-source';
import { MEDIA_DIR, planMedia, removeTemporaries, writeMedia, writeMediaInTurns, type MediaPlan } from '../import/media-folder';
import { fileSink } from '../import/media-sink';
import { diskError } from '../store/disk-errors';
import { prepareLine, type PreparedLine } from '../store/prepared-line';
import type { Touched } from '../store/recent-events';
import { readImportFile, type ReadOptions } from '../import/read-import-file';
import { readInChild } from '../import/read-in-child';
import { oneAtATime } from './import-queue';

export interface ImportRequest extends ReadOptions {
  dryRun?: boolean;
  existing?: 'update' | 'skip';
}

export interface ImportContext {
  /** The collection the store holds now: asked again before committing, as a restore or rebuild replaces it. */
  collection(): Collection;
  dataDir: string;
  at: number;
  calendar: Calendar;
  commit(event: JournalEvent): number | void;
  /** Commits an event serialised beforehand (prepareLine), written beside the event loop; other changes wait for it. Returns its sequence number. */
  commitPrepared(prepared: PreparedLine): Promise<number | void>;

  /** What the events after `seq` touched (null: no longer known). */
  changesSince?(seq: number): Touched[] | null;
  /** Told each phase as it starts, with the share of the work done before it. */
  progress?(phase: string, done: number): void;
  /** Asked between phases; a cancelled import stops before anything is written. */
  cancelled?(): boolean;
  /** Read the file in a child process (the app and browser mode), so this one keeps answering meanwhile. */
  readInChild?: boolean;
}

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was imported.');
  }
}

/** Lets the event loop answer progress polls between the long synchronous steps. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

const PREVIEW_CARDS = 5;

/** Media names that clash again even when planned and written in one synchronous turn: give up. */
const MAX_MEDIA_PASSES = 3;

/** Plans made a few notes at a time before the last is made in one synchronous turn. */
const MAX_PLANS = 4;

/** Work done between two turns of the event loop while planning and serialising, in ms. */
const SLICE_MS = 8;

function withMedia(event: ImportEvent, media: MediaPlan): ImportEvent {
  event.media = media.writes.map((file) => ({ name: file.name, sha1: file.sha1 }));
  // On the undo stack: the summary offers to remove what it added, and Ctrl/Cmd+Z takes it back in turn.
  event.undoable = true;
  return event;
}

/** Whether nothing since the plan began touched what it writes (`touched` null: not known, so no). */
function planStillHolds(plan: ImportPlan, touched: Touched[] | null): boolean {
  if (touched === null) return false;
  if (touched.length === 0) return true;
  const event = plan.event;
  const cards = new Set([...(event?.cards.map((card) => card.id) ?? []), ...(event?.removedCards ?? []), ...(event?.reviews.map((review) => review.cardId) ?? [])]);
  const notes = new Set(event?.notes.map((note) => note.id) ?? []);
  return touched.every((change) => !('anything' in change) && !cards.has(change.card) && !notes.has(change.note));
}

/**
 * Everything but the final commit can fail and nothing changes. Media files are written before the
 * journal line: a crash in between leaves unreferenced files (harmless, reused by a retry), never
 * notes pointing at missing media. The import itself is one journal line: all or nothing.
 *
 * Imports into one folder run one at a time: a second waits for the first to end, so it plans
 * against what the first committed.
 */
export function runImport(context: ImportContext, fileName: string, source: ByteSource, request: ImportRequest): Promise<ImportSummary> {
  return oneAtATime(resolve(context.dataDir), () => importNow(context, fileName, source, request), () => context.progress?.('waiting for another import', 0)).finally(() => source.close());
}

/**
 * The plan carries whole card and note records, so it is only good for the collection exactly as it
 * was planned against. The learner keeps studying while media is written (an answer, a deleted
 * note), so before committing the runner checks that the collection is the same object with the same
 * last event. If not, it plans again from the current collection and commits in the same synchronous
 * turn, so nothing can come in between. The re-plan also plans media again: files written by the
 * first pass are found in place (same content, no rename); a name something else took meanwhile gets
 * a new name, and those few files are written synchronously too, before the commit.
 *
 * A restore or rebuild during the import (a new collection object) fails the import instead: the
 * learner chose to go back to that state, and an import started before it should not silently land
 * on top. Its media files stay, unreferenced, and are reused if the file is imported again.
 */
async function importNow(context: ImportContext, fileName: string, source: ByteSource, request: ImportRequest): Promise<ImportSummary> {
  const { dataDir, at, calendar } = context;
  const step = async (phase: string, done: number) => {
    context.progress?.(phase, done);
    await breathe();
    if (context.cancelled?.()) throw new ImportCancelled();
  };
  await step('reading the file', 0.02);
  // Media is unpacked straight to temporary files of the media folder, linked into place at the end.
  const mediaFolder = join(dataDir, MEDIA_DIR);
  let bundle: ImportBundle;
  try {
    bundle = context.readInChild ? await readBeside(context, fileName, source, request, mediaFolder) : await readImportFile(fileName, source, { ...request, calendar, media: fileSink(mediaFolder) });
  } catch (error) {
    if (error instanceof ImportCancelled) throw error;
    throw importFailure(error, fileName, dataDir);
  }
  try {
    return await planAndCommit(context, fileName, source, request, bundle, step);
  } catch (error) {
    throw diskError(error, dataDir, 'importing');
  } finally {
    // Placed files are links of their own now; the temporary names go, used or not. Thousands of
    // them removed one by one here held the event loop for a tenth of a second and more: they go
    // beside it instead, and the job ends once they are gone.
    const temporaries = bundle.media.flatMap((file) => (file.stored ? [file.stored.path] : []));
    if (temporaries.length > 0) context.progress?.('tidying up', 0.99);
    await removeTemporaries(temporaries);
  }
}

/**
 * Reads the file in a child process. Bytes a window sent are written to a temporary file first, so
 * that they too are unpacked and parsed over there. A cancel stops the child at once.
 */
async function readBeside(context: ImportContext, fileName: string, source: ByteSource, request: ImportRequest, mediaFolder: string): Promise<ImportBundle> {
  let path = source.path;
  let upload: string | null = null;
  if (path === undefined) {
    mkdirSync(mediaFolder, { recursive: true });
    upload = path = join(mediaFolder, `.import-${randomBytes(6).toString('hex')}-0.tmp`);
    await writeFile(upload, readAll(source));
  }
  const { dryRun: _dryRun, existing: _existing, ...options } = request;
  const reading = readInChild({ path, fileName, maxBytes: Number.MAX_SAFE_INTEGER, mediaFolder, options });
  let cancelled = false;
  const watch = setInterval(() => {
    if (context.cancelled?.()) {
      cancelled = true;
      reading.cancel();
    }
  }, 100);
  try {
    return await reading.bundle;
  } catch (error) {
    throw cancelled ? new ImportCancelled() : error;
  } finally {
    clearInterval(watch);
    if (upload) rmSync(upload, { force: true });
  }
}

/** A file that cannot be read is a parse error naming the place; a disk that gives out, a disk fault. */
function importFailure(error: unknown, fileName: string, dataDir: string): unknown {
  if (error instanceof ImportError) {
    return new AppError('parse_error', error.message, {
      file: error.where.file ?? fileName,
      ...(error.where.line !== undefined ? { line: error.where.line } : {}),
      ...(error.where.column !== undefined ? { column: error.where.column } : {}),
    });
  }
  return diskError(error, dataDir, 'unpacking the file');
}

async function planAndCommit(
  context: ImportContext,
  fileName: string,
  source: ByteSource,
  request: ImportRequest,
  bundle: ImportBundle,
  step: (phase: string, done: number) => Promise<void>,
): Promise<ImportSummary> {
  const { dataDir, at, calendar } = context;
  await step('matching notes and histories', 0.5);
  const optionsFor = (media: MediaPlan) => ({
    at,
    source: fileName,
    calendar,
    ...(request.deckName ? { deckName: request.deckName } : {}),
    ...(request.existing ? { existing: request.existing } : {}),
    mediaRenames: media.renames,
  });
  // Work done a step at a time, the event loop answering other calls between slices of steps.
  const inSlices = async <T>(steps: Generator<unknown, T>, cancellable: boolean): Promise<T> => {
    let slice = performance.now();
    for (;;) {
      const next = steps.next();
      if (next.done) return next.value;
      if (performance.now() - slice < SLICE_MS) continue;
      await breathe();
      if (cancellable && context.cancelled?.()) throw new ImportCancelled();
      slice = performance.now();
    }
  };
  // Planned a few notes at a time.
  const planWith = (col: Collection, media: MediaPlan, cancellable: boolean): Promise<ImportPlan> => inSlices(planImportSteps(col, bundle, optionsFor(media)), cancellable);
  const planned = context.collection();
  let plannedSeq = planned.appliedSeq;
  let media = planMedia(dataDir, bundle.media);
  let plan = await planWith(planned, media, true);
  let shown: ImportSummary['preview'] | null = null;
  let undoSeq: number | undefined;
  // Studying went on while it was planned: an answer to a card the plan does not hold leaves it
  // good; anything else that came in since it began means planning again.
  const holds = () => planStillHolds(plan, context.changesSince ? context.changesSince(plannedSeq) : context.collection().appliedSeq === plannedSeq ? [] : null);
  if (!request.dryRun) {
    await step('writing media files', 0.8);
    let clashes = await writeMediaInTurns(dataDir, media, breathe, SLICE_MS);
    // Past this point the import can no longer be cancelled.
    for (let attempt = 1; ; attempt++) {
      const col = context.collection();
      if (col !== planned) {
        throw new AppError('conflict', 'The collection was restored or rebuilt while this import ran, so nothing was imported. Import the file again to add it to the restored collection.');
      }
      if (clashes.length > 0 || !holds()) {
        const ours = new Set(media.writes.map((file) => file.name).filter((name) => !clashes.includes(name)));
        for (let pass = 1; ; pass++) {
          media = planMedia(dataDir, bundle.media, ours);
          clashes = writeMedia(dataDir, media);
          if (clashes.length === 0) break;
          if (pass === MAX_MEDIA_PASSES) {
            throw new AppError('conflict', `Media files named ${clashes.join(', ')} keep changing while being imported, so nothing was imported. Try again.`);
          }
        }
        plannedSeq = col.appliedSeq;
        if (attempt === MAX_PLANS) {
          // The learner keeps changing what this import touches: plan and commit in one turn, so nothing can come in between.
          plan = planImport(col, bundle, optionsFor(media));
          shown = null;
          if (plan.event) {
            const seq = context.commit(withMedia(plan.event, media));
            if (typeof seq === 'number') undoSeq = seq;
          }
          break;
        }
        plan = await planWith(col, media, false);
        continue;
      }
      if (!plan.event) break;
      // The first cards as they will look, drawn before the commit so that it adds no pause of its own.
      shown = preview(col, plan.event);
      await breathe();
      // Room for its reviews made now, a few columns per turn, so the moment it lands copies no column.
      await inSlices(col.history.reserveSteps(plan.event.reviews.length), false);
      // Its review rows written beside the log in slices, so that landing only links them.
      const reviews = plan.event.reviews as ReviewEvent[];
      await inSlices(col.history.stageSteps(reviews), false);
      // Serialised a piece at a time too; then checked once more and committed with nothing awaited in between.
      context.progress?.('saving', 0.95);
      const prepared = await prepareLine(withMedia(plan.event, media), breathe, SLICE_MS);
      // An answer meanwhile moved the log on: the rows are written again for the log as it is now.
      if (!col.history.hasStaged(reviews)) await inSlices(col.history.stageSteps(reviews), false);
      if (context.collection() !== planned || !holds()) continue;
      // Its undo entry worked out now, in this turn, rather than in the one where it lands.
      col.prepareImport(prepared.event as ImportEvent);
      // From here nothing else changes the collection until it is applied: other changes wait.
      const seq = await context.commitPrepared(prepared);
      if (typeof seq === 'number') undoSeq = seq;
      break;
    }
  }
  return {
    file: fileName,
    format: bundle.format,
    dryRun: request.dryRun ?? false,
    decks: plan.decks,
    deckIds: plan.deckIds,
    notes: plan.notes,
    cards: plan.cards,
    reviews: plan.reviews,
    ...(plan.schedules ? { schedules: plan.schedules } : {}),
    // Files the reader already left out (a refused name, an unreadable entry) count as skipped too.
    media: { ...media.counts, skipped: media.counts.skipped + (bundle.mediaSkipped ?? 0) },
    messages: [...plan.messages, ...media.messages],
    preview: shown ?? preview(context.collection(), plan.event),
    ...(undoSeq !== undefined ? { undoSeq } : {}),
    ...(isDelimited(bundle.format) ? { columns: bundle.columns ?? columnsOf(fileName, readAll(source), request) } : {}),
  };
}

function isDelimited(format: string): boolean {
  return ['csv', 'tsv', 'anki-text', 'delimited', 'text'].some((kind) => format.startsWith(kind));
}

function columnsOf(fileName: string, bytes: Uint8Array, request: ImportRequest): ImportSummary['columns'] {
  try {
    const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
    const found = previewDelimited(text, fileName, {
      ...(request.delimiter ? { delimiter: request.delimiter } : {}),
      ...(request.hasHeader !== undefined ? { hasHeader: request.hasHeader } : {}),
    });
    return { names: found.columns, rows: found.rows.slice(0, 8), delimiter: found.delimiter, hasHeader: found.hasHeader, mapping: { ...(request.mapping ?? found.mapping) } };
  } catch {
    return undefined;
  }
}

/** The first cards of the import as they will look, rendered from the planned notes. */
function preview(col: Collection, event: JournalEvent | null): ImportSummary['preview'] {
  if (!event || event.type !== 'import') return [];
  const notes = new Map(event.notes.map((note) => [note.id, note]));
  const types = new Map(event.noteTypes.map((type) => [type.id, type]));
  return event.cards.slice(0, PREVIEW_CARDS).flatMap((card) => {
    const note = notes.get(card.noteId) ?? col.notes.get(card.noteId);
    if (!note) return [];
    const noteType = note.noteTypeId ? (types.get(note.noteTypeId) ?? col.noteTypes.get(note.noteTypeId)) : undefined;
    const deckName = event.decks.find((deck) => deck.id === card.deckId)?.name ?? col.decks.get(card.deckId)?.name ?? '';
    const sides = renderCard(note, card.ord, { ...(noteType ? { noteType } : {}), deckName });
    return [{ cardId: card.id, front: sides.front, back: sides.back }];
  });
}
