// The markup search sets aside in Markdown fields, found in one read each: the regular expressions for them retried every opener against the rest of the text.
import { forwardFinder } from '../text/forward-finder';

const TAG = /<\/?[a-z][^<>]*>/iy;

/**
 * Comments (`<!--` to the first `-->`) and what looks like a tag become spaces, as
 * /<!--[\s\S]*?-->|<\/?[a-z][^<>]*>/gi does. A tag attempt stops at the next `<` or `>`, so only
 * the comment needs care: its closer is looked up once for all the openers before it.
 */
export function withoutTagsAndComments(text: string): string {
  const commentEnd = forwardFinder(text, '-->');
  let out = '';
  let last = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', Math.max(at + 1, last))) {
    let end = -1;
    if (text.startsWith('<!--', at)) {
      const close = commentEnd(at + 4);
      if (close >= 0) end = close + 3;
    }
    if (end < 0) {
      TAG.lastIndex = at;
      if (TAG.test(text)) end = TAG.lastIndex;
    }
    if (end < 0) continue;
    out += `${text.slice(last, at)} `;
    last = end;
  }
  return out + text.slice(last);
}

/**
 * `[text](target)` and `![alt](target)` on one line become their text, as
 * /!?\[([^\]\n]*)\]\([^)\n]*\)/g does. A `[` that fails, fails the same way for every `[` before
 * the `]` or line end that stopped it, so the scan goes on from there; the searches for `]` and `)`
 * are memoised, so many `[a](` on one long line do not each read to its end.
 */
export function linkTexts(text: string): string {
  const textEnd = forwardFinder(text, /[\]\n]/g);
  const targetEnd = forwardFinder(text, /[)\n]/g);
  let out = '';
  let last = 0;
  let from = 0;
  for (let open = text.indexOf('[', from); open >= 0; open = text.indexOf('[', from)) {
    const close = textEnd(open + 1);
    if (close < 0) break;
    from = close + 1;
    if (text[close] !== ']' || text[close + 1] !== '(') continue;
    const paren = targetEnd(close + 2);
    if (paren < 0 || text[paren] !== ')') continue;
    // The regular expression takes a `!` just before the `[` with it, unless an earlier link took it.
    const start = open - 1 >= last && text[open - 1] === '!' ? open - 1 : open;
    out += text.slice(last, start) + text.slice(open + 1, close);
    last = from = paren + 1;
  }
  return out + text.slice(last);
}
