// Finds the formulas in Markdown text: `$…$`, `$$…$$`, `\(…\)`, `\[…\]`, never inside code.

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
 */
export function findMath(text: string): MathSpan[] {
  const spans: MathSpan[] = [];
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
      const run = text.slice(i, runEnd);
      const close = text.indexOf(run, runEnd);
      i = close < 0 ? runEnd : close + run.length;
      continue;
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const closer = next === '(' ? '\\)' : '\\]';
        const close = text.indexOf(closer, i + 2);
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
        const close = findUnescaped(text, '$$', i + 2);
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
        const close = findInlineClose(text, i + 1);
        if (close >= 0) {
          spans.push({ start: i, end: close + 1, tex: text.slice(i + 1, close), display: false });
          i = close + 1;
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

function findUnescaped(text: string, needle: string, from: number): number {
  let pos = from;
  while (pos < text.length) {
    const found = text.indexOf(needle, pos);
    if (found < 0) return -1;
    if (!isEscaped(text, found)) return found;
    pos = found + 1;
  }
  return -1;
}

function findInlineClose(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') {
      j++;
      continue;
    }
    // An inline formula does not run across a blank line.
    if (ch === '\n' && text[j + 1] === '\n') return -1;
    if (ch === '$') {
      const before = text[j - 1]!;
      const next = text[j + 1];
      if (/\s/.test(before) || (next !== undefined && /\d/.test(next))) continue;
      return j;
    }
  }
  return -1;
}

function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let k = at - 1; k >= 0 && text[k] === '\\'; k--) backslashes++;
  return backslashes % 2 === 1;
}

/** A predicate telling whether an offset lies inside one of the spans. */
export function insideMath(spans: MathSpan[]): (offset: number) => boolean {
  return (offset) => spans.some((span) => offset > span.start && offset < span.end);
}
