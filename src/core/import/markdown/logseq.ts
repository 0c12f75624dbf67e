// Cards of a Logseq page (`#card` blocks and `{{cloze …}}`) to an ImportBundle.
import { CardState } from '../../collection/types';
import { DEFAULT_LIMITS, type ImportBundle, type ImportedReview, type ImportLimits, type KeptSchedule } from '../bundle';
import { BundleBuilder, checkSize, cleanDeckName, deckNameFromFile, normaliseText, splitTags, uniqueTags } from '../text/bundle-builder';
import { codeSpans, insideSpans, type Span } from '../text/code-spans';
import { nativeDeletion } from '../text/native-cloze';

export interface LogseqOptions {
  deckName?: string;
  /** Logseq reviews only `#card` blocks; by default blocks with clozes but no `#card` are imported too. */
  requireCardTag?: boolean;
  limits?: ImportLimits;
}

interface Block {
  /** 1-based line of the bullet. */
  line: number;
  indent: number;
  /** The block's text without its property lines. */
  content: string[];
  properties: Map<string, string>;
  /** Properties follow the first line; the first other line ends them. */
  propertiesOpen: boolean;
  children: Block[];
}

// `key:: value`, with the space Logseq writes, so `Capital::Paris` stays text.
const PROPERTY = /^([A-Za-z0-9_][\w.\-/]*)::(?: (.*))?$/;
const BULLET = /^([ \t]*)-(?: (.*)|)$/;
const CARD_TAG = /(^|\s)(?:#card|#\[\[card\]\]|\[\[card\]\])(?=$|[\s.,;:!?)])/gi;
const OTHER_TAG = /(?:^|\s)#([\p{L}\p{N}_\-/]+)/gu;
const CLOZE_OPEN = '{{cloze ';
// Logseq splits a cue from the answer with a literal `\\`.
const CUE_SEPARATOR = '\\\\';
const DAY_MS = 86_400_000;
const MAX_ANSWER_LINES = 1000;
const MAX_ANSWER_CHARS = 20_000;

/**
 * A block tagged `#card` or `[[card]]` is a card: its text asks, its child blocks answer. A block with
 * `{{cloze answer}}` or `{{cloze answer \\ cue}}` becomes a cloze note (`{{c1::answer::cue}}`), its
 * children kept as Extra. Logseq shows every cloze of a block at once on one card, so all of a block's
 * clozes are c1: one card, as in Logseq, which also keeps the block's review properties on that card.
 * The deck is the option's, else the page's `title::`, else the file name (`a___b` -> `a::b`). A
 * block with an `id::` keeps it as identity; otherwise deck and question identify the note.
 */
export function parseLogseq(text: string, fileName: string, options: LogseqOptions = {}): ImportBundle {
  checkSize(text, fileName, options.limits);
  const builder = new BundleBuilder('logseq', fileName, options.limits ?? DEFAULT_LIMITS);
  const { blocks, pageProperties } = readOutline(normaliseText(text));
  const deckName =
    cleanDeckName(options.deckName ?? '') ||
    cleanDeckName((pageProperties.get('title') ?? '').replace(/\//g, '::')) ||
    deckNameFromFile(fileName.replace(/___|%2F/gi, '::'));

  for (const block of blocks) {
    const joined = block.content.join('\n');
    const spans = joined.includes('`') ? codeSpans(joined) : [];
    // `tags:: [[card]], ml` tags a block as surely as `#card` in its text.
    const propertyTags = splitTags((block.properties.get('tags') ?? '').replace(/\[\[|\]\]|#/g, ''));
    const tagged = hasCardTag(joined, spans) || propertyTags.some((tag) => tag.toLowerCase() === 'card');
    const clozes = findClozes(joined, spans);
    if (!tagged && (clozes.length === 0 || options.requireCardTag)) continue;

    const question = withoutCardTag(joined, spans);
    const rendered = renderChildren(block);
    const answer = rendered.text;
    if (rendered.cut) builder.problem(block.line, `the answer's child blocks run past ${MAX_ANSWER_LINES} lines or ${MAX_ANSWER_CHARS} characters; the rest was left out`);
    const tags = uniqueTags([...otherTags(joined, spans), ...propertyTags.filter((tag) => tag.toLowerCase() !== 'card')]);
    const reviews = new Map<number, ImportedReview[]>();
    const schedules = new Map<number, KeptSchedule>();
    if (tagged) {
      const review = reviewFromProperties(block.properties);
      if ('problem' in review) builder.problem(block.line, review.problem);
      else if (review.review) {
        reviews.set(1, [review.review]);
        if (review.kept) schedules.set(1, review.kept);
      }
    }
    const id = block.properties.get('id')?.trim();
    const identity = id ? { key: `logseq:${id}` } : null;

    if (clozes.length > 0) {
      const native = toNativeCloze(joined, clozes);
      if (typeof native !== 'string') {
        builder.problem(block.line, native.problem);
        continue;
      }
      const clozeText = withoutCardTag(native, codeSpans(native));
      const fields: Record<string, string> = { Text: clozeText };
      if (answer) fields.Extra = answer;
      builder.addNote({ deckName, type: 'cloze', fields, format: 'markdown', tags, reviews, schedules, line: block.line }, identity ?? { question: clozeText });
      continue;
    }
    if (!question) {
      builder.problem(block.line, 'the card block has no text to ask; skipped');
      continue;
    }
    if (!answer) {
      builder.problem(block.line, 'the card block has no child blocks to answer it and no cloze; skipped');
      continue;
    }
    builder.addNote({ deckName, type: 'basic', fields: { Front: question, Back: answer }, format: 'markdown', tags, reviews, schedules, line: block.line }, identity ?? { question });
  }
  return builder.build('no cards found (Logseq cards are blocks tagged #card, or blocks with {{cloze …}})');
}

/**
 * Blocks in file order with their children. A `- ` line opens a block whose depth is its indentation;
 * other lines continue the block above (its properties, or more text), and fenced code is kept whole
 * so a `- ` inside it is not a block. Built with a stack, never recursion, so deep outlines are safe.
 */
function readOutline(text: string): { blocks: Block[]; pageProperties: Map<string, string> } {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const pageProperties = new Map<string, string>();
  const stack: Block[] = [];
  let current: Block | null = null;
  let continuation = '';
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const bullet = fence === null ? BULLET.exec(line) : null;
    if (bullet) {
      const indent = width(bullet[1]!);
      const block: Block = { line: index + 1, indent, content: [], properties: new Map(), propertiesOpen: true, children: [] };
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      stack[stack.length - 1]?.children.push(block);
      stack.push(block);
      blocks.push(block);
      current = block;
      continuation = `${bullet[1]}  `;
      addLine(block, bullet[2] ?? '', true);
      block.propertiesOpen = true;
      fence = fenceOf(bullet[2] ?? '', null);
      continue;
    }
    if (!current) {
      const property = PROPERTY.exec(line.trim());
      if (property) pageProperties.set(property[1]!.toLowerCase(), (property[2] ?? '').trim());
      continue;
    }
    const body = line.startsWith(continuation) ? line.slice(continuation.length) : line.trimStart();
    addLine(current, body, fence === null);
    fence = fenceOf(body, fence);
  }
  for (const block of blocks) {
    while (block.content.length > 0 && block.content[block.content.length - 1]!.trim() === '') block.content.pop();
  }
  return { blocks, pageProperties };
}

function addLine(block: Block, text: string, outsideCode: boolean): void {
  const property = outsideCode && block.propertiesOpen ? PROPERTY.exec(text) : null;
  if (property) block.properties.set(property[1]!.toLowerCase(), (property[2] ?? '').trim());
  else {
    block.content.push(text);
    block.propertiesOpen = false;
  }
}

/** The fence still open after `line`: a ``` or ~~~ run opens one, the same run closes it. */
function fenceOf(line: string, open: string | null): string | null {
  const run = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
  if (!run) return open;
  if (open === null) return run;
  return run[0] === open[0] && run.length >= open.length ? null : open;
}

/** Tabs count as four columns, which orders mixed indentation the way an editor shows it. */
function width(indent: string): number {
  let columns = 0;
  for (const ch of indent) columns += ch === '\t' ? 4 : 1;
  return columns;
}

function hasCardTag(text: string, spans: readonly Span[]): boolean {
  for (const match of text.matchAll(CARD_TAG)) {
    if (!insideSpans(spans, match.index + match[1]!.length)) return true;
  }
  return false;
}

/** The text without its card tag, and without the tags that close its first line (they become note tags). */
function withoutCardTag(text: string, spans: readonly Span[]): string {
  const [first = '', ...rest] = text
    .replace(CARD_TAG, (whole, before: string, offset: number) => (insideSpans(spans, offset + before.length) ? whole : ''))
    .split('\n');
  const words = first.split(/(\s+)/);
  while (words.length > 0 && /^(?:\s*|#[\p{L}\p{N}_\-/]+)$/u.test(words[words.length - 1]!)) words.pop();
  return [words.join(''), ...rest].join('\n').trim();
}

function otherTags(text: string, spans: readonly Span[]): string[] {
  const tags: string[] = [];
  for (const match of text.matchAll(OTHER_TAG)) {
    const at = match.index + match[0].indexOf('#');
    if (!insideSpans(spans, at) && match[1]!.toLowerCase() !== 'card') tags.push(match[1]!);
  }
  return tags;
}

interface Cloze {
  start: number;
  end: number;
  answer: string;
  cue: string | null;
}

/** `{{cloze …}}` macros outside inline code. Like Logseq, only the part after the last `\\` is a cue. */
function findClozes(text: string, spans: readonly Span[]): Cloze[] {
  const found: Cloze[] = [];
  let closeAt = -2;
  for (let at = text.indexOf(CLOZE_OPEN); at >= 0; at = text.indexOf(CLOZE_OPEN, at + 1)) {
    if (insideSpans(spans, at)) continue;
    const from = at + CLOZE_OPEN.length;
    if (closeAt !== -1 && closeAt < from) closeAt = text.indexOf('}}', from);
    if (closeAt < 0) break;
    const content = text.slice(from, closeAt);
    const split = content.lastIndexOf(CUE_SEPARATOR);
    const answer = (split < 0 ? content : content.slice(0, split)).trim();
    const cue = split < 0 ? null : content.slice(split + CUE_SEPARATOR.length).trim() || null;
    if (answer) found.push({ start: at, end: closeAt + 2, answer, cue });
    at = closeAt + 1;
  }
  return found;
}

/** The block's text with its clozes as c1 deletions, or the first cloze that cannot be written natively. */
function toNativeCloze(text: string, clozes: readonly Cloze[]): string | { problem: string } {
  let out = '';
  let last = 0;
  for (const cloze of clozes) {
    const native = nativeDeletion(1, cloze.answer, cloze.cue);
    if (native === null) return { problem: `the cloze "${cloze.answer.slice(0, 60)}" holds :: inside code, or ends in a backslash, which a native cloze cannot; skipped` };
    out += text.slice(last, cloze.start) + native;
    last = cloze.end;
  }
  return out + text.slice(last);
}

/**
 * The child blocks as Markdown: one child's text as it is, several as a nested list. An answer stops
 * at 1000 lines or 20 000 characters (a card is not a chapter); without a cap, nested cards would each
 * copy their whole subtree and a deep outline would cost time and memory quadratic in its size.
 */
function renderChildren(block: Block): { text: string; cut: boolean } {
  const out: string[] = [];
  let size = 0;
  const only = block.children.length === 1 && block.children[0]!.children.length === 0 ? block.children[0]! : null;
  const pending: { block: Block; depth: number }[] = block.children.map((child) => ({ block: child, depth: 0 })).reverse();
  while (pending.length > 0) {
    const { block: child, depth } = pending.pop()!;
    const pad = '  '.repeat(Math.min(depth, 50));
    // A block of properties only (`collapsed:: true`) has nothing to show.
    for (let index = 0; index < child.content.length; index++) {
      if (out.length >= MAX_ANSWER_LINES || size >= MAX_ANSWER_CHARS) return { text: out.join('\n').trim(), cut: true };
      const line = only ? child.content[index]! : `${pad}${index === 0 ? '- ' : '  '}${child.content[index]}`;
      out.push(line);
      size += line.length + 1;
    }
    for (let k = child.children.length - 1; k >= 0; k--) pending.push({ block: child.children[k]!, depth: depth + 1 });
  }
  return { text: out.join('\n').trim(), cut: false };
}

/**
 * Logseq keeps a card's last review, not its history: `card-last-reviewed`, `card-last-score` (1
 * forgotten, 3 recalled with effort, 5 remembered), `card-last-interval` (days), `card-repeats`,
 * `card-ease-factor` and `card-next-schedule`. We import one review at `card-last-reviewed` (else
 * `card-next-schedule` − interval), rated from the score (1 -> Again, 3 -> Hard, 5 -> Good; 0-2
 * Again, 4 Good), with `intervalDays` = the last interval. The card continues as a review card due at
 * `card-next-schedule` with that interval and its repeats, its memory state the one its SM-2 ease
 * and interval imply. The earlier repeats have no dates and are not invented. A card never reviewed
 * (no date, or `card-repeats` 0 with interval −1 after a reset) has no history.
 */
function reviewFromProperties(properties: Map<string, string>): { review: ImportedReview | null; kept?: KeptSchedule } | { problem: string } {
  const get = (name: string) => {
    const value = properties.get(name)?.trim();
    return value && value !== 'nil' ? value : undefined;
  };
  const reviewed = get('card-last-reviewed');
  const next = get('card-next-schedule');
  const intervalText = get('card-last-interval');
  const scoreText = get('card-last-score');
  if (reviewed === undefined && next === undefined) return { review: null };
  const interval = intervalText === undefined ? undefined : Number(intervalText);
  if (interval !== undefined && !(Number.isFinite(interval) && interval <= 36_500)) {
    return { problem: `card-last-interval "${intervalText}" is not a number of days; the card is imported as new` };
  }
  let at = reviewed !== undefined ? Date.parse(reviewed) : NaN;
  if (!Number.isFinite(at) && next !== undefined && interval !== undefined && interval >= 0) at = Date.parse(next) - interval * DAY_MS;
  if (!Number.isFinite(at)) return { problem: `cannot read the review date "${reviewed ?? next}"; the card is imported as new` };
  const score = scoreText === undefined ? 5 : Number(scoreText);
  if (!Number.isFinite(score) || score < 0 || score > 5) return { problem: `card-last-score "${scoreText}" is not 0-5; the card is imported as new` };
  const rating = score < 3 ? 1 : score < 4 ? 2 : 3;
  const review: ImportedReview = { at, rating, durationMs: 0, sourceId: `logseq:${reviewed ?? next}` };
  if (interval !== undefined && interval >= 0) review.intervalDays = interval;
  const due = next !== undefined ? Date.parse(next) : NaN;
  if (!Number.isFinite(due) || interval === undefined || interval < 0) return { review };
  const repeats = Number(get('card-repeats'));
  const ease = Number(get('card-ease-factor'));
  const kept: KeptSchedule = {
    state: CardState.Review,
    due: { at: due },
    intervalDays: interval,
    reps: Number.isInteger(repeats) && repeats > 0 ? repeats : 1,
    lapses: 0,
    lastReview: at,
    ease: Number.isFinite(ease) && ease >= 1.3 ? ease : 2.5,
  };
  return { review, kept };
}
