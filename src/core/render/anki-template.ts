// Anki's card templates rendered as Anki renders them: {{Field}}, sections, filters, FrontSide, clozes, typed answers.
import { ClozeSyntaxError, parseCloze, plainText, renderClozeSide, type ClozeStyle, type Segment } from '../notes/cloze';
import {
  ankiMathOffsets,
  furigana,
  kana,
  kanji,
  renderAnkiMarkup,
  stripAvTags,
  stripHtml,
} from './anki-markup';
import { escapeHtml } from './tex';
import { forwardFinder } from '../text/forward-finder';

export interface AnkiNoteTypeLike {
  name: string;
  kind: 'normal' | 'cloze';
  fields: string[];
  templates: { name: string; front: string; back: string }[];
}

export interface AnkiCardInput {
  noteType: AnkiNoteTypeLike;
  fields: Record<string, string>;
  /** 1-based: template index + 1 for normal note types, cloze number for cloze. */
  ord: number;
  tags: string[];
  /** Full name with `::` between levels. */
  deckName: string;
  /** 0 none, 1-7 Anki's flag colours. */
  flag?: number;
  /** Anki's card id, for templates that show `{{CardID}}`. */
  cardId?: string;
}

export type TemplateNode =
  | { kind: 'text'; text: string }
  /** `filters` in the order they apply: the one nearest the field name first. */
  | { kind: 'field'; key: string; filters: string[] }
  | { kind: 'section'; key: string; negated: boolean; children: TemplateNode[] };

/** A template Anki refuses to render; the message is Anki's own wording. */
export class TemplateError extends Error {
  override name = 'TemplateError';
}

// Deeper nesting than any real template, refused so rendering cannot exhaust the stack.
const MAX_SECTION_DEPTH = 500;

// Rust's `char::is_whitespace`, which Anki trims tag contents with (JavaScript's \s differs slightly).
const RUST_SPACE = /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

function trimStart(text: string): string {
  let start = 0;
  while (start < text.length && RUST_SPACE.test(text[start]!)) start++;
  return text.slice(start);
}

function trim(text: string): string {
  let end = text.length;
  while (end > 0 && RUST_SPACE.test(text[end - 1]!)) end--;
  return trimStart(text.slice(0, end));
}

type Token = { kind: 'text'; text: string } | { kind: 'field'; body: string } | { kind: 'open' | 'negated' | 'close'; key: string };

/** What a `{{…}}` holds: leading `{` dropped, trimmed; `#`, `^`, `/` open, open negated, close a section. */
function classify(handle: string): Token {
  const body = trim(handle.replace(/^\{+/, ''));
  if (body.length < 2) return { kind: 'field', body };
  const key = trimStart(body.slice(1));
  if (body[0] === '#') return { kind: 'open', key };
  if (body[0] === '^') return { kind: 'negated', key };
  if (body[0] === '/') return { kind: 'close', key };
  return { kind: 'field', body };
}

// Old templates may switch to `<% %>` delimiters by starting with this.
const ALT_SYNTAX = '{{=<% %>=}}';

/**
 * Splits a template into text, comments (kept as text, their contents never read as tags) and
 * `{{…}}` tags. A tag runs to the first `}}`; an opener with no `}}` after it is text.
 */
function tokenize(template: string): Token[] {
  let text = template;
  let open = '{{';
  let close = '}}';
  let start = trimStart(template);
  if (start.startsWith(ALT_SYNTAX)) {
    while (start.startsWith(ALT_SYNTAX)) start = start.slice(ALT_SYNTAX.length);
    text = start;
    open = '<%';
    close = '%>';
  }
  const nextOpen = forwardFinder(text, open);
  const nextClose = forwardFinder(text, close);
  const nextComment = forwardFinder(text, '<!--');
  const nextCommentEnd = forwardFinder(text, '-->');
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    const tag = nextOpen(pos);
    const tagEnd = tag < 0 ? -1 : nextClose(tag + open.length);
    const comment = nextComment(pos);
    const commentEnd = comment < 0 ? -1 : nextCommentEnd(comment + 4);
    const tagAt = tagEnd < 0 ? Infinity : tag;
    const commentAt = commentEnd < 0 ? Infinity : comment;
    const at = Math.min(tagAt, commentAt);
    if (at === Infinity) {
      tokens.push({ kind: 'text', text: text.slice(pos) });
      break;
    }
    if (at > pos) tokens.push({ kind: 'text', text: text.slice(pos, at) });
    if (at === tagAt) {
      tokens.push(classify(text.slice(tag + open.length, tagEnd)));
      pos = tagEnd + close.length;
    } else {
      tokens.push({ kind: 'text', text: text.slice(comment, commentEnd + 3) });
      pos = commentEnd + 3;
    }
  }
  return tokens;
}

