// Markdown export of a collection: every note written so that the deck format reads it back, and every note it had to change named.
import { describe, expect, it } from 'vitest';
import { Collection } from '../../../src/core/collection/collection';
import type { NoteRecord, NoteTypeRecord } from '../../../src/core/collection/types';
import { parseDeck, type ParsedNote } from '../../../src/core/deck-format/parse';
import { exportMarkdownDecks } from '../../../src/core/export/markdown-decks';

const FRENCH_CLOZE: NoteTypeRecord = {
  id: 'anki:1766868177780',
  name: 'My Cloze',
  kind: 'cloze',
  fields: ['Image', 'Expression', 'ExpressionEnglish', 'Frequency', 'Glossary', 'Notes'],
  templates: [{ name: 'Cloze', front: '{{Image}}{{cloze:Expression}}', back: '{{cloze:Expression}}<hr>{{Notes}}' }],
  css: '',
};
const ANKI_BASIC: NoteTypeRecord = { id: 'anki:1', name: 'Basic (with extra)', kind: 'normal', fields: ['Front', 'Back', 'Extra'], templates: [{ name: 'Card 1', front: '{{Front}}', back: '{{Back}}' }], css: '' };

function collection(notes: Partial<NoteRecord>[], noteTypes: NoteTypeRecord[] = [FRENCH_CLOZE, ANKI_BASIC]): Collection {
  const col = new Collection();
  col.decks.set('french', { id: 'french', name: 'Language French::My french words', presetId: 'default', description: '', created: 0 });
  for (const type of noteTypes) col.noteTypes.set(type.id, type);
  notes.forEach((note, i) => {
    const record: NoteRecord = { id: `n${i}`, deckId: 'french', type: 'basic', fields: {}, tags: [], created: 0, modified: 0, origin: null, ...note };
    col.notes.set(record.id, record);
  });
  return col;
}

const anki = (fields: Record<string, string>, noteTypeId: string, id: string): Partial<NoteRecord> => ({ id, type: 'anki', noteTypeId, format: 'html', fields });

/** A stand-in for the HTML converter (the real one needs a DOM, src/main/export/html-to-markdown.ts). */
const toMarkdown = (html: string) => html.replace(/&#x27;/g, "'").replace(/<\/?strong>/g, '**').replace(/<\/?p>/g, '');

/** Exports the collection and reads every file back as an import would: a file that does not read fails the test. */
function exportAndRead(col: Collection) {
  const result = exportMarkdownDecks(col, undefined, toMarkdown);
  const notes: ParsedNote[] = [];
  for (const file of result.files) {
    const parsed = parseDeck(file.text);
    if (!parsed.ok) throw new Error(`${file.name} does not import: ${JSON.stringify(parsed.problems)}\n${file.text}`);
    notes.push(...parsed.deck.notes);
  }
  const byId = (id: string) => notes.find((note) => note.id === result.ids.get(id))!;
  return { ...result, notes, byId };
}

describe('an Anki note type becomes the nearest native type', () => {
  it('a cloze type: its cloze field (named by the template) is the Text, every other field is kept under its name in Extra', () => {
    const col = collection([
      anki({ Image: '', Expression: 'J&#x27;ai {{c1::mangé::ate}}', ExpressionEnglish: '', Frequency: '1373020', Glossary: '', Notes: '<p><strong>Manger</strong> is to eat.</p>' }, FRENCH_CLOZE.id, 'anki:manger'),
    ]);
    const { notes, messages } = exportAndRead(col);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.type).toBe('cloze');
    expect(notes[0]!.fields).toEqual({ Text: "J'ai {{c1::mangé::ate}}", Extra: '#### Frequency\n\n1373020\n\n#### Notes\n\n**Manger** is to eat.' });
    expect(messages.join('\n')).toMatch(/1 note\(s\) imported from Anki were written as native basic or cloze notes/);
  });

  it('a normal type: the first field is the Front, the second the Back, and any other field follows in Back under its name', () => {
    const col = collection([anki({ Front: 'Q', Back: 'A', Extra: 'more' }, ANKI_BASIC.id, 'anki:a'), anki({ Front: 'Q2', Back: '', Extra: 'only extra' }, ANKI_BASIC.id, 'anki:b')]);
    const { byId, messages } = exportAndRead(col);
    expect(byId('anki:a').fields).toEqual({ Front: 'Q', Back: 'A\n\n#### Extra\n\nmore' });
    expect(byId('anki:b').fields).toEqual({ Front: 'Q2', Back: '#### Extra\n\nonly extra' });
    expect(messages.filter((message) => message.includes('another form'))).toEqual([]);
  });
});

