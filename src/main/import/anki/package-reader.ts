// Reads any Anki package (.apkg, .colpkg; legacy 1, legacy 2 or latest layout) into an ImportBundle.
import { DEFAULT_LIMITS, ImportError, type ImportBundle, type ImportedNote, type ImportLimits } from '../../../core/import/bundle';
import { decodeMeta, PACKAGE_VERSION } from './anki-proto';
import { ExtractionBudget } from './budget';
import type { CollectionMeta } from './collection-meta';
import { dayZero } from './card-schedule';
import { readNotes } from './collection-notes';
import { ankiPresets } from './deck-presets';
import { readSchema11Meta } from './collection-schema11';
import { readSchema18Meta } from './collection-schema18';
import { errorText } from './error-text';
import { readMedia } from './media';
import { ProblemExamples } from './problem-examples';
import { openCollection } from './sqlite';
import type { ByteSource } from '../byte-source';
import { memorySink, type MediaSink } from '../media-sink';
import { readZipEntries, type EntryUse, type ZipEntries } from './zip-entries';
import { zstdDecompress } from './zstd';

type Layout = { format: 'anki-legacy1' | 'anki-legacy2' | 'anki-latest'; entry: string; zstd: boolean };

const LAYOUTS = {
  legacy1: { format: 'anki-legacy1', entry: 'collection.anki2', zstd: false },
  legacy2: { format: 'anki-legacy2', entry: 'collection.anki21', zstd: false },
  latest: { format: 'anki-latest', entry: 'collection.anki21b', zstd: true },
} as const satisfies Record<string, Layout>;

/** A hostile file can break every note type; the report stays readable. */
const MAX_PROBLEMS = 50;

/** Anki's text in the placeholder collection.anki2 it adds for versions too old to read the real one. */
const PLACEHOLDER_TEXT = 'requires a newer version of Anki';

/** The only entries an Anki package has: Anki never uses entry names as paths, and neither do we. */
const NAMED_ENTRIES = new Set(['meta', 'media', 'collection.anki2', 'collection.anki21', 'collection.anki21b']);

/** The named entries are read into memory; the numbered ones are media files, streamed to the sink. */
function entryUse(name: string): EntryUse {
  if (NAMED_ENTRIES.has(name)) return 'memory';
  return /^\d{1,9}$/.test(name) ? 'media' : 'skip';
}

export interface AnkiReadOptions {
  /**
   * The learner's UTC offset in minutes at an instant: collections that never recorded the offset
   * they were created in count their days in the local time zone. Defaults to this machine's.
   */
  offsetMinutesAt?: (ms: number) => number;
  /** Where media files go as they are unpacked (default: memory, for small packages and tests). */
  media?: MediaSink;
}

const systemOffset = (ms: number) => -new Date(ms).getTimezoneOffset();

export async function readAnkiPackage(
  input: Uint8Array | ByteSource,
  fileName: string,
  limits: ImportLimits = DEFAULT_LIMITS,
  options: AnkiReadOptions = {},
): Promise<ImportBundle> {
  const budget = new ExtractionBudget(limits, fileName);
  const sink = options.media ?? memorySink;
  const zip = readZipEntries(input, entryUse, budget, sink);
  try {
    return await readEntries(zip, fileName, budget, sink, options);
  } catch (error) {
    // Nothing of a package that cannot be read stays on disk.
    for (const content of zip.media.values()) sink.discard(content);
    throw error;
  }
}

