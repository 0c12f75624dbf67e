// Flashcards of the Obsidian Spaced Repetition plugin (st3v3nmw/obsidian-spaced-repetition) to an ImportBundle.
import type { NoteTypeName } from '../../../shared/dto';
import { CardState } from '../../collection/types';
import { DEFAULT_LIMITS, type ImportBundle, type ImportedReview, type ImportLimits, type KeptSchedule } from '../bundle';
import { BundleBuilder, checkSize, cleanDeckName, deckNameFromFile, normaliseText } from '../text/bundle-builder';
import { codeSpans, indexOutsideCode, insideSpans, type Span } from '../text/code-spans';
import { nativeDeletion } from '../text/native-cloze';

export interface ObsidianOptions {
  deckName?: string;
  /** Tags that put cards in decks, without `#`; the plugin's default is `flashcards`. */
  flashcardTags?: string[];
  /** The plugin's separators; its defaults are `::`, `:::`, `?`, `??` and no end marker (a blank line ends a card). */
  separators?: { singleLine?: string; singleLineReversed?: string; multiLine?: string; multiLineReversed?: string; endMarker?: string };
  /** Markup that makes cloze deletions; the plugin's defaults: `==highlights==` on, `**bold**` and `{{curly}}` off. */
  clozes?: { highlight?: boolean; bold?: boolean; curly?: boolean };
  limits?: ImportLimits;
}

type Kind = 'single' | 'singleReversed' | 'multi' | 'multiReversed' | 'cloze';

interface RawCard {
  kind: Kind;
  lines: string[];
  /** 0-based lines of the file the card spans. */
  first: number;
  last: number;
}

interface Separators {
  singleLine: string;
  singleLineReversed: string;
  multiLine: string;
  multiLineReversed: string;
  endMarker: string;
}

const METADATA_CALLOUT = '> [!sr|card-metadata]';
const TAG = /(?:^|\s)#([\p{L}\p{N}_\-/]+)/gu;
const LEADING_TAG = /^#([\p{L}\p{N}_\-/]+)/u;
const BLOCK_ID = / \^[a-zA-Z0-9-]+$/;
const DAY_MS = 86_400_000;
// The native cloze syntax numbers deletions c1 to c999.
const MAX_CLOZE = 999;

/**
 * Reads cards the way the plugin's parser does: `Q::A` and `Q:::A` on one line; a paragraph with a line
 * `?` or `??` between question and answer; a paragraph with clozes. Decks come from `#flashcards/…`
 * tags (`#flashcards/ml/optim` -> `ml::optim`; plain `#flashcards`, or no tag, -> the default deck):
 * a tag at the start of a card is that card's, otherwise the last tag line above it counts, else the
 * front matter's tags. A card is known by its deck and question, so importing again updates it.
 */
