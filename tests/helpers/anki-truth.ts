// What Anki itself holds for each card, read straight from a package's SQLite: the truth imports are checked against. Shares no code with the importer.
import { createRequire } from 'node:module';
import { unzipSync } from 'fflate';
import { decompress } from 'fzstd';
import initSqlJs from 'sql.js';

const requireHere = createRequire(import.meta.url);
const DAY = 86_400_000;

/** One card as Anki schedules it. */
export interface AnkiCardTruth {
  /** The card's id in Interleave: `anki:<guid>/<ord + 1>`. */
  cardId: string;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  type: number;
  /** Anki's queue once the card is out of any filtered deck: -3..-1 set aside, 0 new, 1 learning, 2 review, 3 day learning. */
  queue: number;
  /** Review and day-learning cards: the local date (days since 1970-01-01) they are due; learning cards: the instant (ms). */
  dueDate: number | null;
  dueAt: number | null;
  /** New cards: their place in Anki's new-card order. */
  position: number | null;
  ivl: number;
  reps: number;
  lapses: number;
  /** FSRS memory state from `cards.data`, when the card has one. */
  stability: number | null;
  difficulty: number | null;
}

/**
 * Every card of a package, as Anki would see it: the collection file the package's version names,
 * due numbers turned into dates with the collection's creation time and offset (minutes west in
 * `creationOffset`; without it, `localOffsetMinutes` east of UTC, as Anki uses the local zone).
 */
export async function ankiTruth(pkg: Uint8Array, localOffsetMinutes = 0): Promise<AnkiCardTruth[]> {
  const files = unzipSync(pkg);
  let bytes: Uint8Array;
  if (files['collection.anki21b']) {
    bytes = decompress(files['collection.anki21b']);
  } else bytes = files['collection.anki21'] ?? files['collection.anki2']!;
  bytes = bytes.slice();
  // In-memory copies cannot use write-ahead logging.
  bytes[18] = 1;
  bytes[19] = 1;
  const SQL = await initSqlJs({ locateFile: (file: string) => requireHere.resolve(`sql.js/dist/${file}`) });
  let db = new SQL.Database(bytes);
  const schema = String(db.exec("SELECT group_concat(sql) FROM sqlite_master")[0]?.values[0]?.[0] ?? '');
  if (/unicase/i.test(schema)) {
    db.exec("PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', 'COLLATE NOCASE');");
    const fixed = db.export();
    db.close();
    db = new SQL.Database(fixed);
  }
  try {
    const crt = Number(db.exec('SELECT crt FROM col')[0]!.values[0]![0]);
    let creationOffset: number | null = null;
    const hasConfigTable = db.exec("SELECT count(*) FROM sqlite_master WHERE name = 'config'")[0]!.values[0]![0] === 1;
    if (hasConfigTable) {
      const row = db.exec("SELECT val FROM config WHERE KEY = 'creationOffset'")[0]?.values[0]?.[0];
      if (row !== undefined) creationOffset = Number(new TextDecoder().decode(row as Uint8Array));
    } else {
      const conf = JSON.parse(String(db.exec('SELECT conf FROM col')[0]!.values[0]![0])) as { creationOffset?: number };
      if (typeof conf.creationOffset === 'number') creationOffset = conf.creationOffset;
    }
    const eastMinutes = creationOffset === null ? localOffsetMinutes : -creationOffset;
    const dayZero = Math.floor((crt * 1000 + eastMinutes * 60_000) / DAY);

    const result = db.exec('SELECT n.guid, c.ord, c.type, c.queue, c.due, c.odue, c.odid, c.ivl, c.reps, c.lapses, c.data FROM cards c JOIN notes n ON n.id = c.nid');
    return (result[0]?.values ?? []).map((row) => {
      const [guid, ord, type, queueRaw, dueRaw, odue, odid, ivl, reps, lapses, data] = row as [string, number, number, number, number, number, number, number, number, number, string];
      // A card borrowed by a filtered deck counts as back home: its own due, the queue its type implies.
      const due = odid && odue ? odue : dueRaw;
      let queue = queueRaw;
      if (odid && queue >= 0) queue = type === 0 ? 0 : type === 2 ? 2 : due > 1_000_000_000 ? 1 : 3;
      const timestamp = due > 1_000_000_000;
      let memory: { s?: number; d?: number } = {};
      try {
        memory = JSON.parse(data || '{}') as { s?: number; d?: number };
      } catch {
        /* no memory state */
      }
      return {
        cardId: `anki:${guid}/${ord + 1}`,
        type,
        queue,
        dueDate: type !== 0 && !timestamp ? dayZero + due : null,
        dueAt: type !== 0 && timestamp ? due * 1000 : null,
        position: type === 0 ? due : null,
        ivl,
        reps,
        lapses,
        stability: type !== 0 && typeof memory.s === 'number' ? memory.s : null,
        difficulty: type !== 0 && typeof memory.d === 'number' ? memory.d : null,
      };
    });
  } finally {
    db.close();
  }
}

/** Equal to `digits` significant digits. */
export function sameDigits(a: number, b: number, digits = 4): boolean {
  return Number(a.toPrecision(digits)) === Number(b.toPrecision(digits));
}
