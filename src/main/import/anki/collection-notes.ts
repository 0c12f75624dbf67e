// Notes with their cards and review history, read from the notes, cards and revlog tables (the same in every schema).
import type { ImportedCard, ImportedNote, ImportedReview } from '../../../core/import/bundle';
import type { CollectionMeta } from './collection-meta';
import { ProblemExamples } from './problem-examples';
import { int, text, type CollectionDb } from './sqlite';

const FIELD_SEPARATOR = '\x1f';
const DEFAULT_DECK_NAME = 'Default';
/** Note ids are creation times in ms; outside these years an id is just a number. */
const PLAUSIBLE_MS = { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1) };

/** Revlog review kinds (rslib revlog/mod.rs). */
const REVLOG = { learning: 0, relearning: 2, filtered: 3, manual: 4, rescheduled: 5 } as const;
/** Card queues meaning suspended, and buried (by the scheduler or by hand). */
const QUEUE = { suspended: -1, buriedBySibling: -2, buriedByUser: -3 } as const;

interface CardRow {
  id: number;
  deckId: number;
  ord: number;
  queue: number;
  flags: number;
}

export function readNotes(db: CollectionDb, meta: CollectionMeta, problems: string[], file: string): ImportedNote[] {
  const where = `${file}: "${db.entry}"`;
  const reviews = readReviews(db, meta.schedulerV1);
  const cardsByNote = new Map<number, CardRow[]>();
  db.select('SELECT id, nid, did, odid, ord, queue, flags FROM cards ORDER BY nid, ord, id', ([id, nid, did, odid, ord, queue, flags]) => {
    const list = cardsByNote.get(int(nid)) ?? [];
    // A card in a filtered deck belongs to its original deck (odid).
    list.push({ id: int(id), deckId: int(odid) || int(did), ord: int(ord, -1), queue: int(queue), flags: int(flags) });
    cardsByNote.set(int(nid), list);
  });

  const notes: ImportedNote[] = [];
  const guids = new Set<string>();
  const skippedByType = new Map<number, number>();
  const unknownDecks = new Set<number>();
  let extraFields = 0;
  const noGuid = new ProblemExamples();
  const repeatedGuid = new ProblemExamples();
  db.select('SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id', ([idValue, guidValue, midValue, modValue, tags, flds]) => {
    const id = int(idValue);
    const mid = int(midValue);
    const guid = text(guidValue);
    const noteType = meta.noteTypes.get(mid);
    if (!noteType || noteType.fields.length === 0) {
      skippedByType.set(mid, (skippedByType.get(mid) ?? 0) + 1);
      return;
    }
    if (!guid) {
      noGuid.add(String(id));
      return;
    }
    if (guids.has(guid)) {
      repeatedGuid.add(`${id} (${JSON.stringify(guid)})`);
      return;
    }
    guids.add(guid);

    const values = text(flds).split(FIELD_SEPARATOR);
    if (values.length > noteType.fields.length) extraFields++;
    const fields: Record<string, string> = {};
    noteType.fields.forEach((name, index) => {
      fields[name] = values[index] ?? '';
    });

    const deckName = (deckId: number): string => {
      const deck = meta.decks.get(deckId);
      if (deck && !deck.filtered) return deck.name;
      unknownDecks.add(deckId);
      return DEFAULT_DECK_NAME;
    };
    const rows = cardsByNote.get(id) ?? [];
    const noteDeck = rows[0] ? deckName(rows[0].deckId) : DEFAULT_DECK_NAME;
    const cards: ImportedCard[] = [];
    const ords = new Set<number>();
    for (const row of rows) {
      if (row.ord < 0 || ords.has(row.ord)) continue;
      ords.add(row.ord);
      const card: ImportedCard = {
        // Anki counts templates from 0, and for cloze its ord is the cloze number minus one.
        ord: row.ord + 1,
        suspended: row.queue === QUEUE.suspended,
        buried: row.queue === QUEUE.buriedBySibling || row.queue === QUEUE.buriedByUser,
        flag: row.flags & 7,
        reviews: reviews.get(row.id) ?? [],
      };
      const cardDeck = deckName(row.deckId);
      if (cardDeck !== noteDeck) card.deckName = cardDeck;
      cards.push(card);
    }

    const note: ImportedNote = {
      key: `anki:${guid}`,
      deckName: noteDeck,
      type: 'anki',
      noteTypeKey: noteType.key,
      fields,
      format: 'html',
      tags: text(tags).split(/\s+/).filter(Boolean),
      cards,
      where: `note ${id}`,
    };
    if (id >= PLAUSIBLE_MS.from && id < PLAUSIBLE_MS.to) note.created = id;
    const mod = int(modValue);
    if (mod > 0) note.modified = mod * 1000;
    notes.push(note);
  });

  if (skippedByType.size) {
    const types = new ProblemExamples();
    let count = 0;
    for (const [mid, notes] of skippedByType) {
      types.add(`${notes} of note type ${mid}`);
      count += notes;
    }
    problems.push(`${where}: ${count} note(s) were skipped because their note type is missing from the package or could not be read: ${types}`);
  }
  if (noGuid.count) problems.push(`${where}: ${noGuid.count} note(s) have no guid, so a later import could not match them; skipped: ${noGuid}`);
  if (repeatedGuid.count) problems.push(`${where}: ${repeatedGuid.count} note(s) repeat the guid of an earlier note; skipped: ${repeatedGuid}`);
  if (extraFields) problems.push(`${where}: ${extraFields} note(s) had more fields than their note type; the extra fields were dropped`);
  if (unknownDecks.size) {
    const ids = new ProblemExamples();
    for (const id of unknownDecks) ids.add(String(id));
    problems.push(`${where}: cards point at deck(s) missing from the package (${ids}); those cards were put in ${DEFAULT_DECK_NAME}`);
  }
  return notes;
}

/** The answers of each card, oldest first; resets, reschedules and previews are not answers. */
function readReviews(db: CollectionDb, schedulerV1: boolean): Map<number, ImportedReview[]> {
  const byCard = new Map<number, ImportedReview[]>();
  db.select('SELECT id, cid, ease, ivl, time, type, factor FROM revlog ORDER BY id', ([idValue, cid, easeValue, ivl, time, typeValue, factor]) => {
    const type = int(typeValue);
    let ease = int(easeValue);
    if (ease < 1 || ease > 4 || type === REVLOG.manual || type === REVLOG.rescheduled) return;
    // Previewing in a filtered deck without rescheduling logs answers that never touched the schedule.
    if (type === REVLOG.filtered && int(factor) === 0) return;
    // The v1 scheduler's learning buttons were again/good/easy; Anki's own upgrade shifts them the same way.
    if (schedulerV1 && (type === REVLOG.learning || type === REVLOG.relearning) && (ease === 2 || ease === 3)) ease++;
    const id = int(idValue);
    const review: ImportedReview = {
      at: id,
      rating: ease as ImportedReview['rating'],
      durationMs: Math.max(0, int(time)),
      sourceId: String(id),
    };
    const interval = int(ivl);
    if (interval > 0) review.intervalDays = interval;
    const list = byCard.get(int(cid)) ?? [];
    list.push(review);
    byCard.set(int(cid), list);
  });
  return byCard;
}
