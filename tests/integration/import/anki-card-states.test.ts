// Card states, review history and schema 18 details: how Anki's queues, flags, filtered decks, revlog kinds, deck names and protobuf configs reach the bundle.
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/core/import/bundle';
import { readAnkiPackage } from '../../../src/main/import/anki/package-reader';
import { basicNote, card, editCollection, editLatestCollection, fixture, packageOf } from '../../helpers/anki-builder';

const at = Date.UTC(2025, 5, 1, 8);

async function oneCardPackage(sql: string): Promise<Uint8Array> {
  return editCollection(await packageOf([basicNote('id:1', 'q', 'a', { deckName: 'Home', cards: [card(1)] })]), sql);
}

async function onlyCard(pkg: Uint8Array) {
  const bundle = await readAnkiPackage(pkg, 'states.apkg');
  return { bundle, card: bundle.notes[0]!.cards[0]! };
}

describe('card states from Anki queues and flags', () => {
  it.each([
    [-1, { suspended: true, buried: false }],
    [-2, { suspended: false, buried: true }],
    [-3, { suspended: false, buried: true }],
    [2, { suspended: false, buried: false }],
  ])('queue %i gives %o', async (queue, expected) => {
    const { card: read } = await onlyCard(await oneCardPackage(`UPDATE cards SET queue = ${queue}`));
    expect(read).toMatchObject(expected);
  });

  it('takes the flag colour from the low three bits of flags', async () => {
    const { card: read } = await onlyCard(await oneCardPackage('UPDATE cards SET flags = 8 + 5'));
    expect(read.flag).toBe(5);
  });

  it('puts a card borrowed by a filtered deck back in its original deck (odid)', async () => {
    const pkg = await oneCardPackage(`
      UPDATE col SET decks = json_set(decks, '$."4242"', json('{"id":4242,"name":"Cram","dyn":1,"desc":""}'));
      UPDATE cards SET odid = did, did = 4242, odue = due;`);
    const { bundle, card: read } = await onlyCard(pkg);
    expect(bundle.notes[0]!.deckName).toBe('Home');
    expect(read.deckName).toBeUndefined();
    expect(bundle.decks.map((deck) => deck.name)).toEqual(['Home']);
  });
});

describe('review history from the revlog', () => {
  const revlog = (rows: [number, number, number, number, number][]) =>
    rows.map(([offset, ease, ivl, type, factor]) => `INSERT INTO revlog VALUES (${at + offset}, (SELECT id FROM cards), 0, ${ease}, ${ivl}, 0, ${factor}, 5000, ${type});`).join('\n');

  it('keeps answers, and skips resets, reschedules and filtered-deck previews, which are not answers', async () => {
    const pkg = await oneCardPackage(
      revlog([
        [0, 3, -600, 0, 0], // learning step: a rating, no day interval
        [1000, 3, 1, 0, 2500], // graduates to one day
        [2000, 0, 0, 4, 0], // "reset" (Manual, ease 0)
        [3000, 3, 5, 4, 2500], // "set due date" (Manual, with a factor)
        [4000, 0, 7, 5, 2500], // Rescheduled by FSRS
        [5000, 2, 0, 3, 0], // preview in a filtered deck without rescheduling
        [6000, 4, 9, 3, 2500], // answered early in a rescheduling filtered deck: a real answer
        [7000, 1, -600, 1, 2300], // lapse
      ]),
    );
    const { card: read } = await onlyCard(pkg);
    expect(read.reviews).toEqual([
      { at, rating: 3, durationMs: 5000, sourceId: String(at) },
      { at: at + 1000, rating: 3, durationMs: 5000, intervalDays: 1, sourceId: String(at + 1000) },
      { at: at + 6000, rating: 4, durationMs: 5000, intervalDays: 9, sourceId: String(at + 6000) },
      { at: at + 7000, rating: 1, durationMs: 5000, sourceId: String(at + 7000) },
    ]);
  });

  it('reads v1-scheduler learning answers (again/good/easy on three buttons) as Anki’s upgrade does: 2 is good, 3 is easy', async () => {
    const pkg = await oneCardPackage(`
      UPDATE col SET conf = json_set(conf, '$.schedVer', 1);
      ${revlog([
        [0, 2, -60, 0, 0],
        [1000, 3, 4, 0, 0],
        [2000, 2, 10, 1, 2500],
        [3000, 2, -600, 2, 2500],
      ])}`);
    const { card: read } = await onlyCard(pkg);
    // Learning and relearning answers shift up one; review answers (type 1) already used four buttons.
    expect(read.reviews.map((review) => review.rating)).toEqual([3, 4, 2, 3]);
  });

  it('keeps a card’s answers together and in time order when a damaged log stores its card id both as a number and as text (hexadecimal)', async () => {
    const pkg = await oneCardPackage(`
      ${revlog([
        [0, 3, 1, 1, 2500],
        [2000, 3, 4, 1, 2500],
      ])}
      INSERT INTO revlog VALUES (${at + 1000}, printf('0x%X', (SELECT id FROM cards)), 0, 4, 2, 0, 2500, 5000, 1);
      INSERT INTO revlog VALUES (${at + 3000}, printf('0x%X', (SELECT id FROM cards)), 0, 1, -600, 0, 2300, 5000, 1);`);
    const { card: read } = await onlyCard(pkg);
    expect(read.reviews.map((review) => [review.at - at, review.rating])).toEqual([
      [0, 3],
      [1000, 4],
      [2000, 3],
      [3000, 1],
    ]);
  });

  it('treats a collection that never states its scheduler as v1, as Anki does', async () => {
    const pkg = await oneCardPackage(`UPDATE col SET conf = json_remove(conf, '$.schedVer'); ${revlog([[0, 3, 1, 0, 0]])}`);
    const { card: read } = await onlyCard(pkg);
    expect(read.reviews.map((review) => review.rating)).toEqual([4]);
  });
});

describe('schema 18 collections (latest packages)', () => {
  it('turns the 0x1f separator of deck names back into ::', async () => {
    const pkg = await editLatestCollection(fixture('llmanki-test-deck-anki21b.apkg'), "UPDATE decks SET name = 'Languages' || char(31) || 'French' WHERE name = 'Test deck'");
    const bundle = await readAnkiPackage(pkg, 'nested.apkg');
    expect(bundle.notes[0]!.deckName).toBe('Languages::French');
    expect(bundle.decks.map((deck) => deck.name)).toEqual(['Languages', 'Languages::French']);
  });

  it('reads a deck description from the protobuf deck kind', async () => {
    // Deck.KindContainer { normal (1) { config_id (1) = 1, description (4) = "About" } }
    const pkg = await editLatestCollection(fixture('llmanki-test-deck-anki21b.apkg'), "UPDATE decks SET kind = x'0a090801220541626f7574' WHERE name = 'Test deck'");
    const bundle = await readAnkiPackage(pkg, 'described.apkg');
    expect(bundle.decks).toEqual([{ name: 'Test deck', description: 'About' }]);
  });

  it('refuses the package, naming the collection and the note type, when its only note type cannot be decoded', async () => {
    const pkg = await editLatestCollection(fixture('llmanki-test-deck-anki21b.apkg'), "UPDATE notetypes SET config = x'0aff'");
    const error = await readAnkiPackage(pkg, 'bad-config.apkg').catch((thrown: unknown) => thrown as ImportError);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).where.entry).toBe('collection.anki21b');
    expect((error as ImportError).message).toMatch(/holds no notes that could be read: .*note type 1768684832274 "Basic" could not be read/);
  });
});
