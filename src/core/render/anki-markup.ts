// Anki's in-field markup as HTML: [sound:…], [latex]/[$]/[$$] and MathJax \(…\) \[…\] drawn with KaTeX (TeX never runs), ruby, HTML stripping.
import MarkdownIt from 'markdown-it';
import { findMath, insideSpans, type MathSpan } from './math-spans';
import { formulaDrawer, type FormulaDrawer } from './formula-drawer';
import { latexDocumentHtml } from './latex-document';
import { findRemoteFormulas, revealHiddenMathml } from './remote-math';
import { escapeHtml, renderTex } from './tex';
import { forwardFinder } from '../text/forward-finder';

// markdown-it's entity table is the well-kept one already installed; its helper also undoes
// backslash escapes, so backslashes are doubled on the way in to come out unchanged.
const { unescapeAll } = new MarkdownIt().utils;

/** HTML character references decoded, and no-break spaces made plain spaces, as Anki's `decode_entities`. */
export function decodeEntities(html: string): string {
  if (!html.includes('&')) return html;
  return unescapeAll(html.replace(/\\/g, '\\\\')).replace(/\u00a0/g, ' ');
}

/**
 * Removes comments, `<style>` and `<script>` elements with their content, and every `<…>` tag,
 * keeping character references (Anki's `strip_html_preserving_entities`). A `<` with no `>`
 * after it is text.
 */
export function stripHtmlPreservingEntities(html: string): string {
  const commentEnd = forwardFinder(html, '-->');
  const styleEnd = forwardFinder(html, /<\/style>/gi);
  const scriptEnd = forwardFinder(html, /<\/script>/gi);
  const tagEnd = forwardFinder(html, '>');
  let out = '';
  let last = 0;
  let at = html.indexOf('<');
  while (at >= 0) {
    const close = tagEnd(at + 1);
    if (close < 0) break; // no tag can end after this point
    let end = close + 1;
    if (html.startsWith('<!--', at)) {
      const comment = commentEnd(at + 4);
      if (comment >= 0) end = comment + 3;
    } else {
      const element = /^<(style|script)/i.exec(html.slice(at, at + 7))?.[1]?.toLowerCase();
      if (element) {
        const closing = (element === 'style' ? styleEnd : scriptEnd)(close + 1);
        if (closing >= 0) end = closing + element.length + 3;
      }
    }
    out += html.slice(last, at);
    last = end;
    at = html.indexOf('<', end);
  }
  return out + html.slice(last);
}

/** Plain text of an HTML field, as Anki's `strip_html`: tags gone, references decoded. */
export function stripHtml(html: string): string {
  return decodeEntities(stripHtmlPreservingEntities(html));
}

// Ruby: `base[reading]`, optionally after a space, as Anki's furigana filters read it
// (` ?([^ >]+?)\[(.+?)\]`). Scanned by hand with lookup tables because the regular expression
// backtracks cubically on a long line of `[` without `]`.
function replaceRuby(text: string, write: (base: string, reading: string, whole: string) => string): string {
  const s = text.replace(/&nbsp;/g, ' ');
  const n = s.length;
  const nextClose = new Int32Array(n + 2).fill(n);
  const nextNewline = new Int32Array(n + 2).fill(n);
  const runEnd = new Int32Array(n + 2).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    const ch = s[i];
    nextClose[i] = ch === ']' ? i : nextClose[i + 1]!;
    nextNewline[i] = ch === '\n' ? i : nextNewline[i + 1]!;
    runEnd[i] = ch === ' ' || ch === '>' ? i : runEnd[i + 1]!;
  }
  // nextReading[i]: the first `[` at or after i that opens a reading closed on the same line.
  const nextReading = new Int32Array(n + 2).fill(n);
  for (let i = n - 1; i >= 0; i--) {
    const close = s[i] === '[' && i + 2 <= n ? nextClose[i + 2]! : n;
    const opens = close < n && nextNewline[i + 1]! > close;
    nextReading[i] = opens ? i : nextReading[i + 1]!;
  }
  let out = '';
  let last = 0;
  let start = 0;
  while (start < n) {
    const base = s[start] === ' ' ? start + 1 : start;
    if (base < n && s[base] !== ' ' && s[base] !== '>') {
      const open = nextReading[base + 1]!;
      if (open < n && runEnd[base]! >= open) {
        const close = nextClose[open + 2]!;
        out += s.slice(last, start) + write(s.slice(base, open), s.slice(open + 1, close), s.slice(start, close + 1));
        last = start = close + 1;
        continue;
      }
    }
    start++;
  }
  return out + s.slice(last);
}

