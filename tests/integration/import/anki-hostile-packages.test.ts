// Damaged and malicious Anki packages: each is refused with a message naming the entry, or read in part with its problems listed.
import { createHash } from 'node:crypto';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/core/import/bundle';
import { encodeMediaEntries, encodeMeta } from '../../../src/main/import/anki/anki-proto';
import { checkMediaName } from '../../../src/main/import/anki/media-name';
import { readAnkiPackage } from '../../../src/main/import/anki/package-reader';
import { basicNote, editCollection, fixture, json, packageOf, rezip, zstdRaw } from '../../helpers/anki-builder';

const MiB = 1024 * 1024;

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const twoNotes = () => packageOf([basicNote('id:1', 'one', '1'), basicNote('id:2', 'two', '2')]);

describe('media names from the media map', () => {
  it('refuses path traversal, absolute paths, NUL, dot names and over-long names, naming each, and keeps the good file', async () => {
    const hostile = ['../../evil.sh', '/etc/passwd', 'C:\\Windows\\evil.dll', 'a\u0000b.png', '..', '.', '.bashrc', `${'x'.repeat(300)}.png`, 'sub/dir.png'];
    const pkg = rezip(await twoNotes(), (entries) => {
      const map: Record<string, string> = {};
      hostile.forEach((name, index) => {
        map[String(index)] = name;
        entries[String(index)] = new TextEncoder().encode('#!/bin/sh\nrm -rf ~\n');
      });
      map['20'] = 'good.png';
      entries['20'] = new Uint8Array([1, 2, 3]);
      entries.media = json(map);
    });
    const bundle = await readAnkiPackage(pkg, 'traversal.apkg');
    expect(bundle.notes).toHaveLength(2);
    expect(bundle.media).toEqual([{ name: 'good.png', bytes: new Uint8Array([1, 2, 3]) }]);
    const report = bundle.problems.join('\n');
    expect(report).toMatch(/9 media name\(s\) refused/);
    for (const shown of ['"../../evil.sh"', '"/etc/passwd"', '"a\\u0000b.png"', '".bashrc"']) expect(report).toContain(shown);
    expect(report).toMatch(/longer than 255 bytes/);
  });

  it('normalises names to NFC, as Anki stores them', async () => {
    const pkg = rezip(await twoNotes(), (entries) => {
      entries.media = json({ 0: 'cafe\u0301.png' });
      entries['0'] = new Uint8Array([9]);
    });
    const bundle = await readAnkiPackage(pkg, 'nfd.apkg');
    expect(bundle.media.map((media) => media.name)).toEqual(['caf\u00e9.png']);
  });

  it('never uses zip entry names: an entry called ../../evil.sh is not even read', async () => {
    const pkg = rezip(await twoNotes(), (entries) => {
      entries['../../evil.sh'] = new TextEncoder().encode('boom');
      entries['/abs/evil'] = new TextEncoder().encode('boom');
    });
    const bundle = await readAnkiPackage(pkg, 'entry-names.apkg');
    expect(bundle.notes).toHaveLength(2);
    expect(bundle.media).toEqual([]);
    expect(bundle.problems).toEqual([]);
  });

  it('applies the same checks to the protobuf media list of a latest package', async () => {
    const pkg = rezip(fixture('llmanki-test-deck-anki21b.apkg'), (entries) => {
      const file = new TextEncoder().encode('evil');
      const sha1 = createHash('sha1').update(file).digest();
      entries.media = zstdRaw(encodeMediaEntries([{ name: '../../evil.sh', size: file.length, sha1 }, { name: 'ok.txt', size: file.length, sha1 }]));
      entries['0'] = zstdRaw(file);
      entries['1'] = zstdRaw(file);
    });
    const bundle = await readAnkiPackage(pkg, 'latest-traversal.apkg');
    expect(bundle.notes).toHaveLength(1);
    expect(bundle.media.map((media) => media.name)).toEqual(['ok.txt']);
    expect(bundle.problems.join('\n')).toContain('"../../evil.sh" (the name is a path, not a single file name)');
  });

  it('keeps <script> and onerror= in fields as text (sanitising is the display’s job), runs none of it, and refuses a media name built to break out of an attribute', async () => {
    const script = '<script>globalThis.__ankiImportRan = "script"</script>';
    const handler = '<img src="x.png" onerror="globalThis.__ankiImportRan = \'onerror\'">';
    const pkg = rezip(await packageOf([basicNote('id:x', script, handler)]), (entries) => {
      entries.media = json({ 0: 'x.png" onerror="alert(1)', 1: 'x.png' });
      entries['0'] = new Uint8Array([1]);
      entries['1'] = new Uint8Array([2]);
    });
    const bundle = await readAnkiPackage(pkg, 'xss.apkg');
    expect(bundle.notes[0]!.fields).toMatchObject({ Front: script, Back: handler });
    expect((globalThis as Record<string, unknown>).__ankiImportRan).toBeUndefined();
    expect(bundle.media.map((media) => media.name)).toEqual(['x.png']);
    for (const media of bundle.media) expect(checkMediaName(media.name)).toEqual({ name: media.name });
    expect(bundle.problems.join('\n')).toMatch(/characters Anki never allows/);
  });
});

