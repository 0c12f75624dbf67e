// Builds Anki packages for tests: bundles written by our writer, then re-zipped, re-mapped or damaged on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { decompress } from 'fzstd';
import type { ImportBundle, ImportedCard, ImportedNote } from '../../src/core/import/bundle';
import { writeAnkiPackage } from '../../src/main/export/anki-package';
import type { CardRow } from '../../src/main/import/anki/card-schedule';
import { sqlJs } from '../../src/main/import/anki/sqlite';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'anki');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** A fixed clock for written packages, so ids and due days do not depend on when the test runs. */
export const NOW = Date.UTC(2026, 2, 1, 12);

export function card(ord: number, extra: Partial<ImportedCard> = {}): ImportedCard {
  return { ord, suspended: false, buried: false, flag: 0, reviews: [], ...extra };
}

export function basicNote(key: string, front: string, back: string, extra: Partial<ImportedNote> = {}): ImportedNote {
  return { key, deckName: 'Tests', type: 'basic', fields: { Front: front, Back: back }, format: 'markdown', tags: [], cards: [card(1)], ...extra };
}

export function bundleOf(notes: ImportedNote[], extra: Partial<ImportBundle> = {}): ImportBundle {
  return { format: 'test', decks: [], noteTypes: [], notes, media: [], problems: [], ...extra };
}

export function packageOf(notes: ImportedNote[], extra: Partial<ImportBundle> = {}): Promise<Uint8Array> {
  return writeAnkiPackage(bundleOf(notes, extra), { now: NOW });
}

/** The package's entries, changed by `edit`, zipped again (entry order is kept). */
export function rezip(pkg: Uint8Array, edit: (entries: Record<string, Uint8Array>) => void): Uint8Array {
  const entries = unzipSync(pkg);
  edit(entries);
  const files: Zippable = {};
  for (const [name, bytes] of Object.entries(entries)) files[name] = [bytes, { level: 0 }];
  return zipSync(files);
}

export function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/**
 * A valid zstd frame holding `bytes` uncompressed (raw blocks, RFC 8878): enough to build
 * latest-format entries without a zstd compressor.
 */
export function zstdRaw(bytes: Uint8Array): Uint8Array {
  const BLOCK = 128 * 1024;
  const parts: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58 /* window 2^21, no size, no checksum */];
  const out: Uint8Array[] = [];
  let offset = 0;
  do {
    const size = Math.min(BLOCK, bytes.length - offset);
    const last = offset + size >= bytes.length ? 1 : 0;
    const header = (size << 3) | last; // block type 0: raw
    out.push(new Uint8Array([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), bytes.subarray(offset, offset + size));
    offset += size;
  } while (offset < bytes.length);
  const total = parts.length + out.reduce((sum, part) => sum + part.length, 0);
  const frame = new Uint8Array(total);
  frame.set(parts, 0);
  let at = parts.length;
  for (const part of out) {
    frame.set(part, at);
    at += part.length;
  }
  return frame;
}

/** Runs SQL against a package's collection.anki21 and puts the changed file back. */
export async function editCollection(pkg: Uint8Array, sql: string, entry = 'collection.anki21'): Promise<Uint8Array> {
  const SQL = await sqlJs();
  const entries = unzipSync(pkg);
  const db = new SQL.Database(entries[entry]);
  try {
    db.exec(sql);
    const changed = db.export();
    return rezip(pkg, (files) => {
      files[entry] = changed;
    });
  } finally {
    db.close();
  }
}

/**
 * Runs SQL against the schema 18 collection of a latest package. sql.js has no `unicase`
 * collation, so the copy's schema is switched to NOCASE first (and stays so in the result).
 */
export async function editLatestCollection(pkg: Uint8Array, sql: string): Promise<Uint8Array> {
  const SQL = await sqlJs();
  const bytes = decompress(unzipSync(pkg)['collection.anki21b']!);
  bytes[18] = 1;
  bytes[19] = 1;
  const first = new SQL.Database(bytes);
  first.exec("PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', 'COLLATE NOCASE');");
  const db = new SQL.Database(first.export());
  first.close();
  try {
    db.exec(sql);
    const changed = zstdRaw(db.export());
    return rezip(pkg, (files) => {
      files['collection.anki21b'] = changed;
    });
  } finally {
    db.close();
  }
}

/** A schema 11 package as legacy 1 writes it: the collection in `collection.anki2`, nothing else beside the media. */
export function asLegacy1(pkg: Uint8Array): Uint8Array {
  return rezip(pkg, (files) => {
    files['collection.anki2'] = files['collection.anki21']!;
    delete files['collection.anki21'];
  });
}

/** The columns of Anki's `cards` table that hold its schedule, and its deck. */
export interface AnkiCardColumns extends CardRow {
  did: number;
}

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`;
const cardOf = (front: string) => `(SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE n.sfld = ${sqlText(front)} ORDER BY c.ord LIMIT 1)`;

/** SQL giving the card of the note whose first field is `front` this schedule, as Anki would have stored it. */
export function ankiSchedule(front: string, columns: Partial<AnkiCardColumns>): string {
  const sets = Object.entries(columns).map(([column, value]) => `${column} = ${typeof value === 'string' ? sqlText(value) : value}`);
  return `UPDATE cards SET ${sets.join(', ')} WHERE id = ${cardOf(front)};`;
}

/** One revlog row of that card: `ease` 0 for rows without an answer; `type` 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual, 5 rescheduled. */
export function ankiRevlog(front: string, row: { at: number; ease: number; ivl: number; lastIvl?: number; factor: number; time?: number; type: number }): string {
  return `INSERT INTO revlog VALUES (${row.at}, ${cardOf(front)}, 0, ${row.ease}, ${row.ivl}, ${row.lastIvl ?? 0}, ${row.factor}, ${row.time ?? 3000}, ${row.type});`;
}

/** SQL setting keys of a schema 11 collection's configuration (`col.conf`), e.g. `creationOffset`. */
export function ankiConf(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([key, value]) => `UPDATE col SET conf = json_set(conf, '$.${key}', json(${sqlText(JSON.stringify(value))}));`)
    .join('\n');
}

/** SQL setting keys of a schema 18 collection's `config` table (values are JSON, stored as bytes). */
export function ankiConf18(values: Record<string, unknown>): string {
  return Object.entries(values)
    .map(([key, value]) => `INSERT OR REPLACE INTO config (KEY, usn, mtime_secs, val) VALUES (${sqlText(key)}, 0, 0, CAST(${sqlText(JSON.stringify(value))} AS BLOB));`)
    .join('\n');
}