// A `[sound:…]` written in ruby form is left alone, as Anki does.
const ruby = (pick: (base: string, reading: string) => string) => (text: string) =>
  replaceRuby(text, (base, reading, whole) => (reading.startsWith('sound:') ? whole : pick(base, reading)));

/** `漢字[かんじ]` → `<ruby>` markup (Anki's `furigana:` filter). */
export const furigana = ruby((base, reading) => `<ruby><rb>${base}</rb><rt>${reading}</rt></ruby>`);
/** Only the readings (Anki's `kana:` filter). */
export const kana = ruby((_, reading) => reading);
/** Only the bases (Anki's `kanji:` filter). */
export const kanji = ruby((base) => base);


/**
 * MathJax formulas in HTML, `\(…\)` inline and `\[…\]` display: the only delimiters Anki's MathJax
 * reads (`$` is an ordinary character in Anki). Openers inside tags, comments, `<style>` and
 * `<script>` are not formulas; a formula may run across inline tags, which are dropped from it.
 */
export function findAnkiMath(html: string): MathSpan[] {
  const spans: MathSpan[] = [];
  const closeInline = forwardFinder(html, '\\)');
  const closeDisplay = forwardFinder(html, '\\]');
  const tagEnd = forwardFinder(html, '>');
  const commentEnd = forwardFinder(html, '-->');
  const rawTextEnd = { style: forwardFinder(html, /<\/style>/gi), script: forwardFinder(html, /<\/script>/gi) };
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<' && /[a-zA-Z/!?]/.test(html[i + 1] ?? '')) {
      if (html.startsWith('<!--', i)) {
        const end = commentEnd(i + 4);
        if (end < 0) break; // an unclosed comment runs to the end
        i = end + 3;
        continue;
      }
      const end = tagEnd(i + 1);
      if (end < 0) break;
      const element = /^<(style|script)\b/i.exec(html.slice(i, i + 8))?.[1]?.toLowerCase() as 'style' | 'script' | undefined;
      i = end + 1;
      if (element) {
        const closing = rawTextEnd[element](i);
        i = closing < 0 ? html.length : closing + element.length + 3;
      }
      continue;
    }
    if (ch === '\\' && (html[i + 1] === '(' || html[i + 1] === '[')) {
      const display = html[i + 1] === '[';
      const close = (display ? closeDisplay : closeInline)(i + 2);
      if (close >= 0) {
        spans.push({ start: i, end: close + 2, tex: html.slice(i + 2, close), display });
        i = close + 2;
        continue;
      }
    }
    i++;
  }
  return spans;
}

export type LatexKind = 'latex' | 'inline' | 'display';

export interface LatexTag {
  start: number;
  end: number;
  /** `[latex]` (a LaTeX document fragment, text mode), `[$]` inline math, `[$$]` display math. */
  kind: LatexKind;
  bodyStart: number;
  bodyEnd: number;
}

const LATEX_CLOSERS: Record<LatexKind, string> = { latex: '[/latex]', inline: '[/$]', display: '[/$$]' };

/** Anki's `[latex]…[/latex]`, `[$]…[/$]` and `[$$]…[/$$]`: tag names in any case, a body of at least one character, the first closer ends it. */
export function findLatexTags(html: string): LatexTag[] {
  const opener = /\[(latex|\$\$|\$)\]/gi;
  const closers: Record<LatexKind, (from: number) => number> = {
    latex: forwardFinder(html, /\[\/latex\]/gi),
    inline: forwardFinder(html, LATEX_CLOSERS.inline),
    display: forwardFinder(html, LATEX_CLOSERS.display),
  };
  const tags: LatexTag[] = [];
  let from = 0;
  for (;;) {
    opener.lastIndex = from;
    const open = opener.exec(html);
    if (!open) break;
    const name = open[1]!;
    const kind: LatexKind = name.length > 2 ? 'latex' : name === '$' ? 'inline' : 'display';
    const bodyStart = open.index + open[0].length;
    const close = closers[kind](bodyStart + 1);
    if (close < 0) {
      from = open.index + 1;
      continue;
    }
    const end = close + LATEX_CLOSERS[kind].length;
    tags.push({ start: open.index, end, kind, bodyStart, bodyEnd: close });
    from = end;
  }
  return tags;
}

/**
 * Tells whether an offset of field text lies in math, so a cloze there is written as LaTeX: inside
 * MathJax `\(…\)`/`\[…\]`, inside `[$]`/`[$$]`, and inside the formulas of a `[latex]` body (or all
 * of it when the body is an environment such as `\begin{align}`).
 */