describe('archive limits', () => {
  it('stops a zip bomb (64 MiB of zeros in a small entry) at the byte cap, naming the entry, and returns nothing', async () => {
    const bomb = zipSync({ 'collection.anki21': [new Uint8Array(64 * MiB), { level: 9 }] });
    expect(bomb.length).toBeLessThan(MiB);
    const error = await refusal(readAnkiPackage(bomb, 'bomb.apkg', { maxBytes: 4 * MiB, maxEntries: 100 }));
    expect(error.message).toMatch(/"collection\.anki21" goes past the limit of 4 MiB/);
    expect(error.where).toEqual({ file: 'bomb.apkg', entry: 'collection.anki21' });
  });

  it('stops a zstd bomb (RLE blocks, 128 KiB each from one byte) in a latest package at the byte cap', async () => {
    const blocks: number[] = [0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58];
    for (let i = 0; i < 1024; i++) {
      const header = ((128 * 1024) << 3) | (1 << 1) | (i === 1023 ? 1 : 0);
      blocks.push(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff, 0);
    }
    const pkg = zipSync({ meta: encodeMeta({ version: 3 }), 'collection.anki21b': new Uint8Array(blocks) });
    const error = await refusal(readAnkiPackage(pkg, 'zstd-bomb.apkg', { maxBytes: 8 * MiB, maxEntries: 100 }));
    expect(error.message).toMatch(/"collection\.anki21b" goes past the limit of 8 MiB/);
  });

  it('refuses a zstd frame that declares a gigabyte before anything is allocated', async () => {
    // Single-segment frame, 4-byte content size of 1 GiB, one empty raw last block.
    const frame = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 0xa0, 0x00, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00]);
    const pkg = zipSync({ meta: encodeMeta({ version: 3 }), 'collection.anki21b': frame });
    const error = await refusal(readAnkiPackage(pkg, 'declared.apkg', { maxBytes: 64 * MiB, maxEntries: 100 }));
    expect(error.message).toMatch(/collection\.anki21b.*(window|declares)/);
  });

  it('refuses an archive with more entries than allowed, saying where it stopped', async () => {
    const files: Zippable = {};
    for (let i = 0; i < 300; i++) files[String(i)] = new Uint8Array(1);
    const pkg = rezip(await twoNotes(), (entries) => Object.assign(entries, files));
    const error = await refusal(readAnkiPackage(pkg, 'many.apkg', { maxBytes: 64 * MiB, maxEntries: 200 }));
    expect(error.message).toMatch(/more than 200 entries \(stopped at "\d+"\)/);
  });
});