/** Parses a template; a section closed wrongly or never closed is a TemplateError, as in Anki. */
export function parseTemplate(template: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  const open: { key: string; parent: TemplateNode[] }[] = [];
  let current = root;
  for (const token of tokenize(template)) {
    switch (token.kind) {
      case 'text':
        current.push(token);
        break;
      case 'field': {
        const parts = token.body.split(':');
        const key = parts.pop() ?? '';
        current.push({ kind: 'field', key, filters: parts.reverse() });
        break;
      }
      case 'open':
      case 'negated': {
        if (open.length >= MAX_SECTION_DEPTH) throw new TemplateError(`Sections are nested more than ${MAX_SECTION_DEPTH} deep`);
        const section: TemplateNode = { kind: 'section', key: token.key, negated: token.kind === 'negated', children: [] };
        current.push(section);
        open.push({ key: token.key, parent: current });
        current = section.children;
        break;
      }
      case 'close': {
        const innermost = open.at(-1);
        if (!innermost) throw new TemplateError(`Found '{{/${token.key}}}', but missing '{{#${token.key}}}' or '{{^${token.key}}}'`);
        if (innermost.key !== token.key) throw new TemplateError(`Found '{{/${token.key}}}', but expected '{{/${innermost.key}}}'`);
        open.pop();
        current = innermost.parent;
        break;
      }
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) throw new TemplateError(`Missing '{{/${unclosed.key}}}'`);
  return root;
}

/** Anki's test for an empty field: nothing but whitespace and empty `<br>`/`<div>` tags. */
export function fieldIsEmpty(html: string): boolean {
  return /^(?:[\t\n\v\f\r ]|<\/?(?:br|div) ?\/?>)*$/i.test(html);
}

export interface TemplateContext {
  /** Field name → HTML, special fields (Tags, Deck, …) included. */
  fields: ReadonlyMap<string, string>;
  /** 1-based: the cloze number, or the template index + 1. */
  ord: number;
  /** The rendered front while rendering the back; null while rendering the front. */
  frontSide: string | null;
}

interface RenderState extends TemplateContext {
  nonEmpty: ReadonlySet<string>;
}

/** Expands a template (text or parsed) with the fields; throws TemplateError where Anki shows a template problem. */
export function renderTemplate(template: string | TemplateNode[], context: TemplateContext): string {
  const nodes = typeof template === 'string' ? parseTemplate(template) : template;
  const nonEmpty = new Set([...context.fields].filter(([, value]) => !fieldIsEmpty(value)).map(([name]) => name));
  const out: string[] = [];
  renderNodes(nodes, { ...context, nonEmpty }, out);
  return out.join('');
}

// `{{#c2}}` is valid on every note type: true only on the card for cloze 2 (Rust's u32 parse, `+` allowed).
const isClozeConditional = (key: string) => /^c\+?\d+$/.test(key) && Number(key.slice(1)) <= 0xffffffff;

/** `out` null: a section that is not shown, still read so its mistakes are reported, as Anki does. */
function renderNodes(nodes: TemplateNode[], state: RenderState, out: string[] | null): void {
  for (const node of nodes) {
    if (node.kind === 'text') {
      out?.push(node.text);
    } else if (node.kind === 'section') {
      let shown: boolean;
      if (state.nonEmpty.has(node.key)) shown = !node.negated;
      else if (state.fields.has(node.key) || isClozeConditional(node.key)) shown = node.negated;
      else {
        const tag = `${node.negated ? '^' : '#'}${node.key}`;
        throw new TemplateError(`Found '{{${tag}}}', but there is no field called '${node.key}'`);
      }
      renderNodes(node.children, state, shown ? out : null);
    } else {
      const text = renderField(node, state, out !== null);
      out?.push(text);
    }
  }
}

function renderField(node: { key: string; filters: string[] }, state: RenderState, shown: boolean): string {
  // FrontSide ignores any filters written on it, as in Anki.
  if (node.key === 'FrontSide') return state.frontSide ?? '';
  // A filter with no field name makes its own text; none of the built-in ones does.
  if (node.key === '' && node.filters.length > 0) return '';
  const value = state.fields.get(node.key);
  if (value === undefined) {
    const written = [...node.filters].reverse().concat('').join(':');
    throw new TemplateError(`Found '{{${written}${node.key}}}', but there is no field called '${node.key}'`);
  }
  return shown ? applyFilters(value, node.filters, node.key, state) : '';
}

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

function applyFilters(text: string, filters: string[], field: string, state: RenderState): string {
  // `type:` outermost replaces the whole chain; `type:cloze:` and `type:nc:` are its two variants.
  const chain = sameList(filters, ['cloze', 'type'])
    ? ['type-cloze']
    : sameList(filters, ['nc', 'type'])
      ? ['type-nc']
      : filters.at(-1) === 'type'
        ? ['type']
        : filters;
  let out = text;
  for (const name of chain) {
    const next = applyFilter(name, out, field, state);
    // Desktop Anki hands an unknown filter, and every filter after it, to add-ons; with none
    // installed the text goes through as it is.
    if (next === null) break;
    out = next;
  }
  return out;
}

function applyFilter(name: string, text: string, field: string, state: RenderState): string | null {
  switch (name) {
    case 'text':
      // Anki inserts the decoded text as HTML; escaping it shows the same words and cannot make tags.
      return escapeHtml(stripHtml(text));
    case 'furigana':
      return furigana(text);
    case 'kana':
      return kana(text);
    case 'kanji':
      return kanji(text);
    case 'type':
      return `[[type:${field}]]`;
    case 'type-cloze':
      return `[[type:cloze:${field}]]`;
    case 'type-nc':
      return `[[type:nc:${field}]]`;
    case 'hint':
      // Anki's hint is a link that runs a script; a <details> opens the same way without one.
      return trim(text) === '' ? text : `<details class="hint"><summary>${escapeHtml(field)}</summary>${text}</details>`;
    case 'cloze':
      return renderClozeField(text, state.ord, state.frontSide === null);
    case 'cloze-only':
      return clozeTexts(text, state.ord, state.frontSide === null).join(', ');
    case '':
      return text;
    default:
      return name.startsWith('tts ') ? `[anki:tts lang=${name.slice(4)}]${text}[/anki:tts]` : null;
  }
}

// ---------------------------------------------------------------------------------------------
// Clozes

/** Where cloze.ts's parse would stop being cheap: it retries a deletion whose braces do not balance, nested ones included. */
const MAX_RETRIED_DELETIONS = 8;
const CLOZE_OPEN = /\{\{c\d{1,3}::/y;

/**
 * True when counting braces, as cloze.ts does first, closes every deletion: then cloze.ts reads the
 * field in one pass. (When it does not, cloze.ts falls back to Anki's first-`}}` rule deletion by
 * deletion, re-reading what each contains, which grows exponentially with the number of such
 * deletions, so a 200-character field could stall the app.)
 */
function bracesCloseEveryDeletion(text: string): boolean {
  const open: { depth: number; inHint: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const inner = open.at(-1);
    if (ch === '\\' && i + 1 < text.length) {
      i += 2;
    } else if (ch === '{') {
      CLOZE_OPEN.lastIndex = i;
      const opener = inner?.inHint ? null : CLOZE_OPEN.exec(text);
      if (opener) open.push({ depth: 0, inHint: false });
      else if (inner) inner.depth++;
      i += opener ? opener[0].length : 1;
    } else if (inner && ch === '}') {
      if (text[i + 1] === '}' && inner.depth === 0) {
        open.pop();
        i += 2;
      } else {
        if (inner.depth > 0) inner.depth--;
        i++;
      }
    } else if (inner && !inner.inHint && inner.depth === 0 && ch === ':' && text[i + 1] === ':') {
      inner.inHint = true;
      i += 2;
    } else i++;
  }
  return open.length === 0;
}

// Stand-ins for `\`, `{` and `}` that cloze.ts reads as plain text.
const MASKED: Record<string, string> = { '\\': '\uE002', '{': '\uE003', '}': '\uE004' };
const UNMASK = /[\uE002-\uE004]/g;
const unmask = (text: string) => text.replace(UNMASK, (ch) => (ch === '\uE002' ? '\\' : ch === '\uE003' ? '{' : '}'));

/**
 * The field in Anki's own reading, for cloze.ts to parse in one pass: each `}}` closes the
 * innermost open deletion, so every other brace and backslash is masked, and a deletion never
 * closed is cut off with everything after it (Anki shows none of it). Offsets are unchanged.
 */
function maskedForFirstCloseRule(text: string): string {
  let out = '';
  const opened: number[] = [];
  let i = 0;
  while (i < text.length) {
    CLOZE_OPEN.lastIndex = i;
    const opener = text[i] === '{' ? CLOZE_OPEN.exec(text) : null;
    if (opener) {
      opened.push(i);
      out += opener[0];
      i += opener[0].length;
    } else if (opened.length > 0 && text.startsWith('}}', i)) {
      opened.pop();
      out += '}}';
      i += 2;
    } else {
      out += MASKED[text[i]!] ?? text[i];
      i++;
    }
  }
  return opened.length > 0 ? out.slice(0, opened[0]) : out;
}

/**
 * What cloze.ts is given for a field, and how to turn its output back into field HTML. Braces are
 * counted (so LaTeX ending in `}}` works) whenever that is cheap; a field with many deletions whose
 * braces do not balance is read by Anki's first-`}}` rule instead, which is what Anki shows for it.
 * A deletion that is never closed is dropped with everything after it, as in Anki.
 */
function clozeReading(text: string): { text: string; unmask: (html: string) => string } {
  const deletions = text.match(/\{\{c\d{1,3}::/g)?.length ?? 0;
  if (bracesCloseEveryDeletion(text) || deletions <= MAX_RETRIED_DELETIONS) {
    let readable = text;
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        parseCloze(readable);
        return { text: readable, unmask: (html) => html };
      } catch (error) {
        if (!(error instanceof ClozeSyntaxError)) throw error;
        readable = readable.slice(0, Math.min(error.offset, readable.length - 1));
      }
    }
    return { text: '', unmask: (html) => html };
  }
  const masked = maskedForFirstCloseRule(text);
  // Masked text has no braces left to count, so this always holds; checked so no input can loop.
  return bracesCloseEveryDeletion(masked) ? { text: masked, unmask } : { text: '', unmask };
}

/** Every deletion, outer before inner (iteratively: nesting in a field can be deep). */
function clozeNodes(segments: Segment[]): Exclude<Segment, string>[] {
  const found: Exclude<Segment, string>[] = [];
  const pending = [...segments].reverse();
  while (pending.length > 0) {
    const segment = pending.pop()!;
    if (typeof segment === 'string') continue;
    found.push(segment);
    for (let i = segment.content.length - 1; i >= 0; i--) pending.push(segment.content[i]!);
  }
  return found;
}

/** Cloze numbers used in a field (Anki ignores c0). */
export function clozeNumbers(text: string): Set<number> {
  return new Set(clozeNodes(parseCloze(clozeReading(text).text)).map((node) => node.ord).filter((ord) => ord > 0));
}

// The same marks as native cloze notes (card-html.ts): a bracket on the front, the answer
// highlighted on the back, LaTeX inside a formula. Hints are HTML in Anki, so not escaped.
const ANKI_CLOZE_STYLE: ClozeStyle = {
  hidden: (hint, inMath) => {
    if (!inMath) return `<span class="cloze">[${hint ?? '…'}]</span>`;
    // Entities stay escaped here; the formula is decoded as a whole when it is drawn.
    return hint ? `{\\color{#2563eb}[\\text{${escapeHtml(stripHtml(unmask(hint)).replace(/[{}\\&%$#_^~]/g, ''))}}]}` : '{\\color{#2563eb}[\\ldots]}';
  },
  revealed: (answer, inMath) => (inMath ? `{\\color{#2563eb}{${answer}}}` : `<span class="cloze revealed">${answer}</span>`),
};

/** Anki's `cloze:` filter: this card's deletions hidden (front) or shown (back); empty when the field has none of them. */
export function renderClozeField(text: string, ord: number, front: boolean): string {
  const reading = clozeReading(text);
  if (!clozeNodes(parseCloze(reading.text)).some((node) => node.ords.includes(ord))) return '';
  const isMath = ankiMathOffsets(reading.unmask(reading.text));
  return reading.unmask(renderClozeSide(reading.text, ord, front ? 'front' : 'back', ANKI_CLOZE_STYLE, isMath));
}

/** Anki's `cloze-only:`: each of this card's deletions as its hint ("..." without one) on the front, its text on the back. */
function clozeTexts(text: string, ord: number, front: boolean): string[] {
  const reading = clozeReading(text);
  return clozeNodes(parseCloze(reading.text))
    .filter((node) => node.ords.includes(ord))
    .map((node) => reading.unmask(front ? (node.hint ?? '...') : plainText(node.content)));
}

/** What a typed answer is compared with on a cloze card: the answers, once if they are all the same. */
function clozeAnswerForTyping(text: string, ord: number): string {
  const answers = clozeTexts(text, ord, false);
  return answers.length > 0 && answers.every((answer) => answer === answers[0]) ? answers[0]! : answers.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Type in the answer: `[[type:Field]]` left by the `type:` filter, filled in per side as Anki's reviewer does.

interface Span {
  start: number;
  end: number;
}

/** `[[type:…]]` tags: the inside runs to the first `]]` and may not cross a line. */
function findTypeTags(html: string): (Span & { spec: string })[] {
  const tags: (Span & { spec: string })[] = [];
  const close = forwardFinder(html, ']]');
  const newline = forwardFinder(html, '\n');
  let at = html.indexOf('[[type:');
  while (at >= 0) {
    const from = at + '[[type:'.length;
    const end = close(from + 1);
    const lineEnd = newline(from);
    if (end >= 0 && (lineEnd < 0 || lineEnd > end)) {
      tags.push({ start: at, end: end + 2, spec: html.slice(from, end) });
      at = html.indexOf('[[type:', end + 2);
    } else at = html.indexOf('[[type:', at + 1);
  }
  return tags;
}

function replaceSpans(text: string, spans: Span[], replacement: string): string {
  let out = '';
  let last = 0;
  for (const span of spans) {
    out += text.slice(last, span.start) + replacement;
    last = span.end;
  }
  return out + text.slice(last);
}

const notice = (text: string) => `<span class="template-error">${escapeHtml(text)}</span>`;

/** What a typed answer is compared with, and whether accents count (`type:nc:` ignores them). */
interface ExpectedAnswer {
  text: string;
  ignoreAccents: boolean;
}

/**
 * The front: the first tag becomes the place of the box the learner types in (the window puts an
 * input there; card HTML never holds one), the others nothing, as Anki reads one typed answer per
 * card. Returns the answer the back compares with, from the first tag: null when there is none
 * (or its field is empty).
 */
function typeAnswerOnFront(html: string, input: AnkiCardInput): { html: string; expected: ExpectedAnswer | null } {
  const tags = findTypeTags(html);
  const first = tags[0];
  if (!first) return { html, expected: null };
  let field = first.spec;
  const cloze = field.startsWith('cloze:');
  if (cloze) field = field.split(':')[1] ?? '';
  const ignoreAccents = field.startsWith('nc:');
  if (ignoreAccents) field = field.split(':')[1] ?? '';
  const known = input.noteType.fields.includes(field);
  let expected = known ? (Object.hasOwn(input.fields, field) ? (input.fields[field] ?? '') : '') : null;
  if (expected !== null && cloze) expected = clozeAnswerForTyping(expected, input.ord) || null;
  if (expected === null) {
    const problem = cloze ? 'Please run Tools>Empty Cards' : `Type answer: unknown field ${field}`;
    return { html: replaceSpans(html, tags, notice(problem)), expected: null };
  }
  if (!expected) return { html: replaceSpans(html, tags, ''), expected: null };
  // The later tags go first, so the first one's offsets still hold.
  const others = replaceSpans(html, tags.slice(1), '');
  return { html: replaceSpans(others, [first], '<span class="type-answer-box"></span>'), expected: { text: expected, ignoreAccents } };
}

/**
 * The back: each tag shows the expected answer as plain text, with Anki's move of `<hr id=answer>`
 * above it, in an element the window fills with the comparison once it knows what was typed.
 */
function typeAnswerOnBack(html: string, expected: ExpectedAnswer | null): string {
  const tags = findTypeTags(html);
  if (!expected) return replaceSpans(html, tags, '');
  const withoutRule = html.split('<hr id=answer>').join('');
  const hadRule = withoutRule.length !== html.length;
  const remaining = hadRule ? findTypeTags(withoutRule) : tags;
  if (remaining.length === 0) return html;
  const text = trim(stripHtml(stripAvTags(expected.text).replace(/(\n|<br\s?\/?>|<\/?div>)+/gi, ' ')));
  const kind = expected.ignoreAccents ? 'type-answer-result nc' : 'type-answer-result';
  return replaceSpans(withoutRule, remaining, `${hadRule ? '<hr id=answer>' : ''}<span class="${kind}">${escapeHtml(text)}</span>`);
}

// ---------------------------------------------------------------------------------------------
// Whole cards

function problem(header: string, detail: string): string {
  return `<div class="template-error">${escapeHtml(header)}<br>${escapeHtml(detail)}</div>`;
}

/** The note's fields, then Anki's special fields where no note field has the name. */
function cardFields(input: AnkiCardInput, cardName: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const name of input.noteType.fields) fields.set(name, Object.hasOwn(input.fields, name) ? (input.fields[name] ?? '') : '');
  const special: [string, string][] = [
    ['Tags', input.tags.join(' ')],
    ['Type', input.noteType.name],
    ['Deck', input.deckName],
    ['Subdeck', input.deckName.split('::').at(-1) ?? ''],
    ['CardFlag', `flag${input.flag ?? 0}`],
    ['Card', cardName],
    ['CardID', input.cardId ?? ''],
    // Makes `{{#c3}}` true on card 3 of any note type.
    [`c${input.ord}`, '1'],
  ];
  for (const [name, value] of special) if (!fields.has(name)) fields.set(name, value);
  return fields;
}

/** Anki's template-emptiness test: does any field the template would show have content? */
function templateIsEmpty(nodes: TemplateNode[], nonEmpty: ReadonlySet<string>): boolean {
  for (const node of nodes) {
    if (node.kind === 'field' && nonEmpty.has(node.key)) return false;
    if (node.kind === 'section' && nonEmpty.has(node.key) !== node.negated && !templateIsEmpty(node.children, nonEmpty)) return false;
  }
  return true;
}

function renderSides(input: AnkiCardInput): { front: string; back: string } {
  const { noteType, ord } = input;
  const template = noteType.kind === 'cloze' ? noteType.templates[0] : noteType.templates[ord - 1];
  if (!template) {
    const missing = problem('This card cannot be shown:', `note type '${noteType.name}' has no card template ${ord}`);
    return { front: missing, back: missing };
  }
  const fields = cardFields(input, template.name);
  let frontNodes: TemplateNode[];
  let question: string;
  try {
    frontNodes = parseTemplate(template.front);
    question = renderTemplate(frontNodes, { fields, ord, frontSide: null });
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const shown = problem('Front template has a problem:', error.message);
    return { front: shown, back: shown };
  }

  const nonEmpty = new Set([...fields].filter(([, value]) => !fieldIsEmpty(value)).map(([name]) => name));
  const blank =
    noteType.kind === 'cloze'
      ? ![...fields.values()].some((value) => clozeNumbers(value).has(ord)) &&
        `No cloze ${ord} found on card. Please either add a cloze deletion, or use the Empty Cards tool.`
      : templateIsEmpty(frontNodes, nonEmpty) && 'The front of this card is blank.';
  if (blank) {
    const message = `<div class="template-error">${escapeHtml(blank)}</div>`;
    return { front: renderAnkiMarkup(typeAnswerOnFront(question, input).html) + message, back: message };
  }

  let answer: string;
  try {
    answer = renderTemplate(template.back, { fields, ord, frontSide: question });
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const shown = problem('Back template has a problem:', error.message);
    return { front: shown, back: shown };
  }
  const front = typeAnswerOnFront(question, input);
  return { front: renderAnkiMarkup(front.html), back: renderAnkiMarkup(typeAnswerOnBack(answer, front.expected)) };
}

/**
 * Both sides of an Anki card as HTML (unsanitised; the renderer sanitises), the way Anki's desktop
 * reviewer shows them, minus what needs a script: typing boxes, hint links, text-to-speech.
 */
export function renderAnkiCard(input: AnkiCardInput): { front: string; back: string } {
  try {
    return renderSides(input);
  } catch (error) {
    // Deletions nested thousands deep can exhaust the stack in the cloze parser.
    if (!(error instanceof RangeError)) throw error;
    const shown = problem('This card cannot be shown:', 'its content is nested too deeply');
    return { front: shown, back: shown };
  }
}
