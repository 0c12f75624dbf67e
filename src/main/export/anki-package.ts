// Writes an ImportBundle as a legacy 2 Anki package: collection.anki21 (schema 11), the placeholder collection.anki2, and JSON-mapped media.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { zipSync, type Zippable } from 'fflate';
import type { Database } from 'sql.js';
import type { ImportBundle, ImportedCard, ImportedNote, ImportedReview } from '../../core/import/bundle';
import { clozeOrds } from '../../core/notes/cloze';
import { NOTE_TYPES } from '../../core/notes/note-types';
import type { NoteTypeName } from '../../shared/dto';
import { NOTE_TYPE_FIELDS, STORY_PARTS } from '../../shared/note-fields';
import { checkMediaName } from '../import/anki/media-name';
import { sqlJs } from '../import/anki/sqlite';

/** A note type as an Anki model: the shape written into `col.models`. */
interface Model {
  id: number;
  name: string;
  kind: 'normal' | 'cloze';
  fields: string[];
  templates: { name: string; front: string; back: string }[];
  css: string;
}

const DAY_MS = 86_400_000;
const FIELD_SEPARATOR = '\x1f';
const DEFAULT_DECK = { id: 1, name: 'Default' };
const DEFAULT_CONFIG_ID = 1;
/** Note ids are creation times; earlier than this, a creation time is not believed. */
const EARLIEST_NOTE_MS = Date.UTC(2000, 0, 1);
/** What Anki shows in the placeholder collection.anki2 to versions too old for collection.anki21. */
const PLACEHOLDER_TEXT = 'This file requires a newer version of Anki.';

const CARD_CSS = '.card {\n  font-family: arial;\n  font-size: 20px;\n  text-align: center;\n  color: black;\n  background-color: white;\n}\n';
const CLOZE_CSS = `${CARD_CSS}\n.cloze {\n  font-weight: bold;\n  color: blue;\n}\n`;
const SOURCE = '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}';

