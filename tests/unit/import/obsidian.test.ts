// Obsidian Spaced Repetition plugin files: card kinds, clozes, decks from tags, scheduling comments, identity.
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/core/collection/content-hash';
import { ImportError } from '../../../src/core/import/bundle';
import { parseObsidian } from '../../../src/core/import/markdown/obsidian';

const DAY = 86_400_000;
const noonUtc = (iso: string) => Date.parse(`${iso}T12:00:00Z`);
const parse = (text: string, options = {}) => parseObsidian(text, 'vault/Optimisation.md', options);
const only = (text: string, options = {}) => {
  const bundle = parse(text, options);
  expect(bundle.notes).toHaveLength(1);
  return bundle.notes[0]!;
};

describe('question and answer cards', () => {
  it('Question::Answer is a basic note and Question:::Answer a reversed one (two cards)', () => {
    const bundle = parse('What does SGD stand for::Stochastic gradient descent\n\nmomentum:::a running average of gradients\n');
    expect(bundle.notes.map((note) => [note.type, note.fields, note.cards.map((card) => card.ord), note.where])).toEqual([
      ['basic', { Front: 'What does SGD stand for', Back: 'Stochastic gradient descent' }, [1], 'line 1'],
      ['reverse', { Front: 'momentum', Back: 'a running average of gradients' }, [1, 2], 'line 3'],
    ]);
    expect(bundle.format).toBe('obsidian');
    expect(bundle.notes.every((note) => note.format === 'markdown')).toBe(true);
  });

  it('a ? line between lines makes a multi-line basic card, ?? a reversed one; a blank line ends it', () => {
    const bundle = parse('Name two\nadaptive optimisers\n?\nAdam\nRMSProp\n\nLeft side\n??\nRight side\n\nnot a card\nat all\n');
    expect(bundle.notes.map((note) => [note.type, note.fields, note.where])).toEqual([
      ['basic', { Front: 'Name two\nadaptive optimisers', Back: 'Adam\nRMSProp' }, 'line 1'],
      ['reverse', { Front: 'Left side', Back: 'Right side' }, 'line 7'],
    ]);
  });

  it('ignores separators inside inline code, and keeps fenced code whole', () => {
    const bundle = parse('The `a::b` syntax is not a card\n\nWhat prints?\n?\n```python\nprint(1)\n\nprint(2)\n```\n');
    expect(bundle.notes).toHaveLength(1);
    expect(bundle.notes[0]!.fields).toEqual({ Front: 'What prints?', Back: '```python\nprint(1)\n\nprint(2)\n```' });
  });

  it('skips cards the author wrapped in an HTML comment, as the plugin does', () => {
    const bundle = parse('<!--hidden::card <!--SR:!2021-08-20,13,290--> -->\n\nkept::card\n');
    expect(bundle.notes.map((note) => note.fields.Front)).toEqual(['kept']);
  });

  it('uses a custom end marker so answers can hold blank lines', () => {
    const note = only('Table?\n?\n\n| a | b |\n\n+++\n', { separators: { endMarker: '+++' } });
    expect(note.fields.Back).toBe('| a | b |');
  });
});

describe('clozes', () => {
  it('turn ==highlights== into native clozes, one card each in reading order', () => {
    const note = only('The first female ==prime minister== of Australia was ==Julia Gillard==\n');
    expect(note.type).toBe('cloze');
    expect(note.fields).toEqual({ Text: 'The first female {{c1::prime minister}} of Australia was {{c2::Julia Gillard}}' });
    expect(note.cards.map((card) => card.ord)).toEqual([1, 2]);
  });

  it('keep hints (==answer;;hint==) and group numbered deletions (==2;;answer==), leaving plain highlights', () => {
    expect(only('Brazilians speak ==Portuguese;;language==\n').fields.Text).toBe('Brazilians speak {{c1::Portuguese::language}}');
    const note = only('First ==1;;a==, then ==2;;b==, again ==1;;c==, and ==plain== text\n');
    expect(note.fields.Text).toBe('First {{c1::a}}, then {{c2::b}}, again {{c1::c}}, and ==plain== text');
    expect(note.cards.map((card) => card.ord)).toEqual([1, 2]);
  });

  it('read **bold** and {{curly}} only when asked, as the plugin’s settings default to off', () => {
    expect(() => parse('Gradient **descent** and {{momentum}}\n')).toThrow(ImportError);
    const note = only('Gradient **descent** and {{momentum}} and ==Nesterov==\n', { clozes: { bold: true, curly: true } });
    // The plugin numbers highlight clozes first, then bold, then curly.
    expect(note.fields.Text).toBe('Gradient {{c2::descent}} and {{c3::momentum}} and {{c1::Nesterov}}');
  });

  it('ignore == inside inline code', () => {
    expect(only('In `a == b == c` nothing, but ==x==\n').fields.Text).toBe('In `a == b == c` nothing, but {{c1::x}}');
  });

  it('skip, and report, a deletion a native cloze would misread: :: inside code reads as a hint', () => {
    const bundle = parse('Rust: ==`std::io`== is a module\n\nfine::card\n');
    expect(bundle.notes.map((note) => note.fields.Front)).toEqual(['fine']);
    expect(bundle.problems).toEqual(['vault/Optimisation.md, line 1: the cloze "`std::io`" holds :: inside code or }}, which a native cloze cannot; skipped']);
  });
});

