// The native deck format: what it accepts, how it reports problems (line and column), and its round trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck, type ParsedDeck } from '../../../src/core/deck-format/parse';
import { serializeDeck } from '../../../src/core/deck-format/serialize';

const deck = (body: string, front = 'deck: ML::Optimisation') => `---\n${front}\n---\n\n${body}`;

function problems(text: string) {
  const result = parseDeck(text);
  return result.ok ? [] : result.problems;
}

describe('a deck file', () => {
  it('gives the deck its name, slug id, description and nested parent', () => {
    const result = parseDeck(deck('## a-card\n\n### Front\nQ\n\n### Back\nA\n', 'deck: "ML::Optimisation"\ndescription: Things about SGD'));
    expect(result.ok && result.deck.header).toEqual({ name: 'ML::Optimisation', id: 'ml--optimisation', description: 'Things about SGD', preset: null });
  });

  it('reads each card’s id, type, tags and fields, trimming blank lines around fields', () => {
    const result = parseDeck(
      deck(`Some preamble for readers.

## adam-bias
type: cloze
tags: topic::adam level::core, round::dl

### Text

Adam divides by {{c1::$1-\\beta_1^t$}}.

### Source
Kingma & Ba (2015)
`),
    );
    expect(result.ok).toBe(true);
    const [note] = (result as { deck: ParsedDeck }).deck.notes;
    expect(note).toEqual({
      id: 'adam-bias',
      type: 'cloze',
      tags: ['topic::adam', 'level::core', 'round::dl'],
      fields: { Text: 'Adam divides by {{c1::$1-\\beta_1^t$}}.', Source: 'Kingma & Ba (2015)' },
      line: 7,
    });
  });

  it('keeps ## and ### lines inside code fences as content', () => {
    const result = parseDeck(deck('## code-card\n\n### Front\nWhat prints?\n\n### Back\n```python\n## not a card\n### not a field\nprint(1)\n```\n'));
    expect(result.ok && result.deck.notes[0]!.fields.Back).toBe('```python\n## not a card\n### not a field\nprint(1)\n```');
  });

  it('names the line and column of each problem, all of them at once', () => {
    const found = problems(
      deck(`## Bad Id
### Front
Q

## dup
### Front
Q
### Back
A

## dup
type: flashcard
### Front
Q
`),
    );
    expect(found).toEqual([
      { line: 5, column: 4, message: expect.stringContaining('card id "Bad Id" must be') },
      { line: 5, column: 1, message: 'card "Bad Id": a basic note needs a non-empty "Back" field' },
      { line: 15, column: 4, message: 'card id "dup" is used again (first on line 9)' },
      { line: 16, column: 7, message: expect.stringContaining('unknown type "flashcard"') },
    ]);
  });

  it('refuses a field the type does not have, an empty required field and a cloze without deletions', () => {
    expect(problems(deck('## a\n### Front\nQ\n### Answer\nA\n'))[0]).toMatchObject({ line: 8, message: expect.stringContaining('has no field "Answer"') });
    expect(problems(deck('## a\ntype: cloze\n### Text\nno deletion here\n'))[0]).toMatchObject({ line: 7, message: expect.stringContaining('at least one deletion') });
    expect(problems(deck('## a\ntype: cloze\n### Text\n{{c1::open\n'))[0]).toMatchObject({ message: expect.stringContaining('never closed') });
    expect(problems(deck('## a\ntype: keypoints\n### Question\nWhy?\n### Points\njust prose\n'))[0]).toMatchObject({
      message: expect.stringContaining('Markdown list'),
    });
  });

  it('says where a code block opened when it is never closed', () => {
    expect(problems(deck('## a\n### Front\nQ\n### Back\n```python\nx = 1\n\n## b\n### Front\nQ\n'))).toContainEqual({
      line: 9,
      column: 1,
      message: expect.stringContaining('never closed'),
    });
  });

  it('needs front matter with a deck name, closed by ---', () => {
    expect(problems('## a\n### Front\nQ\n')[0]).toMatchObject({ line: 1, message: expect.stringContaining('starts with front matter') });
    expect(problems('---\ndeck: A\nnot a pair\n---\n')[0]).toMatchObject({ line: 3, message: expect.stringContaining('front matter lines are "key: value"') });
    expect(problems('---\ndeck: A\n')[0]).toMatchObject({ message: 'the front matter is never closed with a line "---"' });
    expect(problems('---\ndescription: x\n---\n')[0]).toMatchObject({ message: 'the front matter needs "deck: Name"' });
    expect(problems('---\ndeck: A::::B\n---\n')[0]).toMatchObject({ message: expect.stringContaining('empty level') });
  });
});

