// Cloze deletions `{{c1::answer::hint}}`, read with braces counted so LaTeX like `\frac{a}{b}}}` works.

export interface ClozeNode {
  /** The first (usually only) card number of the deletion. */
  ord: number;
  /** Every card number it hides on: `{{c1,3::x}}` hides on cards 1 and 3. */
  ords: number[];
  /** Offset of `{{` in the text. */
  start: number;
  /** Offset just past the closing `}}`. */
  end: number;
  /** The hidden content, itself possibly holding nested clozes. */
  content: Segment[];
  hint: string | null;
}

export type Segment = string | ClozeNode;

export class ClozeSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const OPEN = /\{\{c(\d{1,3}(?:,\d{1,3})*)::/y;

/**
 * Parses text into plain segments and cloze nodes. Inside a cloze, `{`/`}` pairs (LaTeX groups)
 * are counted, `\{` and `\}` are literal, and the cloze closes at the first `}}` met at depth 0.
 * When brace counting finds no close (unbalanced LaTeX), it falls back to Anki's rule: the first
 * `}}` closes. Throws ClozeSyntaxError for a cloze that never closes.
 */
export function parseCloze(text: string): Segment[] {
  const [segments] = parseSegments({ text, failedAware: new Set() }, 0, false, true);
  return segments;
}

interface ParseState {
  text: string;
  /**
   * Deletions (by start offset) where counting braces already failed: they go straight to the
   * first-}} rule, so a field full of unbalanced deletions is not re-parsed exponentially often.
   */
  failedAware: Set<number>;
}

function parseSegments(state: ParseState, from: number, inside: boolean, braceAware: boolean): [Segment[], number, string | null] {
  const { text } = state;
  const segments: Segment[] = [];
  let plainStart = from;
  let i = from;
  let depth = 0;
  let hintStart = -1;
  const flushPlain = (to: number) => {
    if (to > plainStart) segments.push(text.slice(plainStart, to));
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      i += 2;
      continue;
    }
    if (ch === '{') {
      OPEN.lastIndex = i;
      const open = OPEN.exec(text);
      if (open && hintStart < 0) {
        flushPlain(i);
        const ords = [...new Set(open[1]!.split(',').map(Number))].sort((a, b) => a - b);
        const node = parseNode(state, i, ords, i + open[0].length, braceAware);
        segments.push(node);
        i = node.end;
        plainStart = i;
        continue;
      }
      if (inside) depth++;
      i++;
      continue;
    }
    if (inside && ch === '}') {
      if (text[i + 1] === '}' && (depth === 0 || !braceAware)) {
        const contentEnd = hintStart >= 0 ? hintStart - 2 : i;
        flushPlain(Math.min(i, contentEnd));
        const hint = hintStart >= 0 ? text.slice(hintStart, i) : null;
        return [segments, i + 2, hint];
      }
      if (depth > 0) depth--;
      i++;
      continue;
    }
    if (inside && hintStart < 0 && depth === 0 && ch === ':' && text[i + 1] === ':') {
      flushPlain(i);
      plainStart = text.length; // nothing after the hint marker is content
      hintStart = i + 2;
      i += 2;
      continue;
    }
    i++;
  }
  if (inside) throw new ClozeSyntaxError('cloze is never closed with }}', from);
  flushPlain(text.length);
  return [segments, text.length, null];
}

function parseNode(state: ParseState, start: number, ords: number[], contentStart: number, braceAware: boolean): ClozeNode {
  const attempt = (aware: boolean): ClozeNode => {
    const [content, end, hint] = parseSegments(state, contentStart, true, aware);
    return { ord: ords[0]!, ords, start, end, content, hint };
  };
  const aware = braceAware && !state.failedAware.has(start);
  try {
    return attempt(aware);
  } catch (error) {
    if (!(error instanceof ClozeSyntaxError)) throw error;
    if (aware) {
      state.failedAware.add(start);
      try {
        return attempt(false);
      } catch (fallback) {
        if (!(fallback instanceof ClozeSyntaxError)) throw fallback;
      }
    }
    // Report the deletion that is never closed where it opens.
    throw new ClozeSyntaxError(error.message, start);
  }
}

/** Every cloze number used in the text, ascending; these are the cards the note makes. */
export function clozeOrds(text: string): number[] {
  const ords = new Set<number>();
  const visit = (segments: Segment[]) => {
    for (const segment of segments) {
      if (typeof segment === 'string') continue;
      for (const ord of segment.ords) ords.add(ord);
      visit(segment.content);
    }
  };
  visit(parseCloze(text));
  return [...ords].sort((a, b) => a - b);
}

export function plainText(segments: Segment[]): string {
  return segments.map((segment) => (typeof segment === 'string' ? segment : plainText(segment.content))).join('');
}

export interface ClozeStyle {
  /** What stands for a hidden cloze on the question side (`hint` is null when none is given). */
  hidden(hint: string | null, inMath: boolean): string;
  /** How the revealed answer is wrapped on the answer side. */
  revealed(answer: string, inMath: boolean): string;
}

/**
 * The text of one side of the card for cloze `ord`: that cloze hidden (front) or marked (back),
 * every other cloze shown as its plain content. `isMath(offset)` tells whether an offset of the
 * original text lies inside a formula, so a cloze inside `$…$` is written as LaTeX, not HTML.
 */
export function renderClozeSide(
  text: string,
  ord: number,
  side: 'front' | 'back',
  style: ClozeStyle,
  isMath: (offset: number) => boolean,
): string {
  const render = (segments: Segment[]): string =>
    segments
      .map((segment) => {
        if (typeof segment === 'string') return segment;
        const inner = render(segment.content);
        if (!segment.ords.includes(ord)) return inner;
        const inMath = isMath(segment.start);
        return side === 'front' ? style.hidden(segment.hint, inMath) : style.revealed(inner, inMath);
      })
      .join('');
  return render(parseCloze(text));
}
