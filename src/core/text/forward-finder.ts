// Memoised forward search, so a scan that asks "where is the next closer?" for many openers stays linear.

/** Where the next match starts at or after `from`, or -1. */
export type Search = (from: number) => number;

/**
 * A memoised `indexOf` for scans that only move forward: asking again from a later offset reuses
 * the last answer while it still holds, so scanning for many unclosed openers stays linear.
 *
 * The needle may be a string, a global or sticky-free RegExp (its `lastIndex` is set here), or a
 * search function. A function must answer as a search for the first position at or after `from`
 * that qualifies, where whether a position qualifies does not depend on `from`: that is what lets
 * an answer found from one offset stand for every offset between it and the answer.
 */
export function forwardFinder(text: string, needle: string | RegExp | Search): Search {
  let askedFrom = -1;
  let found = -1;
  const search: Search =
    typeof needle === 'function'
      ? needle
      : typeof needle === 'string'
        ? (from) => text.indexOf(needle, from)
        : (from) => {
            needle.lastIndex = from;
            return needle.exec(text)?.index ?? -1;
          };
  return (from) => {
    if (askedFrom >= 0 && from >= askedFrom && (found < 0 || from <= found)) return found;
    askedFrom = from;
    found = search(from);
    return found;
  };
}
