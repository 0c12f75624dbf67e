// Field text to HTML: Markdown with formulas set aside first, so TeX never meets the Markdown parser.
import MarkdownIt from 'markdown-it';
import { formulaDrawer, type FormulaDrawer } from './formula-drawer';
import { highlight } from './highlight';
import { findMath, type MathSpan } from './math-spans';
import { escapeHtml, renderTex, TEX_MACROS } from './tex';

const markdown = new MarkdownIt({
  // Imported and legacy fields carry HTML; the renderer sanitizes everything before showing it.
  html: true,
  linkify: false,
  typographer: false,
  highlight: (code, language) =>
    `<pre class="code"><code class="hljs${language ? ` language-${escapeHtml(language)}` : ''}">${highlight(code, language)}</code></pre>`,
});

// Private-use characters: Markdown leaves them alone and no real field contains them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** Replaces each formula with a placeholder and returns the rendered formulas by index. */
function setMathAside(text: string, spans: MathSpan[], drawer: FormulaDrawer): { text: string; formulas: string[] } {
  const formulas: string[] = [];
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.start) + OPEN + formulas.length + CLOSE;
    formulas.push(drawer(`${span.display ? '$$' : '$'}${span.tex}`, span.tex, span.display, () => renderTex(span.tex, span.display)));
    last = span.end;
  }
  return { text: out + text.slice(last), formulas };
}

function putMathBack(html: string, formulas: string[]): string {
  return html.replace(PLACEHOLDER, (_, index: string) => formulas[Number(index)] ?? '');
}

/** A field as HTML; its formulas are drawn within the limits of `drawer`, one per card side. */
export function renderMarkdown(text: string, drawer: FormulaDrawer = formulaDrawer()): string {
  const clean = text.replace(/[\uE000\uE001]/g, '');
  const { text: aside, formulas } = setMathAside(clean, findMath(clean), drawer);
  return putMathBack(markdown.render(aside), formulas);
}

/**
 * Markdown to the HTML Anki stores: formulas become MathJax delimiters, which Anki renders itself,
 * and cloze markers pass through untouched.
 */
export function markdownToAnkiHtml(text: string): string {
  const clean = text.replace(/[\uE000\uE001]/g, '');
  const formulas: string[] = [];
  let out = '';
  let last = 0;
  for (const span of findMath(clean)) {
    out += clean.slice(last, span.start) + OPEN + formulas.length + CLOSE;
    const tex = expandMacros(span.tex);
    formulas.push(span.display ? `\\[${escapeHtml(tex)}\\]` : `\\(${escapeHtml(tex)}\\)`);
    last = span.end;
  }
  out += clean.slice(last);
  return plainMarkdown.render(out).trim().replace(PLACEHOLDER, (_, index: string) => formulas[Number(index)] ?? '');
}

/** Our shorthands spelled out, for programs (Anki's MathJax) that do not know them. */
export function expandMacros(tex: string): string {
  let out = tex;
  for (const [name, body] of Object.entries(TEX_MACROS)) out = out.replace(new RegExp(`\\${name}(?![A-Za-z])`, 'g'), () => body);
  return out;
}

// Without highlighting: Anki has no highlight.js styles.
const plainMarkdown = new MarkdownIt({ html: true, linkify: false, typographer: false });