describe('decks from tags', () => {
  const file = [
    '---',
    'tags: [notes, flashcards/ml]',
    '---',
    'before any tag line::goes to the front matter deck',
    '',
    '#flashcards/stats/probability',
    'Bernoulli mean::p',
    'Bernoulli variance::p(1-p)',
    '',
    '#flashcards/trivia A group of cats::a clowder',
    '',
    'still probability::yes',
    '',
    '#flashcards',
    'plain tag::default deck',
  ].join('\n');

  it('follow the last tag line above a card, #flashcards/a/b naming deck a::b', () => {
    const bundle = parse(file);
    expect(bundle.notes.map((note) => [note.fields.Front, note.deckName])).toEqual([
      ['before any tag line', 'ml'],
      ['Bernoulli mean', 'stats::probability'],
      ['Bernoulli variance', 'stats::probability'],
      ['A group of cats', 'trivia'],
      ['still probability', 'stats::probability'],
      ['plain tag', 'Optimisation'],
    ]);
    expect(bundle.decks.map((deck) => deck.name)).toEqual(['ml', 'stats::probability', 'trivia', 'Optimisation']);
  });

  it('put plain #flashcards cards, and files without tags, in the deck the caller names or the file’s', () => {
    expect(only('q::a\n', { deckName: 'Inbox' }).deckName).toBe('Inbox');
    expect(only('#flashcards\nq::a\n').deckName).toBe('Optimisation');
  });

  it('honour other flashcard tags the user configured', () => {
    expect(only('#srs/lin-alg\nrank::dimension of the column space\n', { flashcardTags: ['srs'] }).deckName).toBe('lin-alg');
  });

  it('report a line naming several decks and use the first', () => {
    const bundle = parse('#flashcards/a #flashcards/b\nq::a\n');
    expect(bundle.notes[0]!.deckName).toBe('a');
    expect(bundle.problems).toEqual(['vault/Optimisation.md, line 1: names several decks (a, b); the cards below go to the first, a']);
  });
});

describe('scheduling comments', () => {
  it('become one Good review on due − interval days, with the interval kept', () => {
    const note = only('What is Adam::an optimiser <!--SR:!2023-10-16,34,290-->\n');
    expect(note.cards[0]!.reviews).toEqual([
      { at: noonUtc('2023-10-16') - 34 * DAY, rating: 3, durationMs: 0, intervalDays: 34, sourceId: 'obsidian-sr:2023-10-16,34,290' },
    ]);
  });

  it('give a reversed card’s two entries to its two cards, from the next line too', () => {
    const note = only('Adam:::an optimiser\n<!--SR:!2023-10-16,4,270!2023-10-20,7,250-->\n');
    expect(note.fields).toEqual({ Front: 'Adam', Back: 'an optimiser' });
    expect(note.cards.map((card) => card.reviews.map((review) => [review.at, review.intervalDays]))).toEqual([
      [[noonUtc('2023-10-12'), 4]],
      [[noonUtc('2023-10-13'), 7]],
    ]);
  });

  it('give each cloze card its entry, and treat the placeholder 2000-01-01 as never reviewed', () => {
    const note = only('==a== and ==b==\n<!--SR:!2000-01-01,1,250!2024-02-29,10,250-->\n');
    expect(note.cards.map((card) => card.reviews.length)).toEqual([0, 1]);
    expect(note.cards[1]!.reviews[0]!.at).toBe(noonUtc('2024-02-19'));
  });

  it('read the plugin’s other date formats and its metadata callout', () => {
    const note = only('q::a\n> [!sr|card-metadata]\n> <!--SR:!16-10-2023,4,250-->\n');
    expect(note.fields.Back).toBe('a');
    expect(note.cards[0]!.reviews[0]!.at).toBe(noonUtc('2023-10-12'));
    expect(only('q::a <!--SR:!Mon Oct 16 2023,1,250-->\n').cards[0]!.reviews[0]!.at).toBe(noonUtc('2023-10-15'));
  });

  it('take an FSRS entry’s last review time directly', () => {
    const note = only('q::a <!--SR:!fsrs,2024-05-10T08:00:00.000Z,9,12.5,5.1,2,3,0,0,2024-05-01T08:00:00.000Z-->\n');
    expect(note.cards[0]!.reviews).toEqual([
      { at: Date.parse('2024-05-01T08:00:00.000Z'), rating: 3, durationMs: 0, intervalDays: 9, sourceId: 'obsidian-sr:fsrs,2024-05-10T08:00:00.000Z,9,12.5,5.1,2,3,0,0,2024-05-01T08:00:00.000Z' },
    ]);
  });

  it('report an entry they cannot read and import that card as new', () => {
    const bundle = parse('q::a <!--SR:!2023-13-45,x,250-->\n');
    expect(bundle.notes[0]!.cards[0]!.reviews).toEqual([]);
    expect(bundle.problems).toEqual(['vault/Optimisation.md, line 1: cannot read the scheduling entry "2023-13-45,x,250"; the card is imported as new']);
  });
});

describe('identity', () => {
  it('is the deck and the question, so editing the answer in Obsidian updates the same note', () => {
    const before = only('#flashcards/ml\nWhat is SGD::old answer\n');
    const after = only('#flashcards/ml\nWhat is SGD::new answer <!--SR:!2023-10-16,3,250-->\n');
    expect(before.key).toBe(`content:${contentHash(['ml', 'What is SGD'])}`);
    expect(after.key).toBe(before.key);
  });
});

describe('problems', () => {
  it('skip a card with an empty side and say where', () => {
    const bundle = parse('::no question\n\nfine::card\n');
    expect(bundle.notes).toHaveLength(1);
    expect(bundle.problems).toEqual(['vault/Optimisation.md, line 1: the question is empty; skipped']);
  });

  it('make a file without cards an ImportError that names it', () => {
    expect(() => parse('# Just notes\n\nNothing to review here.\n')).toThrow(/^vault\/Optimisation\.md: no flashcards found/);
  });
});
