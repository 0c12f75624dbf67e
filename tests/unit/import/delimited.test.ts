// Delimited text (CSV, TSV, Anki's "Notes in Plain Text", Quizlet): rows, headers, note types, identities, problems.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/core/collection/content-hash';
import { ImportError } from '../../../src/core/import/bundle';
import { parseDelimited, previewDelimited } from '../../../src/core/import/text/delimited';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url), 'utf8');
const MATHJAX = fixture('anki-export-mathjax_inwaves-linear-algebra.txt');

// Our own case with the shapes of Anki's text-2fields fixture: a comment line, Japanese/English term
// pairs both ways, an exact repeat, a row with too many fields, a comma-separated row in a tab file,
// an empty back and an empty front.
const VOCABULARY = [
  '# vocabulary from chapter 3',
  '猫\tcat',
  '犬\tdog',
  '鳥\tbird',
  'cat\t猫',
  '犬\tdog',
  '走る\tto run\tverb',
  'one, two, three',
  '魚\t',
  '\tto swim',
].join('\n');

describe('an Anki "Notes in Plain Text" export (inwaves linear algebra, 60 records)', () => {
  const bundle = parseDelimited(MATHJAX, 'All Decks.txt');

  it('reads every record as a basic note with HTML fields, from its #separator:tab and #html:true headers', () => {
    expect(bundle.format).toBe('anki-text');
    expect(bundle.notes).toHaveLength(60);
    expect(bundle.problems).toEqual([]);
    expect(bundle.notes.every((note) => note.type === 'basic' && note.format === 'html')).toBe(true);
    expect(bundle.decks).toEqual([{ name: 'All Decks', description: '' }]);
  });

  it('names each note by the line its record starts on, counting the header lines', () => {
    expect(bundle.notes[0]!.where).toBe('line 3');
    expect(bundle.notes[0]!.fields.Front).toBe("What's the definition of the dot product?");
    // The determinant record's answer is quoted and spans lines 32-39, so the next record is on line 40.
    const determinant = bundle.notes.findIndex((note) => note.fields.Front!.startsWith('What is the value of the determinant of a&nbsp;\\(3'));
    expect(bundle.notes[determinant]!.where).toBe('line 32');
    expect(bundle.notes[determinant + 1]!.where).toBe('line 40');
  });

  it('keeps line breaks inside quoted fields and turns "" into one quote', () => {
    const determinant = bundle.notes.find((note) => note.fields.Front!.includes('determinant of a&nbsp;\\(3'))!;
    expect(determinant.fields.Back!.split('\n')).toHaveLength(8);
    expect(determinant.fields.Back!.startsWith('\\[\\begin{aligned}\n')).toBe(true);
    const norm = bundle.notes.find((note) => note.fields.Front === 'What is the norm of a vector, intuitively?')!;
    expect(norm.fields.Back).toBe('It\'s the magnitude, or "length" of a vector.');
  });

  it('keeps old-style [$]…[/$] and [latex]…[/latex] formulas untouched for the renderer', () => {
    expect(bundle.notes.filter((note) => /\[\$\]|\[latex\]/.test(note.fields.Back!)).length).toBeGreaterThan(3);
  });

  it('identifies notes by deck and front, so the same file imported again updates them', () => {
    const norm = bundle.notes.find((note) => note.fields.Front === 'What is the norm of a vector, intuitively?')!;
    expect(norm.key).toBe(`content:${contentHash(['All Decks', 'What is the norm of a vector, intuitively?'])}`);
    expect(parseDelimited(MATHJAX, 'All Decks.txt').notes.map((note) => note.key)).toEqual(bundle.notes.map((note) => note.key));
    expect(new Set(bundle.notes.map((note) => note.key)).size).toBe(60);
  });
});

