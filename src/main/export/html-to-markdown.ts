// An Anki field's HTML as the Markdown the native deck format holds: entities decoded, line breaks, emphasis, lists and tables kept, formulas and Anki's tags left as they are.
import TurndownService from 'turndown';
import { highlightedCodeBlock, tables, taskListItems } from 'turndown-plugin-gfm';
import { decodeEntities, findAnkiMath, findLatexTags, findSoundTags, latexSource, mathJaxSource, stripHtml } from '../../core/render/anki-markup';

// Private-use characters stand for Anki's markup while turndown reads the HTML: no field holds them.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SET_ASIDE = /\uE000(\d+)\uE001/g;

/**
 * Anki's markup, found where Anki's renderer finds it, is set aside before turndown reads the HTML
 * and put back as Anki reads it (tags inside dropped, references decoded): MathJax `\(…\)` and
 * `\[…\]`, which the Markdown renderer draws too; `[latex]`, `[$]`, `[$$]` and `[sound:…]`, which
 * it shows as written. Escaping a backslash, a bracket or an underscore in them would break them.
 */
function setMarkupAside(html: string): { html: string; pieces: string[] } {
  const pieces: string[] = [];
  const spans: { start: number; end: number; source: string }[] = [];
  for (const tag of findSoundTags(html)) spans.push({ ...tag, source: stripHtml(html.slice(tag.start, tag.end)) });
  for (const tag of findLatexTags(html)) {
    spans.push({ start: tag.start, end: tag.end, source: html.slice(tag.start, tag.bodyStart) + latexSource(html.slice(tag.bodyStart, tag.bodyEnd)) + html.slice(tag.bodyEnd, tag.end) });
  }
  for (const math of findAnkiMath(html)) {
    spans.push({ start: math.start, end: math.end, source: math.display ? `\\[${mathJaxSource(math.tex)}\\]` : `\\(${mathJaxSource(math.tex)}\\)` });
  }
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const span of spans) {
    if (span.start < last) continue; // inside a tag already set aside (MathJax in a [latex] body)
    out += html.slice(last, span.start) + OPEN + (pieces.push(span.source) - 1) + CLOSE;
    last = span.end;
  }
  return { html: out + html.slice(last), pieces };
}

const BLOCKS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY CAPTION CENTER DD DETAILS DIALOG DIR DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HGROUP HR HTML LI MAIN MENU NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(' '),
);
const isBlock = (node: Node) => BLOCKS.has(node.nodeName);

/**
 * Whether text or an image follows `node` before its block ends. A `<br>` with nothing after it in
 * its block shows nothing in HTML; in Markdown its backslash would be shown. Answers are kept per
 * node, so a field of thousands of breaks is walked once.
 */
function contentFollows(node: Node, known: WeakMap<Node, boolean>): boolean {
  const walked: Node[] = [];
  let at: Node | null = node;
  let answer = false;
  while (at) {
    const cached = known.get(at);
    if (cached !== undefined) {
      answer = cached;
      break;
    }
    walked.push(at);
    const next: Node | null = at.nextSibling;
    if (next) {
      if (isBlock(next)) break;
      if (next.nodeType === 3 ? /\S/.test(next.nodeValue ?? '') : next.nodeName === 'IMG' || /\S/.test(next.textContent ?? '') || (next as Element).querySelector?.('img')) {
        answer = true;
        break;
      }
      at = next;
      continue;
    }
    const parent: Node | null = at.parentNode;
    at = parent && !isBlock(parent) && parent.nodeType === 1 && parent.parentNode ? parent : null;
  }
  for (const each of walked) known.set(each, answer);
  return answer;
}

const insideCell = (node: Node) => {
  for (let at = node.parentNode; at; at = at.parentNode) if (at.nodeName === 'TD' || at.nodeName === 'TH') return true;
  return false;
};

/** A table a pipe table can hold: a heading row first, the same number of cells in each row, no merged cells, nothing but text and inline markup in a cell. */
function isPipeTable(table: HTMLTableElement): boolean {
  const rows = Array.from(table.rows);
  const cells = (row: HTMLTableRowElement) => Array.from(row.cells);
  const first = rows[0];
  if (!first || first.cells.length === 0 || !cells(first).every((cell) => cell.nodeName === 'TH')) return false;
  if (table.querySelector('caption, colgroup')) return false;
  const merged = (cell: Element) => Number(cell.getAttribute('colspan') ?? 1) > 1 || Number(cell.getAttribute('rowspan') ?? 1) > 1;
  return rows.every(
    (row) => row.cells.length === first.cells.length && cells(row).every((cell) => !merged(cell) && !cell.querySelector('ul, ol, table, pre, blockquote, h1, h2, h3, h4, h5, h6, hr, dl')),
  );
}