export function parseObsidian(text: string, fileName: string, options: ObsidianOptions = {}): ImportBundle {
  checkSize(text, fileName, options.limits);
  const builder = new BundleBuilder('obsidian', fileName, options.limits ?? DEFAULT_LIMITS);
  const separators: Separators = {
    singleLine: options.separators?.singleLine ?? '::',
    singleLineReversed: options.separators?.singleLineReversed ?? ':::',
    multiLine: options.separators?.multiLine ?? '?',
    multiLineReversed: options.separators?.multiLineReversed ?? '??',
    endMarker: options.separators?.endMarker ?? '',
  };
  const markups = clozeMarkups(options);
  const flashcardTags = (options.flashcardTags ?? ['flashcards']).map((tag) => tag.replace(/^#/, '').toLowerCase()).filter(Boolean);
  const defaultDeck = cleanDeckName(options.deckName ?? '') || deckNameFromFile(fileName);
  const deckOf = (tag: string): string | null => {
    const lower = tag.toLowerCase();
    for (const root of flashcardTags) {
      if (lower === root) return defaultDeck;
      if (lower.startsWith(`${root}/`)) return cleanDeckName(tag.slice(root.length + 1).split('/').join('::')) || defaultDeck;
    }
    return null;
  };

  const lines = normaliseText(text).split('\n');
  const { bodyStart, tags: frontMatterTags } = readFrontMatter(lines);
  const frontMatterDeck = frontMatterTags.map(deckOf).find((deck) => deck !== null) ?? null;

  const tagLines: { index: number; decks: string[] }[] = [];
  const cards = scanCards(lines, bodyStart, separators, (line) => hasCloze(line, markups), (index, line) => {
    const decks = tagsIn(line).map(deckOf).filter((deck) => deck !== null);
    if (decks.length) tagLines.push({ index, decks });
  });

  // Tag lines inside a card belong to that card, not to the cards below (the plugin's rule).
  // Both lists are in file order and cards do not overlap, so one walk sorts them out.
  let cardCursor = 0;
  const noteLevel = tagLines.filter(({ index }) => {
    while (cardCursor < cards.length && cards[cardCursor]!.last < index) cardCursor++;
    const card = cards[cardCursor];
    return !(card && card.first <= index);
  });
  const firstTagDeck = tagLines[0]?.decks[0] ?? null;
  for (const { index, decks } of noteLevel) {
    if (new Set(decks).size > 1) builder.problem(index + 1, `names several decks (${[...new Set(decks)].join(', ')}); the cards below go to the first, ${decks[0]}`);
  }

  let tagCursor = 0;
  let lineDeck: string | null = null;
  for (const card of cards) {
    while (tagCursor < noteLevel.length && noteLevel[tagCursor]!.index < card.first) lineDeck = noteLevel[tagCursor++]!.decks[0]!;
    const { content, schedule } = withoutSchedule(card.lines.join('\n'));
    let body = content;
    let deckName = lineDeck ?? frontMatterDeck ?? firstTagDeck ?? defaultDeck;
    const leading = LEADING_TAG.exec(body.trimStart());
    const ownDeck = leading ? deckOf(leading[1]!) : null;
    if (leading && ownDeck !== null) {
      deckName = ownDeck;
      body = body.trimStart().slice(leading[0].length).trimStart();
    }
    body = body.replace(BLOCK_ID, '').trimEnd();
    const line = card.first + 1;
    const note = toNote(card.kind, body, separators, markups);
    if ('problem' in note) {
      builder.problem(line, note.problem);
      continue;
    }
    const reviews = new Map<number, ImportedReview[]>();
    const schedules = new Map<number, KeptSchedule>();
    if (schedule !== null) {
      readSchedule(schedule).forEach((entry, index) => {
        if (entry === null) return;
        if ('problem' in entry) builder.problem(line, entry.problem);
        else {
          reviews.set(index + 1, [entry.review]);
          schedules.set(index + 1, entry.kept);
        }
      });
    }
    builder.addNote({ deckName, type: note.type, fields: note.fields, format: 'markdown', tags: [], reviews, schedules, line }, { question: note.question });
  }
  return builder.build('no flashcards found (the plugin writes them as Question::Answer, Question:::Answer, lines around ? or ??, or ==cloze== highlights)');
}

/** Front matter between `---` lines: where the body starts and the tags it lists (`tags: [a, b]` or a `- a` list). */
function readFrontMatter(lines: readonly string[]): { bodyStart: number; tags: string[] } {
  if (lines[0]?.trim() !== '---') return { bodyStart: 0, tags: [] };
  const tags: string[] = [];
  let inTagList = false;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '---' || line.trim() === '...') return { bodyStart: index + 1, tags };
    const key = /^(tags?)\s*:\s*(.*)$/i.exec(line);
    if (key) {
      for (const tag of splitYamlTags(key[2]!)) tags.push(tag);
      inTagList = key[2]!.trim() === '';
      continue;
    }
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (inTagList && item) for (const tag of splitYamlTags(item[1]!)) tags.push(tag);
    else if (!/^\s/.test(line)) inTagList = false;
  }
  return { bodyStart: 0, tags: [] };
}

