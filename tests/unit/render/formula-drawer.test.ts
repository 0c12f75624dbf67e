// How much KaTeX draws on one card side: identical formulas once, and past each cap the TeX instead of a drawing.
import { describe, expect, it } from 'vitest';
import { renderAnkiCard } from '../../../src/core/render/anki-template';
import { FORMULA_LIMITS, formulaDrawer, type FormulaLimits } from '../../../src/core/render/formula-drawer';

/** A drawer with small limits and a renderer that counts its calls and draws `size` characters. */
function counted(limits: Partial<FormulaLimits>, size = 10) {
  const draw = formulaDrawer({ ...FORMULA_LIMITS, ...limits });
  let renders = 0;
  const render = () => {
    renders++;
    return 'd'.repeat(size);
  };
  return { draw: (tex: string) => draw(tex, tex, false, render), renders: () => renders };
}

describe('drawing formulas for one side', () => {
  it('draws a repeated formula once and shows it each time', () => {
    const side = counted({});
    const shown = Array.from({ length: 100 }, () => side.draw('x^2'));
    expect(side.renders()).toBe(1);
    expect(shown.every((html) => html === 'd'.repeat(10))).toBe(true);
  });

  it('shows a formula with too long a TeX as its TeX, marked, without drawing it', () => {
    const side = counted({ texPerFormula: 5 });
    const html = side.draw('a<b+c+d');
    expect(side.renders()).toBe(0);
    expect(html).toMatch(/^<span class="math-error" title="Not drawn: the formula is longer than 5 characters\. Its TeX is shown instead\.">a&#60;b\+c\+d<\/span>$/);
  });

  it('shows a formula whose drawing is too large as its TeX, drawing it only once', () => {
    const side = counted({ htmlPerFormula: 5 });
    expect(side.draw('x')).toContain('Not drawn: its drawing is larger than');
    expect(side.draw('x')).toContain('class="math-error"');
    expect(side.renders()).toBe(1);
  });

  it('stops drawing once the side holds its share of TeX, or of formulas', () => {
    const byTex = counted({ texPerSide: 6 });
    for (const tex of ['aaa', 'bbb', 'ccc']) byTex.draw(tex);
    expect(byTex.renders()).toBe(2);
    const byCount = counted({ perSide: 2 });
    for (const tex of ['a', 'b', 'c', 'a']) byCount.draw(tex);
    expect(byCount.renders()).toBe(2);
  });

  it('stops showing drawings once the side holds its share of HTML, then shows bare TeX', () => {
    const side = counted({ htmlPerSide: 20 });
    const shown = ['a', 'a', 'b', 'c'].map((tex) => side.draw(tex));
    expect(shown.slice(0, 2)).toEqual(['d'.repeat(10), 'd'.repeat(10)]);
    expect(shown.slice(2)).toEqual(['b', 'c']);
    expect(side.renders()).toBe(1);
  });
});

describe('an Anki template that repeats a field of big formulas', () => {
  // A 10×10 matrix of fractions: 1.7 K characters of TeX, 190 KB of HTML. The template shows it 40
  // times; every copy used to be pasted, 7.6 MB a side.
  const cell = '\\frac{a_{ij}}{b}';
  const matrix = `\\[\\begin{pmatrix}${Array.from({ length: 10 }, () => Array(10).fill(cell).join('&')).join('\\\\')}\\end{pmatrix}\\]`;
  const card = renderAnkiCard({
    noteType: { name: 'T', kind: 'normal', fields: ['F'], templates: [{ name: 'c', front: '{{F}}'.repeat(40), back: '{{FrontSide}}' }] },
    fields: { F: matrix },
    ord: 1,
    tags: [],
    deckName: 'D',
  });

  it('draws it until the side holds 2 MB of formulas, then shows its TeX', () => {
    for (const side of [card.front, card.back]) {
      const drawings = side.split('class="katex-display"').length - 1;
      expect(drawings).toBeGreaterThanOrEqual(10);
      expect(drawings).toBeLessThan(40);
      expect(side.length).toBeLessThan(FORMULA_LIMITS.htmlPerSide + 40 * 2 * matrix.length);
    }
  });
});
