// Anki's wildcards as the search matches them: * any run, _ one character, backslash for the literal ones.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { HOSTILE_GLOBS } from '../../fixtures/hostile-inputs';
import { containsMatcher, globLiteral, pathMatcher, wholeMatcher } from '../../../src/core/search/wildcard';

describe('whole-text matching (field searches)', () => {
  it('without wildcards is equality, ignoring case', () => {
    expect(wholeMatcher('Dog')('dog')).toBe(true);
    expect(wholeMatcher('dog')('a dog')).toBe(false);
    expect(wholeMatcher('')('')).toBe(true);
  });

  it('* is any run of characters, even none; _ is exactly one character', () => {
    const starts = wholeMatcher('d*g');
    expect(['dg', 'dog', 'dung', 'd g'].every(starts)).toBe(true);
    expect(starts('dogs')).toBe(false);
    const one = wholeMatcher('d_g');
    expect(one('dog')).toBe(true);
    expect(one('dg')).toBe(false);
    expect(one('doog')).toBe(false);
    expect(wholeMatcher('_*')('')).toBe(false);
    expect(wholeMatcher('*')('')).toBe(true);
  });

  it('_ is one character even outside the Basic Multilingual Plane', () => {
    expect(wholeMatcher('a_b')('a😀b')).toBe(true);
  });

  it('\\*, \\_ and \\\\ are the characters themselves', () => {
    expect(wholeMatcher('a\\*b')('a*b')).toBe(true);
    expect(wholeMatcher('a\\*b')('axb')).toBe(false);
    expect(wholeMatcher('a\\_b')('a_b')).toBe(true);
    expect(wholeMatcher('a\\_b')('axb')).toBe(false);
    expect(wholeMatcher('a\\\\b')('a\\b')).toBe(true);
  });

  it('treats regular expression characters as text', () => {
    expect(wholeMatcher('(a+b)?')('(a+b)?')).toBe(true);
    expect(wholeMatcher('a.c')('abc')).toBe(false);
  });

  it('agrees with a regular expression built the obvious way', () => {
    const pieces = fc.array(fc.constantFrom('a', 'b', '*', '_'), { maxLength: 7 }).map((parts) => parts.join(''));
    const texts = fc.array(fc.constantFrom('a', 'b'), { maxLength: 10 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(pieces, texts, (glob, text) => {
        const reference = new RegExp(`^${glob.replace(/\*/g, '.*').replace(/_/g, '.')}$`, 's');
        expect(wholeMatcher(glob)(text)).toBe(reference.test(text));
        expect(containsMatcher(glob)(text)).toBe(new RegExp(reference.source.slice(1, -1), 's').test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with a slow reference matcher on any characters, regular expression syntax and astral ones included', () => {
    const part = fc.constantFrom('a', 'B', '-', '.', '^', '$', '(', ')', '[', ']', '{', '}', '|', '/', '+', '?', '\\\\', '\\*', '\\_', '*', '_', 'é', '😀', ' ', '\n');
    const glob = fc.array(part, { maxLength: 6 }).map((parts) => parts.join(''));
    const text = fc.array(fc.constantFrom('a', 'b', '-', '.', '^', '(', '[', '*', '_', '\\', 'é', '😀', ' ', '\n'), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(glob, text, (pattern, subject) => {
        const lower = subject.toLowerCase();
        expect(wholeMatcher(pattern)(lower)).toBe(referenceMatch(pattern.toLowerCase(), lower, false));
        expect(containsMatcher(pattern)(lower)).toBe(referenceMatch(pattern.toLowerCase(), lower, true));
      }),
      { numRuns: 5000 },
    );
  });

  it('matches seven stars against 50,000 letters with one search per piece, where a backtracking matcher never finishes', () => {
    const { text, whole, contains } = HOSTILE_GLOBS;
    // Every search a matcher makes goes through one of these: counted, they bound its work.
    const searches = (['indexOf', 'startsWith', 'endsWith'] as const).map((name) => vi.spyOn(String.prototype, name));
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    try {
      expect(wholeMatcher(whole)(text)).toBe(false);
      expect(containsMatcher(contains)(text)).toBe(false);
      const calls = searches.reduce((sum, spy) => sum + spy.mock.calls.length, 0) + exec.mock.calls.length;
      // Nine pieces and eight: each is looked for once, left to right, never again from another start.
      expect(calls).toBeLessThanOrEqual(9 + 8);
      expect(exec).not.toHaveBeenCalled();
    } finally {
      for (const spy of [...searches, exec]) spy.mockRestore();
    }
  });
});

describe('contains matching (free text)', () => {
  it('finds the text anywhere', () => {
    expect(containsMatcher('dog')('underdog days')).toBe(true);
    expect(containsMatcher('d_g')('a dig')).toBe(true);
    expect(containsMatcher('a dog')('adog')).toBe(false);
    expect(containsMatcher('*')('')).toBe(true);
  });
});

describe('path matching (decks and tags)', () => {
  it('matches the name or a part ending just before ::', () => {
    const ml = pathMatcher('ml');
    expect(ml('ml')).toBe(true);
    expect(ml('ml::basics')).toBe(true);
    expect(ml('ml::basics::more')).toBe(true);
    expect(ml('mlops')).toBe(false);
    expect(ml('x::ml')).toBe(false);
  });

  it('lets wildcards reach across ::', () => {
    expect(pathMatcher('ml*')('mlops')).toBe(true);
    expect(pathMatcher('*::adam')('topic::optim::adam')).toBe(true);
    expect(pathMatcher('topic::kv*')('topic::kv-cache')).toBe(true);
    expect(pathMatcher('topic::kv')('topic::kv-cache')).toBe(false);
  });
});

describe('ids', () => {
  it('take wildcard characters literally', () => {
    expect(globLiteral('a\\*b_c*')).toBe('a*b_c*');
  });
});

/** Glob matching by dynamic programming over code points: slow, obviously right. */
function referenceMatch(glob: string, text: string, contains: boolean): boolean {
  type Token = 'star' | 'any' | { ch: string };
  const tokens: Token[] = contains ? ['star'] : [];
  const chars = Array.from(glob);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length && '\\*_'.includes(chars[i + 1]!)) tokens.push({ ch: chars[++i]! });
    else if (ch === '*') tokens.push('star');
    else if (ch === '_') tokens.push('any');
    else tokens.push({ ch });
  }
  if (contains) tokens.push('star');
  const subject = Array.from(text);
  // can[i][j]: the first i tokens match the first j characters.
  let can = subject.map(() => false).concat(false);
  can[0] = true;
  for (const token of tokens) {
    const next = subject.map(() => false).concat(false);
    for (let j = 0; j <= subject.length; j++) {
      if (token === 'star') next[j] = can[j]! || (j > 0 && next[j - 1]!);
      else if (j > 0 && can[j - 1]) next[j] = token === 'any' || token.ch === subject[j - 1];
    }
    can = next;
  }
  return can[subject.length]!;
}