describe('round trip', () => {
  const id = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
  // Field text as the parser gives it back: no blank lines at the ends, no trailing spaces.
  const prose = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9 $\\{}#*_.,:;()=+-]{0,40}$/),
    fc.constantFrom('## looks like a card', '### looks like a field', '\\## escaped already', '\\\\### twice escaped', '$$x^2$$'),
  );
  // Code blocks are whole (opened and closed), as in any real field; inside them anything goes.
  const code = fc.array(prose, { maxLength: 3 }).map((lines) => ['```python', ...lines, '```']);
  const text = fc
    .array(fc.oneof(prose.map((l) => [l]), code), { minLength: 1, maxLength: 5 })
    .map((blocks) => blocks.flat().map((l) => l.replace(/\s+$/, '')).join('\n').trim())
    .filter((t) => t.length > 0);
  const note = fc.record({ id, front: text, back: text, tags: fc.uniqueArray(fc.stringMatching(/^[a-z:]{1,12}$/), { maxLength: 3 }) });

  it('serializing then parsing gives the same deck back', () => {
    fc.assert(
      fc.property(fc.uniqueArray(note, { selector: (n) => n.id, minLength: 1, maxLength: 5 }), (notes) => {
        const original: ParsedDeck = {
          header: { name: 'Round::Trip', id: 'round--trip', description: 'd', preset: null },
          notes: notes.map((n, i) => ({ id: n.id, type: 'basic', tags: n.tags, fields: { Front: n.front, Back: n.back }, line: i })),
        };
        const result = parseDeck(serializeDeck(original));
        expect(result.ok, JSON.stringify(result)).toBe(true);
        const parsed = (result as { deck: ParsedDeck }).deck;
        expect(parsed.header).toEqual(original.header);
        expect(parsed.notes.map(({ line: _, ...rest }) => rest)).toEqual(original.notes.map(({ line: _, ...rest }) => rest));
      }),
      { numRuns: 300 },
    );
  });
});

describe('random and mutated input', () => {
  const valid = deck('## a\ntype: cloze\ntags: x\n### Text\n{{c1::$\\frac{1}{2}$}} and {{c2::b::hint}}\n### Extra\nmore\n\n## b\ntype: keypoints\n### Question\nWhy?\n### Points\n- one\n- two\n');

  it('gives a parse or a list of problems with positions, never a crash or a hang', () => {
    const check = (text: string) => {
      const result = parseDeck(text);
      if (!result.ok) {
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 2000 }), check), { numRuns: 500 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length), fc.nat(valid.length), fc.string({ maxLength: 8 })), { maxLength: 6 }), (edits) => {
        let text = valid;
        for (const [at, cut, insert] of edits) text = text.slice(0, Math.min(at, text.length)) + insert + text.slice(Math.min(at + (cut % 5), text.length));
        check(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a large file in linear time (100,000 lines)', () => {
    const cards = Array.from({ length: 20_000 }, (_, i) => `## c${i}\n### Front\nQ ${i} {{\n### Back\nA ${i}\n`).join('\n');
    const result = parseDeck(deck(cards));
    expect(result.ok && result.deck.notes.length).toBe(20_000);
  });
});