/** The native note types as Anki models; every field of the native type is kept, Source included. */
const NATIVE_MODELS: Record<NoteTypeName, Omit<Model, 'id'>> = {
  basic: {
    name: 'Basic',
    kind: 'normal',
    fields: [...NOTE_TYPE_FIELDS.basic],
    templates: [{ name: 'Card 1', front: '{{Front}}', back: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n${SOURCE}` }],
    css: CARD_CSS,
  },
  reverse: {
    name: 'Basic (and reversed card)',
    kind: 'normal',
    fields: [...NOTE_TYPE_FIELDS.reverse],
    templates: [
      { name: 'Card 1', front: '{{Front}}', back: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n${SOURCE}` },
      { name: 'Card 2', front: '{{Back}}', back: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}\n${SOURCE}` },
    ],
    css: CARD_CSS,
  },
  cloze: {
    name: 'Cloze',
    kind: 'cloze',
    fields: [...NOTE_TYPE_FIELDS.cloze],
    templates: [{ name: 'Cloze', front: '{{cloze:Text}}', back: `{{cloze:Text}}<br>\n{{Extra}}\n${SOURCE}` }],
    css: CLOZE_CSS,
  },
  keypoints: {
    name: 'Key points',
    kind: 'normal',
    fields: [...NOTE_TYPE_FIELDS.keypoints],
    templates: [
      {
        name: 'Card 1',
        front: '{{Question}}',
        back: `{{FrontSide}}\n\n<hr id=answer>\n\n{{Points}}\n{{#Notes}}<div class="notes">{{Notes}}</div>{{/Notes}}\n${SOURCE}`,
      },
    ],
    css: CARD_CSS,
  },
  story: {
    name: 'Story',
    kind: 'normal',
    fields: [...NOTE_TYPE_FIELDS.story],
    templates: [
      {
        name: 'Card 1',
        front: '{{Prompt}}',
        back: `{{FrontSide}}\n\n<hr id=answer>\n\n{{#Project}}<div class="project">Project: {{Project}}</div>{{/Project}}\n${STORY_PARTS.map((part) => `{{#${part}}}<div class="part"><b>${part}</b> {{${part}}}</div>{{/${part}}}`).join('\n')}\n{{#Guidance}}<div class="notes">{{Guidance}}</div>{{/Guidance}}\n${SOURCE}`,
      },
    ],
    css: CARD_CSS,
  },
};

/**
 * Field text is written as given: notes of native types hold Markdown, which Anki shows as plain
 * text, so a caller wanting formatted cards converts their fields to HTML first.
 */
export async function writeAnkiPackage(bundle: ImportBundle, options: { now?: number } = {}): Promise<Uint8Array> {
  const now = Math.trunc(options.now ?? Date.now());
  const SQL = await sqlJs();
  const models = new ModelTable(bundle);
  const decks = new DeckTable(bundle);
  for (const note of bundle.notes) {
    models.forNote(note);
    decks.id(note.deckName);
    for (const card of note.cards) if (card.deckName) decks.id(card.deckName);
  }

  let earliest = now;
  for (const note of bundle.notes) for (const card of note.cards) for (const review of card.reviews) earliest = Math.min(earliest, review.at);
  // The collection's creation day: review cards' due days count from it.
  const crtSecs = Math.floor(earliest / DAY_MS) * 86_400;
  const db = new SQL.Database();
  try {
    createSchema11(db);
    writeRows(db, bundle.notes, models, decks, crtSecs, now);
    writeCol(db, { crtSecs, now, models: models.all(), decks: decks.all(), nextPosition: countNewPositions(bundle.notes) + 1 });
    const collection = db.export();
    const files: Zippable = {
      'collection.anki2': await placeholderCollection(now),
      'collection.anki21': collection,
      ...mediaEntries(bundle),
    };
    return zipSync(files, { level: 6 });
  } finally {
    db.close();
  }
}

/** The guid a note gets in Anki: its own for `anki:<guid>` keys, else one derived from the key, so re-exports match. */
export function ankiGuid(key: string): string {
  if (key.startsWith('anki:') && key.length > 5) return key.slice(5);
  return base91(createHash('sha256').update(`interleave-note:${key}`).digest().subarray(0, 8));
}

class ModelTable {
  private readonly byKey = new Map<string, Model>();
  private readonly names = new Set<string>();

  constructor(private readonly bundle: ImportBundle) {}

  forNote(note: ImportedNote): Model {
    const key = note.type === 'anki' ? note.noteTypeKey ?? '' : `native:${note.type}`;
    const known = this.byKey.get(key);
    if (known) return known;
    let model: Model;
    if (note.type === 'anki') {
      const noteType = this.bundle.noteTypes.find((candidate) => candidate.key === key);
      if (!noteType) throw new Error(`${note.where ?? note.key}: its note type "${key}" is not in the bundle`);
      const id = /^anki:\d{1,15}$/.test(key) ? Number(key.slice(5)) : stableId(`note-type:${key}`);
      model = { id, name: noteType.name, kind: noteType.kind, fields: unique(noteType.fields), templates: noteType.templates, css: noteType.css };
    } else {
      const native = NATIVE_MODELS[note.type];
      if (!native) throw new Error(`${note.where ?? note.key}: unknown note type "${String(note.type)}"`);
      model = { ...native, id: stableId(`interleave:${note.type}`) };
    }
    // Anki keeps note type names unique, ignoring case.
    let name = model.name;
    for (let n = 2; this.names.has(name.toLowerCase()); n++) name = `${model.name} (${n})`;
    this.names.add(name.toLowerCase());
    model = { ...model, name };
    this.byKey.set(key, model);
    return model;
  }

  all(): Model[] {
    return [...this.byKey.values()];
  }
}

class DeckTable {
  private readonly ids = new Map<string, number>();
  private readonly spelled = new Map<string, string>();
  private readonly descriptions = new Map<string, string>();

  constructor(bundle: ImportBundle) {
    this.ids.set(DEFAULT_DECK.name.toLowerCase(), DEFAULT_DECK.id);
    this.spelled.set(DEFAULT_DECK.name.toLowerCase(), DEFAULT_DECK.name);
    for (const deck of bundle.decks) {
      this.id(deck.name);
      this.descriptions.set(cleanDeckName(deck.name).toLowerCase(), deck.description);
    }
  }

  /** The deck's id, adding it and its parents; names that differ only in case are one deck, as in Anki. */
  id(name: string): number {
    const clean = cleanDeckName(name);
    const parts = clean.split('::');
    let id = DEFAULT_DECK.id;
    for (let depth = 1; depth <= parts.length; depth++) {
      const path = parts.slice(0, depth).join('::');
      const folded = path.toLowerCase();
      let known = this.ids.get(folded);
      if (known === undefined) {
        known = stableId(`deck:${folded}`);
        this.ids.set(folded, known);
        this.spelled.set(folded, path);
      }
      id = known;
    }
    return id;
  }

  all(): { id: number; name: string; description: string }[] {
    return [...this.ids].map(([folded, id]) => ({ id, name: this.spelled.get(folded) ?? folded, description: this.descriptions.get(folded) ?? '' }));
  }
}

/** Anki drops empty levels and control characters (0x1f separates levels inside Anki). */
function cleanDeckName(name: string): string {
  const parts = name.split('::').map((part) => part.replace(/[\x00-\x1f]/g, '').trim());
  return parts.filter(Boolean).join('::') || DEFAULT_DECK.name;
}

function writeRows(db: Database, notes: ImportedNote[], models: ModelTable, decks: DeckTable, crtSecs: number, now: number): void {
  const noteIds = new Set<number>();
  const revlogIds = new Set<number>();
  const guids = new Set<string>();
  let nextId = now;
  let cardId = now;
  let position = 0;
  const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)');
  const insertCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?)');
  const insertReview = db.prepare('INSERT INTO revlog VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)');
  db.exec('BEGIN');
  try {
    for (const note of notes) {
      const model = models.forNote(note);
      const guid = ankiGuid(note.key);
      if (guids.has(guid)) throw new Error(`${note.where ?? note.key}: two notes would share the Anki guid ${guid}`);
      guids.add(guid);
      // Anki rejects or rewrites ids later than tomorrow, so a creation time from a wrong clock is not kept.
      let id = note.created !== undefined && note.created >= EARLIEST_NOTE_MS && note.created <= now ? Math.trunc(note.created) : nextId;
      while (noteIds.has(id)) id = ++nextId;
      noteIds.add(id);

      for (const name of Object.keys(note.fields)) {
        if (!model.fields.includes(name)) throw new Error(`${note.where ?? note.key}: field "${name}" is not a field of note type "${model.name}"`);
      }
      const values = model.fields.map((name) => (note.fields[name] ?? '').replaceAll(FIELD_SEPARATOR, ' '));
      const firstField = stripHtml(values[0] ?? '');
      const checksum = Number.parseInt(createHash('sha1').update(firstField).digest('hex').slice(0, 8), 16);
      const tags = note.tags.map((tag) => tag.trim().replace(/\s+/g, '_')).filter(Boolean);
      const modSecs = Math.floor((note.modified ?? now) / 1000);
      insertNote.run([id, guid, model.id, modSecs, tags.length ? ` ${tags.join(' ')} ` : '', values.join(FIELD_SEPARATOR), firstField, checksum, '']);

      for (const card of cardsOf(note, model)) {
        if (card.ord < 1 || !Number.isInteger(card.ord) || (model.kind === 'normal' && card.ord > model.templates.length)) {
          throw new Error(`${note.where ?? note.key}: card ${card.ord} has no template in note type "${model.name}"`);
        }
        const reviews = [...card.reviews].sort((a, b) => a.at - b.at);
        const state = scheduleOf(reviews, crtSecs, ++position);
        const queue = card.suspended ? -1 : card.buried ? -3 : state.queue;
        const did = decks.id(card.deckName ?? note.deckName);
        cardId++;
        insertCard.run([cardId, id, did, card.ord - 1, modSecs, state.type, queue, state.due, state.ivl, state.factor, reviews.length, state.lapses, card.flag & 7, '']);
        for (const entry of revlogOf(reviews)) {
          let revlogId = Math.trunc(entry.review.at);
          while (revlogIds.has(revlogId)) revlogId++;
          revlogIds.add(revlogId);
          insertReview.run([revlogId, cardId, entry.review.rating, entry.ivl, entry.lastIvl, entry.factor, Math.max(0, Math.round(entry.review.durationMs)), entry.type]);
        }
      }
    }
    db.exec('COMMIT');
  } finally {
    insertNote.free();
    insertCard.free();
    insertReview.free();
  }
}

/** The note's cards, or for a note that lists none, the ones its type makes. */
function cardsOf(note: ImportedNote, model: Model): ImportedCard[] {
  if (note.cards.length) return note.cards;
  let ords: number[];
  if (note.type !== 'anki') {
    ords = safeOrds(() => NOTE_TYPES[note.type as NoteTypeName].cardOrds(note.fields));
  } else if (model.kind === 'cloze') {
    ords = [...new Set(Object.values(note.fields).flatMap((value) => safeOrds(() => clozeOrds(value))))].sort((a, b) => a - b);
  } else {
    ords = [1];
  }
  return ords.map((ord) => ({ ord, suspended: false, buried: false, flag: 0, reviews: [] }));
}

function safeOrds(compute: () => number[]): number[] {
  try {
    return compute();
  } catch {
    return [];
  }
}

/**
 * Anki needs a schedule; the bundle has only answers. A card whose last answer set an interval is
 * written as a review card due that many days after it; any other card is written as new, with its
 * history in the revlog for FSRS to use.
 */
function scheduleOf(reviews: ImportedReview[], crtSecs: number, position: number) {
  const last = reviews.at(-1);
  let lapses = 0;
  for (let i = 1; i < reviews.length; i++) if (reviews[i]!.rating === 1 && reviews[i - 1]!.intervalDays) lapses++;
  if (last?.intervalDays && last.intervalDays > 0) {
    const ivl = Math.max(1, Math.round(last.intervalDays));
    const day = Math.floor((last.at - crtSecs * 1000) / DAY_MS);
    return { type: 2, queue: 2, due: day + ivl, ivl, factor: 2500, lapses };
  }
  return { type: 0, queue: 0, due: position, ivl: 0, factor: 0, lapses };
}

/** Revlog kinds as Anki logs them: learning until an interval is set, then review, then relearning after a lapse. */
function revlogOf(reviews: ImportedReview[]) {
  let phase: 'learn' | 'review' | 'relearn' = 'learn';
  let lastIvl = 0;
  return reviews.map((review) => {
    const type = phase === 'learn' ? 0 : phase === 'review' ? 1 : 2;
    const ivl = review.intervalDays && review.intervalDays > 0 ? Math.max(1, Math.round(review.intervalDays)) : 0;
    const entry = { review, type, ivl, lastIvl, factor: type === 0 ? 0 : 2500 };
    if (ivl > 0) phase = 'review';
    else if (phase === 'review') phase = 'relearn';
    lastIvl = ivl;
    return entry;
  });
}

function countNewPositions(notes: ImportedNote[]): number {
  return notes.reduce((sum, note) => sum + Math.max(1, note.cards.length), 0);
}

/** The tables of an Anki schema 11 collection, with the indexes Anki creates. */
function createSchema11(db: Database): void {
  db.exec(`
    CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL, scm integer NOT NULL, ver integer NOT NULL,
      dty integer NOT NULL, usn integer NOT NULL, ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
      dconf text NOT NULL, tags text NOT NULL);
    CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL,
      tags text NOT NULL, flds text NOT NULL, sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
    CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL, ord integer NOT NULL, mod integer NOT NULL,
      usn integer NOT NULL, type integer NOT NULL, queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
      reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,
      flags integer NOT NULL, data text NOT NULL);
    CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL, ease integer NOT NULL, ivl integer NOT NULL,
      lastIvl integer NOT NULL, factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);
    CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
    CREATE INDEX ix_notes_usn ON notes (usn);
    CREATE INDEX ix_cards_usn ON cards (usn);
    CREATE INDEX ix_revlog_usn ON revlog (usn);
    CREATE INDEX ix_cards_nid ON cards (nid);
    CREATE INDEX ix_cards_sched ON cards (did, queue, due);
    CREATE INDEX ix_revlog_cid ON revlog (cid);
    CREATE INDEX ix_notes_csum ON notes (csum);
  `);
}

interface ColContents {
  crtSecs: number;
  now: number;
  models: Model[];
  decks: { id: number; name: string; description: string }[];
  nextPosition: number;
}

function writeCol(db: Database, contents: ColContents): void {
  const { crtSecs, now, models, decks } = contents;
  const conf = {
    activeDecks: [DEFAULT_DECK.id],
    curDeck: DEFAULT_DECK.id,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: models[0]?.id ?? null,
    nextPos: contents.nextPosition,
    sortType: 'noteFld',
    sortBackwards: false,
    addToCur: true,
    dayLearnFirst: false,
    // The revlog written here uses four answer buttons in learning too: the v2 scheduler's convention.
    schedVer: 2,
    sched2021: true,
    // Review cards' due days are counted in UTC days from crt (a UTC midnight): say so, or a reader
    // would count them in its own time zone.
    creationOffset: 0,
  };
  const modelsJson = Object.fromEntries(models.map((model) => [String(model.id), modelJson(model, Math.floor(now / 1000))]));
  const decksJson = Object.fromEntries(decks.map((deck) => [String(deck.id), deckJson(deck, Math.floor(now / 1000))]));
  const dconf = { [String(DEFAULT_CONFIG_ID)]: defaultDeckConfig() };
  db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
    crtSecs,
    now,
    now,
    JSON.stringify(conf),
    JSON.stringify(modelsJson),
    JSON.stringify(decksJson),
    JSON.stringify(dconf),
    '{}',
  ]);
}