async function readEntries(zip: ZipEntries, fileName: string, budget: ExtractionBudget, sink: MediaSink, options: AnkiReadOptions): Promise<ImportBundle> {
  const problems: string[] = [];
  if (zip.duplicates.length) {
    const names = new ProblemExamples();
    for (const name of zip.duplicates) names.add(JSON.stringify(name));
    problems.push(`${fileName}: the archive holds entries more than once (${names}); the first copy of each was used`);
  }

  const layout = chooseLayout(zip, problems, fileName);
  const where = { file: fileName, entry: layout.entry };
  const stored = zip.entries.get(layout.entry);
  if (!stored) {
    const why = zip.unreadable.get(layout.entry);
    throw new ImportError(
      why ? `${fileName}: the collection "${layout.entry}" could not be unpacked: ${why}` : `${fileName}: the collection "${layout.entry}" is missing from the package`,
      where,
    );
  }
  // The collection is the one thing held whole; the copies of it are let go as soon as sql.js has its own.
  zip.entries.delete(layout.entry);
  const collection = layout.zstd ? zstdDecompress(stored, layout.entry, budget) : stored;

  const db = await openCollection(collection, layout.entry, fileName, { owned: true });
  let meta: CollectionMeta;
  let notes: ImportedNote[];
  const notices: string[] = [];
  try {
    meta = db.hasTable('notetypes') ? readSchema18Meta(db, problems, fileName) : readSchema11Meta(db, problems, fileName);
    notes = readNotes(db, meta, problems, fileName, dayZero(meta.timing, options.offsetMinutesAt ?? systemOffset), notices);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`${fileName}: the collection "${layout.entry}" could not be read: ${errorText(error)}`, where);
  } finally {
    db.close();
  }

  if (notes.length === 0) {
    const why = problems.length ? `: ${problems.slice(0, 5).join('; ')}` : '';
    throw new ImportError(`${fileName}: the collection "${layout.entry}" holds no notes that could be read${why}`, where);
  }
  if (layout.format === 'anki-legacy1' && notes.length === 1 && Object.values(notes[0]!.fields).some((value) => value.includes(PLACEHOLDER_TEXT))) {
    throw new ImportError(
      `${fileName}: "collection.anki2" is only the placeholder Anki writes for old versions, and the real collection is missing from the package`,
      where,
    );
  }

  const { media, skipped: mediaSkipped } = readMedia(zip, layout.zstd, budget, problems, sink);
  const usedTypes = new Set(notes.map((note) => note.noteTypeKey));
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.splice(MAX_PROBLEMS, more, `${fileName}: and ${more} more problems of the kinds above`);
  }
  const decks = deckTree(meta, notes);
  const { presets, deckPresets } = ankiPresets(meta, decks.map((deck) => deck.name), notices, fileName);
  return {
    format: layout.format,
    ...(presets.length ? { presets, deckPresets } : {}),
    ...(notices.length ? { notices } : {}),
    decks,
    noteTypes: [...meta.noteTypes.values()].filter((noteType) => usedTypes.has(noteType.key)),
    notes,
    media,
    ...(mediaSkipped ? { mediaSkipped } : {}),
    problems,
  };
}

/** By `meta` when present (latest packages), else by which collection file is there, as Anki does. */
function chooseLayout(zip: ZipEntries, problems: string[], file: string): Layout {
  const metaBytes = zip.entries.get('meta');
  if (metaBytes) {
    let version: number | undefined;
    try {
      version = decodeMeta(metaBytes).version;
    } catch (error) {
      problems.push(`${file}: the package description ("meta") could not be read (${errorText(error)}); the layout was guessed from the collection files`);
    }
    if (version === PACKAGE_VERSION.legacy1) return LAYOUTS.legacy1;
    if (version === PACKAGE_VERSION.legacy2) return LAYOUTS.legacy2;
    if (version === PACKAGE_VERSION.latest) return LAYOUTS.latest;
    if (version !== undefined) {
      throw new ImportError(`${file}: the package says it has layout version ${version}, which is newer than this importer knows (was it made by a newer Anki?)`, {
        file,
        entry: 'meta',
      });
    }
  } else if (zip.unreadable.has('meta')) {
    problems.push(`${file}: the package description ("meta") could not be unpacked (${zip.unreadable.get('meta')}); the layout was guessed from the collection files`);
  }
  if (has(zip, 'collection.anki21b')) return LAYOUTS.latest;
  if (has(zip, 'collection.anki21')) return LAYOUTS.legacy2;
  if (has(zip, 'collection.anki2')) return LAYOUTS.legacy1;
  throw new ImportError(`${file} is not an Anki package: it has no collection (collection.anki21b, collection.anki21 or collection.anki2)`, { file });
}

function has(zip: ZipEntries, name: string): boolean {
  return zip.entries.has(name) || zip.unreadable.has(name);
}

/** Every normal deck in the package and every deck a card uses, with the ancestors their names imply. */
function deckTree(meta: CollectionMeta, notes: ImportedNote[]): ImportBundle['decks'] {
  const used = new Set<string>();
  for (const note of notes) {
    used.add(note.deckName);
    for (const card of note.cards) if (card.deckName) used.add(card.deckName);
  }
  const descriptions = new Map<string, string>();
  for (const deck of meta.decks.values()) {
    if (deck.filtered || (deck.name === 'Default' && !used.has('Default'))) continue;
    descriptions.set(deck.name, deck.description);
  }
  for (const name of used) if (!descriptions.has(name)) descriptions.set(name, '');
  for (const name of [...descriptions.keys()]) {
    const parts = name.split('::');
    for (let depth = 1; depth < parts.length; depth++) {
      const ancestor = parts.slice(0, depth).join('::');
      if (!descriptions.has(ancestor)) descriptions.set(ancestor, '');
    }
  }
  return [...descriptions].sort(([a], [b]) => a.localeCompare(b)).map(([name, description]) => ({ name, description }));
}

