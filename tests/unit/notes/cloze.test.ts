// Cloze deletions: numbering, hints, nesting, and LaTeX whose braces close with `}}`.
import { describe, expect, it } from 'vitest';
import { clozeOrds, parseCloze, renderClozeSide } from '../../../src/core/notes/cloze';

const style = {
  hidden: (hint: string | null, inMath: boolean) => (inMath ? '\\square' : `[${hint ?? '...'}]`),
  revealed: (answer: string, inMath: boolean) => (inMath ? `\\boxed{${answer}}` : `<${answer}>`),
};
const side = (text: string, ord: number, which: 'front' | 'back', isMath: (n: number) => boolean = () => false) => renderClozeSide(text, ord, which, style, isMath);

describe('cloze deletions', () => {
  it('make one card per distinct number, in order', () => {
    expect(clozeOrds('{{c2::b}} {{c1::a}} {{c2::c}}')).toEqual([1, 2]);
    expect(clozeOrds('no deletions')).toEqual([]);
  });

  it('hide their number on the front, show the others as plain text, and mark the answer on the back', () => {
    const text = 'Mean {{c1::p}}, variance {{c2::p(1-p)::formula}}.';
    expect(side(text, 1, 'front')).toBe('Mean [...], variance p(1-p).');
    expect(side(text, 2, 'front')).toBe('Mean p, variance [formula].');
    expect(side(text, 2, 'back')).toBe('Mean p, variance <p(1-p)>.');
  });

  it('count LaTeX braces, so a formula ending in }} inside a deletion still works', () => {
    const text = 'Scaled by {{c1::$\\frac{1}{\\sqrt{d_k}}$}} in attention.';
    expect(side(text, 1, 'back')).toBe('Scaled by <$\\frac{1}{\\sqrt{d_k}}$> in attention.');
    expect(side(text, 1, 'front')).toBe('Scaled by [...] in attention.');
  });

  it('take a hint only at brace depth zero, so :: inside a group stays part of the answer', () => {
    expect(side('{{c1::$a_{i::j}$::index}}', 1, 'front')).toBe('[index]');
    expect(side('{{c1::$a_{i::j}$::index}}', 1, 'back')).toBe('<$a_{i::j}$>');
  });

  it('nest: an inner deletion is hidden on its own card and shown inside the outer one', () => {
    const text = '{{c1::outer {{c2::inner}} end}}';
    expect(side(text, 1, 'front')).toBe('[...]');
    expect(side(text, 2, 'front')).toBe('outer [...] end');
    expect(side(text, 1, 'back')).toBe('<outer inner end>');
  });

  it('fall back to Anki’s first-}} rule when the braces inside do not balance', () => {
    expect(side('{{c1::a { b}} rest', 1, 'back')).toBe('<a { b> rest');
  });

  it('use LaTeX marks for a deletion inside a formula', () => {
    const text = '$p = {{c1::\\frac{a}{b}}}$';
    expect(side(text, 1, 'front', (offset) => offset > 0)).toBe('$p = \\square$');
    expect(side(text, 1, 'back', (offset) => offset > 0)).toBe('$p = \\boxed{\\frac{a}{b}}$');
  });

  it('treat an escaped brace as text, not as a deletion', () => {
    expect(clozeOrds('\\{{c1::not a cloze}}')).toEqual([]);
  });

  it('refuse a deletion that is never closed, saying where it starts', () => {
    expect(() => parseCloze('ok {{c1::never closed')).toThrowError(/never closed/);
    try {
      parseCloze('ok {{c1::never closed');
    } catch (error) {
      expect((error as { offset: number }).offset).toBe(3);
    }
  });
});

describe('cloze deletions, as Anki also writes them', () => {
  it('may hide on several cards at once: {{c1,3::x}}', () => {
    expect(clozeOrds('{{c1,3::x}} {{c2::y}}')).toEqual([1, 2, 3]);
    expect(side('{{c1,3::x}} {{c2::y}}', 3, 'front')).toBe('[...] y');
  });

  it('stay fast on a field full of unbalanced deletions (no exponential retries)', () => {
    const text = '{{c1::{}}'.repeat(40);
    expect(clozeOrds(text)).toEqual([1]);
    expect(() => parseCloze('{{c1::'.repeat(400))).toThrowError(/never closed/);
  });
});