function modelJson(model: Model, modSecs: number) {
  return {
    id: model.id,
    name: model.name,
    type: model.kind === 'cloze' ? 1 : 0,
    mod: modSecs,
    usn: 0,
    sortf: 0,
    did: null,
    tmpls: model.templates.map((template, ord) => ({
      name: template.name,
      ord,
      qfmt: template.front,
      afmt: template.back,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: model.fields.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, description: '' })),
    css: model.css,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    // Old clients generate cards from this: a template's card exists when its first field is filled.
    req: model.kind === 'cloze' ? [[0, 'any', [0]]] : model.templates.map((_, ord) => [ord, 'any', [0]]),
    tags: [],
    vers: [],
  };
}

function deckJson(deck: { id: number; name: string; description: string }, modSecs: number) {
  return {
    id: deck.id,
    mod: modSecs,
    name: deck.name,
    usn: 0,
    lrnToday: [0, 0],
    revToday: [0, 0],
    newToday: [0, 0],
    timeToday: [0, 0],
    collapsed: false,
    browserCollapsed: false,
    desc: deck.description,
    dyn: 0,
    conf: DEFAULT_CONFIG_ID,
    extendNew: 0,
    extendRev: 0,
  };
}

/** Anki's default options group, in the legacy JSON every schema 11 collection carries. */
function defaultDeckConfig() {
  return {
    id: DEFAULT_CONFIG_ID,
    mod: 0,
    name: 'Default',
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
    dyn: false,
  };
}

