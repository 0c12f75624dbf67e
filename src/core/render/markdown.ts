// Field text to HTML: Markdown with formulas set aside first, so TeX never meets the Markdown parser.
import MarkdownIt from 'markdown-it';
import { highlight } from './highlight';
import { findMath, type MathSpan } from './math-spans';
import { escapeHtml, renderTex } from './tex';

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
function setMathAside(text: string, spans: MathSpan[]): { text: string; formulas: string[] } {
  const formulas: string[] = [];
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.start) + OPEN + formulas.length + CLOSE;
    formulas.push(renderTex(span.tex, span.display));
    last = span.end;
  }
  return { text: out + text.slice(last), formulas };
}

function putMathBack(html: string, formulas: string[]): string {
  return html.replace(PLACEHOLDER, (_, index: string) => formulas[Number(index)] ?? '');
}

export function renderMarkdown(text: string): string {
  const clean = text.replace(/[\uE000\uE001]/g, '');
  const { text: aside, formulas } = setMathAside(clean, findMath(clean));
  return putMathBack(markdown.render(aside), formulas);
}

/** Fields that are already HTML (Anki imports): only formulas are rendered, the rest is kept. */
export function renderHtmlField(html: string): string {
  const clean = html.replace(/[\uE000\uE001]/g, '');
  const { text: aside, formulas } = setMathAside(clean, findMath(clean));
  return putMathBack(aside, formulas);
}
