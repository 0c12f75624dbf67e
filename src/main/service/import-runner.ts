// Runs an import end to end: read the file, plan media and notes, write media, then commit one journal line.
import { resolve } from 'node:path';
import type { Collection } from '../../core/collection/collection';
import type { JournalEvent } from '../../core/collection/events';
import { ImportError } from '../../core/import/bundle';
import { previewDelimited } from '../../core/import/text/delimited';
import { planImport, type ImportPlan } from '../../core/import/plan-import';
import { renderCard } from '../../core/render/card-html';
import type { Calendar } from '../../core/time/study-day';
import type { ImportSummary } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { planMedia, writeMedia, type MediaPlan } from '../import/media-folder';
import { readImportFile, type ReadOptions } from '../import/read-import-file';
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
  /** Writes the event; returns its sequence number. */
  commit(event: JournalEvent): number | void;
  /** Told each phase as it starts, with the share of the work done before it. */
  progress?(phase: string, done: number): void;
  /** Asked between phases; a cancelled import stops before anything is written. */
  cancelled?(): boolean;
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

/**
 * Everything but the final commit can fail and nothing changes. Media files are written before the
 * journal line: a crash in between leaves unreferenced files (harmless, reused by a retry), never
 * notes pointing at missing media. The import itself is one journal line: all or nothing.
 *
 * Imports into one folder run one at a time: a second waits for the first to end, so it plans
 * against what the first committed.
 */
export function runImport(context: ImportContext, fileName: string, bytes: Uint8Array, request: ImportRequest): Promise<ImportSummary> {
  return oneAtATime(resolve(context.dataDir), () => importNow(context, fileName, bytes, request), () => context.progress?.('waiting for another import', 0));
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
async function importNow(context: ImportContext, fileName: string, bytes: Uint8Array, request: ImportRequest): Promise<ImportSummary> {
  const { dataDir, at, calendar } = context;
  const step = async (phase: string, done: number) => {
    context.progress?.(phase, done);
    await breathe();
    if (context.cancelled?.()) throw new ImportCancelled();
  };
  await step('reading the file', 0.02);
  let bundle;
  try {
    bundle = await readImportFile(fileName, bytes, { ...request, calendar });
  } catch (error) {
    if (error instanceof ImportError) {
      throw new AppError('parse_error', error.message, {
        file: error.where.file ?? fileName,
        ...(error.where.line !== undefined ? { line: error.where.line } : {}),
        ...(error.where.column !== undefined ? { column: error.where.column } : {}),
      });
    }
    throw error;
  }
  await step('matching notes and histories', 0.5);
  const planAgainst = (col: Collection, media: MediaPlan): ImportPlan =>
    planImport(col, bundle, {
      at,
      source: fileName,
      calendar,
      ...(request.deckName ? { deckName: request.deckName } : {}),
      ...(request.existing ? { existing: request.existing } : {}),
      mediaRenames: media.renames,
    });
  const planned = context.collection();
  const plannedSeq = planned.appliedSeq;
  let media = planMedia(dataDir, bundle.media);
  let plan = planAgainst(planned, media);
  let col = planned;
  let undoSeq: number | undefined;
  if (!request.dryRun) {
    await step('writing media files', 0.8);
    let clashes = writeMedia(dataDir, media);
    // Past this point the import is committed: it can no longer be cancelled. Nothing below awaits.
    context.progress?.('saving', 0.95);
    col = context.collection();
    if (col !== planned) {
      throw new AppError('conflict', 'The collection was restored or rebuilt while this import ran, so nothing was imported. Import the file again to add it to the restored collection.');
    }
    if (clashes.length > 0 || col.appliedSeq !== plannedSeq) {
      const ours = new Set(media.writes.map((file) => file.name).filter((name) => !clashes.includes(name)));
      for (let pass = 1; ; pass++) {
        media = planMedia(dataDir, bundle.media, ours);
        clashes = writeMedia(dataDir, media);
        if (clashes.length === 0) break;
        if (pass === MAX_MEDIA_PASSES) {
          throw new AppError('conflict', `Media files named ${clashes.join(', ')} keep changing while being imported, so nothing was imported. Try again.`);
        }
      }
      plan = planAgainst(col, media);
    }
    if (plan.event) {
      plan.event.media = media.writes.map((file) => ({ name: file.name, sha1: file.sha1 }));
      // On the undo stack: the summary offers to remove what it added, and Ctrl/Cmd+Z takes it back in turn.
      plan.event.undoable = true;
      const seq = context.commit(plan.event);
      if (typeof seq === 'number') undoSeq = seq;
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
    media: media.counts,
    messages: [...plan.messages, ...media.messages],
    preview: preview(col, plan.event),
    ...(undoSeq !== undefined ? { undoSeq } : {}),
    ...(isDelimited(bundle.format) ? { columns: columnsOf(fileName, bytes, request) } : {}),
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
