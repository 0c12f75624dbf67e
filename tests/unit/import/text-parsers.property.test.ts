// Every text and Markdown importer, fed random and mutated files: a valid bundle or an ImportError, never a crash or a hang.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImportError, type ImportBundle } from '../../../src/core/import/bundle';
import { detectMarkdownFlavor } from '../../../src/core/import/markdown/flavor';
import { parseLogseq } from '../../../src/core/import/markdown/logseq';
import { parseObsidian } from '../../../src/core/import/markdown/obsidian';
import { parseDelimited, previewDelimited } from '../../../src/core/import/text/delimited';
import { noteProblem } from '../../../src/core/notes/note-types';
import { HOSTILE_TEXT_FILES } from '../../fixtures/hostile-inputs';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url), 'utf8');

const PARSERS: Record<string, (text: string) => ImportBundle> = {
  delimited: (text) => parseDelimited(text, 'random.txt'),
  quizlet: (text) => parseDelimited(text, 'random.txt', { delimiter: ' - ', rowSeparator: ';' }),
  obsidian: (text) => parseObsidian(text, 'random.md', { clozes: { bold: true, curly: true } }),
  logseq: (text) => parseLogseq(text, 'random.md'),
};

/** The bundle is one the rest of the app can take: valid native notes, unique keys, sane history. */
function expectUsable(bundle: ImportBundle): void {
  expect(bundle.notes.length).toBeGreaterThan(0);
  expect(new Set(bundle.notes.map((note) => note.key)).size).toBe(bundle.notes.length);
  const decks = new Set(bundle.decks.map((deck) => deck.name));
  for (const note of bundle.notes) {
    expect(note.type).not.toBe('anki');
    expect(noteProblem(note.type as Exclude<typeof note.type, 'anki'>, note.fields)).toBeNull();
    expect(note.where).toMatch(/^line \d+$/);
    expect(decks.has(note.deckName)).toBe(true);
    expect(note.deckName.split('::').every((part) => part.trim() === part && part !== '')).toBe(true);
    expect(note.tags.every((tag) => /^[^\s,]{1,200}$/.test(tag))).toBe(true);
    expect(note.cards.length).toBeGreaterThan(0);
    for (const card of note.cards) {
      for (const review of card.reviews) {
        expect(Number.isFinite(review.at)).toBe(true);
        expect([1, 2, 3, 4]).toContain(review.rating);
      }
    }
  }
}

function expectBundleOrImportError(parse: (text: string) => ImportBundle, text: string): void {
  let bundle: ImportBundle;
  try {
    bundle = parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return;
  }
  expectUsable(bundle);
}

// Pieces of every syntax these files use, so random text hits the interesting paths often.
const TOKENS = [
  '\t', ',', ';', '|', '"', '""', '\n', '\n\n', '\r\n', ' ', '#', 'a', 'Q', '猫', 'é',
  '#separator:', 'Tab', 'comma', '#html:true', '#tags:x y', '#deck:D::E', '#guid column:1', '#notetype column:2', 'Cloze', 'Basic (and reversed card)',
  '::', ':::', '?', '??', '==', '**', '{{', '}}', ';;', '1;;', 'ash;;', '`', '```', '<!--', '-->', '<!--SR:!', '2023-10-16,3,250', '!2000-01-01,1,250', 'fsrs,',
  '#flashcards', '#flashcards/a/b', '---', 'tags: [flashcards/x]', '> [!sr|card-metadata]', ' ^block-1',
  '- ', '\t- ', '  ', '#card', '[[card]]', '{{cloze ', ' \\\\ ', 'card-last-interval:: 3', 'card-last-reviewed:: 2024-01-01T00:00:00Z', 'card-last-score:: 1', 'id:: x', 'title:: T/U',
  '{{c1::', '\\',
];
const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((parts) => parts.join(''));
// Lines that start like outline blocks or card lines, so Logseq outlines and Obsidian cards form often.
const lineSoup = fc
  .array(
    fc.tuple(
      fc.constantFrom('', '', '- ', '\t- ', '\t\t- ', '  '),
      fc.array(fc.constantFrom(...TOKENS, 'q::a <!--SR:!2023-10-16,3,250-->', 'x #card', 'answer', '{{cloze b}}', '==c=='), { maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((rows) => rows.map(([lead, parts]) => lead + parts.join('')).join('\n'));
const syntaxSoup = fc.oneof(tokenSoup, lineSoup);

const FIXTURES = [
  fixture('anki-export-mathjax_inwaves-linear-algebra.txt'),
  fixture('logseq-docs_Flashcards.md'),
  fixture('logseq-docs_Cloze.md'),
  '#flashcards/ml\nWhat is SGD::stochastic gradient descent <!--SR:!2023-10-16,34,290-->\n\nAdam\n??\nan optimiser\n<!--SR:!2023-10-16,4,270!2023-10-20,7,250-->\n\nThe ==mean== is ==p;;a letter==\n',
];

/** A fixture with random edits: lines dropped, repeated or cut, and tokens inserted anywhere. */
const mutatedFixture = fc
  .record({
    text: fc.constantFrom(...FIXTURES),
    edits: fc.array(fc.tuple(fc.constantFrom('insert', 'delete-line', 'repeat-line', 'truncate'), fc.nat(), fc.constantFrom(...TOKENS)), { maxLength: 12 }),
  })
  .map(({ text, edits }) => {
    let out = text;
    for (const [kind, at, token] of edits) {
      const position = out.length === 0 ? 0 : at % out.length;
      if (kind === 'insert') out = out.slice(0, position) + token + out.slice(position);
      else if (kind === 'truncate') out = out.slice(0, position);
      else {
        const lines = out.split('\n');
        const index = lines.length === 0 ? 0 : at % lines.length;
        if (kind === 'delete-line') lines.splice(index, 1);
        else lines.splice(index, 0, lines[index] ?? '');
        out = lines.join('\n');
      }
    }
    return out;
  });

describe.each(Object.entries(PARSERS))('the %s importer', (_, parse) => {
  it('gives a usable bundle or an ImportError for any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), syntaxSoup), (text) => {
        expectBundleOrImportError(parse, text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a usable bundle or an ImportError for mutated real files', () => {
    fc.assert(
      fc.property(mutatedFixture, (text) => {
        expectBundleOrImportError(parse, text);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the column-mapping preview and flavour detection', () => {
  it('never throw anything but an ImportError, and detection never throws', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), syntaxSoup, mutatedFixture), (text) => {
        expect([null, 'interleave', 'obsidian', 'logseq']).toContain(detectMarkdownFlavor(text));
        try {
          const preview = previewDelimited(text, 'random.txt');
          expect(preview.rows.length).toBeLessThanOrEqual(20);
          expect(preview.totalRows).toBeGreaterThanOrEqual(preview.rows.length);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// The work is bounded by the size of the input (see HOSTILE_TEXT_FILES): a parser that rescans
// would not finish; how long a linear one takes is measured by `npm run bench`.
describe('20 000-line files in the shapes that expose quadratic work', () => {
  it.each(HOSTILE_TEXT_FILES)('%s', (_, run, expected) => {
    const result = run();
    if (typeof expected === 'number') expect(result).toBe(expected);
    else if (expected instanceof RegExp) expect(result).toMatch(expected);
  });

  it('a 2000-deep Logseq outline does not overflow the stack', () => {
    const deep = Array.from({ length: 2000 }, (_, i) => `${'\t'.repeat(i)}- q${i} #card`).join('\n');
    const bundle = parseLogseq(deep, 'deep.md');
    expect(bundle.notes).toHaveLength(1999);
  });
});