function splitYamlTags(value: string): string[] {
  return value
    .replace(/^\s*\[|\]\s*$/g, '')
    .split(/[,\s]+/)
    .map((tag) => tag.replace(/^["']|["']$/g, '').replace(/^#/, ''))
    .filter(Boolean);
}

/** Tags written in a line, outside inline code. */
function tagsIn(line: string): string[] {
  if (!line.includes('#')) return [];
  const spans = codeSpans(line);
  const found: string[] = [];
  for (const match of line.matchAll(TAG)) {
    const at = match.index + match[0].indexOf('#');
    if (!insideSpans(spans, at)) found.push(match[1]!);
  }
  return found;
}

/**
 * The plugin's card finder. A blank line (or the end marker) ends the paragraph being read; a line
 * with an inline separator is a card by itself (with a following `<!--SR:` line or metadata callout);
 * a `?`/`??` line makes the paragraph a two-sided card; a cloze makes it a cloze card. Fenced code
 * is taken whole, and HTML comments other than scheduling ones are skipped.
 */
function scanCards(
  lines: readonly string[],
  start: number,
  separators: Separators,
  isCloze: (line: string) => boolean,
  onLine: (index: number, line: string) => void,
): RawCard[] {
  const cards: RawCard[] = [];
  const inline = (
    [
      [separators.singleLineReversed, 'singleReversed'],
      [separators.singleLine, 'single'],
    ] as const
  )
    .filter(([separator]) => separator !== '')
    .toSorted((a, b) => b[0].length - a[0].length);
  let buffer: string[] = [];
  let kind: Kind | null = null;
  let first = start;
  const end = (index: number) => {
    kind = null;
    buffer = [];
    first = index + 1;
  };
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]!;
    const trimmed = line.trim();
    if (line.startsWith('<!--') && !line.startsWith('<!--SR:')) {
      while (index < lines.length - 1 && !lines[index]!.includes('-->')) index++;
      continue;
    }
    const blank = trimmed === '';
    if ((blank && (separators.endMarker === '' || kind === null)) || (separators.endMarker !== '' && trimmed === separators.endMarker)) {
      if (kind !== null) cards.push({ kind, lines: buffer, first, last: index - 1 });
      end(index);
      continue;
    }
    onLine(index, line);
    buffer.push(line.trimEnd());
    const spans = line.includes('`') ? codeSpans(line) : [];
    const single = inline.find(([separator]) => indexOutsideCode(line, separator, spans) >= 0);
    if (single) {
      const cardLines = [line];
      const cardFirst = index;
      if (lines[index + 1]?.startsWith('<!--SR:')) cardLines.push(lines[++index]!);
      else if (lines[index + 1]?.startsWith(METADATA_CALLOUT)) {
        while (index + 1 < lines.length && lines[index + 1]!.startsWith('>')) {
          cardLines.push(lines[++index]!);
          if (lines[index]!.includes('<!--SR:')) break;
        }
      }
      cards.push({ kind: single[1], lines: cardLines, first: cardFirst, last: index });
      end(index);
      continue;
    }
    if (trimmed === separators.multiLine) {
      if (buffer.length > 1) kind = 'multi';
    } else if (trimmed === separators.multiLineReversed) {
      if (buffer.length > 1) kind = 'multiReversed';
    } else if (line.startsWith('```') || line.startsWith('~~~')) {
      const fence = /^(`+|~+)/.exec(line)![1]!;
      while (index + 1 < lines.length && !lines[index + 1]!.startsWith(fence)) buffer.push(lines[++index]!);
      if (index + 1 < lines.length) buffer.push(lines[++index]!);
    } else if (kind === null && isCloze(line)) {
      kind = 'cloze';
    }
  }
  if (kind !== null && buffer.length > 0) cards.push({ kind, lines: buffer, first, last: lines.length - 1 });
  return cards;
}

/** The card's text without its `<!--SR:…-->` comment (and metadata callout), and the comment's content. */
function withoutSchedule(text: string): { content: string; schedule: string | null } {
  let schedule: string | null = null;
  let out = '';
  let last = 0;
  let at = text.indexOf('<!--SR:');
  while (at >= 0) {
    const close = text.indexOf('-->', at + 7);
    if (close < 0) break;
    const lineBreak = text.indexOf('\n', at);
    // Like the plugin's pattern, a scheduling comment sits on one line.
    if (lineBreak >= 0 && lineBreak < close) {
      at = text.indexOf('<!--SR:', lineBreak);
      continue;
    }
    schedule ??= text.slice(at + 7, close);
    out += text.slice(last, at);
    last = close + 3;
    at = text.indexOf('<!--SR:', last);
  }
  out += text.slice(last);
  const hadCallout = out.includes(METADATA_CALLOUT);
  const content = out
    .split('\n')
    .filter((line) => !line.startsWith(METADATA_CALLOUT) && !(hadCallout && line.trim() === '>'))
    .join('\n')
    .trimEnd();
  return { content, schedule };
}

type NoteDraft = { type: NoteTypeName; fields: Record<string, string>; question: string } | { problem: string };

function toNote(kind: Kind, text: string, separators: Separators, markups: readonly Markup[]): NoteDraft {
  if (kind === 'single' || kind === 'singleReversed') {
    const separator = kind === 'single' ? separators.singleLine : separators.singleLineReversed;
    const at = indexOutsideCode(text, separator, codeSpans(text));
    if (at < 0) return { problem: `the card's "${separator}" sits inside its deck tag; skipped` };
    return twoSided(kind === 'single' ? 'basic' : 'reverse', text.slice(0, at), text.slice(at + separator.length));
  }
  if (kind === 'multi' || kind === 'multiReversed') {
    const separator = kind === 'multi' ? separators.multiLine : separators.multiLineReversed;
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.trim() === separator);
    if (at < 0) return { problem: `the card's "${separator}" line sits inside its deck tag; skipped` };
    return twoSided(kind === 'multi' ? 'basic' : 'reverse', lines.slice(0, at).join('\n'), lines.slice(at + 1).join('\n'));
  }
  const cloze = toCloze(text, markups);
  if (typeof cloze !== 'string') return cloze;
  return { type: 'cloze', fields: { Text: cloze }, question: cloze };
}

function twoSided(type: NoteTypeName, front: string, back: string): NoteDraft {
  const question = trimBlankLines(front);
  const answer = trimBlankLines(back);
  if (!question) return { problem: 'the question is empty; skipped' };
  if (!answer) return { problem: 'the answer is empty; skipped' };
  return { type, fields: { Front: question, Back: answer }, question };
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

// ---- Clozes -------------------------------------------------------------------------------------

interface Markup {
  open: string;
  close: string;
}

interface Deletion {
  start: number;
  end: number;
  answer: string;
  hint: string | null;
  /** Classic clozes' number (`==2;;answer==`) or overlapping ones' `ash` sequence. */
  sequence: string | null;
}

type ClozeMode = 'classic' | 'overlapping' | 'simple';

// The plugin's patterns `==[123;;]answer[;;hint]==`, `**…**`, `{{…}}`, read without regular expressions
// so that a long line of `==` stays linear.
function clozeMarkups(options: ObsidianOptions): Markup[] {
  const markups: Markup[] = [];
  if (options.clozes?.highlight ?? true) markups.push({ open: '==', close: '==' });
  if (options.clozes?.bold ?? false) markups.push({ open: '**', close: '**' });
  if (options.clozes?.curly ?? false) markups.push({ open: '{{', close: '}}' });
  return markups;
}

function hasCloze(line: string, markups: readonly Markup[]): boolean {
  if (!markups.some((markup) => line.includes(markup.open))) return false;
  const spans = line.includes('`') ? codeSpans(line) : [];
  return markups.some((markup) => findDeletions(line, markup, spans, 'simple').length > 0);
}

/**
 * Native `{{cN::answer::hint}}` text. As in the plugin, numbered deletions (`==1;;a==`) make the note a
 * classic cloze and group by number, leaving unnumbered highlights as they are; otherwise each deletion
 * is its own card, numbered highlights first, then bold, then curly, each in reading order — the order
 * the plugin gives its cards and their scheduling entries. Overlapping sequences (`==ash;;a==`) are
 * approximated: a deletion is asked on the card of its first `a`; hide/show markers are not kept.
 */
function toCloze(text: string, markups: readonly Markup[]): string | { problem: string } {
  const spans = text.includes('`') ? codeSpans(text) : [];
  const all = (mode: ClozeMode) => markups.map((markup) => findDeletions(text, markup, spans, mode));
  let mode: ClozeMode = 'classic';
  let found = all('classic');
  if (found.every((list) => list.length === 0)) {
    mode = 'overlapping';
    found = all('overlapping');
  }
  if (found.every((list) => list.length === 0)) {
    mode = 'simple';
    found = all('simple');
  }
  // One markup's deletions never overlap each other; a later markup's may overlap an earlier one's
  // (`==**x**==` with bold on), and then the earlier markup wins, as in the plugin.
  let kept: { deletion: Deletion; ord: number | null }[] = [];
  let next = 1;
  for (const list of found) {
    const added: typeof kept = [];
    for (const deletion of list) {
      if (overlapsAny(kept, deletion)) continue;
      const ord =
        mode === 'classic' ? Number(deletion.sequence) : mode === 'overlapping' ? (deletion.sequence!.indexOf('a') + 1 || null) : next++;
      added.push({ deletion, ord });
    }
    kept = [...kept, ...added].sort((a, b) => a.deletion.start - b.deletion.start);
  }
  const most = kept.reduce((max, { ord }) => Math.max(max, ord ?? 0), 0);
  if (most > MAX_CLOZE) return { problem: `has cloze number ${most}; a native cloze note goes up to ${MAX_CLOZE}; skipped` };
  let out = '';
  let last = 0;
  for (const { deletion, ord } of kept) {
    out += text.slice(last, deletion.start);
    const native = ord === null || ord < 1 ? deletion.answer : nativeDeletion(ord, deletion.answer, deletion.hint);
    if (native === null) return { problem: `the cloze "${deletion.answer.slice(0, 60)}" holds :: inside code or }}, which a native cloze cannot; skipped` };
    out += native;
    last = deletion.end;
  }
  return trimBlankLines(out + text.slice(last));
}

/** Whether `deletion` overlaps one of `kept` (sorted by start, not overlapping each other). */
function overlapsAny(kept: readonly { deletion: Deletion }[], deletion: Deletion): boolean {
  let low = 0;
  let high = kept.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const other = kept[mid]!.deletion;
    if (other.end <= deletion.start) low = mid + 1;
    else if (other.start >= deletion.end) high = mid - 1;
    else return true;
  }
  return false;
}

/** Deletions of one markup on one text, as the plugin's regular expression would find them. */
function findDeletions(text: string, { open, close }: Markup, spans: readonly Span[], mode: ClozeMode): Deletion[] {
  const found: Deletion[] = [];
  const prefix = mode === 'classic' ? /\d+;;/y : mode === 'overlapping' ? /[ash]+;;/y : null;
  // Both searches move forward only; remembering their last answers keeps the scan linear.
  let closeAt = -2;
  let breakAt = -2;
  for (let at = text.indexOf(open); at >= 0; ) {
    let from = at + open.length;
    let sequence: string | null = null;
    let match: Deletion | null = null;
    if (!insideSpans(spans, at)) {
      let ok = true;
      if (prefix) {
        prefix.lastIndex = from;
        const seen = prefix.exec(text);
        ok = seen !== null;
        if (seen) {
          sequence = seen[0].slice(0, -2);
          from += seen[0].length;
        }
      }
      if (ok) {
        if (closeAt !== -1 && closeAt < from + 1) closeAt = text.indexOf(close, from + 1);
        if (breakAt !== -1 && breakAt < from) breakAt = text.indexOf('\n', from);
        if (closeAt >= 0 && (breakAt < 0 || breakAt > closeAt)) {
          const inner = text.slice(from, closeAt);
          const split = inner.indexOf(';;', 1);
          const hinted = split >= 1 && split + 2 < inner.length;
          match = {
            start: at,
            end: closeAt + close.length,
            answer: hinted ? inner.slice(0, split) : inner,
            hint: hinted ? inner.slice(split + 2) : null,
            sequence,
          };
        }
      }
    }
    if (match) {
      found.push(match);
      at = text.indexOf(open, match.end);
    } else at = text.indexOf(open, at + 1);
  }
  return found;
}

// ---- Scheduling comments ------------------------------------------------------------------------

/**
 * `<!--SR:!2023-10-16,34,290!2023-10-20,7,250-->` holds one entry per card (two for reversed cards,
 * one per cloze card). The plugin keeps no review log, only each card's next due date, its interval
 * and ease. The card continues as a review card due on that date with that interval, its memory
 * state the one its SM-2 ease and interval imply; its history is one review on (due − interval)
 * days, at noon UTC so that it falls on the same calendar day in every time zone, rated Good (the
 * plugin does not say how the last answer was rated, and a card with an interval was last passed).
 * The plugin's newer FSRS entries (`!fsrs,due,interval,…,lastReview`) give the due instant and the
 * review time directly. The plugin's placeholder date 2000-01-01 marks a card never reviewed.
 */
function readSchedule(comment: string): ({ review: ImportedReview; kept: KeptSchedule } | { problem: string } | null)[] {
  return comment
    .split('!')
    .map((segment) => segment.trim())
    .filter(Boolean)
    .map((segment) => {
      const parts = segment.split(',').map((part) => part.trim());
      const bad = { problem: `cannot read the scheduling entry "${segment.slice(0, 60)}"; the card is imported as new` };
      if (parts[0] === 'fsrs') {
        const due = Date.parse(parts[1] ?? '');
        const interval = Number(parts[2]);
        const lastReview = parts[9] && parts[9] !== '-' ? Date.parse(parts[9]) : NaN;
        if (Number(parts[6]) === 0) return null;
        if (!validInterval(interval)) return bad;
        const at = Number.isFinite(lastReview) ? lastReview : due - interval * DAY_MS;
        if (!Number.isFinite(at) || !Number.isFinite(due)) return bad;
        const review: ImportedReview = { at, rating: 3, durationMs: 0, intervalDays: interval, sourceId: `obsidian-sr:${segment}` };
        return { review, kept: reviewCard({ at: due }, interval, at, SM2_EASE) };
      }
      const day = parseDay(parts[0] ?? '');
      const interval = Number(parts[1]);
      const ease = Number(parts[2]) / 100;
      if (day === null || !validInterval(interval) || parts.length < 3) return bad;
      if (day === Date.UTC(2000, 0, 1)) return null;
      const at = day + DAY_MS / 2 - interval * DAY_MS;
      const review: ImportedReview = { at, rating: 3, durationMs: 0, intervalDays: interval, sourceId: `obsidian-sr:${segment}` };
      return { review, kept: reviewCard({ date: day / DAY_MS }, interval, at, Number.isFinite(ease) && ease >= 1.3 ? ease : SM2_EASE) };
    });
}

/** The plugin's starting ease, for entries that do not give one. */
const SM2_EASE = 2.5;

function reviewCard(due: KeptSchedule['due'], interval: number, lastReview: number, ease: number): KeptSchedule {
  return { state: CardState.Review, due, intervalDays: interval, reps: 1, lapses: 0, lastReview, ease };
}

function validInterval(days: number): boolean {
  return Number.isFinite(days) && days >= 0 && days <= 36_500;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The plugin's date formats: `YYYY-MM-DD`, `DD-MM-YYYY`, `ddd MMM DD YYYY`; ms at 00:00 UTC, or null. */
function parseDay(text: string): number | null {
  let year: number;
  let month: number;
  let day: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text))) [year, month, day] = [Number(match[3]), Number(match[2]), Number(match[1])];
  else if ((match = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{4})$/.exec(text))) {
    [year, month, day] = [Number(match[3]), MONTHS.indexOf(match[1]!.toLowerCase()) + 1, Number(match[2])];
  } else return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? ms : null;
}