describe('a note the format cannot hold as it is', () => {
  const malformed = anki(
    { Image: '', Expression: 'Tu as oublié ce que tu as dit ? {{c1L::Je me souviens parfaitement de::I perfectly remember}} ce que j&#x27;ai dit.', ExpressionEnglish: '', Frequency: '100', Glossary: '', Notes: "This uses 'se souvenir de'." },
    FRENCH_CLOZE.id,
    'anki:M;rHFoecJK',
  );
  const good = anki({ Image: '', Expression: '{{c1::On::We}} aurait pu en parler.', ExpressionEnglish: '', Frequency: '482104', Glossary: '', Notes: '' }, FRENCH_CLOZE.id, 'anki:NqG>l~!|j?');

  it('a cloze note without a deletion Interleave reads ({{c1L::…}}, as Anki allowed) is a basic note with the same text, and the rest of the file imports', () => {
    const { notes, byId } = exportAndRead(collection([good, malformed]));
    expect(notes).toHaveLength(2);
    expect(byId('anki:NqG>l~!|j?').type).toBe('cloze');
    expect(byId('anki:M;rHFoecJK')).toMatchObject({
      type: 'basic',
      fields: {
        Front: "Tu as oublié ce que tu as dit ? {{c1L::Je me souviens parfaitement de::I perfectly remember}} ce que j'ai dit.",
        Back: "#### Frequency\n\n100\n\n#### Notes\n\nThis uses 'se souvenir de'.",
      },
    });
  });

  it('is named in the messages, by the id it has in the file and its opening words, with what was done and why', () => {
    const { messages, ids } = exportAndRead(collection([good, malformed]));
    const about = messages.filter((message) => message.includes(ids.get('anki:M;rHFoecJK')!));
    expect(about).toHaveLength(1);
    expect(about[0]).toContain('“Tu as oublié ce que tu as dit ? {{c1L::Je me souviens parfaitement de::I…”');
    expect(about[0]).toContain('a cloze note needs at least one deletion like {{c1::answer}}');
    expect(about[0]).toContain('written as a basic note');
    expect(messages.some((message) => message.includes(ids.get('anki:NqG>l~!|j?')!))).toBe(false);
  });

  it('a deletion that never closes makes a basic note too', () => {
    const { byId, messages, ids } = exportAndRead(collection([{ id: 'open-cloze', type: 'cloze', fields: { Text: 'a {{c1::b' } }]));
    expect(byId('open-cloze')).toMatchObject({ type: 'basic', fields: { Front: 'a {{c1::b', Back: '(empty)' } });
    expect(messages.find((message) => message.includes(ids.get('open-cloze')!))).toContain('cloze is never closed');
  });

  it('an Anki basic note with an empty Back gets “(empty)” there, and says so', () => {
    const { byId, messages } = exportAndRead(collection([anki({ Front: 'lonely front', Back: '', Extra: '' }, ANKI_BASIC.id, 'anki:lonely')]));
    expect(byId('anki:lonely').fields).toEqual({ Front: 'lonely front', Back: '(empty)' });
    expect(messages.find((message) => message.includes('“lonely front”'))).toMatch(/Back was empty/);
  });

  it('a code block that never closes is closed at the end of its field, so it does not swallow the notes after it', () => {
    const { notes, byId, messages } = exportAndRead(
      collection([
        { id: 'open-fence', type: 'basic', fields: { Front: 'What does this print?', Back: '```python\nprint(1)' } },
        { id: 'after', type: 'basic', fields: { Front: 'next', Back: 'note' } },
      ]),
    );
    expect(notes.map((note) => note.id)).toEqual(['open-fence', 'after']);
    expect(byId('open-fence').fields.Back).toBe('```python\nprint(1)\n```');
    expect(messages.find((message) => message.includes('open-fence'))).toMatch(/code block .* never closed/);
  });

  it('tags the format cannot hold (a comma inside, more than 200 characters) are written as it holds them, and said', () => {
    const long = 'x'.repeat(201);
    const { byId, messages } = exportAndRead(collection([{ id: 'tagged', type: 'basic', tags: ['a,b', long, 'ok'], fields: { Front: 'F', Back: 'B' } }]));
    expect(byId('tagged').tags).toEqual(['a', 'b', 'ok']);
    expect(messages.find((message) => message.includes('tagged'))).toContain('tags');
  });
});

describe('what the format does to text, without changing what it means', () => {
  it('a line break made of two trailing spaces becomes a backslash, which the format’s trimming keeps', () => {
    const { byId, messages } = exportAndRead(collection([{ id: 'breaks', type: 'basic', fields: { Front: 'one  \r\ntwo', Back: 'x  \n\ny' } }]));
    expect(byId('breaks').fields).toEqual({ Front: 'one\\\ntwo', Back: 'x\n\ny' });
    expect(messages).toEqual([]);
  });

  it('native Markdown notes are written as they are; HTML notes of a native type are converted', () => {
    const { byId } = exportAndRead(
      collection([
        { id: 'markdown', type: 'basic', fields: { Front: '<p>kept</p>', Back: '**b**' } },
        { id: 'html-basic', type: 'basic', format: 'html', fields: { Front: '<p>J&#x27;ai</p>', Back: '<strong>b</strong>' } },
      ]),
    );
    expect(byId('markdown').fields).toEqual({ Front: '<p>kept</p>', Back: '**b**' });
    expect(byId('html-basic').fields).toEqual({ Front: "J'ai", Back: '**b**' });
  });
});

describe('a deck the format cannot hold as it is', () => {
  it('a description the front matter cannot hold is left out and said; the notes are written', () => {
    const col = collection([{ id: 'q', type: 'basic', fields: { Front: 'F', Back: 'B' } }]);
    col.decks.get('french')!.description = '"Quoted" and \\ more';
    const { notes, messages } = exportAndRead(col);
    expect(notes.map((note) => note.id)).toEqual(['q']);
    expect(messages).toEqual(['the description of deck “Language French::My french words” is left out: the format cannot hold it as it is']);
  });
});
