// Finds the formulas in Markdown text: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, never inside code.
import { forwardFinder } from '../text/forward-finder';

export interface MathSpan {
  /** Offset of the opening delimiter. */
  start: number;
  /** Offset just past the closing delimiter. */
  end: number;
  tex: string;
  display: boolean;
}

/**
 * Scans left to right. Fenced code blocks and backtick code spans are skipped whole. A single `$`
 * opens only when the next character is not a space and closes only when the previous one is not
 * a space and the next is not a digit, so prices like "$5 and $10" stay text (Pandoc's rule).
 * `\$` is a literal dollar.
 *
 * Every search for a closer is memoised or answered from a table, so a field of thousands of
 * openers that never close (`\(`, `$x `, backticks) is still read a bounded number of times.
 */
export function findMath(text: string): MathSpan[] {
  const spans: MathSpan[] = [];
  const closeParen = forwardFinder(text, '\\)');
  const closeBracket = forwardFinder(text, '\\]');
  const closeDollars = forwardFinder(text, (from) => unescapedDollars(text, from));
  const closeDollar = forwardFinder(text, (from) => inlineEnd(text, from));
  const codeSpanClose = codeSpanCloser(text);
  let i = 0;
  let lineStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (lineStart) {
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(text.slice(i, i + 20));
      if (fence) {
        i = skipFence(text, i, fence[1]!);
        lineStart = true;
        continue;
      }
    }
    lineStart = ch === '\n';
    if (ch === '`') {
      let runEnd = i;
      while (text[runEnd] === '`') runEnd++;
      const close = codeSpanClose(runEnd, runEnd - i);
      i = close < 0 ? runEnd : close + (runEnd - i);
      continue;
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const close = (next === '(' ? closeParen : closeBracket)(i + 2);
        if (close >= 0) {
          spans.push({ start: i, end: close + 2, tex: text.slice(i + 2, close), display: next === '[' });
          i = close + 2;
          continue;
        }
      }
      i += 2;
      continue;
    }
    if (ch === '$') {
      if (text[i + 1] === '$') {
        const close = closeDollars(i + 2);
        if (close >= 0) {
          spans.push({ start: i, end: close + 2, tex: text.slice(i + 2, close), display: true });
          i = close + 2;
          continue;
        }
        i += 2;
        continue;
      }
      const after = text[i + 1];
      if (after !== undefined && !/\s/.test(after)) {
        // The search starts just after a `$`, never on an escaped character, so it reads the
        // escapes the same way as any earlier search that passed this point: the memo holds.
        const end = closeDollar(i + 1);
        if (end >= 0 && text[end] === '$') {
          spans.push({ start: i, end: end + 1, tex: text.slice(i + 1, end), display: false });
          i = end + 1;
          continue;
        }
      }
    }
    i++;
  }
  return spans;
}

function skipFence(text: string, from: number, marker: string): number {
  const firstLineEnd = text.indexOf('\n', from);
  if (firstLineEnd < 0) return text.length;
  const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
  let pos = firstLineEnd + 1;
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end < 0 ? text.length : end);
    if (closing.test(line)) return end < 0 ? text.length : end + 1;
    if (end < 0) return text.length;
    pos = end + 1;
  }
  return text.length;
}

/** The first `$$` at or after `from` that is not escaped. */
function unescapedDollars(text: string, from: number): number {
  let pos = from;
  while (pos < text.length) {
    const found = text.indexOf('$$', pos);
    if (found < 0) return -1;
    if (!isEscaped(text, found)) return found;
    pos = found + 1;
  }
  return -1;
}

/**
 * Where an inline formula opened just before `from` ends: its closing `$`, or the blank line it may
 * not run across (the caller tells them apart), or -1. Backslash escapes are skipped in pairs.
 */
function inlineEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    if (ch === '\n' && text[j + 1] === '\n') return j;
    if (ch === '$') {
      const before = text[j - 1]!;
      const next = text[j + 1];
      if (/\s/.test(before) || (next !== undefined && /\d/.test(next))) continue;
      return j;
    }
  }
  return -1;
}

/**
 * `(from, length)` → the first run of `length` backticks at or after `from` (possibly the start of a
 * longer run), or -1, as `indexOf` would answer. A table of the longest run still to come answers
 * "none" at once, so many unclosed code spans of different lengths do not each read to the end.
 */
function codeSpanCloser(text: string): (from: number, length: number) => number {
  let longestFrom: Int32Array | undefined;
  return (from, length) => {
    if (!longestFrom) {
      longestFrom = new Int32Array(text.length + 1);
      for (let p = text.length - 1, run = 0; p >= 0; p--) {
        run = text[p] === '`' ? run + 1 : 0;
        longestFrom[p] = Math.max(run, longestFrom[p + 1]!);
      }
    }
    return longestFrom[from]! < length ? -1 : text.indexOf('`'.repeat(length), from);
  };
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let k = at - 1; k >= 0 && text[k] === '\\'; k--) backslashes++;
  return backslashes % 2 === 1;
}

/** A predicate telling whether an offset lies inside one of the spans. */
export function insideMath(spans: MathSpan[]): (offset: number) => boolean {
  return insideSpans(spans);
}

/**
 * Whether an offset lies strictly inside one of the spans (they may overlap and come in any order),
 * by binary search over the spans merged: a cloze field asks once per deletion, and may have
 * thousands of deletions and of formulas.
 */
export function insideSpans(spans: readonly { start: number; end: number }[]): (offset: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { start, end } of sorted) {
    // Open intervals: (1, 5) and (5, 9) leave 5 outside, so only overlapping ones merge.
    if (ends.length > 0 && start < ends[ends.length - 1]!) ends[ends.length - 1] = Math.max(ends[ends.length - 1]!, end);
    else if (start < end) {
      starts.push(start);
      ends.push(end);
    }
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (offset <= starts[mid]!) high = mid - 1;
      else if (offset >= ends[mid]!) low = mid + 1;
      else return true;
    }
    return false;
  };
}