describe('a term/definition list without headers', () => {
  const bundle = parseDelimited(VOCABULARY, 'Japanese.txt');

  it('guesses tab, skips the comment, and imports the pairs both ways round as separate notes', () => {
    expect(bundle.format).toBe('tsv');
    expect(bundle.notes.map((note) => [note.fields.Front, note.fields.Back, note.where])).toEqual([
      ['猫', 'cat', 'line 2'],
      ['犬', 'dog', 'line 3'],
      ['鳥', 'bird', 'line 4'],
      ['cat', '猫', 'line 5'],
      ['走る', 'to run', 'line 7'],
    ]);
    expect(bundle.notes.every((note) => note.format === 'markdown' && note.deckName === 'Japanese')).toBe(true);
  });

  it('reports, by line, the repeat, the extra field, the row with no tab, and the empty sides', () => {
    expect(bundle.problems).toEqual([
      'Japanese.txt, line 6: repeats the note on line 3 exactly; skipped',
      'Japanese.txt, line 7: has 3 fields where 2 are expected; the extra ones were ignored',
      'Japanese.txt, line 8: has 1 field where 2 are expected, so it has no back (the separator read was tab); skipped',
      'Japanese.txt, line 9: the back is empty; skipped',
      'Japanese.txt, line 10: the front is empty; skipped',
    ]);
  });
});

describe('a third column', () => {
  it('holds tags when the rows have three fields, split at commas and spaces (native tags hold neither)', () => {
    const bundle = parseDelimited('alpha\tbeta\tgamma,delta\nalpha2\tbeta2\tgamma2 epsilon\n', 'tags.txt');
    expect(bundle.notes.map((note) => note.tags)).toEqual([
      ['gamma', 'delta'],
      ['gamma2', 'epsilon'],
    ]);
  });

  it('adds #tags: to every note, alongside the note’s own', () => {
    const bundle = parseDelimited('#separator:comma\n#tags:imported ch3\nq,a,own\n', 'x.csv');
    expect(bundle.notes[0]!.tags).toEqual(['imported', 'ch3', 'own']);
  });
});

describe('Anki headers', () => {
  it('read the separator by name or as the character itself', () => {
    for (const [header, row] of [
      ['Semicolon', 'q;a'],
      ['Pipe', 'q|a'],
      ['Colon', 'q:a'],
      ['Space', 'q a'],
      ['|', 'q|a'],
      ['comma', 'q,a'],
    ]) {
      expect(parseDelimited(`#separator:${header}\n${row}\n`, 'x.txt').notes[0]!.fields).toEqual({ Front: 'q', Back: 'a' });
    }
  });

  it('map deck, note type, guid and tags columns (1-based in the file) and leave the rest as fields', () => {
    const text = [
      '#separator:tab',
      '#html:true',
      '#guid column:1',
      '#notetype column:2',
      '#deck column:3',
      '#tags column:6',
      'abc123\tBasic\tML::Optim\tWhat is SGD?\tStochastic <b>gradient</b> descent\tsgd optim',
      'def456\tBasic (and reversed card)\tML\tAdam\tAn optimiser\t',
      'ghi789\tCloze\tML\tAdam divides by {{c1::the RMS}} of {{c2::gradients}}\tsee Kingma\t',
      'jkl012\tImage Occlusion Enhanced\t\tFront text\tBack text\t',
    ].join('\n');
    const bundle = parseDelimited(text, 'export.txt');
    expect(bundle.problems).toEqual([]);
    expect(bundle.notes.map((note) => [note.key, note.type, note.deckName, note.fields, note.tags, note.cards.map((card) => card.ord)])).toEqual([
      ['anki:abc123', 'basic', 'ML::Optim', { Front: 'What is SGD?', Back: 'Stochastic <b>gradient</b> descent' }, ['sgd', 'optim'], [1]],
      ['anki:def456', 'reverse', 'ML', { Front: 'Adam', Back: 'An optimiser' }, [], [1, 2]],
      ['anki:ghi789', 'cloze', 'ML', { Text: 'Adam divides by {{c1::the RMS}} of {{c2::gradients}}', Extra: 'see Kingma' }, [], [1, 2]],
      ['anki:jkl012', 'basic', 'export', { Front: 'Front text', Back: 'Back text' }, [], [1]],
    ]);
    expect(bundle.notes.every((note) => note.format === 'html')).toBe(true);
    expect(bundle.decks.map((deck) => deck.name).sort()).toEqual(['ML', 'ML::Optim', 'export']);
  });

  it('take column titles from #columns:, quoted like any row', () => {
    const bundle = parseDelimited('#separator:comma\n#columns:Back,"Front",Tags\nan answer,a question,t1\n', 'x.csv');
    expect(bundle.notes[0]).toMatchObject({ fields: { Front: 'a question', Back: 'an answer' }, tags: ['t1'] });
  });

  it('name one deck and note type for the whole file; the caller’s deck name wins over #deck:', () => {
    const text = '#deck:Vocab::French\n#notetype:Basic (and reversed card)\nchat\tcat\n';
    expect(parseDelimited(text, 'x.txt').notes[0]).toMatchObject({ deckName: 'Vocab::French', type: 'reverse' });
    expect(parseDelimited(text, 'x.txt', { deckName: 'Mine' }).notes[0]!.deckName).toBe('Mine');
  });

  it('say which header value they could not use, and carry on', () => {
    const bundle = parseDelimited('#separator:wave\n#html:maybe\n#deck column:zero\nq\ta\n', 'x.txt');
    expect(bundle.notes).toHaveLength(1);
    expect(bundle.problems).toEqual([
      'x.txt, line 1: unknown separator "wave" (known: tab, pipe, semicolon, colon, comma, space, or the character itself); the separator was guessed instead',
      'x.txt, line 2: #html: takes true or false, not "maybe"',
      'x.txt, line 3: #deck column: takes a column number counted from 1, not "zero"',
    ]);
  });

  it('accept the old first line "tags:" and treat # lines among the data as comments, as Anki does', () => {
    const bundle = parseDelimited('tags:old style\nq1\ta1\n#not a card\nq2\ta2\n', 'x.txt');
    expect(bundle.notes.map((note) => [note.fields.Front, note.tags])).toEqual([
      ['q1', ['old', 'style']],
      ['q2', ['old', 'style']],
    ]);
    expect(bundle.problems).toEqual(['x.txt, line 3: starts with # so it was read as a comment, as Anki does; skipped']);
  });

  it('turn #html:false fields into Markdown notes, and with no header guess HTML from the rows', () => {
    expect(parseDelimited('#html:false\n<b>q</b>\ta\n', 'x.txt').notes[0]!.format).toBe('markdown');
    expect(parseDelimited('<b>q</b>\ta<br>b\n', 'x.txt').notes[0]!.format).toBe('html');
    expect(parseDelimited('x < y\ty > x\n', 'x.txt').notes[0]!.format).toBe('markdown');
  });
});

