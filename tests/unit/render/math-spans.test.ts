// Finding formulas in Markdown: every delimiter Anki and Markdown users write, never inside code or prices.
import { describe, expect, it } from 'vitest';
import { findMath } from '../../../src/core/render/math-spans';

const tex = (text: string) => findMath(text).map((span) => [span.tex, span.display]);

describe('formulas in field text', () => {
  it('are found in all four delimiters, inline and display', () => {
    expect(tex('a $x^2$ b $$\\sum_i x_i$$ c \\(y\\) d \\[z\\]')).toEqual([
      ['x^2', false],
      ['\\sum_i x_i', true],
      ['y', false],
      ['z', true],
    ]);
  });

  it('leave prices and lone dollars as text', () => {
    expect(tex('It costs $5 and $10 today.')).toEqual([]);
    expect(tex('A $ sign alone')).toEqual([]);
    expect(tex('Escaped \\$5 and \\$x\\$')).toEqual([]);
  });

  it('are never looked for inside fenced code or code spans', () => {
    expect(tex('```python\nprice = "$x$"\n```\nthen $y$')).toEqual([['y', false]]);
    expect(tex('`$not$` but $yes$')).toEqual([['yes', false]]);
  });

  it('do not run an inline formula across a blank line', () => {
    expect(tex('$a\n\nb$')).toEqual([]);
  });

  it('may span lines in display form', () => {
    expect(tex('$$\na\n+b\n$$')).toEqual([['\na\n+b\n', true]]);
  });
});
