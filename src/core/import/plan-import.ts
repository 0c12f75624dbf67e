// Turns an import bundle into one import event: notes matched by identity, histories merged, schedules recomputed.
import type { ImportCounts, Preset, ScheduleMerge } from '../../shared/dto';
import type { Collection } from '../collection/collection';
import { contentHash, noteContentHash } from '../collection/content-hash';
import { deckByName, decksForPath } from '../collection/deck-tree';
import type { ImportedReviewEntry, ImportEvent } from '../collection/events';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord, Schedule } from '../collection/types';
import { cardId as makeCardId } from '../notes/note-types';
import { replayTrail, type ReplayStep } from '../scheduling/fast-replay';
import { defaultPreset } from '../scheduling/presets';
import { newSchedule, type Grade1to4 } from '../scheduling/scheduler';
import { studyDay, type Calendar } from '../time/study-day';
import { MAX_FIELD_LENGTH, oversizedField, type ImportBundle, type ImportedCard, type ImportedReview } from './bundle';
import { scheduleFromKept } from './kept-schedule';

export interface ImportOptions {
  at: number;
  /** The file's name, recorded with the notes and in the journal. */
  source: string;
  calendar: Calendar;
  /** Put every note in this deck instead of the decks the file names. */
  deckName?: string;
  /** Notes already in the collection: update them in place (default) or leave them as they are. */
  existing?: 'update' | 'skip';
  /** Media renamed on the way in (a different file already had the name): old name -> new name. */
  mediaRenames?: Map<string, string>;
}

export interface ImportPlan {
  event: ImportEvent | null;
  notes: ImportCounts;
  cards: ImportCounts;
  reviews: ImportCounts;
  /** Present when cards already in the collection came again with their own schedules. */
  schedules?: ScheduleMerge;
  decks: string[];
  /** Ids of the decks the notes went into, for a link to them. */
  deckIds: string[];
  messages: string[];
}

const zero = (): ImportCounts => ({ added: 0, updated: 0, unchanged: 0, skipped: 0 });

/** The collection's note id for an import identity: a native id stays itself, others keep their key. */
export function noteIdFor(key: string): string {
  return key.startsWith('id:') ? key.slice(3) : key;
}

