// What free text and field searches read: a field's text without its markup, case folded.
import { describe, expect, it } from 'vitest';
import type { NoteRecord, NoteTypeRecord } from '../../../src/core/collection/types';
import { searchableFields, searchableText } from '../../../src/core/search/searchable-text';

describe('a Markdown field', () => {
  it('loses emphasis, code marks and strike-through', () => {
    expect(searchableText('**exa**mple and *this* and `code` and ~~gone~~')).toBe('example and this and code and gone');
  });

  it('keeps link and image text, not their targets', () => {
    expect(searchableText('see [the paper](https://arxiv.org/abs/1) and ![a plot](plot.png)')).toBe('see the paper and a plot');
  });

  it('loses list bullets, numbers, heading and quote marks', () => {
    expect(searchableText('# Title\n- one\n* two\n1. three\n> quoted')).toBe('title one two three quoted');
  });

  it('keeps the code of a fenced block, not the fence', () => {
    expect(searchableText('```python\nx = np.zeros(3)\n```')).toBe('x = np.zeros(3)');
  });

  it('keeps TeX without its $ delimiters, and subscripts intact', () => {
    expect(searchableText('$\\sigma(x_i)$ and $$\\int f$$')).toBe('\\sigma(x_i) and \\int f');
    expect(searchableText('\\(a\\) \\[b\\]')).toBe('a b');
  });

  it('strips what looks like an HTML tag, not comparisons in a formula', () => {
    expect(searchableText('<b>bold</b> and $a < b$ and $c > d$')).toBe('bold and a < b and c > d');
    expect(searchableText('fish &amp; chips')).toBe('fish & chips');
  });

  it('reads cloze deletions as their answers, hints at the end', () => {
    expect(searchableText('The {{c1::mean::a statistic}} of {{c2::$x_i$}}')).toBe('the mean of x_i a statistic');
    expect(searchableText('{{c1::outer {{c2::inner}}}}')).toBe('outer inner');
  });

  it('leaves a broken cloze as it is', () => {
    expect(searchableText('{{c1::never closed')).toBe('{{c1::never closed');
  });

  it('folds whitespace and case', () => {
    expect(searchableText('  A\n\tB  ')).toBe('a b');
  });
});

describe('an HTML field (imported from Anki)', () => {
  it('loses tags, styles and scripts, and decodes entities, as Anki strips HTML', () => {
    expect(searchableText('<i>Bias</i>&nbsp;term<style>.x{}</style>', true)).toBe('bias term');
    expect(searchableText('a &lt; b', true)).toBe('a < b');
  });

  it('keeps lines apart where the HTML breaks them, and folds &nbsp; with the spaces around it', () => {
    expect(searchableText('<div>first</div><div>second<br>third</div>', true)).toBe('first second third');
    expect(searchableText('a&nbsp; b')).toBe('a b');
  });

  it('keeps * and _ as they are', () => {
    expect(searchableText('a*b __init__', true)).toBe('a*b __init__');
  });
});

describe('a note’s searchable fields', () => {
  it('give each field’s value as cut from the joined text, the note type’s fields first and a missing one empty', () => {
    const note = { id: 'n', deckId: 'd', type: 'basic', fields: { Back: 'The **Answer**', Extra: 'x_i', Front: 'What is $\\alpha$?' }, tags: [], created: 0, modified: 0, origin: null } as unknown as NoteRecord;
    const fields = searchableFields(note, { id: 't', name: 'T', fields: ['Front', 'Back', 'Source'] } as unknown as NoteTypeRecord);
    expect(fields.names).toEqual(['front', 'back', 'source', 'extra']);
    expect(fields.values).toEqual(['what is \\alpha?', 'the answer', '', 'x_i']);
    expect(fields.text).toBe(fields.values.join('\u001f'));
    expect(fields.values).toBe(fields.values);
  });
});