/** The schema 11 collection Anki puts in collection.anki2 so that old versions show a note asking for an update. */
async function placeholderCollection(now: number): Promise<Uint8Array> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  try {
    createSchema11(db);
    const model: Model = { ...NATIVE_MODELS.basic, id: stableId('interleave:placeholder'), fields: ['Front', 'Back'] };
    model.templates = [{ name: 'Card 1', front: '{{Front}}', back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }];
    const guid = ankiGuid('interleave:placeholder');
    const checksum = Number.parseInt(createHash('sha1').update(PLACEHOLDER_TEXT).digest('hex').slice(0, 8), 16);
    db.run('INSERT INTO notes VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, 0, ?)', [now, guid, model.id, Math.floor(now / 1000), '', `${PLACEHOLDER_TEXT}${FIELD_SEPARATOR}`, PLACEHOLDER_TEXT, checksum, '']);
    db.run('INSERT INTO cards VALUES (?, ?, 1, 0, ?, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, ?)', [now, now, Math.floor(now / 1000), '']);
    writeCol(db, { crtSecs: Math.floor(now / DAY_MS) * 86_400, now, models: [model], decks: [{ ...DEFAULT_DECK, description: '' }], nextPosition: 2 });
    return db.export();
  } finally {
    db.close();
  }
}

