// "Opener … first closer after it" spans replaced in one read, where the regular expression saying so retries every opener against the rest of the text.

/**
 * Each match of `opener` through the first `closer` after it is replaced by `by`, left to right,
 * as /opener[\s\S]*?closer/g does (or /opener[^>]*>/g for the closer `>`). An opener with no closer
 * after it means no later opener has one either, so the scan ends there instead of trying each:
 * the regular expression reads the rest of the text once per opener, this reads it once.
 *
 * A RegExp opener must be global, and no text it matches may hold the closer. Given only the start
 * of a text (`complete` false), the output stops before an opener whose closer may be still to come.
 */
export function replaceUntil(text: string, opener: string | RegExp, closer: string, by: string, complete = true): string {
  const next = (from: number): { at: number; end: number } | null => {
    if (typeof opener === 'string') {
      const at = text.indexOf(opener, from);
      return at < 0 ? null : { at, end: at + opener.length };
    }
    opener.lastIndex = from;
    const match = opener.exec(text);
    return match ? { at: match.index, end: match.index + match[0].length } : null;
  };
  let out = '';
  let last = 0;
  for (let open = next(0); open; open = next(last)) {
    const close = text.indexOf(closer, open.end);
    if (close < 0) return out + text.slice(last, complete ? text.length : open.at);
    out += text.slice(last, open.at) + by;
    last = close + closer.length;
  }
  return out + text.slice(last);
}
