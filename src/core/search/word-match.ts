// Whole-word and accent-blind matching for `w:` and `nc:`, without regular expressions built from the query.
import type { Glob } from './search-node';
import { containsMatcher, wholeMatcher, type Matcher } from './wildcard';

/** Anything that is not a letter, a digit or `_` ends a word. */
const NOT_WORD = /[^\p{L}\p{N}_]+/u;
const NOT_WORD_GLOBAL = /[^\p{L}\p{N}_]+/gu;

/** The text without accents and other combining marks: "Über" → "Uber", "café" → "cafe". */
export function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '');
}

/**
 * `w:` as Anki reads it: the text found as whole words. A single word (wildcards allowed, which
 * then stay inside the word) is matched against each word of the text; a phrase against the text's
 * words joined by single spaces, with a space fencing each end. Both are the wildcard matchers'
 * linear scans: nothing in the query is compiled into a regular expression that could backtrack.
 */
export function wordMatcher(glob: Glob): Matcher {
  const lowered = glob.toLowerCase();
  // Wildcards and escapes are word characters here; only the query's own separators make a phrase.
  const phrase = lowered.replace(/\\[\\*_]|[*_]/g, 'a');
  if (!NOT_WORD.test(phrase)) {
    const matches = wholeMatcher(lowered);
    return (text) => text.split(NOT_WORD).some((word) => word !== '' && matches(word));
  }
  const words = lowered.replace(NOT_WORD_GLOBAL, (run, at: number) => (lowered[at - 1] === '\\' ? run : ' ')).trim();
  const matches = containsMatcher(` ${words} `);
  return (text) => matches(` ${text.split(NOT_WORD).filter(Boolean).join(' ')} `);
}