describe('separator guessing', () => {
  it('prefers the separator that splits rows evenly, so a semicolon in CSV text does not win as in Anki', () => {
    const csv = 'Question,Answer\n"Mean; median?",both averages\nVariance,spread\n';
    const preview = previewDelimited(csv, 'x.csv');
    expect(preview.delimiter).toBe(',');
    expect(preview.hasHeader).toBe(true);
    expect(preview.columns).toEqual(['Question', 'Answer']);
    expect(parseDelimited(csv, 'x.csv').notes.map((note) => note.fields.Front)).toEqual(['Mean; median?', 'Variance']);
  });

  it('picks semicolons and pipes too', () => {
    expect(previewDelimited('a;b\nc;d\n', 'x').delimiter).toBe(';');
    expect(previewDelimited('a|b\nc|d\n', 'x').delimiter).toBe('|');
  });
});

describe('the column-mapping preview', () => {
  it('shows the first 20 rows after the header, the total, and the mapping parseDelimited would use', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `q${i},a${i},t${i}`);
    const preview = previewDelimited(['Front,Back,Tags', ...rows].join('\n'), 'x.csv');
    expect(preview).toMatchObject({ delimiter: ',', hasHeader: true, columns: ['Front', 'Back', 'Tags'], totalRows: 30, html: false });
    expect(preview.rows).toHaveLength(20);
    expect(preview.rows[0]).toEqual(['q0', 'a0', 't0']);
    expect(preview.mapping).toEqual({ front: 0, back: 1, tags: 2 });
  });

  it('matches header titles in any order, and the caller can say there is no header', () => {
    const text = 'Definition,Term,Deck\nto eat,食べる,Japanese\n';
    expect(parseDelimited(text, 'x.csv').notes[0]).toMatchObject({ fields: { Front: '食べる', Back: 'to eat' }, deckName: 'Japanese' });
    expect(previewDelimited(text, 'x.csv', { hasHeader: false }).totalRows).toBe(2);
  });

  it('lets the caller map columns, adding extra columns to the back', () => {
    const bundle = parseDelimited('id,answer,question,note\n1,4,2+2,even\n', 'x.csv', {
      hasHeader: true,
      mapping: { front: 2, back: 1, extra: [3], guid: 0 },
    });
    expect(bundle.notes[0]).toMatchObject({ key: 'anki:1', fields: { Front: '2+2', Back: '4\n\neven' } });
  });

  it('rejects a mapping that cannot work, naming the file', () => {
    expect(() => parseDelimited('a,b\n', 'x.csv', { mapping: { front: 0, back: 0 } })).toThrow(/x\.csv: the front and the back/);
    expect(() => parseDelimited('a,b\n', 'x.csv', { mapping: { front: -1, back: 1 } })).toThrow(ImportError);
  });
});