/** `media` maps entry numbers to names; each file is stored under its number, never under its name. */
function mediaEntries(bundle: ImportBundle): Zippable {
  const map: Record<string, string> = {};
  const files: Zippable = {};
  const names = new Set<string>();
  bundle.media.forEach((item, index) => {
    const checked = checkMediaName(item.name);
    if ('problem' in checked) throw new Error(`media ${JSON.stringify(item.name)} cannot be exported: ${checked.problem}`);
    if (names.has(checked.name)) throw new Error(`media ${JSON.stringify(checked.name)} appears twice in the bundle`);
    names.add(checked.name);
    map[String(index)] = checked.name;
    files[String(index)] = [item.bytes ?? new Uint8Array(readFileSync(item.stored!.path)), { level: isCompressed(checked.name) ? 0 : 6 }];
  });
  files.media = new TextEncoder().encode(JSON.stringify(map));
  return files;
}

function isCompressed(name: string): boolean {
  return /\.(jpe?g|png|gif|webp|avif|mp3|m4a|ogg|oga|opus|mp4|webm|mkv|zip|gz)$/i.test(name);
}

/** Roughly what Anki strips before checksumming a field: tags (keeping image names) and common entities. */
function stripHtml(html: string): string {
  return html
    .replace(/<img[^>]*\bsrc=["']?([^"'>\s]+)[^>]*>/gi, ' $1 ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** A positive id below 2^48 from a hash, so the same note type or deck gets the same id in every export. */
function stableId(seed: string): number {
  const digest = createHash('sha256').update(seed).digest();
  return digest.readUIntBE(0, 6) || 1;
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
    seen.add(candidate.toLowerCase());
    return candidate;
  });
}

/** Anki's guid alphabet: base 91 over printable ASCII, without quotes and backslash. */
const BASE91 = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';

function base91(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  do {
    out = BASE91[Number(value % 91n)]! + out;
    value /= 91n;
  } while (value > 0n);
  return out;
}
