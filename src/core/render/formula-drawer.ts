// How many formulas one card side draws, and how big: KaTeX makes a megabyte of HTML from a few kilobytes of TeX, and a template may repeat a field.
import { escapeHtml, texAsSource } from './tex';

/**
 * The caps, each far above what a real card needs: the built-in decks' largest formula is about
 * 200 characters of TeX drawn as 14 KB, and a 10×10 matrix of fractions is 1.7 K characters drawn
 * as 190 KB.
 */
export const FORMULA_LIMITS = {
  /** Formulas on one side; past this many the rest are shown as TeX. */
  perSide: 2000,
  /** TeX characters in one formula: KaTeX's time grows faster than the length past about 10,000. */
  texPerFormula: 10_000,
  /** TeX characters drawn for one side: what bounds KaTeX's time on it (well under a second). */
  texPerSide: 100_000,
  /** HTML of one drawn formula. */
  htmlPerFormula: 512 * 1024,
  /** HTML of the formulas on one side, a repeated formula counted each time it is shown. */
  htmlPerSide: 2 * 1024 * 1024,
};

export type FormulaLimits = typeof FORMULA_LIMITS;

/** Draws one formula: `key` identifies it for reuse, `tex` is what is shown when it is not drawn. */
export type FormulaDrawer = (key: string, tex: string, display: boolean, render: () => string) => string;

/**
 * A drawer for one card side. Identical formulas are drawn once. A formula past a cap is shown as
 * its TeX, marked the way a formula KaTeX cannot read is, with the reason as its title, so the
 * learner still reads it. Once the side holds `htmlPerSide` of formulas, the rest are bare escaped
 * TeX: the side is then at most its source (escaped) plus two megabytes, where it used to hold a
 * copy of a 9 MB drawing for each time a template repeated the field.
 */
export function formulaDrawer(limits: FormulaLimits = FORMULA_LIMITS): FormulaDrawer {
  const drawn = new Map<string, string | null>();
  let formulas = 0;
  let texDrawn = 0;
  let htmlShown = 0;
  const fits = (html: string) => htmlShown + html.length <= limits.htmlPerSide;
  const show = (html: string) => {
    htmlShown += html.length;
    return html;
  };
  return (key, tex, display, render) => {
    const asTex = (why: string) => {
      const marked = texAsSource(tex, display, `Not drawn: ${why}. Its TeX is shown instead.`);
      return fits(marked) ? show(marked) : escapeHtml(tex);
    };
    if (++formulas > limits.perSide) return asTex(`this side has more than ${limits.perSide} formulas`);
    let html = drawn.get(key);
    if (html === undefined) {
      if (tex.length > limits.texPerFormula) return asTex(`the formula is longer than ${limits.texPerFormula} characters`);
      if (texDrawn + tex.length > limits.texPerSide) return asTex(`this side's formulas are longer than ${limits.texPerSide} characters in all`);
      if (htmlShown >= limits.htmlPerSide) return escapeHtml(tex); // no room left: not worth KaTeX's time
      texDrawn += tex.length;
      html = render();
      if (html.length > limits.htmlPerFormula) html = null;
      drawn.set(key, html);
    }
    if (html === null) return asTex(`its drawing is larger than ${limits.htmlPerFormula / 1024} KB`);
    return fits(html) ? show(html) : asTex(`this side's drawn formulas would be larger than ${limits.htmlPerSide / 1024 ** 2} MB`);
  };
}
