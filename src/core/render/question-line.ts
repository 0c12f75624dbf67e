// A question as one line of HTML for lists: its formulas drawn, everything else plain text.
import { findMath } from './math-spans';
import { escapeHtml, renderTex } from './tex';

/**
 * `plain` is a question as plain text that kept its formulas' TeX and delimiters (questionText).
 * The formulas are drawn inline (a display formula too: a list row has one line), the rest is
 * escaped, so `With graded relevance $\mathrm{rel}_i$` reads as it does on the card. A formula cut
 * off by the length limit has no closing delimiter and stays as text.
 */
export function questionLine(plain: string): string {
  const spans = findMath(plain);
  if (spans.length === 0) return escapeHtml(plain);
  let html = '';
  let last = 0;
  for (const span of spans) {
    html += escapeHtml(plain.slice(last, span.start)) + renderTex(span.tex, false);
    last = span.end;
  }
  return html + escapeHtml(plain.slice(last));
}