function rewriteMedia(value: string, renames: Map<string, string> | undefined): string {
  if (!renames || renames.size === 0) return value;
  let out = value;
  for (const [from, to] of renames) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(src=["']?)${escaped}(?=["'\\s>])`, 'g'), `$1${to}`)
      .replace(new RegExp(`\\[sound:${escaped}\\]`, 'g'), `[sound:${to}]`)
      .replace(new RegExp(`(\\]\\()${escaped}(?=[)\\s])`, 'g'), `$1${to}`);
  }
  return out;
}

/**
 * Plans the whole import without touching the collection. Identity decides everything: a note
 * whose key is already in the collection is updated in place (its cards keep their schedule and
 * history; reviews the collection does not have yet are added and the schedule recomputed from the
 * merged history), or left alone when asked, or when the learner edited it in the app.
 */
export function planImport(col: Collection, bundle: ImportBundle, options: ImportOptions): ImportPlan {
  const steps = planImportSteps(col, bundle, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Notes planned between two steps of planImportSteps. */
const NOTES_PER_STEP = 20;

/**
 * planImport a few notes at a time: it yields the share of notes planned so far, so a caller can let
 * other work run between steps (the collection must not change meanwhile, or the plan is stale).
 */
export function* planImportSteps(col: Collection, bundle: ImportBundle, options: ImportOptions): Generator<number, ImportPlan, void> {
  const { at, calendar } = options;
  const notesCount = zero();
  const cardsCount = zero();
  const reviewsCount = zero();
  const messages = [...bundle.problems];
  const today = studyDay(calendar, at);

  // Note types: kept by key, unless the collection has a different note type under the same key.
  const noteTypes: NoteTypeRecord[] = [];
  const noteTypeIds = new Map<string, string>();
  for (const type of bundle.noteTypes) {
    const record: NoteTypeRecord = { id: type.key, name: type.name, kind: type.kind, fields: type.fields, templates: type.templates, css: type.css };
    const known = col.noteTypes.get(type.key);
    const shape = (t: NoteTypeRecord) => contentHash([t.kind, t.fields, t.templates]);
    if (known && shape(known) !== shape(record)) record.id = `${type.key}-${shape(record).slice(0, 8)}`;
    noteTypeIds.set(type.key, record.id);
    if (!known || known.id !== record.id || shape(known) !== shape(record) || known.css !== record.css) noteTypes.push(record);
  }

  // Presets a backup carries, under their own ids. One the collection already has is replaced only
  // while it is still exactly the default (the learner never changed it), so a backup restored into a
  // new folder schedules as it did, and one merged into a used collection never changes its settings.
  const untouched = JSON.stringify(defaultPreset());
  const presets = (bundle.presets ?? []).filter((preset) => {
    const mine = col.presets.get(preset.id);
    return !mine || (JSON.stringify(mine) === untouched && JSON.stringify(preset) !== untouched);
  });

  // Decks, created with their parents as the notes need them.
  const decks: DeckRecord[] = [];
  // A file names few decks and many notes: each name is looked up (or made) once.
  const idsByName = new Map<string, string>();
  const deckIdOf = (name: string): string => {
    let id = idsByName.get(name);
    if (id === undefined) idsByName.set(name, (id = findOrMakeDeck(name)));
    return id;
  };
  const findOrMakeDeck = (name: string): string => {
    const clean = name
      .split('::')
      .map((part) => part.trim())
      .filter(Boolean)
      .join('::') || 'Imported';
    const existing = deckByName(col, clean) ?? decks.find((deck) => deck.name === clean);
    if (existing) return existing.id;
    const made = decksForPath(col, clean, at, undefined, decks);
    for (const deck of made) {
      const presetId = bundle.deckPresets?.[deck.name];
      if (presetId && (col.presets.has(presetId) || presets.some((p) => p.id === presetId))) deck.presetId = presetId;
    }
    decks.push(...made);
    return made[made.length - 1]!.id;
  };

  // The preset a card is scheduled with: a deck this import creates may bring its own (Anki's weights).
  const presetFor = (deckId: string): Preset => {
    const planned = decks.find((deck) => deck.id === deckId);
    if (!planned) return col.presetOf(deckId);
    return presets.find((preset) => preset.id === planned.presetId) ?? col.presets.get(planned.presetId) ?? col.presetOf(deckId);
  };
  const merge: ScheduleMerge = { fromFile: 0, studiedHere: 0, newerInFile: 0, newerHere: 0 };
  let merged = false;
  const positionOf = newCardPositions(bundle, col.nextPosition);

  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  const reviews: ImportedReviewEntry[] = [];
  const removedCards: string[] = [];
  const usedDecks = new Set<string>();
  let position = positionOf.next;

  for (const [index, imported] of bundle.notes.entries()) {
    if (index % NOTES_PER_STEP === NOTES_PER_STEP - 1) yield index / bundle.notes.length;
    const noteId = noteIdFor(imported.key);
    const where = imported.where ? `${options.source}, ${imported.where}` : options.source;
    const oversized = oversizedField(imported.fields);
    if (oversized) {
      // Such a field is a mistake or an attack: it would slow every list and card it appears in.
      notesCount.skipped++;
      cardsCount.skipped += imported.cards.length;
      const note = imported.where ? where : `${where}, note "${noteId}"`;
      messages.push(`${note}: field "${oversized.name}" is ${oversized.length} characters long, more than the ${MAX_FIELD_LENGTH} a field may hold; skipped`);
      continue;
    }
    const existing = col.notes.get(noteId);
    const deckId = deckIdOf(options.deckName ?? imported.deckName);
    usedDecks.add(deckId);
    const fields = Object.fromEntries(Object.entries(imported.fields).map(([name, value]) => [name, rewriteMedia(value, options.mediaRenames)]));
    const noteTypeId = imported.noteTypeKey ? noteTypeIds.get(imported.noteTypeKey) : undefined;
    if (imported.type === 'anki' && !noteTypeId) {
      notesCount.skipped++;
      cardsCount.skipped += imported.cards.length;
      messages.push(`${where}: its note type is not in the file; skipped`);
      continue;
    }
    const hash = noteContentHash({ type: imported.type, fields, tags: imported.tags });

    // The note itself.
    let noteChanged = false;
    if (!existing) {
      notes.push({
        id: noteId,
        deckId,
        type: imported.type,
        ...(noteTypeId ? { noteTypeId } : {}),
        ...(imported.format === 'html' ? { format: 'html' as const } : {}),
        fields,
        tags: imported.tags,
        created: imported.created ?? at,
        modified: imported.modified ?? at,
        origin: { source: `import:${options.source}`, hash, editedLocally: false },
      });
      notesCount.added++;
      noteChanged = true;
    } else if (existing.origin?.source.startsWith('builtin:')) {
      notesCount.skipped++;
      cardsCount.skipped += imported.cards.length;
      messages.push(`${where}: note id "${noteId}" belongs to a built-in deck; skipped`);
      continue;
    } else if (options.existing === 'skip') {
      notesCount.skipped++;
      messages.push(`${where}: "${noteId}" is already in the collection; left as it is (as asked)`);
    } else if (existing.origin?.editedLocally && existing.origin.hash !== hash) {
      notesCount.skipped++;
      messages.push(`${where}: "${noteId}" changed in the file but you edited it in the app; your version is kept`);
    } else if (noteContentHash(existing) === hash && existing.type === imported.type) {
      notesCount.unchanged++;
    } else {
      notes.push({
        ...existing,
        type: imported.type,
        ...(noteTypeId ? { noteTypeId } : {}),
        format: imported.format,
        fields,
        tags: existing.tags.includes('leech') && !imported.tags.includes('leech') ? [...imported.tags, 'leech'] : imported.tags,
        modified: at,
        origin: { source: existing.origin?.source ?? `import:${options.source}`, hash, editedLocally: false },
      });
      notesCount.updated++;
      noteChanged = true;
    }
    const skippedNote = existing !== undefined && options.existing === 'skip';
    // An updated native note stops making cards it no longer has (a cloze number removed).
    if (existing && noteChanged && imported.type !== 'anki') {
      const ords = new Set(imported.cards.map((card) => card.ord));
      for (const id of col.cardsByNote.get(noteId) ?? []) {
        const card = col.cards.get(id)!;
        if (!ords.has(card.ord)) {
          removedCards.push(id);
          messages.push(`${where}: card ${card.ord} of "${noteId}" is no longer made by the note and was removed (its history is kept)`);
        }
      }
    }

    // Its cards, with their histories.
    for (const importedCard of imported.cards) {
      const id = makeCardId(noteId, importedCard.ord);
      const card = col.cards.get(id);
      const cardDeck = importedCard.deckName && !options.deckName ? deckIdOf(importedCard.deckName) : deckId;
      if (skippedNote) {
        cardsCount.skipped++;
        reviewsCount.skipped += importedCard.reviews.length;
        continue;
      }
      const here = card ? col.history.reviewsOf(id) : [];
      const known = here.length ? new Set(here.map((review) => review.at)) : null;
      const fresh = known ? importedCard.reviews.filter((review) => !known.has(review.at)) : importedCard.reviews;
      reviewsCount.unchanged += importedCard.reviews.length - fresh.length;
      const kept = importedCard.kept;
      if (card && fresh.length === 0 && !kept) {
        if (noteChanged) cardsCount.updated++;
        else cardsCount.unchanged++;
        continue;
      }
      const all = here.length ? byTime([...here.map((r) => ({ at: r.at, rating: r.rating, durationMs: r.durationMs }) as ImportedReview), ...fresh]) : byTime(fresh);
      const created = card?.created ?? imported.created ?? at;
      const preset = presetFor(card?.deckId ?? cardDeck);
      // Every review is fresh for a card new here (the usual case): no set to look them up in.
      const freshSet = here.length ? new Set(fresh.map((review) => review.at)) : null;
      const isFresh = (review: ImportedReview) => freshSet === null || freshSet.has(review.at);
      const replay = (lastInFull: boolean) =>
        replayTrail(
          all.map((r) => r.at),
          all.map((r) => r.rating),
          created,
          preset,
          calendar,
          id,
          all.map((r) => r.intervalDays),
          lastInFull,
        );

      // The schedule: the source's own when it has one (and, for a card already here, when the
      // learner has not studied it here more recently); a backup's exact one; else the replay's.
      let schedule: Schedule;
      let fromSource = false;
      let trail: ReplayStep[];
      if (kept) {
        const sourceSchedule = scheduleFromKept(kept, byTime(importedCard.reviews), created, preset, calendar);
        if (!card) {
          schedule = sourceSchedule;
          fromSource = true;
        } else {
          const settled = settleSchedule(card, sourceSchedule, here, importedCard, fresh);
          if (settled.counted) {
            merge[settled.counted]++;
            merged = true;
          }
          schedule = settled.schedule;
          fromSource = settled.schedule === sourceSchedule;
          if (fresh.length === 0 && !fromSource) {
            if (noteChanged) cardsCount.updated++;
            else cardsCount.unchanged++;
            continue;
          }
        }
        // The scheduler's own answer to the last review is wanted only where history shows it: not
        // where that review is already here, carried exactly, or stood for by the source's schedule.
        const last = all[all.length - 1];
        const shown = last !== undefined && isFresh(last) && !isExact(last, card) && !(fromSource && schedule.lastReview === last.at);
        trail = replay(shown);
      } else {
        trail = replay(true);
        schedule = !card && importedCard.schedule ? importedCard.schedule : (trail[trail.length - 1]?.after ?? newSchedule(created));
      }

      all.forEach((review, i) => {
        if (!isFresh(review)) return;
        const step = trail[i]!;
        const exact = isExact(review, card);
        // The source's schedule came from its last review: history shows it as that review's result,
        // so a later change of parameters recomputes this card like any other.
        const result = fromSource && schedule.lastReview === review.at && i === all.length - 1 ? schedule : step.after;
        reviews.push({
          cardId: id,
          at: review.at,
          rating: review.rating as Grade1to4,
          durationMs: review.durationMs,
          prior: exact ? review.prior! : step.prior,
          after: exact ? review.after! : result,
        });
      });
      reviewsCount.added += fresh.length;
      if (card) {
        const { decay: _decay, desiredRetention: _retention, ...rest } = card;
        cards.push({
          ...(fromSource ? rest : card),
          ...schedule,
          ...(fromSource ? { suspended: importedCard.suspended, buriedUntilDay: importedCard.buried ? today + 1 : null } : {}),
        });
        cardsCount.updated++;
      } else {
        cards.push({
          id,
          noteId,
          ord: importedCard.ord,
          deckId: cardDeck,
          position: importedCard.position ?? positionOf.of(importedCard) ?? position++,
          suspended: importedCard.suspended,
          buriedUntilDay: importedCard.buried ? today + 1 : null,
          flag: importedCard.flag,
          created,
          ...schedule,
        });
        cardsCount.added++;
      }
    }
  }

  // Descriptions the file gives for decks it creates.
  for (const deck of decks) {
    const described = bundle.decks.find((d) => d.name === deck.name);
    if (described?.description) deck.description = described.description;
  }
  messages.push(...(bundle.notices ?? []));
  if (merged) messages.push(mergeMessage(merge));
  const changed = notes.length > 0 || cards.length > 0 || noteTypes.length > 0 || reviews.length > 0 || removedCards.length > 0 || presets.length > 0;
  const deckIds = [...usedDecks];
  return {
    event: changed
      ? { type: 'import', at, source: options.source, format: bundle.format, decks, ...(presets.length ? { presets } : {}), noteTypes, notes, cards, removedCards, reviews, media: [] }
      : null,
    notes: notesCount,
    cards: cardsCount,
    reviews: reviewsCount,
    ...(merged ? { schedules: merge } : {}),
    decks: deckIds.map((id) => decks.find((deck) => deck.id === id)?.name ?? col.decks.get(id)?.name ?? id),
    deckIds,
    messages,
  };
}

/** The reviews in time order: as given when they already are (sources give them oldest first), else sorted. */
function byTime<T extends { at: number }>(reviews: T[]): T[] {
  for (let i = 1; i < reviews.length; i++) if (reviews[i]!.at < reviews[i - 1]!.at) return [...reviews].sort((a, b) => a.at - b.at);
  return reviews;
}

/** A review the source gives with its exact result (a backup's), for a card new here: taken as it is. */
function isExact(review: ImportedReview, card: CardRecord | undefined): boolean {
  return !card && review.after !== undefined && review.prior !== undefined;
}

/**
 * A card already here that the file brings with its own schedule again: the file's schedule where
 * the learner has not studied the card here since it came; where both have, the newer review wins.
 * Reviews here are those the file does not have (the file's own, imported before, it still lists).
 */
function settleSchedule(
  card: CardRecord,
  source: Schedule,
  here: readonly { at: number }[],
  imported: ImportedCard,
  fresh: readonly ImportedReview[],
): { schedule: Schedule; counted: keyof ScheduleMerge | null } {
  const inFile = new Set(imported.reviews.map((review) => review.at));
  const lastHere = Math.max(-Infinity, ...here.filter((review) => !inFile.has(review.at)).map((review) => review.at));
  const lastInFile = Math.max(-Infinity, ...fresh.map((review) => review.at));
  const mine = scheduleOfCard(card);
  const changed = !sameSchedule(mine, source) || card.suspended !== imported.suspended;
  if (lastHere === -Infinity) return { schedule: changed ? source : mine, counted: changed ? 'fromFile' : null };
  if (lastInFile === -Infinity) return { schedule: mine, counted: changed ? 'studiedHere' : null };
  return lastInFile > lastHere ? { schedule: source, counted: 'newerInFile' } : { schedule: mine, counted: 'newerHere' };
}

function scheduleOfCard(card: CardRecord): Schedule {
  const { state, due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, lastReview, decay, desiredRetention } = card;
  return {
    ...{ state, due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, lastReview },
    ...(decay !== undefined ? { decay } : {}),
    ...(desiredRetention !== undefined ? { desiredRetention } : {}),
  };
}

/** Equal to the precision sources store (Anki keeps stability to 4 decimals). */
function sameSchedule(a: Schedule, b: Schedule): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-3 * Math.max(1, Math.abs(x), Math.abs(y));
  return (
    a.state === b.state &&
    a.due === b.due &&
    a.scheduledDays === b.scheduledDays &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.lastReview === b.lastReview &&
    close(a.stability, b.stability) &&
    close(a.difficulty, b.difficulty)
  );
}

function mergeMessage(merge: ScheduleMerge): string {
  const parts = [`${merge.fromFile} card(s) not studied here since the last import now follow the file's latest schedule`];
  if (merge.studiedHere) parts.push(`${merge.studiedHere} studied here since keep the schedule from here`);
  if (merge.newerInFile || merge.newerHere) {
    parts.push(`${merge.newerInFile + merge.newerHere} studied in both places: the newer review won (${merge.newerInFile} in the file, ${merge.newerHere} here)`);
  }
  return `Schedules: ${parts.join('; ')}.`;
}

/**
 * Positions for the new cards of a file that gives its own order of introduction (Anki's due
 * numbers of new cards): ranked after the collection's last position, in that order; cards without
 * one follow after all of them.
 */
function newCardPositions(bundle: ImportBundle, start: number): { of: (card: ImportedCard) => number | undefined; next: number } {
  const orders = [...new Set(bundle.notes.flatMap((note) => note.cards.map((card) => card.newOrder)).filter((order): order is number => order !== undefined))].sort(
    (a, b) => a - b,
  );
  const rank = new Map(orders.map((order, i) => [order, start + i]));
  return { of: (card) => (card.newOrder === undefined ? undefined : rank.get(card.newOrder)), next: start + orders.length };
}
