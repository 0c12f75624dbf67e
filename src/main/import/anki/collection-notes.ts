// Notes with their cards, schedules and review history, read from the notes, cards and revlog tables (the same in every schema).
import type { ImportedCard, ImportedNote } from '../../../core/import/bundle';
import { keptSchedule, type CardRow as ScheduleRow } from './card-schedule';
import type { CollectionMeta } from './collection-meta';
import { ProblemExamples } from './problem-examples';
import { noRows, readRevlog, reviewsOf, skippedRowsNotices, type SkippedRows } from './revlog';
import { int, text, type CollectionDb } from './sqlite';

const FIELD_SEPARATOR = '\x1f';
const DEFAULT_DECK_NAME = 'Default';
/** Note ids are creation times in ms; outside these years an id is just a number. */
const PLAUSIBLE_MS = { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1) };

/** Card queues meaning suspended, and buried (by the scheduler or by hand). */
const QUEUE = { suspended: -1, buriedBySibling: -2, buriedByUser: -3 } as const;

interface CardRow extends ScheduleRow {
  id: number;
  deckId: number;
  ord: number;
  flags: number;
}

/** `date0`: the local date of the collection's day 0 (see card-schedule.ts); `notices` is told what was left out and why. */
export function readNotes(db: CollectionDb, meta: CollectionMeta, problems: string[], file: string, date0: number, notices: string[]): ImportedNote[] {
  const where = `${file}: "${db.entry}"`;
  const revlog = readRevlog(db, meta.schedulerV1);
  const skipped: SkippedRows = { manual: 0, rescheduled: 0, previews: 0, other: 0, orphaned: 0 };
  const cardsByNote = new Map<number, CardRow[]>();
  const cardIds = new Set<number>();
  // Rows are read by index, not destructured: destructuring walks an iterator per row, and this
  // code runs once per import, mostly before the engine has optimised it.
  db.select('SELECT id, nid, did, odid, ord, type, queue, due, odue, ivl, factor, reps, lapses, left, flags, data FROM cards ORDER BY nid, ord, id', (row) => {
    const nid = int(row[1]);
    const odid = int(row[3]);
    const id = int(row[0]);
    const card: CardRow = {
      id,
      // A card in a filtered deck belongs to its original deck (odid).
      deckId: odid || int(row[2]),
      ord: int(row[4], -1),
      flags: int(row[14]),
      type: int(row[5]),
      queue: int(row[6]),
      due: int(row[7]),
      odue: int(row[8]),
      odid,
      ivl: int(row[9]),
      factor: int(row[10]),
      reps: int(row[11]),
      lapses: int(row[12]),
      left: int(row[13]),
      data: text(row[15]),
    };
    const list = cardsByNote.get(nid);
    if (list) list.push(card);
    else cardsByNote.set(nid, [card]);
    cardIds.add(id);
  });
  for (const [cardId, rows] of revlog.cards) if (!cardIds.has(cardId)) skipped.orphaned += rows.to - rows.from;

  const notes: ImportedNote[] = [];
  const guids = new Set<string>();
  const skippedByType = new Map<number, number>();
  const unknownDecks = new Set<number>();
  let extraFields = 0;
  const noGuid = new ProblemExamples();
  const repeatedGuid = new ProblemExamples();
  db.select('SELECT id, guid, mid, mod, tags, flds FROM notes ORDER BY id', (row) => {
    const id = int(row[0]);
    const mid = int(row[2]);
    const guid = text(row[1]);
    const modValue = row[3];
    const tags = row[4];
    const flds = row[5];
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
    const cardRows = cardsByNote.get(id) ?? [];
    const noteDeck = cardRows[0] ? deckName(cardRows[0].deckId) : DEFAULT_DECK_NAME;
    const cards: ImportedCard[] = [];
    const ords = new Set<number>();
    for (const row of cardRows) {
      if (row.ord < 0 || ords.has(row.ord)) continue;
      ords.add(row.ord);
      const rows = revlog.cards.get(row.id) ?? noRows(revlog);
      const sm2Retention = meta.deckConfigs.get(meta.decks.get(row.deckId)?.configId ?? -1)?.sm2Retention ?? null;
      const { kept, newOrder } = keptSchedule(row, rows, date0, sm2Retention);
      const card: ImportedCard = {
        // Anki counts templates from 0, and for cloze its ord is the cloze number minus one.
        ord: row.ord + 1,
        suspended: row.queue === QUEUE.suspended,
        buried: row.queue === QUEUE.buriedBySibling || row.queue === QUEUE.buriedByUser,
        flag: row.flags & 7,
        reviews: reviewsOf(rows, skipped),
        kept,
        ...(newOrder !== undefined ? { newOrder } : {}),
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
  notices.push(...skippedRowsNotices(skipped, file));
  return notes;
}