describe('damaged packages', () => {
  it('refuses a truncated zip, saying it is cut short', async () => {
    const pkg = await twoNotes();
    for (const length of [pkg.length - 10, Math.floor(pkg.length / 2), 40]) {
      const error = await refusal(readAnkiPackage(pkg.subarray(0, length), 'cut.apkg'));
      expect(error.message).toMatch(/cut short/);
    }
  });

  it('refuses a file that is not a zip at all', async () => {
    const error = await refusal(readAnkiPackage(new TextEncoder().encode('front,back\nq,a\n'), 'cards.csv'));
    expect(error.message).toBe('cards.csv is not a zip archive (an Anki package is a zip file)');
  });

  it('refuses a zip whose collection is not SQLite, naming the entry', async () => {
    const pkg = rezip(await twoNotes(), (entries) => {
      entries['collection.anki21'] = new TextEncoder().encode('definitely not a database '.repeat(20));
    });
    const error = await refusal(readAnkiPackage(pkg, 'notsql.apkg'));
    expect(error.message).toMatch(/"collection\.anki21" is not an SQLite database/);
    expect(error.where.entry).toBe('collection.anki21');
  });

  it('refuses a zip with no collection, and one whose only collection is the placeholder for old Anki versions', async () => {
    const noCollection = zipSync({ media: json({}) });
    expect((await refusal(readAnkiPackage(noCollection, 'empty.apkg'))).message).toMatch(/not an Anki package: it has no collection/);
    const placeholderOnly = rezip(await twoNotes(), (entries) => {
      delete entries['collection.anki21'];
    });
    expect((await refusal(readAnkiPackage(placeholderOnly, 'old.apkg'))).message).toMatch(/only the placeholder/);
  });

  it('refuses a package from a newer Anki whose meta names an unknown layout, and guesses the layout when meta is garbage', async () => {
    const newer = rezip(await twoNotes(), (entries) => {
      entries.meta = encodeMeta({ version: 9 });
    });
    expect((await refusal(readAnkiPackage(newer, 'newer.apkg'))).where.entry).toBe('meta');
    const garbled = rezip(await twoNotes(), (entries) => {
      entries.meta = new Uint8Array([0xff, 0xff, 0xff]);
    });
    const bundle = await readAnkiPackage(garbled, 'garbled.apkg');
    expect(bundle.notes).toHaveLength(2);
    expect(bundle.problems.join('\n')).toMatch(/"meta"\) could not be read/);
  });

  it('reads the rest when a media file is missing or its map is unreadable, saying which', async () => {
    const missing = rezip(await twoNotes(), (entries) => {
      entries.media = json({ 0: 'here.png', 1: 'gone.png' });
      entries['0'] = new Uint8Array([1]);
    });
    const bundle = await readAnkiPackage(missing, 'missing.apkg');
    expect(bundle.media.map((media) => media.name)).toEqual(['here.png']);
    expect(bundle.problems).toEqual([expect.stringMatching(/1 media file\(s\).*could not be read: "1" "gone\.png"/)]);

    const badMap = rezip(await twoNotes(), (entries) => {
      entries.media = new TextEncoder().encode('{"0": ');
    });
    const partial = await readAnkiPackage(badMap, 'badmap.apkg');
    expect(partial.notes).toHaveLength(2);
    expect(partial.problems).toEqual([expect.stringMatching(/media map \("media"\) could not be read/)]);
  });

  it('reads the other notes when one note type is unreadable, and says how many notes it skipped', async () => {
    const pkg = await packageOf([
      basicNote('id:1', 'kept', 'k'),
      { key: 'id:2', deckName: 'Tests', type: 'cloze', fields: { Text: '{{c1::lost}}' }, format: 'markdown', tags: [], cards: [] },
    ]);
    const broken = await editCollection(
      pkg,
      `UPDATE col SET models = json_remove(models, '$."' || (SELECT mid FROM notes WHERE flds LIKE '{{c1::lost}}%') || '".flds')`,
    );
    const bundle = await readAnkiPackage(broken, 'bad-type.apkg');
    expect(bundle.notes.map((note) => note.fields.Front)).toEqual(['kept']);
    expect(bundle.problems.join('\n')).toMatch(/note type \d+ "Cloze" could not be read/);
    expect(bundle.problems.join('\n')).toMatch(/1 note\(s\) were skipped because their note type is missing from the package or could not be read: 1 of note type \d+/);
  });

  it('puts cards whose deck is missing into Default and says so', async () => {
    const broken = await editCollection(await twoNotes(), "UPDATE col SET decks = json_remove(decks, '$.\"' || (SELECT did FROM cards LIMIT 1) || '\"')");
    const bundle = await readAnkiPackage(broken, 'no-deck.apkg');
    expect(new Set(bundle.notes.map((note) => note.deckName))).toEqual(new Set(['Default']));
    expect(bundle.problems.join('\n')).toMatch(/deck\(s\) missing from the package/);
  });

  it('refuses a collection with no readable notes, naming the entry', async () => {
    const empty = await editCollection(await twoNotes(), 'DELETE FROM notes');
    const error = await refusal(readAnkiPackage(empty, 'nothing.apkg'));
    expect(error.message).toMatch(/"collection\.anki21" holds no notes/);
  });
});

describe('collections built as traps', () => {
  it('does not read a notes VIEW that would recurse forever', async () => {
    const trap = await editCollection(
      await twoNotes(),
      `ALTER TABLE notes RENAME TO real_notes;
       CREATE VIEW notes AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
         SELECT x AS id, 'g' || x AS guid, 0 AS mid, 0 AS mod, '' AS tags, '' AS flds FROM n;`,
    );
    const error = await refusal(readAnkiPackage(trap, 'view.apkg'));
    expect(error.message).toMatch(/notes is a view, not a table/);
  });

  it('does not read a table whose columns compute their values', async () => {
    const trap = await editCollection(
      await twoNotes(),
      `CREATE TABLE notes2 (id integer PRIMARY KEY, guid text, mid integer, mod integer, usn integer, tags text,
         flds text GENERATED ALWAYS AS (hex(zeroblob(100000000))) VIRTUAL, sfld integer, csum integer, flags integer, data text);
       DROP TABLE notes; ALTER TABLE notes2 RENAME TO notes;`,
    );
    const error = await refusal(readAnkiPackage(trap, 'generated.apkg'));
    expect(error.message).toMatch(/notes table has computed columns/);
  });

  it('keeps a field that holds the 0x1f separator trick to the note type’s field count, reporting the extra', async () => {
    const trap = await editCollection(await twoNotes(), "UPDATE notes SET flds = flds || char(31) || 'smuggled' || char(31) || 'more'");
    const bundle = await readAnkiPackage(trap, 'extra-fields.apkg');
    for (const note of bundle.notes) expect(Object.keys(note.fields)).toEqual(['Front', 'Back', 'Source']);
    expect(bundle.problems.join('\n')).toMatch(/more fields than their note type/);
  });

  it('reads only what Anki wrote from a package with entries in any order (media map before or after the files)', async () => {
    const pkg = await packageOf([basicNote('id:1', 'a', 'b')], { media: [{ name: 'm.png', bytes: new Uint8Array([7]) }] });
    const entries = unzipSync(pkg);
    const reordered = zipSync({ media: entries.media!, '0': entries['0']!, 'collection.anki21': entries['collection.anki21']!, 'collection.anki2': entries['collection.anki2']! });
    expect((await readAnkiPackage(reordered, 'order.apkg')).media).toEqual([{ name: 'm.png', bytes: new Uint8Array([7]) }]);
  });
});
