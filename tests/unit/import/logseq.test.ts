// Logseq pages: #card blocks with child answers, {{cloze}} blocks, review properties as history, decks, identity.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/core/collection/content-hash';
import { ImportError } from '../../../src/core/import/bundle';
import { parseLogseq } from '../../../src/core/import/markdown/logseq';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/text/${name}`, import.meta.url), 'utf8');

describe("Logseq's own Flashcards page", () => {
  const bundle = parseLogseq(fixture('logseq-docs_Flashcards.md'), 'pages/Flashcards.md');

  it('has one card: the #card block asks, its child block answers (`#card` in inline code does not count)', () => {
    expect(bundle.format).toBe('logseq');
    expect(bundle.notes).toHaveLength(1);
    expect(bundle.notes[0]).toMatchObject({
      deckName: 'Flashcards',
      type: 'basic',
      fields: { Front: 'What does "Logseq" mean?', Back: 'You can read it as "Log sequence" or "Logical sequence" (thank you [[Ed]]).' },
      format: 'markdown',
      tags: [],
      where: 'line 26',
      key: `content:${contentHash(['Flashcards', 'What does "Logseq" mean?'])}`,
    });
    expect(bundle.problems).toEqual([]);
  });

  it('imports its review properties as one review at card-last-reviewed, score 5 as Good, with the last interval, and keeps its schedule', () => {
    expect(bundle.notes[0]!.cards).toEqual([
      {
        ord: 1,
        suspended: false,
        buried: false,
        flag: 0,
        reviews: [{ at: Date.parse('2021-10-11T10:59:40.382Z'), rating: 3, durationMs: 0, intervalDays: 28.3, sourceId: 'logseq:2021-10-11T10:59:40.382Z' }],
        // Due at card-next-schedule with the last interval, 4 repeats and ease 2.66.
        kept: {
          state: 2,
          due: { at: Date.parse('2021-11-08T17:59:40.382Z') },
          intervalDays: 28.3,
          reps: 4,
          lapses: 0,
          lastReview: Date.parse('2021-10-11T10:59:40.382Z'),
          ease: 2.66,
        },
      },
    ]);
  });
});

describe("Logseq's own Cloze page", () => {
  const bundle = parseLogseq(fixture('logseq-docs_Cloze.md'), 'pages/Cloze.md');

  it('turns each block with clozes into one cloze note whose clozes are all c1, as Logseq hides them together', () => {
    expect(bundle.notes.map((note) => [note.type, note.fields, note.cards.map((card) => card.ord), note.where])).toEqual([
      ['cloze', { Text: 'For example, {{c1::something}}, you can click it to reveal its content. You can have multiple {{c1::clozes}} in a block too.' }, [1], 'line 8'],
      ['cloze', { Text: 'Most apples are {{c1::red::color}}.' }, [1], 'line 12'],
      ['cloze', { Text: 'The regular expression {{c1::\\\\}} matches a backslash.' }, [1], 'line 13'],
    ]);
    expect(bundle.notes.every((note) => note.deckName === 'Cloze' && note.cards[0]!.reviews.length === 0)).toBe(true);
  });

  it('leaves clozes written inside inline code, like the syntax examples, alone', () => {
    expect(bundle.notes.some((note) => note.fields.Text!.includes('answer'))).toBe(false);
  });
});