/**
 * Text as Markdown reads it back as text. Turndown's escapes, less one and with more: `\[` would open
 * a display formula for the Markdown renderer, so `[` is left alone and `]` escaped instead (no link
 * or image can close then); a `$` would open a formula (in Anki's HTML it is a dollar), a `<` could
 * start a tag, `&` before a name and a semicolon would be read as a reference, `~~` strikes
 * through, and `1)` starts a list as `1.` does. The anchored ones apply where a text node starts,
 * which is where a line can start: turndown has made the HTML's newlines spaces.
 */
const ESCAPES: [RegExp, string][] = [
  [/\\/g, '\\\\'],
  [/\*/g, '\\*'],
  [/_/g, '\\_'],
  [/`/g, '\\`'],
  [/\]/g, '\\]'],
  [/\$/g, '\\$$'],
  [/</g, '\\<'],
  [/&(?=#?[a-z0-9]+;)/gi, '\\&'],
  [/~(?=~)|(?<=~)~/g, '\\~'],
  [/^-/, '\\-'],
  [/^\+ /, '\\+ '],
  [/^(=+)/, '\\$1'],
  [/^(#{1,6})(?= |$)/, '\\$1'],
  [/^>/, '\\>'],
  [/^(\d+)([.)]) /, '$1\\$2 '],
];

function escapeText(text: string): string {
  return ESCAPES.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** `**x**`, or the HTML tag where Markdown's rules would not read the delimiters as emphasis (punctuation inside against a letter or digit outside). */
function emphasis(content: string, node: Node, delimiter: string, tag: string): string {
  if (!content.trim()) return '';
  const before = node.previousSibling?.textContent?.slice(-1) ?? '';
  const after = node.nextSibling?.textContent?.charAt(0) ?? '';
  const punctuation = /[\p{P}\p{S}]/u;
  const word = /[\p{L}\p{N}]/u;
  const flanks = !((punctuation.test(content.charAt(0)) && word.test(before)) || (punctuation.test(content.slice(-1)) && word.test(after)));
  return flanks ? `${delimiter}${content}${delimiter}` : `<${tag}>${content}</${tag}>`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  for (const run of text.match(new RegExp(`${char === '`' ? '`' : '~'}+`, 'g')) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function makeService(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    bulletListMarker: '-',
    // A backslash at the end of a line is a hard line break in CommonMark, and survives the deck
    // format's trimming of trailing spaces (two spaces would not).
    br: '\\',
  });
  // The GitHub rules but strikethrough, which turndown-plugin-gfm writes with one `~` (not struck in CommonMark's extension).
  service.use([highlightedCodeBlock, tables, taskListItems]);
  // Never shown: the card sanitiser removes them.
  service.remove(['script', 'style', 'head', 'title', 'meta', 'link', 'template']);
  service.escape = escapeText;
  // Rules added later take precedence over earlier ones and over turndown's own.
  const known = new WeakMap<Node, boolean>();
  service.addRule('line-break', {
    filter: 'br',
    replacement: (_content, node) => (insideCell(node) ? '<br>' : contentFollows(node, known) ? '\\\n' : ''),
  });
  service.addRule('strong', { filter: ['strong', 'b'], replacement: (content, node) => emphasis(content, node, '**', 'strong') });
  service.addRule('emphasis', { filter: ['em', 'i'], replacement: (content, node) => emphasis(content, node, '*', 'em') });
  service.addRule('strikethrough', { filter: (node) => ['DEL', 'S', 'STRIKE'].includes(node.nodeName), replacement: (content, node) => emphasis(content, node, '~~', 's') });
  // Underline, sub- and superscripts have no Markdown: written as HTML around their Markdown content.
  service.addRule('html-inline', {
    filter: ['u', 'sub', 'sup', 'mark', 'small', 'kbd'],
    replacement: (content, node) => (content.trim() ? `<${node.nodeName.toLowerCase()}>${content}</${node.nodeName.toLowerCase()}>` : content),
  });
  // `##` and `###` start cards and fields in a deck file: headings in a field are level 4 or deeper.
  service.addRule('field-heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      const text = content.replace(/\\?\n/g, ' ').replace(/\s+/g, ' ').trim();
      return text ? `\n\n${'#'.repeat(Math.max(4, Number(node.nodeName.charAt(1))))} ${text}\n\n` : '';
    },
  });
  // A <pre> without <code> is code too: its lines kept, nothing in it read as Markdown.
  service.addRule('preformatted', {
    filter: (node) => node.nodeName === 'PRE' && !(node.firstChild?.nodeName === 'CODE' && node.childNodes.length === 1),
    replacement: (_content, node) => {
      const code = (node.textContent ?? '').replace(/\n$/, '');
      const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
      return `\n\n${fence}\n${code}\n${fence}\n\n`;
    },
  });
  // A cell of a pipe table is one line: its breaks become <br>, and a `|` in it is escaped.
  service.addRule('table-cell', {
    filter: ['th', 'td'],
    replacement: (content, node) => {
      const text = content.trim().replace(/\n+/g, '<br>').replace(/\|/g, '\\|');
      return `${node.previousElementSibling ? ' ' : '| '}${text} |`;
    },
  });
  // Any other table stays HTML (markdown-it shows it), on consecutive lines: a blank line would end it.
  service.addRule('table-as-html', {
    filter: (node) => node.nodeName === 'TABLE' && !isPipeTable(node as HTMLTableElement),
    replacement: (_content, node) => `\n\n${(node as HTMLElement).outerHTML.replace(/\n\s*\n/g, '\n')}\n\n`,
  });
  return service;
}

let shared: TurndownService | null = null;

/** The plain text of a field, escaped, its lines kept: what is written when its HTML nests too deep to convert. */
function asPlainText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>|<\/(div|p|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return text.map((line) => escapeText(decodeEntities(line))).join('\\\n');
}

/**
 * Past this depth of nested elements a field is written as its plain text. Real fields nest a few
 * dozen deep at most; the HTML parser's work grows with the square of the depth (50,000 nested
 * <div>s take it minutes) and turndown's recursion overflows the stack long before.
 */
const MAX_DEPTH = 200;
// Elements that hold no content, and those whose start closes an open sibling: neither nests.
const FLAT = new Set('area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option'.split(' '));

/** Whether elements nest deeper than `limit`, by counting start and end tags: one pass, whatever the HTML. */
function nestsDeeperThan(html: string, limit: number): boolean {
  let depth = 0;
  let at = html.indexOf('<');
  while (at >= 0) {
    const end = html.indexOf('>', at + 1);
    if (end < 0) return false;
    const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(html.slice(at, Math.min(end, at + 40)));
    if (tag && !FLAT.has(tag[2]!.toLowerCase()) && html[end - 1] !== '/') {
      depth = tag[1] ? Math.max(0, depth - 1) : depth + 1;
      if (depth > limit) return true;
    }
    at = html.indexOf('<', end + 1);
  }
  return false;
}

/** Characters that are never markup, in HTML or in Markdown: such a field is written as it is. */
const PLAIN = /^[^<>&\\*_`[\]#$~|+=\-!\n\r\t\u00a0\uE000\uE001]*$/;

export function htmlToMarkdown(html: string): string {
  if (PLAIN.test(html) && !/^\s*\d+[.)]/.test(html)) return html.replace(/ {2,}/g, ' ').trim();
  const service = (shared ??= makeService());
  const { html: aside, pieces } = setMarkupAside(html.replace(/[\uE000\uE001]/g, ''));
  // No-break spaces are plain spaces, as Anki's text has them; as spaces, HTML's collapsing applies.
  const spaced = aside.replace(/&nbsp;|&#160;|&#x0*a0;|\u00a0/gi, ' ');
  const markdown = nestsDeeperThan(spaced, MAX_DEPTH) ? asPlainText(spaced) : service.turndown(spaced);
  return markdown
    .replace(SET_ASIDE, (_, index: string) => pieces[Number(index)] ?? '')
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .trim()
    // Breaks before any text (an Anki editor's habit) make only an empty space at the top of the card.
    .replace(/^(\\\n)+/, '');
}
