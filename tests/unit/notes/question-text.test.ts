// A card's question as one line of plain text: markup gone, cut to length, and a hostile field read in one pass.
import { describe, expect, it } from 'vitest';
import type { NoteRecord } from '../../../src/core/collection/types';
import { MAX_FIELD_LENGTH } from '../../../src/core/import/bundle';
import { questionKey } from '../../../src/core/notes/duplicates';
import { questionText } from '../../../src/core/notes/question-text';

const basic = (front: string) =>
  ({ id: 'n1', deckId: 'd', type: 'basic', fields: { Front: front, Back: '' }, tags: [], created: 0, modified: 0, origin: null }) as NoteRecord;

describe('the question line', () => {
  it('drops tags, code, link targets, list marks and emphasis, keeping formulas as TeX', () => {
    const front = '## What does **this** do?\n\n```py\nprint(1)\n```\n- see [the docs](https://x.org) and ![a plot](p.png)\n<b>$x^2$</b>&nbsp;!';
    expect(questionText(basic(front), 1)).toBe('What does this do? [code] see the docs and a plot $x^2$ !');
  });

  it('is cut to the length asked for, with an ellipsis', () => {
    expect(questionText(basic('a'.repeat(50)), 1, 10)).toBe(`${'a'.repeat(9)}…`);
    expect(questionText(basic('a'.repeat(10)), 1, 10)).toBe('a'.repeat(10));
  });

  it('reads a tag that closes far into a long field as a tag', () => {
    const front = `<img src="data:image/png;base64,${'A'.repeat(200_000)}">What is shown?`;
    expect(questionText(basic(front), 1)).toBe('What is shown?');
  });
});

// Fields as long as an import allows, made of openers that never close: the regular expressions
// these replaced tried each opener against the rest of the field, about a minute for each of these.
describe('a hostile question field', () => {
  const n = MAX_FIELD_LENGTH;
  it('of unclosed tags, links, images and fences gives its text', () => {
    expect(questionText(basic('<'.repeat(n)), 1, 10)).toBe('<<<<<<<<<…');
    expect(questionText(basic('['.repeat(n)), 1, 10)).toBe('[[[[[[[[[…');
    expect(questionText(basic('!['.repeat(n / 2)), 1, 10)).toBe('![![![![!…');
    expect(questionText(basic('`'.repeat(n)), 1, 10)).toBe('');
    expect(questionText(basic(`\`\`\`\n${'x'.repeat(n)}`), 1, 10)).toBe('xxxxxxxxx…');
  });

  it('keys as nothing when it holds no letters', () => {
    expect(questionKey('<'.repeat(n))).toBe('');
    expect(questionKey(`<b>What</b> is  {{c1::X}}? ${'<'.repeat(n)}`)).toBe('what is x');
  });
});
