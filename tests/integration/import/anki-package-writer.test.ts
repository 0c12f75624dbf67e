// The Anki package writer: a legacy 2 package with the tables and JSON Anki reads, which our reader reads back unchanged.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ImportBundle, ImportedNote } from '../../../src/core/import/bundle';
import { ankiGuid, writeAnkiPackage } from '../../../src/main/export/anki-package';
import { readAnkiPackage } from '../../../src/main/import/anki/package-reader';
import { sqlJs } from '../../../src/main/import/anki/sqlite';
import { NOTE_TYPE_FIELDS } from '../../../src/shared/note-fields';
import { basicNote, bundleOf, card, NOW, packageOf, rezip } from '../../helpers/anki-builder';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 0, 10, 9);

/** One note of every native type, one Anki-typed note, and every card state the bundle can carry. */
function sampleBundle(): ImportBundle {
  const notes: ImportedNote[] = [
    basicNote('id:basic-1', 'What is $\\sigma$?', 'The **sigmoid**', {
      deckName: 'ML::Basics',
      tags: ['activation', 'ml::core'],
      fields: { Front: 'What is $\\sigma$?', Back: 'The **sigmoid**', Source: 'Bishop 4.2' },
      cards: [
        card(1, {
          flag: 3,
          reviews: [
            { at: t0, rating: 1, durationMs: 8000 },
            { at: t0 + 600_000, rating: 3, durationMs: 4000, intervalDays: 1 },
            { at: t0 + DAY, rating: 3, durationMs: 3000, intervalDays: 4 },
          ],
        }),
      ],
    }),
    {
      key: 'id:reverse-1',
      deckName: 'ML',
      type: 'reverse',
      fields: { Front: 'bias', Back: 'error from wrong assumptions' },
      format: 'markdown',
      tags: [],
      cards: [card(1, { suspended: true }), card(2, { buried: true, deckName: 'ML::Later' })],
    },
    {
      key: 'id:cloze-1',
      deckName: 'ML',
      type: 'cloze',
      fields: { Text: 'Adam keeps {{c1::first}} and {{c3::second::which}} moments', Extra: 'Kingma & Ba' },
      format: 'markdown',
      tags: ['optim'],
      cards: [card(1), card(3, { reviews: [{ at: t0 + 2 * DAY, rating: 4, durationMs: 2500, intervalDays: 6 }] })],
    },
    {
      key: 'id:kp-1',
      deckName: 'ML',
      type: 'keypoints',
      fields: { Question: 'Why normalise?', Points: '- faster\n- stabler', Notes: '' },
      format: 'markdown',
      tags: [],
      cards: [card(1)],
    },
    {
      key: 'anki:Ab3$x}~q1',
      deckName: 'Imported',
      type: 'anki',
      noteTypeKey: 'anki:1700000000123',
      fields: { Word: 'chat', Meaning: 'cat', Audio: '[sound:chat.mp3]' },
      format: 'html',
      tags: ['french'],
      cards: [card(1), card(2, { flag: 1 })],
    },
  ];
  return bundleOf(notes, {
    decks: [{ name: 'ML', description: 'Machine learning' }],
    noteTypes: [
      {
        key: 'anki:1700000000123',
        name: 'Vocab',
        kind: 'normal',
        fields: ['Word', 'Meaning', 'Audio'],
        templates: [
          { name: 'Recognise', front: '{{Word}}{{Audio}}', back: '{{FrontSide}}<hr id=answer>{{Meaning}}' },
          { name: 'Recall', front: '{{Meaning}}', back: '{{FrontSide}}<hr id=answer>{{Word}}{{Audio}}' },
        ],
        css: '.card { color: navy; }',
      },
    ],
    media: [{ name: 'chat.mp3', bytes: new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0]) }],
  });
}

async function collectionOf(pkg: Uint8Array, entry = 'collection.anki21') {
  const SQL = await sqlJs();
  return new SQL.Database(unzipSync(pkg)[entry]);
}

