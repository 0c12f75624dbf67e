// Anki's wildcards (`*` any run, `_` any one character) compiled once per query into case-blind matchers.
import type { Glob } from './search-node';

/** Text between two `*`: literal characters and `_` holes. */
interface Piece {
  /** The literal text when the piece has no `_`, lowercased. */
  literal: string | null;
  /** Finds the piece anywhere from `lastIndex` (global) — only for pieces with `_`. */
  search: RegExp | null;
  /** Matches the piece exactly at `lastIndex` (sticky) — only for pieces with `_`. */
  sticky: RegExp | null;
  /** Matches the piece ending at the end of the text — only for pieces with `_`. */
  ending: RegExp | null;
}

interface CompiledGlob {
  /** One piece when there is no `*`; else the text before the first `*`, the ones between, the one after the last. */
  pieces: Piece[];
}

/** Lowercased text to match against; every matcher expects its input lowercased too. */
export type Matcher = (lowercased: string) => boolean;

type Token = { type: 'star' } | { type: 'any' } | { type: 'char'; ch: string };

function tokens(glob: Glob): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '\\' && i + 1 < glob.length && '\\*_'.includes(glob[i + 1]!)) {
      out.push({ type: 'char', ch: glob[++i]! });
    } else if (ch === '*') {
      out.push({ type: 'star' });
    } else if (ch === '_') {
      // One character, a surrogate pair included: the expressions for `_` use the `u` flag.
      out.push({ type: 'any' });
    } else {
      out.push({ type: 'char', ch });
    }
  }
  return out;
}

/** The glob's text with every wildcard taken literally (`\*` and `*` both a star): for ids. */
export function globLiteral(glob: Glob): string {
  return glob.replace(/\\([\\*_])/g, '$1');
}

// Only the syntax characters: with the `u` flag, escaping anything else (`\-`) is an error.
const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** `contains` adds an implicit `*` on each side (free text); otherwise the whole text must match. */
function compile(glob: Glob, contains = false): CompiledGlob {
  // Lowercasing first, whole: a few characters change length when lowercased.
  const inner = tokens(glob.toLowerCase());
  const list: Token[] = contains ? [{ type: 'star' }, ...inner, { type: 'star' }] : inner;
  const groups: Token[][] = [[]];
  for (const token of list) {
    if (token.type === 'star') groups.push([]);
    else groups[groups.length - 1]!.push(token);
  }
  const [first, ...rest] = groups;
  const last = rest.pop();
  // Empty pieces between stars (`**`) say nothing; the first and last decide the anchoring.
  const middle = rest.filter((group) => group.length > 0);
  const ordered = last === undefined ? [first!] : [first!, ...middle, last];
  const pieces = ordered.map((group): Piece => {
    if (group.every((token) => token.type === 'char')) {
      return { literal: group.map((token) => (token as { ch: string }).ch).join(''), search: null, sticky: null, ending: null };
    }
    const source = group.map((token) => (token.type === 'char' ? escapeRegExp(token.ch) : '.')).join('');
    return { literal: null, search: new RegExp(source, 'gsu'), sticky: new RegExp(source, 'ysu'), ending: new RegExp(`(?:${source})$`, 'gsu') };
  });
  return { pieces };
}

/** Where `piece` first occurs at or after `from`: [start, end], or null. */
function find(piece: Piece, text: string, from: number): [number, number] | null {
  if (piece.literal !== null) {
    const at = text.indexOf(piece.literal, from);
    return at < 0 ? null : [at, at + piece.literal.length];
  }
  piece.search!.lastIndex = from;
  const found = piece.search!.exec(text);
  return found ? [found.index, found.index + found[0].length] : null;
}

function matchesAt(piece: Piece, text: string, at: number): number | null {
  if (piece.literal !== null) return text.startsWith(piece.literal, at) ? at + piece.literal.length : null;
  piece.sticky!.lastIndex = at;
  const found = piece.sticky!.exec(text);
  return found ? at + found[0].length : null;
}

function endsWithFrom(piece: Piece, text: string, from: number): boolean {
  if (piece.literal !== null) return text.length - piece.literal.length >= from && text.endsWith(piece.literal);
  piece.ending!.lastIndex = from;
  return piece.ending!.exec(text) !== null;
}

/**
 * Greedy glob matching: each piece at its leftmost place after the previous one. With only `*`
 * between pieces that is exact, and it costs text length times piece length, never the
 * exponential backtracking a `.*`-per-star regular expression risks on a long field.
 */
function run(glob: CompiledGlob, text: string): boolean {
  const { pieces } = glob;
  // No star: the one piece is the whole text.
  if (pieces.length === 1) return matchesAt(pieces[0]!, text, 0) === text.length;
  const start = matchesAt(pieces[0]!, text, 0);
  if (start === null) return false;
  let at = start;
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = find(pieces[i]!, text, at);
    if (!found) return false;
    at = found[1];
  }
  return endsWithFrom(pieces[pieces.length - 1]!, text, at);
}

/** The whole text matches, as Anki's field searches (`front:dog` is exactly "dog"). */
export function wholeMatcher(glob: Glob): Matcher {
  const compiled = compile(glob);
  const only = compiled.pieces[0]!;
  if (compiled.pieces.length === 1 && only.literal !== null) {
    const literal = only.literal;
    return (text) => text === literal;
  }
  return (text) => run(compiled, text);
}

/** The glob occurs anywhere in the text, as Anki's free text (an implicit `*` on both sides). */
export function containsMatcher(glob: Glob): Matcher {
  const compiled = compile(glob, true);
  const pieces = compiled.pieces.filter((piece) => piece.literal !== '');
  if (pieces.length === 0) return () => true;
  if (pieces.length === 1 && pieces[0]!.literal !== null) {
    const literal = pieces[0]!.literal;
    return (text) => text.includes(literal);
  }
  return (text) => {
    let at = 0;
    for (const piece of pieces) {
      const found = find(piece, text, at);
      if (!found) return false;
      at = found[1];
    }
    return true;
  };
}

/**
 * A name in a `::` hierarchy matches when the whole name does, or a part of it ending just before
 * a `::`: `deck:ML` finds ML and ML::Basics but not MLOps, as Anki's decks and tags.
 */
export function pathMatcher(glob: Glob): Matcher {
  const whole = wholeMatcher(glob);
  return (name) => {
    if (whole(name)) return true;
    for (let at = name.indexOf('::'); at >= 0; at = name.indexOf('::', at + 2)) {
      if (whole(name.slice(0, at))) return true;
    }
    return false;
  };
}
