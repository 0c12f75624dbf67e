// Real packages from public repositories, one per layout: what each must yield, counted against the files themselves.
import { describe, expect, it } from 'vitest';
import type { ImportBundle, ImportedNote } from '../../../src/core/import/bundle';
import { readAnkiPackage } from '../../../src/main/import/anki/package-reader';
import { fixture } from '../../helpers/anki-builder';

const read = (name: string): Promise<ImportBundle> => readAnkiPackage(fixture(name), name);
const allCards = (notes: ImportedNote[]) => notes.flatMap((note) => note.cards);
const fieldsHaving = (notes: ImportedNote[], needle: string) => notes.filter((note) => Object.values(note.fields).some((value) => value.includes(needle)));

describe('a legacy 1 package (collection.anki2 only): darigov Google ML glossary', () => {
  it('gives all 413 Basic notes with both fields as HTML, in their deck, with nothing reported', async () => {
    const bundle = await read('darigov-google-ml-glossary.apkg');
    expect(bundle.format).toBe('anki-legacy1');
    expect(bundle.problems).toEqual([]);
    expect(bundle.notes).toHaveLength(413);
    expect(bundle.noteTypes).toHaveLength(1);
    const [basic] = bundle.noteTypes;
    expect(basic).toMatchObject({ key: 'anki:1584200596236', name: 'Basic', kind: 'normal', fields: ['Front', 'Back'] });
    expect(basic!.templates).toEqual([expect.objectContaining({ name: 'Card 1', front: '{{Front}}' })]);
    expect(basic!.templates[0]!.back).toContain('{{Back}}');
    expect(bundle.decks).toEqual([{ name: 'Google Machine Learning Glossary (Darigov Decks)', description: '' }]);
    for (const note of bundle.notes) {
      expect(note).toMatchObject({ type: 'anki', noteTypeKey: 'anki:1584200596236', format: 'html', deckName: 'Google Machine Learning Glossary (Darigov Decks)' });
      expect(note.key).toMatch(/^anki:.+/);
      expect(note.cards).toHaveLength(1);
    }
    expect(new Set(bundle.notes.map((note) => note.key)).size).toBe(413);
  });

  it('keeps Anki LaTeX ([$$]…[/$$], 15 notes) and MathJax (\\( \\) or \\[ \\], 9 notes) as written', async () => {
    const bundle = await read('darigov-google-ml-glossary.apkg');
    expect(fieldsHaving(bundle.notes, '[$$]')).toHaveLength(15);
    expect(fieldsHaving(bundle.notes, '[/$$]')).toHaveLength(15);
    const mathJax = bundle.notes.filter((note) => Object.values(note.fields).some((value) => value.includes('\\(') || value.includes('\\[')));
    expect(mathJax).toHaveLength(9);
  });

  it('brings its 21 rendered-LaTeX PNGs under the names the media map gives, never the zip entry numbers', async () => {
    const bundle = await read('darigov-google-ml-glossary.apkg');
    expect(bundle.media).toHaveLength(21);
    for (const media of bundle.media) {
      expect(media.name).toMatch(/^latex-[0-9a-f]{40}\.png$/);
      // PNG signature: the bytes are the file, not a compressed or truncated copy.
      expect([...media.bytes!.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    }
  });

  it('has new cards only: no history, nothing suspended, buried or flagged', async () => {
    const cards = allCards((await read('darigov-google-ml-glossary.apkg')).notes);
    expect(cards.every((card) => card.ord === 1 && card.reviews.length === 0 && !card.suspended && !card.buried && card.flag === 0)).toBe(true);
  });
});

describe('a latest package (meta + zstd collection.anki21b, schema 18): LLMAnki test deck', () => {
  it('reads the schema 18 collection: its one Basic note, note type from the protobuf configs, deck "Test deck"', async () => {
    const bundle = await read('llmanki-test-deck-anki21b.apkg');
    expect(bundle.format).toBe('anki-latest');
    expect(bundle.problems).toEqual([]);
    expect(bundle.decks).toEqual([{ name: 'Test deck', description: '' }]);
    // The package holds field and template rows of seven note types but only one note type row: joined on its id.
    expect(bundle.noteTypes).toHaveLength(1);
    expect(bundle.noteTypes[0]).toMatchObject({ key: 'anki:1768684832274', name: 'Basic', kind: 'normal', fields: ['Front', 'Back'] });
    expect(bundle.noteTypes[0]!.templates).toEqual([{ name: 'Card 1', front: '{{Front}}', back: '{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}' }]);
    expect(bundle.noteTypes[0]!.css).toContain('.card {');
    expect(bundle.notes).toHaveLength(1);
    expect(bundle.notes[0]).toMatchObject({
      key: 'anki:eXpBYfl^f~',
      deckName: 'Test deck',
      fields: { Front: 'Test', Back: 'foobar<br><img src="paste-af54a15ce9aad84572c5f38999056893a1fe23fb.jpg">' },
      created: 1768743504024,
    });
  });

  it('decompresses the zstd media entry to the JPEG the note shows, its checksum matching the media list', async () => {
    const bundle = await read('llmanki-test-deck-anki21b.apkg');
    expect(bundle.media.map((media) => media.name)).toEqual(['paste-af54a15ce9aad84572c5f38999056893a1fe23fb.jpg']);
    const jpeg = bundle.media[0]!.bytes!;
    expect(jpeg.length).toBe(23927);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('turns both revlog entries into reviews: rating, time taken, and the day interval only when positive', async () => {
    const [card] = allCards((await read('llmanki-test-deck-anki21b.apkg')).notes);
    expect(card).toMatchObject({ ord: 1, suspended: false, buried: false, flag: 0 });
    // The first answer was a learning step (ivl -600 = 10 minutes), so it has no day interval.
    expect(card!.reviews).toEqual([
      { at: 1768943105138, rating: 3, durationMs: 1615, sourceId: '1768943105138' },
      { at: 1768943107328, rating: 4, durationMs: 2164, intervalDays: 3, sourceId: '1768943107328' },
    ]);
  });
});

describe('a legacy 2 package (collection.anki21 + placeholder collection.anki2): mauriciopoppe French cloze', () => {
  it('reads collection.anki21, not the placeholder: 1639 cloze notes with their six fields', async () => {
    const bundle = await read('mauriciopoppe-french-cloze-2026.apkg');
    expect(bundle.format).toBe('anki-legacy2');
    expect(bundle.problems).toEqual([]);
    expect(bundle.notes).toHaveLength(1639);
    // The package also carries an unused Basic type; only the type its notes use comes along.
    expect(bundle.noteTypes).toHaveLength(1);
    expect(bundle.noteTypes[0]).toMatchObject({
      name: 'My Cloze',
      kind: 'cloze',
      fields: ['Expression', 'ExpressionEnglish', 'Frequency', 'Glossary', 'Notes', 'Image'],
    });
    expect(bundle.noteTypes[0]!.templates[0]!.front).toContain('{{cloze:Expression}}');
    for (const note of bundle.notes) expect(Object.keys(note.fields)).toHaveLength(6);
  });

  it('gives each note its cloze card as cloze number 1 (Anki ord 0), keeping the hints in the text', async () => {
    const bundle = await read('mauriciopoppe-french-cloze-2026.apkg');
    expect(allCards(bundle.notes).every((card) => card.ord === 1)).toBe(true);
    const hinted = bundle.notes.filter((note) => /\{\{c1::[^}]*::[^}]+\}\}/.test(note.fields.Expression ?? ''));
    expect(hinted.length).toBeGreaterThan(1000);
    expect(hinted[0]!.fields.Expression).toContain('{{c1::de::of}}');
  });

  it('places notes in "Language French::My french words and phrases" and adds the parent the package left out', async () => {
    const bundle = await read('mauriciopoppe-french-cloze-2026.apkg');
    expect(bundle.decks.map((deck) => deck.name)).toEqual(['Language French', 'Language French::My french words and phrases']);
    expect(new Set(bundle.notes.map((note) => note.deckName))).toEqual(new Set(['Language French::My french words and phrases']));
    expect(allCards(bundle.notes).some((card) => card.deckName !== undefined)).toBe(false);
  });

  it('keeps all 3470 answers on the 461 cards studied; with the 6 suspended unstudied cards, the 467 Anki holds as not new', async () => {
    const cards = allCards((await read('mauriciopoppe-french-cloze-2026.apkg')).notes);
    expect(cards).toHaveLength(1639);
    expect(cards.reduce((sum, card) => sum + card.reviews.length, 0)).toBe(3470);
    expect(cards.filter((card) => card.reviews.length > 0)).toHaveLength(461);
    expect(cards.filter((card) => card.suspended)).toHaveLength(47);
    expect(cards.filter((card) => card.reviews.length > 0 || card.suspended)).toHaveLength(467);
    expect(cards.some((card) => card.buried || card.flag !== 0)).toBe(false);
    for (const card of cards) {
      const times = card.reviews.map((review) => review.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const review of card.reviews) expect([1, 2, 3, 4]).toContain(review.rating);
    }
    // Review intervals are whole days; learning steps (negative seconds in the revlog) carry none.
    const intervals = cards.flatMap((card) => card.reviews.map((review) => review.intervalDays)).filter((days) => days !== undefined);
    expect(intervals.length).toBeGreaterThan(0);
    expect(intervals.every((days) => Number.isInteger(days) && days! > 0)).toBe(true);
  });
});