describe('card blocks', () => {
  const page = [
    'title:: ML/Optimisation',
    '',
    '- Which optimisers adapt the step size? #card #optim',
    '  id:: 6512a1b2-0000-4000-8000-000000000001',
    '  card-last-interval:: 4',
    '  card-repeats:: 1',
    '  card-last-reviewed:: 2024-03-01T09:00:00.000Z',
    '  card-last-score:: 3',
    '\t- Adam',
    '\t\t- uses both moments',
    '\t- RMSProp',
    '- Momentum [[card]]',
    '  card-next-schedule:: 2024-03-10T00:00:00.000Z',
    '  card-last-interval:: 2',
    '  card-last-score:: 1',
    '\t- A running average of gradients',
    '- Adam divides by {{cloze the RMS \\\\ a statistic}} of the gradients #card',
    '  card-last-reviewed:: nil',
    '\t- Kingma & Ba, 2015',
    '- A card with nothing under it #card',
  ].join('\n');
  const bundle = parseLogseq(page, 'pages/ML___Optimisation.md');

  it('answer with their children as a nested list when there are several, and take other #tags as tags', () => {
    expect(bundle.notes[0]).toMatchObject({
      key: 'logseq:6512a1b2-0000-4000-8000-000000000001',
      deckName: 'ML::Optimisation',
      fields: { Front: 'Which optimisers adapt the step size?', Back: '- Adam\n  - uses both moments\n- RMSProp' },
      tags: ['optim'],
      where: 'line 3',
    });
  });

  it('rate score 3 as Hard and 1 as Again, dating a review from card-next-schedule − interval when needed', () => {
    expect(bundle.notes[0]!.cards[0]!.reviews).toEqual([
      { at: Date.parse('2024-03-01T09:00:00.000Z'), rating: 2, durationMs: 0, intervalDays: 4, sourceId: 'logseq:2024-03-01T09:00:00.000Z' },
    ]);
    expect(bundle.notes[1]!.cards[0]!.reviews).toEqual([
      { at: Date.parse('2024-03-08T00:00:00.000Z'), rating: 1, durationMs: 0, intervalDays: 2, sourceId: 'logseq:2024-03-10T00:00:00.000Z' },
    ]);
  });

  it('become cloze notes when they hold clozes, children kept as Extra and a nil review as no history', () => {
    expect(bundle.notes[2]).toMatchObject({
      type: 'cloze',
      fields: { Text: 'Adam divides by {{c1::the RMS::a statistic}} of the gradients', Extra: 'Kingma & Ba, 2015' },
    });
    expect(bundle.notes[2]!.cards[0]!.reviews).toEqual([]);
  });

  it('without children or clozes are reported, not imported', () => {
    expect(bundle.notes).toHaveLength(3);
    expect(bundle.problems).toEqual(['pages/ML___Optimisation.md, line 20: the card block has no child blocks to answer it and no cloze; skipped']);
  });

  it('take the deck from the page title, else the file name with Logseq’s ___ namespaces, else the caller’s', () => {
    const card = '- q #card\n\t- a\n';
    expect(parseLogseq(card, 'pages/ML___Optimisation.md').notes[0]!.deckName).toBe('ML::Optimisation');
    expect(parseLogseq(card, 'x.md', { deckName: 'Mine' }).notes[0]!.deckName).toBe('Mine');
  });

  it('are also blocks with `tags:: card`', () => {
    expect(parseLogseq('- q\n  tags:: card, ml\n\t- a\n', 'x.md').notes[0]).toMatchObject({ fields: { Front: 'q', Back: 'a' }, tags: ['ml'] });
  });
});

describe('outline details', () => {
  it('keep fenced code inside a block whole, even lines that look like blocks', () => {
    const note = parseLogseq('- What does this print? #card\n\t- ```python\n\t  - not a block\n\t  print(1)\n\t  ```\n', 'x.md').notes[0]!;
    expect(note.fields.Back).toBe('```python\n- not a block\nprint(1)\n```');
  });

  it('write :: in a cloze answer so that it is not read as a hint', () => {
    expect(parseLogseq('- Paths look like {{cloze std::io}}\n', 'x.md').notes[0]!.fields.Text).toBe('Paths look like {{c1::std:\\:io}}');
  });

  it('can be limited to #card blocks, as Logseq reviews only those', () => {
    expect(() => parseLogseq(fixture('logseq-docs_Cloze.md'), 'Cloze.md', { requireCardTag: true })).toThrow(ImportError);
  });

  it('report a review date they cannot read and import the card as new', () => {
    const bundle = parseLogseq('- q #card\n  card-last-reviewed:: yesterday\n\t- a\n', 'x.md');
    expect(bundle.notes[0]!.cards[0]!.reviews).toEqual([]);
    expect(bundle.problems).toEqual(['x.md, line 1: cannot read the review date "yesterday"; the card is imported as new']);
  });

  it('make a page without cards an ImportError naming the file', () => {
    expect(() => parseLogseq('- just a note\n\t- with a child\n', 'pages/Notes.md')).toThrow(/^pages\/Notes\.md: no cards found/);
  });
});
