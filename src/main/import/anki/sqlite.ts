// Opens a package's collection as a private in-memory SQLite copy with sql.js, made readable and checked for traps.
import { createRequire } from 'node:module';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import { ImportError } from '../../../core/import/bundle';
import { errorText } from './error-text';

// Not named `require`: the bundler injects a `require` of its own into ES module output.
const requireFromHere = createRequire(import.meta.url);
let loading: Promise<SqlJsStatic> | undefined;

/** sql.js, with its WebAssembly found next to its script in node_modules. */
export function sqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: (file: string) => requireFromHere.resolve(`sql.js/dist/${file}`) });
  return loading;
}

export type Row = SqlValue[];

/** A read-only view of a package's collection: SELECTs over tables known to be plain tables. */
export interface CollectionDb {
  readonly entry: string;
  hasTable(name: string): boolean;
  /** Runs a SELECT and calls `each` per row; the statement is freed whatever happens. */
  select(sql: string, each: (row: Row) => void): void;
  close(): void;
}

const HEADER = 'SQLite format 3\0';

/**
 * `owned`: the caller hands the bytes over (they were unpacked for this), so no copy is made; sql.js
 * keeps them as its database file. A collection is the largest thing an import holds, so copies count.
 */
export async function openCollection(bytes: Uint8Array, entry: string, file: string, options: { owned?: boolean } = {}): Promise<CollectionDb> {
  const where = { file, entry };
  if (bytes.length < 100 || new TextDecoder().decode(bytes.subarray(0, 16)) !== HEADER) {
    throw new ImportError(`${file}: "${entry}" is not an SQLite database, so it holds no Anki collection`, where);
  }
  const SQL = await sqlJs();
  const copy = options.owned ? bytes : bytes.slice();
  // Anki leaves the file flagged for write-ahead logging, which an in-memory copy cannot use: mark it legacy.
  if (copy[18] === 2) copy[18] = 1;
  if (copy[19] === 2) copy[19] = 1;

  let db: Database | undefined;
  try {
    db = new SQL.Database(copy);
    if (usesUnicase(db)) db = withNocase(SQL, db);
    // Functions named in a schema (views, triggers, generated columns) are refused unless innocuous.
    db.exec('PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;');
    return wrap(db, entry, file);
  } catch (error) {
    db?.close();
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${file}: "${entry}" cannot be read as an SQLite database: ${errorText(error)}`, where);
  }
}

function usesUnicase(db: Database): boolean {
  const result = db.exec("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%collate unicase%'");
  return Number(result[0]?.values[0]?.[0] ?? 0) > 0;
}

/**
 * Anki's schema 18 declares a `unicase` collation that sql.js cannot register. The private copy's
 * schema text is rewritten to NOCASE and the copy reopened, so sorting and indexes work again.
 */
function withNocase(SQL: SqlJsStatic, db: Database): Database {
  db.exec(
    "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(replace(sql, 'COLLATE unicase', 'COLLATE NOCASE'), 'collate unicase', 'COLLATE NOCASE'); PRAGMA writable_schema = OFF;",
  );
  const rewritten = db.export();
  db.close();
  return new SQL.Database(rewritten);
}

function wrap(db: Database, entry: string, file: string): CollectionDb {
  const tables = new Map<string, string>();
  for (const [type, name, sql] of db.exec('SELECT type, name, sql FROM sqlite_master')[0]?.values ?? []) {
    if (typeof name === 'string') tables.set(name.toLowerCase(), type === 'table' && !/^\s*create\s+virtual/i.test(String(sql)) ? 'table' : String(type));
  }
  const checked = new Set<string>();
  const requirePlain = (name: string) => {
    if (checked.has(name)) return;
    const kind = tables.get(name);
    if (kind === undefined) throw new ImportError(`${file}: "${entry}" has no ${name} table`, { file, entry });
    if (kind !== 'table') {
      throw new ImportError(`${file}: in "${entry}", ${name} is a ${kind}, not a table; it is not read`, { file, entry });
    }
    // A generated column computes its value on every read: an attacker's expression would run.
    const generated = db.exec(`SELECT count(*) FROM pragma_table_xinfo('${name}') WHERE hidden IN (2, 3)`)[0]?.values[0]?.[0];
    if (Number(generated) > 0) {
      throw new ImportError(`${file}: in "${entry}", the ${name} table has computed columns; it is not read`, { file, entry });
    }
    checked.add(name);
  };
  return {
    entry,
    hasTable: (name) => tables.get(name) === 'table',
    select(sql, each) {
      for (const name of sql.matchAll(/\b(?:from|join)\s+(\w+)/gi)) requirePlain(name[1]!.toLowerCase());
      const statement = db.prepare(sql);
      try {
        while (statement.step()) each(statement.get());
      } finally {
        statement.free();
      }
    },
    close: () => db.close(),
  };
}

/** A column value as text: Anki stores text, but a damaged file may hold anything. */
export function text(value: SqlValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return value === null || value === undefined ? '' : String(value);
}

/** A column value as an integer, or the fallback when it holds none. */
export function int(value: SqlValue | undefined, fallback = 0): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

export function blob(value: SqlValue | undefined): Uint8Array {
  if (value instanceof Uint8Array) return value;
  return typeof value === 'string' ? new TextEncoder().encode(value) : new Uint8Array(0);
}
