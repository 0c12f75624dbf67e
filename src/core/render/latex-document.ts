// A [latex] body as HTML: paragraphs of text with inline formulas, display formulas and environments, and itemize/enumerate lists.
import { findMath } from './math-spans';
import { escapeHtml } from './tex';

/** Draws one formula, or null when KaTeX cannot read it. */
export type DrawFormula = (tex: string, display: boolean) => string | null;

const LISTS: Record<string, 'ul' | 'ol'> = { itemize: 'ul', enumerate: 'ol', description: 'ul' };
/** LaTeX's own math environments that KaTeX does not know by name, and what they are. */
const MATH_WRAPPERS: Record<string, boolean> = { displaymath: true, math: false };

type Block =
  | { kind: 'text'; text: string }
  | { kind: 'display'; tex: string; raw: string }
  | { kind: 'environment'; name: string; body: string; raw: string };

/**
 * LaTeX text mode as HTML, the way a reader of the typeset page would see it: paragraphs split at
 * blank lines, formulas (`$…$`, `\(…\)`) drawn inline, `$$…$$`, `\[…\]` and math environments drawn
 * as display math, `itemize` and `enumerate` as lists (nested too), `\textbf`, `\emph` and friends as
 * HTML emphasis. What KaTeX cannot draw is shown as its source, just that part.
 */
export function latexDocumentHtml(source: string, draw: DrawFormula): string {
  const pieces: ({ paragraph: string } | { html: string })[] = [];
  for (const block of splitBlocks(source)) {
    if (block.kind === 'text') {
      for (const paragraph of block.text.split(/\n[ \t]*\n/)) if (paragraph.trim()) pieces.push({ paragraph: paragraph.trim() });
    } else if (block.kind === 'display') {
      pieces.push({ html: draw(block.tex, true) ?? asSource(block.raw) });
    } else {
      const list = LISTS[block.name];
      const wrapper = MATH_WRAPPERS[block.name];
      if (list) pieces.push({ html: listHtml(list, block.body, draw) });
      else if (wrapper !== undefined) pieces.push({ html: draw(block.body, wrapper) ?? asSource(block.raw) });
      else pieces.push({ html: draw(block.raw, true) ?? asSource(block.raw) });
    }
  }
  // One paragraph and nothing else stays inline, so a short [latex] in a sentence reads as part of it.
  const alone = pieces.length === 1;
  return pieces.map((piece) => ('html' in piece ? piece.html : alone ? textHtml(piece.paragraph, draw) : `<p>${textHtml(piece.paragraph, draw)}</p>`)).join('');
}

/** Does the body hold a list or display math among text, which a single formula cannot draw? */
export function hasDocumentStructure(source: string): boolean {
  return /\\begin\{(itemize|enumerate|description)\}/.test(source) || splitBlocks(source).some((block) => block.kind !== 'text');
}

function asSource(raw: string): string {
  return `<code class="latex-source">${escapeHtml(raw)}</code>`;
}

function listHtml(tag: 'ul' | 'ol', body: string, draw: DrawFormula): string {
  const items = splitItems(body).map((item) => `<li>${latexDocumentHtml(item, draw)}</li>`);
  return `<${tag} class="latex-list">${items.join('')}</${tag}>`;
}

/**
 * Environment pairs by position, matched with a stack in one pass over all `\begin{…}`/`\end{…}`
 * tokens: a body of thousands of unclosed `\begin`s is still read once.
 */
function environmentPairs(source: string): Map<number, { name: string; bodyStart: number; bodyEnd: number; end: number }> {
  const pairs = new Map<number, { name: string; bodyStart: number; bodyEnd: number; end: number }>();
  const open: { name: string; start: number; bodyStart: number }[] = [];
  for (const token of source.matchAll(/\\(begin|end)\{([a-zA-Z]+\*?)\}/g)) {
    const name = token[2]!;
    if (token[1] === 'begin') {
      open.push({ name, start: token.index, bodyStart: token.index + token[0].length });
      continue;
    }
    const match = open.findLastIndex((entry) => entry.name === name);
    if (match < 0) continue;
    const begin = open[match]!;
    open.length = match;
    pairs.set(begin.start, { name, bodyStart: begin.bodyStart, bodyEnd: token.index, end: token.index + token[0].length });
  }
  return pairs;
}

/** Positions of a delimiter not preceded by a backslash, ascending. */
function unescaped(source: string, delimiter: string): number[] {
  const found: number[] = [];
  for (let at = source.indexOf(delimiter); at >= 0; at = source.indexOf(delimiter, at + delimiter.length)) {
    if (source[at - 1] !== '\\') found.push(at);
  }
  return found;
}

