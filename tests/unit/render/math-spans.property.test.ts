// Formula finding with memoised closer searches: the same spans as searching afresh from every opener, and one pass over fields of openers that never close.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_LENGTH } from '../../../src/core/import/bundle';
import { renderCard } from '../../../src/core/render/card-html';
import { findMath, insideSpans } from '../../../src/core/render/math-spans';
import { renderMarkdown } from '../../../src/core/render/markdown';
import type { NoteRecord } from '../../../src/core/collection/types';
import { findMathByRescan } from '../reference/regex-scans';

const PIECES = ['$', '$$', '\\(', '\\)', '\\[', '\\]', '\\', '\\$', '`', '``', '```', '~~~', '\n', '\n\n', ' ', '  ', 'x', '1', '{', '}'];
const markdown = fc.array(fc.constantFrom(...PIECES), { maxLength: 200 }).map((pieces) => pieces.join(''));

describe('finding formulas', () => {
  it('gives the spans a fresh search from every opener gives', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        expect(findMath(text)).toEqual(findMathByRescan(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('tells offsets inside spans, overlapping or not, as a look at every span does', () => {
    const span = fc.tuple(fc.nat(60), fc.nat(20)).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 12 }), (spans) => {
        const inside = insideSpans(spans);
        for (let offset = -1; offset <= 82; offset++) {
          expect(inside(offset)).toBe(spans.some((s) => offset > s.start && offset < s.end));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// Fields as long as an import allows, made of openers that never close. Searching afresh from
// each opener read the rest of the field each time: 13 s for 80,000 characters of `$x `, and 40
// times that at this length.
describe('a field of unclosed openers', () => {
  const n = MAX_FIELD_LENGTH;
  const fill = (unit: string) => unit.repeat(Math.ceil(n / unit.length));

  it('holds no formulas, found in one pass', () => {
    for (const unit of ['\\(', '\\[', '$x ', '$x\\\\ ']) expect(findMath(fill(unit))).toEqual([]);
  });

  it('of code spans of ever shorter lengths holds no formulas', () => {
    // Each run of backticks looks for an equal run later; a table of the longest run to come says
    // at once that there is none.
    let text = '';
    for (let length = 1000; text.length < n && length > 0; length--) text += `${'`'.repeat(length)} $x$ `;
    expect(findMath(text)).toEqual([]);
  });

  it('renders as its text, in Markdown and as a cloze card', () => {
    expect(renderMarkdown(fill('$x '))).toContain('$x $x');
    const note = { id: 'n', deckId: 'd', type: 'cloze', fields: { Text: `{{c1::a}} ${fill('\\(')}` }, tags: [], created: 0, modified: 0, origin: null } as NoteRecord;
    expect(renderCard(note, 1).front).toContain('[…]');
  });
});
