// The scans as first written, with regular expressions and rescans: right but quadratic on hostile text. Property tests hold the linear ones equal to them.

/** questionText's markup passes before they became linear (src/core/notes/question-markup.ts). */
export function plainQuestionByRegex(text: string, max: number): string {
  const plain = text
    .replace(/```[^\n]*\n[\s\S]*?```/g, ' [code] ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]*(?:[#>*-]+|\d+[.)])[ \t]+/gm, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

export function questionKeyByRegex(text: string): string {
  return text
    .toLowerCase()
    .replace(/\{\{c\d+(?:,\d+)*::/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** searchableText's Markdown tag and comment removal. */
export const tagsAndCommentsByRegex = (text: string) => text.replace(/<!--[\s\S]*?-->|<\/?[a-z][^<>]*>/gi, ' ');

/** searchableText's Markdown link removal. */
export const linkTextsByRegex = (text: string) => text.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1');

/** searchableText's line-breaking HTML tags. */
export const lineBreakingTagsByRegex = (text: string) => text.replace(/<(?:br|\/(?:div|p|li|tr|td|th|h[1-6]))\b[^>]*>/gi, ' ');

export interface Span {
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

/** findMath (src/core/render/math-spans.ts) searching afresh from every opener. */
export function findMathByRescan(text: string): Span[] {
  const spans: Span[] = [];
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