describe('Quizlet exports', () => {
  it('read tab between term and definition, one per line', () => {
    const bundle = parseDelimited('photosynthesis\tmaking sugar from light\nmitosis\tcell division\n', 'Biology.txt');
    expect(bundle.notes.map((note) => note.fields)).toEqual([
      { Front: 'photosynthesis', Back: 'making sugar from light' },
      { Front: 'mitosis', Back: 'cell division' },
    ]);
  });

  it('read custom separators between term and definition and between rows, without quoting', () => {
    const text = 'photosynthesis - "making" sugar;\nmitosis - cell division;\n';
    const bundle = parseDelimited(text, 'Biology.txt', { delimiter: ' - ', rowSeparator: ';' });
    expect(bundle.notes.map((note) => [note.fields, note.where])).toEqual([
      [{ Front: 'photosynthesis', Back: '"making" sugar' }, 'line 1'],
      [{ Front: 'mitosis', Back: 'cell division' }, 'line 2'],
    ]);
  });
});

describe('broken quoting', () => {
  it('reads the lines a stray quote would swallow without quoting, and says so', () => {
    const bundle = parseDelimited('q1\ta1\n"Hello" she said\tgreeting\nq3\ta3\n', 'x.txt');
    expect(bundle.notes.map((note) => note.fields.Front)).toEqual(['q1', '"Hello" she said', 'q3']);
    expect(bundle.problems).toHaveLength(1);
    expect(bundle.problems[0]).toMatch(/^x\.txt, line 2: a quote mark here is never closed/);
  });
});

describe('a file with nothing to import', () => {
  it('is an ImportError that names the file and the first reasons', () => {
    expect(() => parseDelimited('', 'empty.csv')).toThrow(ImportError);
    try {
      parseDelimited('just one column\nand another\n', 'one.txt');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).message).toMatch(/^one\.txt: no notes found.*line 1: has 1 field/);
      expect((error as ImportError).where.file).toBe('one.txt');
    }
  });

  it('is refused when larger than the limit', () => {
    expect(() => parseDelimited('q\ta\n'.repeat(100), 'big.txt', { limits: { maxBytes: 50, maxEntries: 10 } })).toThrow(/larger than 50 bytes/);
    expect(() => parseDelimited(Array.from({ length: 20 }, (_, i) => `q${i}\ta`).join('\n'), 'many.txt', { limits: { maxBytes: 1e6, maxEntries: 10 } })).toThrow(/more than 10 notes/);
  });
});

describe('identity', () => {
  it('keeps two notes with the same front and different backs apart, each stable across imports', () => {
    const text = 'Bank\tside of a river\nBank\tplace for money\n';
    const keys = parseDelimited(text, 'x.txt').notes.map((note) => note.key);
    expect(new Set(keys).size).toBe(2);
    expect(keys[0]).toBe(`content:${contentHash(['x', 'Bank'])}`);
    expect(parseDelimited(text, 'x.txt').notes.map((note) => note.key)).toEqual(keys);
  });

  it('depends on the deck, so the same front in two decks is two notes', () => {
    const a = parseDelimited('q\ta\n', 'x.txt', { deckName: 'A' }).notes[0]!.key;
    const b = parseDelimited('q\ta\n', 'x.txt', { deckName: 'B' }).notes[0]!.key;
    expect(a).not.toBe(b);
  });
});