/** The top-level blocks: text, display formulas and environments, in order. */
function splitBlocks(source: string): Block[] {
  const environments = environmentPairs(source);
  const dollars = unescaped(source, '$$');
  const closeBrackets = unescaped(source, '\\]');
  let dollar = 0;
  let bracket = 0;
  const nextAfter = (list: number[], cursor: number, from: number): [number, number] => {
    while (cursor < list.length && list[cursor]! < from) cursor++;
    return [cursor, cursor < list.length ? list[cursor]! : -1];
  };
  const blocks: Block[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) blocks.push({ kind: 'text', text });
    text = '';
  };
  while (i < source.length) {
    const environment = source[i] === '\\' ? environments.get(i) : undefined;
    if (environment) {
      flush();
      blocks.push({ kind: 'environment', name: environment.name, body: source.slice(environment.bodyStart, environment.bodyEnd), raw: source.slice(i, environment.end) });
      i = environment.end;
      continue;
    }
    if (source.startsWith('$$', i) && source[i - 1] !== '\\') {
      let close: number;
      [dollar, close] = nextAfter(dollars, dollar, i + 2);
      if (close > i + 2) {
        flush();
        blocks.push({ kind: 'display', tex: source.slice(i + 2, close), raw: source.slice(i, close + 2) });
        i = close + 2;
        continue;
      }
    }
    if (source.startsWith('\\[', i)) {
      let close: number;
      [bracket, close] = nextAfter(closeBrackets, bracket, i + 2);
      if (close >= 0) {
        flush();
        blocks.push({ kind: 'display', tex: source.slice(i + 2, close), raw: source.slice(i, close + 2) });
        i = close + 2;
        continue;
      }
    }
    // An escaped character is text, and never opens anything.
    const step = source[i] === '\\' ? 2 : 1;
    text += source.slice(i, i + step);
    i += step;
  }
  flush();
  return blocks;
}

/** A list body's items: the text after each `\item` that is not inside a nested environment. */
function splitItems(body: string): string[] {
  const nested = environmentPairs(body);
  const items: string[] = [];
  let current: string | null = null;
  let i = 0;
  while (i < body.length) {
    const environment = body[i] === '\\' ? nested.get(i) : undefined;
    if (environment) {
      if (current !== null) current += body.slice(i, environment.end);
      i = environment.end;
      continue;
    }
    const item = /^\\item(?![a-zA-Z])(\s*\[[^\]]*\])?/.exec(body.slice(i, i + 200));
    if (item) {
      if (current !== null) items.push(current);
      // A description's label leads its item.
      const label = item[1]?.trim().slice(1, -1);
      current = label ? `\\textbf{${label}} ` : '';
      i += item[0].length;
      continue;
    }
    if (current !== null) current += body[i];
    i++;
  }
  if (current !== null) items.push(current);
  return items;
}

const TEXT_COMMANDS: Record<string, string> = { textbf: 'b', textit: 'i', emph: 'em', texttt: 'code', underline: 'u', textsc: 'span', textrm: 'span', textsf: 'span', text: 'span' };
/** `\%` and friends: the character itself. */
const ESCAPED = new Set(['%', '&', '#', '_', '$', '{', '}', ' ']);
/** How far a text command's argument is looked for: a brace never closed is text, not a scan to the end. */
const MAX_ARGUMENT = 2000;

/** A paragraph: inline formulas drawn, text commands as HTML, LaTeX's quotes, dashes and spaces as characters. */
function textHtml(paragraph: string, draw: DrawFormula): string {
  let out = '';
  let last = 0;
  for (const span of findMath(paragraph)) {
    out += plainText(paragraph.slice(last, span.start));
    out += draw(span.tex, span.display) ?? asSource(paragraph.slice(span.start, span.end));
    last = span.end;
  }
  return out + plainText(paragraph.slice(last));
}

/** The closing brace of the group opening at `open`, or -1 when it does not close nearby. */
function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length && i < open + MAX_ARGUMENT; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function plainText(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1] ?? '';
      if (next === '\\') {
        out += '<br>';
        i += 2;
        const spacing = /^\[[^\]\n]{0,20}\]/.exec(text.slice(i, i + 24));
        if (spacing) i += spacing[0].length;
      } else if (ESCAPED.has(next)) {
        out += escapeHtml(next);
        i += 2;
      } else if (/[a-zA-Z]/.test(next)) {
        const name = /^[a-zA-Z]+/.exec(text.slice(i + 1, i + 41))![0];
        const tag = TEXT_COMMANDS[name];
        const open = i + 1 + name.length;
        const close = tag && text[open] === '{' ? groupEnd(text, open) : -1;
        if (close >= 0) {
          out += `<${tag}>${plainText(text.slice(open + 1, close))}</${tag}>`;
          i = close + 1;
        } else {
          // A command with no HTML meaning is shown as written.
          out += escapeHtml(`\\${name}`);
          i = open;
        }
      } else {
        out += escapeHtml(ch + next);
        i += 2;
      }
    } else if (ch === '{' || ch === '}') {
      i++;
    } else if (ch === '~') {
      out += '&nbsp;';
      i++;
    } else if (text.startsWith('---', i)) {
      out += '—';
      i += 3;
    } else if (text.startsWith('--', i)) {
      out += '–';
      i += 2;
    } else if (text.startsWith('``', i)) {
      out += '“';
      i += 2;
    } else if (text.startsWith("''", i)) {
      out += '”';
      i += 2;
    } else if (/\s/.test(ch)) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      out += ' ';
    } else {
      out += escapeHtml(ch);
      i++;
    }
  }
  return out;
}