describe('writing an Anki package', () => {
  it('round-trips through the reader: the same notes, fields, tags, decks, cards and reviews', async () => {
    const bundle = sampleBundle();
    const back = await readAnkiPackage(await writeAnkiPackage(bundle, { now: NOW }), 'round-trip.apkg');
    expect(back.format).toBe('anki-legacy2');
    expect(back.problems).toEqual([]);
    expect(back.notes).toHaveLength(bundle.notes.length);

    for (const original of bundle.notes) {
      const read = back.notes.find((note) => note.key === `anki:${ankiGuid(original.key)}`);
      expect(read, original.key).toBeDefined();
      const noteType = back.noteTypes.find((type) => type.key === read!.noteTypeKey)!;
      // Native notes come back as Anki notes of the matching Anki type, with every field of the native type.
      const expectedFields = original.type === 'anki' ? original.fields : Object.fromEntries(NOTE_TYPE_FIELDS[original.type].map((name) => [name, original.fields[name] ?? '']));
      expect(read!.fields).toEqual(expectedFields);
      expect(read!.tags).toEqual(original.tags);
      expect(read!.deckName).toBe(original.deckName);
      expect(noteType.kind).toBe(original.type === 'cloze' ? 'cloze' : 'normal');
      // The schedule the writer derived from the reviews comes back too (kept); the rest as written.
      expect(read!.cards.map(({ kept: _kept, newOrder: _order, ...rest }) => rest)).toEqual(
        original.cards.map((c) => ({
          ord: c.ord,
          suspended: c.suspended,
          buried: c.buried,
          flag: c.flag,
          reviews: c.reviews.map((review) => ({ ...review, sourceId: String(review.at) })),
          ...(c.deckName ? { deckName: c.deckName } : {}),
        })),
      );
    }
    expect(back.decks).toEqual([
      { name: 'Imported', description: '' },
      { name: 'ML', description: 'Machine learning' },
      { name: 'ML::Basics', description: '' },
      { name: 'ML::Later', description: '' },
    ]);
    expect(back.media).toEqual([{ name: 'chat.mp3', bytes: new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0]) }]);
  });

  it('writes Anki note types as they were, under their own id, and native types as Basic, reversed, Cloze and Key points', async () => {
    const back = await readAnkiPackage(await writeAnkiPackage(sampleBundle(), { now: NOW }), 'types.apkg');
    const vocab = back.noteTypes.find((type) => type.key === 'anki:1700000000123');
    expect(vocab).toEqual(sampleBundle().noteTypes[0]);
    const byName = Object.fromEntries(back.noteTypes.map((type) => [type.name, type]));
    expect(byName.Basic!.templates.map((t) => t.front)).toEqual(['{{Front}}']);
    expect(byName['Basic (and reversed card)']!.templates.map((t) => t.front)).toEqual(['{{Front}}', '{{Back}}']);
    expect(byName.Cloze).toMatchObject({ kind: 'cloze', fields: ['Text', 'Extra', 'Source'] });
    expect(byName.Cloze!.templates[0]!.front).toBe('{{cloze:Text}}');
    expect(byName['Key points']).toMatchObject({ fields: ['Question', 'Points', 'Notes', 'Source'] });
    expect(byName['Key points']!.templates[0]!.back).toContain('{{Points}}');
  });

  it('keeps an Anki guid from an `anki:` key and derives a stable one from any other key', async () => {
    expect(ankiGuid('anki:Ab3$x}~q1')).toBe('Ab3$x}~q1');
    expect(ankiGuid('id:basic-1')).toBe(ankiGuid('id:basic-1'));
    expect(ankiGuid('id:basic-1')).not.toBe(ankiGuid('id:basic-2'));
    expect(ankiGuid('id:basic-1')).toMatch(/^[\x21-\x7e]{1,11}$/);
    // Exported twice, a hand-made note keeps its guid, so Anki updates it instead of adding a copy.
    const first = await readAnkiPackage(await packageOf([basicNote('content:abc', 'Q', 'A')]), 'a.apkg');
    const second = await readAnkiPackage(await writeAnkiPackage(bundleOf([basicNote('content:abc', 'Q', 'A2')]), { now: NOW + DAY }), 'b.apkg');
    expect(first.notes[0]!.key).toBe(second.notes[0]!.key);
  });

  it('gives an update pair: the same guid in two packages, the second with a changed field and a later time', async () => {
    const key = 'anki:upd4t3Gu1d';
    const before = await packageOf([basicNote(key, 'capital of France', 'Paris', { modified: NOW - DAY })]);
    const after = await packageOf([basicNote(key, 'capital of France', 'Paris (since 508)', { modified: NOW })]);
    const [one] = (await readAnkiPackage(before, 'update1.apkg')).notes;
    const [two] = (await readAnkiPackage(after, 'update2.apkg')).notes;
    expect(one!.key).toBe(key);
    expect(two!.key).toBe(key);
    expect(one!.fields.Back).toBe('Paris');
    expect(two!.fields.Back).toBe('Paris (since 508)');
    expect(two!.modified! > one!.modified!).toBe(true);
  });

  it('carries a [sound:] reference and its file: the media map names entry "0", whose bytes are the file', async () => {
    const wav = new Uint8Array([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4]);
    const pkg = await packageOf([basicNote('id:s', 'Listen [sound:foo.wav]', 'a bell')], { media: [{ name: 'foo.wav', bytes: wav }] });
    const entries = unzipSync(pkg);
    expect(Object.keys(entries).sort()).toEqual(['0', 'collection.anki2', 'collection.anki21', 'media']);
    expect(JSON.parse(new TextDecoder().decode(entries.media))).toEqual({ 0: 'foo.wav' });
    expect(entries['0']).toEqual(wav);
    const back = await readAnkiPackage(pkg, 'sound.apkg');
    expect(back.notes[0]!.fields.Front).toBe('Listen [sound:foo.wav]');
    expect(back.media).toEqual([{ name: 'foo.wav', bytes: wav }]);
  });

  it('writes schema 11 with the JSON Anki needs to open and upgrade it, and the placeholder collection.anki2 for old versions', async () => {
    const pkg = await writeAnkiPackage(sampleBundle(), { now: NOW });
    const db = await collectionOf(pkg);
    try {
      expect(db.exec('PRAGMA integrity_check')[0]!.values).toEqual([['ok']]);
      const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]!.values.flat();
      // Anki's schema 18 upgrade renames `graves`, so it must exist even though it is empty.
      expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
      const [ver, conf, models, decks, dconf] = db.exec('SELECT ver, conf, models, decks, dconf FROM col')[0]!.values[0]!;
      expect(ver).toBe(11);
      expect(JSON.parse(String(conf))).toMatchObject({ schedVer: 2 });
      // The keys rslib's schema 11 parsers require (NotetypeSchema11, DeckCommonSchema11, DeckConfSchema11).
      for (const model of Object.values(JSON.parse(String(models))) as Record<string, unknown>[]) {
        expect(Object.keys(model)).toEqual(expect.arrayContaining(['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css']));
        for (const template of model.tmpls as object[]) expect(Object.keys(template)).toEqual(expect.arrayContaining(['name', 'ord', 'qfmt', 'afmt']));
        for (const field of model.flds as object[]) expect(Object.keys(field)).toEqual(expect.arrayContaining(['name', 'ord', 'sticky', 'rtl', 'font', 'size']));
      }
      const deckList = Object.values(JSON.parse(String(decks))) as Record<string, unknown>[];
      expect(deckList.map((deck) => deck.name)).toContain('Default');
      for (const deck of deckList) {
        expect(Object.keys(deck)).toEqual(expect.arrayContaining(['id', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'dyn', 'conf']));
      }
      expect(Object.keys(JSON.parse(String(dconf))['1'])).toEqual(
        expect.arrayContaining(['id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'new', 'rev', 'lapse']),
      );
      // Cloze card ords are cloze numbers minus one; notes hold fields joined by 0x1f.
      const clozeOrds = db.exec("SELECT c.ord FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'Adam%' ORDER BY c.ord")[0]!.values.flat();
      expect(clozeOrds).toEqual([0, 2]);
      // A card whose last answer set 4 days is a review card due 4 days after that answer.
      const [type, queue, ivl] = db.exec("SELECT c.type, c.queue, c.ivl FROM cards c JOIN notes n ON n.id = c.nid WHERE n.flds LIKE 'What is%'")[0]!.values[0]!;
      expect([type, queue, ivl]).toEqual([2, 2, 4]);
      expect(db.exec('SELECT ease, type FROM revlog ORDER BY id')[0]!.values.slice(0, 3)).toEqual([
        [1, 0],
        [3, 0],
        [3, 1],
      ]);
    } finally {
      db.close();
    }
    const placeholder = await collectionOf(pkg, 'collection.anki2');
    try {
      expect(placeholder.exec('SELECT ver FROM col')[0]!.values).toEqual([[11]]);
      expect(String(placeholder.exec('SELECT flds FROM notes')[0]!.values[0]![0])).toContain('requires a newer version of Anki');
    } finally {
      placeholder.close();
    }
  });

  it('treats deck and note type names that differ only in case as one, as Anki does', async () => {
    const pkg = await packageOf([basicNote('id:1', 'a', 'b', { deckName: 'Physics' }), basicNote('id:2', 'c', 'd', { deckName: 'physics' })]);
    const back = await readAnkiPackage(pkg, 'case.apkg');
    expect(back.decks).toEqual([{ name: 'Physics', description: '' }]);
    expect(new Set(back.notes.map((note) => note.deckName))).toEqual(new Set(['Physics']));
  });

  it('makes the cards a note lists none for: one per cloze number, two for a reversed note', async () => {
    const pkg = await packageOf([
      { key: 'id:c', deckName: 'D', type: 'cloze', fields: { Text: '{{c2::x}} {{c5::y}}' }, format: 'markdown', tags: [], cards: [] },
      { key: 'id:r', deckName: 'D', type: 'reverse', fields: { Front: 'f', Back: 'b' }, format: 'markdown', tags: [], cards: [] },
    ]);
    const back = await readAnkiPackage(pkg, 'generated.apkg');
    expect(back.notes.map((note) => note.cards.map((c) => c.ord))).toEqual([[2, 5], [1, 2]]);
  });

  it('refuses media whose name is not one plain file name, and notes whose fields their type lacks', async () => {
    await expect(packageOf([basicNote('id:1', 'a', 'b')], { media: [{ name: '../evil.sh', bytes: new Uint8Array(1) }] })).rejects.toThrow(/evil\.sh.*path/);
    await expect(packageOf([basicNote('id:1', 'a', 'b', { fields: { Front: 'a', Nope: 'x' } })])).rejects.toThrow(/"Nope" is not a field/);
  });

  it('is read back the same whether stored or deflated: rezipping changes nothing', async () => {
    const pkg = await writeAnkiPackage(sampleBundle(), { now: NOW });
    const stored = rezip(pkg, () => {});
    expect(await readAnkiPackage(stored, 'stored.apkg')).toEqual(await readAnkiPackage(pkg, 'stored.apkg'));
  });
});

describe('the schedule a written package carries', () => {
  it('names its days by UTC dates (creationOffset 0), so a reader anywhere finds the review card due on the same date', async () => {
    const reviewed = Date.UTC(2026, 1, 20, 12);
    const pkg = await packageOf([basicNote('id:1', 'q', 'a', { cards: [card(1, { reviews: [{ at: reviewed, rating: 3, durationMs: 1000, intervalDays: 10 }] })] })]);
    for (const offset of [-300, 0, 540]) {
      const back = await readAnkiPackage(pkg, 'dated.apkg', undefined, { offsetMinutesAt: () => offset });
      expect(back.notes[0]!.cards[0]!.kept?.due, `UTC${offset / 60}`).toEqual({ date: Math.floor(reviewed / DAY) + 10 });
    }
  });
});