export function ankiMathOffsets(text: string): (offset: number) => boolean {
  const spans: { start: number; end: number }[] = findAnkiMath(text);
  for (const tag of findLatexTags(text)) {
    const body = text.slice(tag.bodyStart, tag.bodyEnd);
    if (tag.kind !== 'latex' || /^\s*\\begin\{(?!itemize|enumerate|description)/.test(body)) spans.push({ start: tag.bodyStart - 1, end: tag.bodyEnd });
    else for (const math of findMath(body)) spans.push({ start: tag.bodyStart + math.start, end: tag.bodyStart + math.end });
  }
  return insideSpans(spans);
}

const KATEX_FAILED = /^<(span|div) class="math-error"/;

function katexOrNull(tex: string, display: boolean): string | null {
  const html = renderTex(tex, display);
  return KATEX_FAILED.test(html) ? null : html;
}

/** KaTeX for one document: a formula it repeats is drawn once (a document can repeat one hundreds of times). */
function drawnOnce(): (tex: string, display: boolean) => string | null {
  const drawn = new Map<string, string | null>();
  return (tex, display) => {
    const key = `${display ? 'D' : 'I'}${tex}`;
    if (!drawn.has(key)) drawn.set(key, katexOrNull(tex, display));
    return drawn.get(key)!;
  };
}

/** The body between two delimiters that wrap all of it (and do not appear inside), or null. */
function wrappedIn(body: string, open: string, close: string): string | null {
  if (body.length < open.length + close.length + 1 || !body.startsWith(open) || !body.endsWith(close)) return null;
  const inner = body.slice(open.length, body.length - close.length);
  return inner.includes(close) ? null : inner;
}

/**
 * A `[latex]` body is a fragment of a LaTeX document, text mode unless it says otherwise. KaTeX
 * draws math only, so: one formula (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) is drawn as that formula, one
 * math environment as display math (its source shown when KaTeX cannot draw it), and anything else
 * (text, display formulas between paragraphs, itemize and enumerate lists) as a small document whose
 * formulas KaTeX draws (latex-document.ts).
 */
function renderLatexDocument(source: string): string | null {
  const body = source.trim();
  const displayDollars = wrappedIn(body, '$$', '$$');
  if (displayDollars !== null && !displayDollars.includes('$')) return katexOrNull(displayDollars, true);
  const inlineDollars = wrappedIn(body, '$', '$');
  if (inlineDollars !== null && !/(^|[^\\])\$/.test(inlineDollars)) return katexOrNull(inlineDollars, false);
  const parens = wrappedIn(body, '\\(', '\\)');
  if (parens !== null) return katexOrNull(parens, false);
  const brackets = wrappedIn(body, '\\[', '\\]');
  if (brackets !== null) return katexOrNull(brackets, true);
  const environment = /^\\begin\{([a-zA-Z]+\*?)\}([\s\S]*)\\end\{\1\}$/.exec(body);
  if (environment && !/^(itemize|enumerate|description)$/.test(environment[1]!) && !/\\end\{/.test(environment[2]!.replace(/\\begin\{[\s\S]*?\\end\{[^}]*\}/g, ''))) {
    // LaTeX's own math environments that KaTeX does not know by name.
    if (environment[1] === 'displaymath') return katexOrNull(environment[2]!, true);
    if (environment[1] === 'math') return katexOrNull(environment[2]!, false);
    return katexOrNull(body, true);
  }
  return latexDocumentHtml(body, drawnOnce());
}

/**
 * `[$]…[/$]` and `[$$]…[/$$]` are math already, but their bodies often bring their own delimiters
 * (`[$$]$$x$$[/$$]`): those are dropped. A body that is not a formula (text with a list, say) is
 * read as a `[latex]` document.
 */
function renderMathTag(source: string, display: boolean): string | null {
  const body = source.trim();
  const inner = display
    ? (wrappedIn(body, '$$', '$$') ?? wrappedIn(body, '\\[', '\\]'))
    : (wrappedIn(body, '\\(', '\\)') ?? (wrappedIn(body, '$$', '$$') === null ? wrappedIn(body, '$', '$') : null));
  const drawn = katexOrNull(inner ?? source, display);
  if (drawn !== null) return drawn;
  return inner === null && /\$|\\begin\{(itemize|enumerate|description)\}/.test(body) ? latexDocumentHtml(body, drawnOnce()) : null;
}

/** The source of a `[latex]`, `[$]` or `[$$]` body as Anki prepares it for LaTeX: line-break tags become newlines, other HTML goes. */
export function latexSource(body: string): string {
  return stripHtml(body.replace(/<br( \/)?>|<div>/gi, '\n'));
}

/** One `[latex]`, `[$]` or `[$$]` drawn with KaTeX, or its source shown when KaTeX cannot read it. */
export function renderLatexTag(kind: LatexKind, body: string): string {
  const source = latexSource(body);
  const html = kind === 'latex' ? renderLatexDocument(source) : renderMathTag(source, kind === 'display');
  return html ?? `<code class="latex-source">${escapeHtml(source)}</code>`;
}

/** The TeX of a MathJax formula as MathJax would read it from the page: tags dropped, references decoded. */
export function mathJaxSource(tex: string): string {
  return decodeEntities(stripHtmlPreservingEntities(tex.replace(/<br\s*\/?>/gi, '\n')));
}

function replaceSpans(text: string, spans: { start: number; end: number }[], render: (index: number) => string): string {
  let out = '';
  let last = 0;
  spans.forEach((span, index) => {
    out += text.slice(last, span.start) + render(index);
    last = span.end;
  });
  return out + text.slice(last);
}

/** `[sound:name]` spans: the name runs to the first `]`, at least one character long. */
export function findSoundTags(text: string): { start: number; end: number; name: string }[] {
  const tags: { start: number; end: number; name: string }[] = [];
  const close = forwardFinder(text, ']');
  let at = text.indexOf('[sound:');
  while (at >= 0) {
    const end = close(at + 8);
    if (end < 0) break;
    tags.push({ start: at, end: end + 1, name: text.slice(at + 7, end) });
    at = text.indexOf('[sound:', end + 1);
  }
  return tags;
}

/** `[anki:tts …]…[/anki:tts]` directives (from the `tts` filter): Anki speaks them; nothing here can. */
function findTtsDirectives(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const close = forwardFinder(text, '[/anki:tts]');
  const opener = /\[anki:tts[\] ]/g;
  let open: RegExpExecArray | null;
  while ((open = opener.exec(text))) {
    const end = close(open.index + open[0].length);
    if (end < 0) break;
    spans.push({ start: open.index, end: end + '[/anki:tts]'.length });
    opener.lastIndex = end + '[/anki:tts]'.length;
  }
  return spans;
}

/** Removes `[sound:…]` and `[anki:tts]` tags, as Anki does before comparing a typed answer. */
export function stripAvTags(text: string): string {
  const withoutTts = replaceSpans(text, findTtsDirectives(text), () => '');
  return replaceSpans(withoutTts, findSoundTags(withoutTts), () => '');
}

// Private-use characters set rendered pieces aside so later passes never read inside them.
const ASIDE = /\uE000(\d+)\uE001/g;

/**
 * Anki's markup in a rendered card side: `[sound:x.mp3]` becomes an audio player (the renderer maps
 * media names), `[latex]`, `[$]`, `[$$]` and MathJax formulas are drawn with KaTeX, within the
 * limits of one side's `drawer` (a template can repeat a field full of formulas hundreds of times).
 * Everything else, images included, is left as it is.
 */
export function renderAnkiMarkup(html: string, drawer: FormulaDrawer = formulaDrawer()): string {
  const pieces: string[] = [];
  const setAside = (piece: string) => `\uE000${pieces.push(piece) - 1}\uE001`;
  const clean = html.replace(/[\uE000\uE001]/g, '');
  const spoken = replaceSpans(clean, findTtsDirectives(clean), () => '');
  const sounds = findSoundTags(spoken);
  const heard = replaceSpans(spoken, sounds, (i) =>
    setAside(`<audio controls src="${escapeHtml(decodeEntities(sounds[i]!.name))}"></audio>`),
  );
  // Formula images from the web cannot load offline (nor should they: they would tell a server when
  // the learner studies); the TeX they carry is drawn here, or their hidden MathML shown.
  const remote = findRemoteFormulas(heard);
  const offline = replaceSpans(heard, remote, (i) => {
    const { tex, display } = remote[i]!;
    if (tex === null) return '';
    const source = decodeEntities(tex);
    return setAside(drawer(`remote:${source}`, source, display, () => renderTex(source, display)));
  });
  const local = remote.some((formula) => formula.tex === null) ? revealHiddenMathml(offline) : offline;
  const latex = findLatexTags(local);
  const typeset = replaceSpans(local, latex, (i) => {
    const tag = latex[i]!;
    const body = local.slice(tag.bodyStart, tag.bodyEnd);
    return setAside(drawer(`${tag.kind}:${body}`, latexSource(body), tag.kind === 'display', () => renderLatexTag(tag.kind, body)));
  });
  const math = findAnkiMath(typeset);
  const formulas = replaceSpans(typeset, math, (i) => {
    const span = math[i]!;
    const tex = mathJaxSource(span.tex);
    return setAside(drawer(typeset.slice(span.start, span.end), tex, span.display, () => renderTex(tex, span.display)));
  });
  return formulas.replace(ASIDE, (_, index: string) => pieces[Number(index)] ?? '');
}
