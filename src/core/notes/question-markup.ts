// The passes that turn a question's markup into plain text: each linear, each able to read only the start of a long field.
import { replaceUntil } from '../text/replace-until';

/**
 * One pass over `text`, which is the whole input when `complete`, else only its start. Given only
 * the start, a pass returns only output that no further text could change: it stops before the
 * first construct it cannot decide yet (a `<` whose `>` may come later). Feeding that output to
 * the next pass keeps the promise, so a chain of passes can be run on a growing prefix and stop as
 * soon as enough settled output exists.
 */
export type Pass = (text: string, complete: boolean) => string;

/** `end` moved back over trailing characters in `chars`: text that could still begin a construct. */
function before(text: string, chars: string, end = text.length): number {
  let at = end;
  while (at > 0 && chars.includes(text[at - 1]!)) at--;
  return at;
}

/**
 * Fenced code (```` ``` ```` to the next ```` ``` ```` after the fence's first line) becomes
 * ` [code] `. Found with `indexOf` rather than /```[^\n]*\n[\s\S]*?```/, which tries every
 * backtick of a long run against the rest of the text.
 */
export const codeFences: Pass = (text, complete) => {
  let out = '';
  let last = 0;
  for (let at = text.indexOf('```'); at >= 0; at = text.indexOf('```', last)) {
    const newline = text.indexOf('\n', at + 3);
    const close = newline < 0 ? -1 : text.indexOf('```', newline + 1);
    // No close now means no close for any later fence either: the rest is text.
    if (close < 0) return out + (complete ? text.slice(last) : text.slice(last, at));
    out += `${text.slice(last, at)} [code] `;
    last = close + 3;
  }
  return out + text.slice(last, complete ? text.length : before(text, '`'));
};

/** Every `<…>` (to the first `>`) becomes a space, as /<[^>]*>/g would make it, in one read. */
export const tags: Pass = (text, complete) => replaceUntil(text, '<', '>', ' ', complete);

export const noBreakSpaces: Pass = (text, complete) => {
  // A `&` in the last five characters may be the start of an `&nbsp;` still to come.
  const amp = text.lastIndexOf('&');
  const end = complete || amp < 0 || text.length - amp > 5 ? text.length : amp;
  return text.slice(0, end).replace(/&nbsp;/g, ' ');
};

/**
 * `[text](target)` (or `![alt](target)` when `opener` is `![`) becomes its text, as
 * /\[([^\]]*)\]\([^)]*\)/g does, in one read. An opener whose first `]` is not followed by `(`
 * fails, and so does every opener before that `]`: the scan goes on after it. When no `]`, or no
 * `)` after `](`, follows, no later opener can match either.
 */
export function links(opener: '[' | '!['): Pass {
  return (text, complete) => {
    let out = '';
    let last = 0;
    let from = 0;
    for (let at = text.indexOf(opener, from); at >= 0; at = text.indexOf(opener, from)) {
      const close = text.indexOf(']', at + opener.length);
      const undecided = complete ? text.length : at;
      if (close < 0) return out + text.slice(last, undecided);
      if (close + 1 === text.length) return out + text.slice(last, undecided);
      if (text[close + 1] !== '(') {
        from = close + 1;
        continue;
      }
      const paren = text.indexOf(')', close + 2);
      if (paren < 0) return out + text.slice(last, undecided);
      out += text.slice(last, at) + text.slice(at + opener.length, close);
      last = from = paren + 1;
    }
    return out + text.slice(last, complete ? text.length : before(text, opener === '![' ? '!' : ''));
  };
}

// Heading, quote and list marks at the start of a line. Matches stay within their line and back
// off at most its length, so the regular expression is linear.
const LINE_MARK = /^[ \t]*(?:[#>*-]+|\d+[.)])[ \t]+/gm;

export const lineMarks: Pass = (text, complete) => {
  // The last line is undecided while it holds nothing but characters a mark can be made of. (A
  // line starts after any of the line terminators `^` knows.)
  const lineStart = Math.max(...['\n', '\r', '\u2028', '\u2029'].map((end) => text.lastIndexOf(end))) + 1;
  const end = complete || before(text, ' \t#>*-0123456789.)') > lineStart ? text.length : lineStart;
  return text.slice(0, end).replace(LINE_MARK, '');
};

export const emphasis: Pass = (text, complete) => text.slice(0, complete ? text.length : before(text, '*_')).replace(/\*\*|__|`/g, '');

/** Whitespace folded to single spaces and trimmed; given only the start, the trailing space is left for later. */
export const foldSpaces: Pass = (text, complete) => {
  const folded = text.replace(/\s+/g, ' ');
  return complete ? folded.trim() : folded.trimStart().slice(0, before(folded.trimStart(), ' '));
};

/** Markup removed, formulas kept as their TeX, whitespace folded: the passes in order. */
export const PLAIN_QUESTION: readonly Pass[] = [codeFences, tags, noBreakSpaces, links('!['), links('['), lineMarks, emphasis, foldSpaces];

/**
 * The plain text of `text`, cut to `max` characters with an ellipsis. The passes run on a prefix
 * that grows fourfold until it settles more than `max` characters, so a long field costs about as
 * much as its first few hundred characters, and a hostile one (a `<` with no `>` for 100 KB) no
 * more than one read of the whole.
 */
export function plainQuestion(text: string, max: number): string {
  for (let size = 2 * max + 256; ; size *= 4) {
    const complete = size >= text.length;
    const plain = PLAIN_QUESTION.reduce((input, pass) => pass(input, complete), complete ? text : text.slice(0, size));
    if (plain.length > max) return `${plain.slice(0, max - 1)}…`;
    if (complete) return plain;
  }
}
