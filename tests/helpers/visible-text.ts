// What a reader sees in a field, as comparable lines: an Anki field's HTML, or the Markdown written from it as the app renders it.
import { JSDOM } from 'jsdom';
import { findAnkiMath, findLatexTags, findSoundTags, latexSource, mathJaxSource, stripHtml } from '../../src/core/render/anki-markup';
import { findMath } from '../../src/core/render/math-spans';
import { renderMarkdown } from '../../src/core/render/markdown';

/**
 * The lines a reader sees, with what Markdown can carry marked in words: `⟨b⟩…⟨/b⟩` bold (b or
 * strong), `⟨i⟩` italics (i or em), `⟨u⟩`, `⟨s⟩`, `⟨sub⟩`, `⟨sup⟩`, `⟨code⟩`, `• ` a list item,
 * ` | ` between table cells, `⟨img src⟩`, a link's text then `⟨→href⟩`. What Markdown cannot
 * carry, and a reader barely sees, is normalised away: styles, classes, fonts and colours (the
 * elements that only carry them are read for their text); the difference between a line break, a
 * <div> line, a paragraph and a heading (each is a new line; empty lines and blank space at the
 * start and end of a line are dropped); runs of spaces and no-break spaces (one space, as HTML
 * shows them outside <pre>); a heading's level (a field's headings are level 4 or deeper in the
 * deck format); whether a list item's text is a paragraph (a loose list in Markdown); a table's
 * heading row (cells either way); script, style and comments (never shown).
 */
function linesOf(fragment: DocumentFragment | Element, math: Map<string, string>): string {
  let out = '';
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      out += pre ? node.nodeValue : (node.nodeValue ?? '').replace(/[\s\u00a0]+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const name = element.nodeName.toLowerCase();
    const inner = (open = '', close = '') => {
      out += open;
      for (const child of element.childNodes) walk(child, pre || name === 'pre');
      out += close;
    };
    if (['script', 'style', 'head', 'title', 'template'].includes(name)) return;
    if (name === 'br') out += '\n';
    else if (name === 'img') out += `⟨img ${element.getAttribute('src') ?? ''}⟩`;
    else if (name === 'li') inner('\n• ', '\n');
    else if (name === 'td' || name === 'th') inner(' | ');
    else if (BLOCKS.has(name)) inner('\n', '\n');
    else if (name === 'b' || name === 'strong') inner('⟨b⟩', '⟨/b⟩');
    else if (name === 'i' || name === 'em') inner('⟨i⟩', '⟨/i⟩');
    else if (name === 's' || name === 'del' || name === 'strike') inner('⟨s⟩', '⟨/s⟩');
    else if (['u', 'sub', 'sup', 'code'].includes(name) && !(name === 'code' && element.parentElement?.nodeName === 'PRE')) inner(`⟨${name}⟩`, `⟨/${name}⟩`);
    else if (name === 'a' && element.getAttribute('href')) inner('', `⟨→${element.getAttribute('href')}⟩`);
    else inner();
  };
  for (const child of fragment.childNodes) walk(child, false);
  return (
    out
      .replace(/⟦(\d+)⟧/g, (_, index: string) => math.get(index) ?? '')
      // Spaces inside a marker's edges are outside it to a reader; a marker around nothing shows nothing.
      .replace(/(⟨(?:b|i|s|u|sub|sup|code)⟩)([ \n]+)/g, '$2$1')
      .replace(/([ \n]+)(⟨\/(?:b|i|s|u|sub|sup|code)⟩)/g, '$2$1')
      .replace(/⟨(b|i|s|u|sub|sup|code)⟩⟨\/\1⟩/g, '')
      .replace(/⟨\/(b|i|s|u|sub|sup|code)⟩⟨\1⟩/g, '')
      // A list item that holds a paragraph (a loose list) starts its text on its own line.
      .replace(/• [ \n]+/g, '• ')
      .split('\n')
      .map((line) => line.replace(/ {2,}/g, ' ').trim())
      .filter((line) => line !== '' && line !== '|')
      .join('\n')
  );
}

const BLOCKS = new Set(
  'address article aside blockquote caption center dd details dialog dir div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section summary table tbody tfoot thead tr ul'.split(' '),
);

function fragment(html: string): DocumentFragment {
  return JSDOM.fragment(html);
}

/** Spans set aside before the HTML is read, each shown as a word for what it is and its source. */
function setAside(text: string, spans: { start: number; end: number; shown: string }[], math: Map<string, string>): string {
  let out = '';
  let last = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < last) continue;
    const key = String(math.size);
    math.set(key, span.shown);
    out += `${text.slice(last, span.start)}⟦${key}⟧`;
    last = span.end;
  }
  return out + text.slice(last);
}

/**
 * An Anki field as Anki shows it. Its formulas and tags are read where Anki's renderer reads them
 * and shown as their source: MathJax `\(…\)`/`\[…\]` as «tex» and «display tex», `[latex]`, `[$]`,
 * `[$$]` and `[sound:…]` as they are written, once Anki has prepared them (tags out, references
 * decoded, a <br> in LaTeX a newline).
 */
export function visibleHtml(html: string): string {
  const math = new Map<string, string>();
  const tags = [
    ...findSoundTags(html).map((tag) => ({ ...tag, shown: stripHtml(html.slice(tag.start, tag.end)) })),
    ...findLatexTags(html).map((tag) => ({ ...tag, shown: html.slice(tag.start, tag.bodyStart) + latexSource(html.slice(tag.bodyStart, tag.bodyEnd)) + html.slice(tag.bodyEnd, tag.end) })),
  ];
  const withoutTags = setAside(html, tags, math);
  const formulas = findAnkiMath(withoutTags).map((span) => ({ ...span, shown: `«${span.display ? 'display ' : ''}${mathJaxSource(span.tex)}»` }));
  return linesOf(fragment(setAside(withoutTags, formulas, math)), math);
}

/**
 * A Markdown field as the app renders it (markdown-it, src/core/render/markdown.ts). The formulas
 * the Markdown renderer finds (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) are shown as «tex»; Anki's
 * `[latex]`, `[$]`, `[$$]` and `[sound:…]`, which the exporter writes as they are and the Markdown
 * renderer does not draw, are set aside first and shown as written.
 */
export function visibleMarkdown(markdown: string): string {
  const math = new Map<string, string>();
  const tags = [...findSoundTags(markdown), ...findLatexTags(markdown)].map((tag) => ({ ...tag, shown: markdown.slice(tag.start, tag.end) }));
  const withoutTags = setAside(markdown, tags, math);
  const formulas = findMath(withoutTags).map((span) => ({ ...span, shown: `«${span.display ? 'display ' : ''}${span.tex}»` }));
  return linesOf(fragment(renderMarkdown(setAside(withoutTags, formulas, math))), math);
}
