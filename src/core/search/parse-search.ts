// Reads Anki's search syntax into a SearchNode tree; a malformed query throws where it goes wrong.
import { CARD_STATES, COMPARISONS, PROPERTIES, type CardStateName, type Comparison, type PropertyName, type Rating, type SearchNode } from './search-node';
import { SearchSyntaxError } from './search-syntax-error';

/** Deeper nesting is surely a mistake, and a recursive reader must stop somewhere. */
const MAX_DEPTH = 100;
/** Anki reads these numbers as 32-bit; larger ones would not print back as digits either. */
const MAX_WHOLE = 2_147_483_647;

/** Characters a backslash may escape: the parser's own, and the wildcards. */
const ESCAPABLE = '\\":()-*_';
/** Escapes the parser undoes; `\\`, `\*` and `\_` stay for the wildcard reader. */
const PARSER_ESCAPES = '":()-';

const PROPERTY_ALIASES: Record<string, PropertyName> = { stability: 's', difficulty: 'd', retrievability: 'r' };
const WHOLE_PROPERTIES: readonly PropertyName[] = ['ivl', 'reps', 'lapses', 'pos'];

/** Anki keys this app does not offer: refusing them beats silently finding nothing. */
const UNSUPPORTED_KEYS: Record<string, string> = {
  sc: '"sc:" (ignoring cloze markers) is not supported; free text already ignores them',
  resched: '"resched:" is not supported: this app has no manual rescheduling',
  'has-cd': '"has-cd:" is not supported: cards carry no custom data',
  did: '"did:" is not supported; use deck:',
  mid: '"mid:" is not supported; use note:',
};

interface Operator {
  operator: 'and' | 'or';
  at: number;
  word: string;
}

/** Parses a search; an empty or blank query is `{ kind: 'all' }`. Throws SearchSyntaxError. */
export function parseSearch(query: string): SearchNode {
  return new SearchParser(query).parse();
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

class SearchParser {
  private at = 0;

  constructor(private readonly query: string) {}

  parse(): SearchNode {
    return this.sequence(0, -1) ?? { kind: 'all' };
  }

  /** Positions always land inside the query, so an editor can underline them. */
  private fail(problem: string, position: number, length: number, hint?: string): never {
    const last = Math.max(0, this.query.length - 1);
    const start = Math.min(Math.max(0, position), last);
    const span = Math.max(1, Math.min(length, this.query.length - start));
    throw new SearchSyntaxError(problem, start, span, hint);
  }

  /** Terms up to the end of the query (depth 0) or up to the `)` closing the group opened at `openAt`. */
  private sequence(depth: number, openAt: number): SearchNode | null {
    const q = this.query;
    const items: (SearchNode | Operator)[] = [];
    for (;;) {
      while (isSpace(q[this.at])) this.at++;
      if (this.at >= q.length) {
        if (depth > 0) this.fail('unmatched "("', openAt, 1);
        break;
      }
      if (q[this.at] === ')') {
        if (depth === 0) this.fail('unmatched ")"', this.at, 1);
        this.at++;
        break;
      }
      const item = this.element(depth);
      const previous = items[items.length - 1];
      if ('operator' in item) {
        if (!previous || 'operator' in previous) this.fail(`"${item.word}" needs a search before it`, item.at, item.word.length);
      } else if (previous && !('operator' in previous)) {
        items.push({ operator: 'and', at: this.at, word: '' });
      }
      items.push(item);
    }
    const last = items[items.length - 1];
    if (last && 'operator' in last) this.fail(`"${last.word}" needs a search after it`, last.at, last.word.length);
    return combine(items);
  }

  private element(depth: number): SearchNode | Operator {
    const q = this.query;
    if (q[this.at] === '(') return this.group(depth);
    const next = q[this.at + 1];
    // A lone `-`, or one before `)`, is text, as in Anki: only `-` touching a term negates it.
    if (q[this.at] === '-' && next !== undefined && !isSpace(next) && next !== ')') {
      this.at++;
      const node = q[this.at] === '(' ? this.group(depth) : this.term(false);
      return { kind: 'not', node: node as SearchNode };
    }
    return this.term(true);
  }

  private group(depth: number): SearchNode {
    const open = this.at;
    if (depth + 1 > MAX_DEPTH) this.fail(`groups nested more than ${MAX_DEPTH} deep`, open, 1);
    this.at++;
    const inner = this.sequence(depth + 1, open);
    if (!inner) this.fail('empty group "()"', open, this.at - open);
    return inner;
  }

  /** A quoted or unquoted term; `and`/`or` (any case, as Anki) are operators when allowed. */
  private term(operators: boolean): SearchNode | Operator {
    const q = this.query;
    if (q[this.at] === '"') {
      const { text, at } = this.quoted();
      return this.interpret(text, at);
    }
    const start = this.at;
    while (this.at < q.length) {
      const ch = q[this.at]!;
      if (ch === '\\') {
        if (this.at + 1 >= q.length || isSpace(q[this.at + 1])) this.fail('"\\" at the end of a term escapes nothing', this.at, 1, 'write \\\\ for a backslash');
        this.at += 2;
        continue;
      }
      if (isSpace(ch) || ch === '"' || ch === '(' || ch === ')') break;
      this.at++;
    }
    const raw = q.slice(start, this.at);
    // `key:"quoted value"`: only the part after the colon is quoted.
    if (q[this.at] === '"' && raw.length > 1 && firstColon(raw) === raw.length - 1) {
      const { text, at } = this.quoted();
      this.checkEscapes(raw, start);
      // A regular expression keeps its own backslashes (`\d`, `\b`): only `\"` was the quote's.
      if (/^re:$/i.test(raw)) return this.regex(text.replace(/\\"/g, '"'), at);
      this.checkEscapes(text, at);
      return this.keyValue(raw.slice(0, -1), start, text, at);
    }
    if (operators && /^(and|or)$/i.test(raw)) return { operator: raw.toLowerCase() as 'and' | 'or', at: start, word: raw };
    return this.interpret(raw, start);
  }

  /** The text between double quotes, where `\` escapes any character; `at` is where it begins. */
  private quoted(): { text: string; at: number } {
    const q = this.query;
    const open = this.at;
    this.at++;
    while (this.at < q.length) {
      const ch = q[this.at];
      if (ch === '\\') {
        this.at += 2;
        continue;
      }
      if (ch === '"') {
        const text = q.slice(open + 1, this.at);
        this.at++;
        if (!text) this.fail('empty quotes', open, 2);
        return { text, at: open + 1 };
      }
      this.at++;
    }
    return this.fail('unclosed quote', open, q.length - open);
  }

  /** A term's text (escapes still in): free text, or `key:value` split at the first unescaped colon. */
  private interpret(raw: string, at: number): SearchNode {
    if (/^re:/i.test(raw)) return this.regex(raw.slice(3), at + 3);
    this.checkEscapes(raw, at);
    const colon = firstColon(raw);
    if (colon < 0) return { kind: 'text', text: unescape(raw) };
    if (colon === 0) this.fail('missing key before ":"', at, 1);
    return this.keyValue(raw.slice(0, colon), at, raw.slice(colon + 1), at + colon + 1);
  }

  private checkEscapes(raw: string, at: number): void {
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] !== '\\') continue;
      const next = raw[i + 1];
      if (next === undefined) this.fail('"\\" at the end of a term escapes nothing', at + i, 1, 'write \\\\ for a backslash');
      if (!ESCAPABLE.includes(next)) this.fail(`unknown escape "\\${next}"`, at + i, 2, 'known: \\\\ \\" \\: \\( \\) \\- \\* \\_');
      i++;
    }
  }

  private keyValue(keyRaw: string, keyAt: number, valueRaw: string, valueAt: number): SearchNode {
    const key = unescape(keyRaw);
    const value = unescape(valueRaw);
    // What an error about the value underlines: the value, or the key when the value is missing.
    const bad = (problem: string, hint?: string): never =>
      valueRaw ? this.fail(problem, valueAt, valueRaw.length, hint) : this.fail(problem, keyAt, keyRaw.length + 1, hint);
    const lower = key.toLowerCase();
    if (Object.hasOwn(UNSUPPORTED_KEYS, lower)) this.fail(UNSUPPORTED_KEYS[lower]!, keyAt, keyRaw.length + 1, 'see docs/search.md');
    switch (lower) {
      case 'w':
        if (!value) return bad('w: needs a word after it, as in w:tpu');
        return { kind: 'word', text: value };
      case 'nc':
        if (!value) return bad('nc: needs text after it, as in nc:uber');
        return { kind: 'no-accents', text: value };
      case 'dupe': {
        const comma = value.indexOf(',');
        if (comma <= 0 || comma === value.length - 1) return bad('dupe: takes a note type and a question, as in dupe:basic,What is entropy?');
        return { kind: 'dupe', noteType: value.slice(0, comma), text: value.slice(comma + 1) };
      }
      case 'deck':
        return { kind: 'deck', deck: value };
      case 'tag':
        if (/^re:/i.test(valueRaw)) this.fail('regular expressions are not supported', valueAt, 3, 'use * and _ wildcards');
        return { kind: 'tag', tag: value };
      case 'is': {
        const state = value.toLowerCase();
        if (!(CARD_STATES as readonly string[]).includes(state)) return bad(`unknown is: value "${value}"`, `known: ${CARD_STATES.join(', ')}`);
        return { kind: 'is', state: state as CardStateName };
      }
      case 'flag': {
        const flag = wholeNumber(value);
        if (flag === null || flag > 7) return bad(`flag: takes a number from 0 to 7, not "${value}"`);
        return { kind: 'flag', flag };
      }
      case 'added':
      case 'edited':
      case 'introduced': {
        const days = wholeNumber(value);
        if (days === null) return bad(`${lower}: takes a whole number of days, not "${value}"`);
        // As Anki: 0 means today too.
        return { kind: lower, days: Math.max(1, days) };
      }
      case 'rated':
        return this.rated(value, valueRaw, valueAt, bad);
      case 'prop':
        return this.prop(value, valueAt, bad);
      case 'card': {
        const ord = /^\d+$/.test(value) ? wholeNumber(value) : null;
        if (ord !== null) return { kind: 'card', ord: Math.max(1, ord) };
        if (/^\d+$/.test(value)) return bad(`card: number too large: "${value}"`);
        return { kind: 'card-name', name: value };
      }
      case 'note':
        return { kind: 'note-type', name: value };
      case 'preset':
        return { kind: 'preset', name: value };
      case 'nid':
      case 'cid': {
        const ids = value.split(',');
        if (ids.some((id) => id === '')) return bad(`${lower}: takes ids separated by commas, not "${value}"`);
        return { kind: lower === 'nid' ? 'note-id' : 'card-id', ids };
      }
      default:
        if (/^(re|nc):/i.test(valueRaw)) this.fail(`"${valueRaw.slice(0, 3)}" in a field search is not supported`, valueAt, 3, 'see docs/search.md');
        return { kind: 'field', field: key, text: value };
    }
  }

  /** `re:pattern`: the pattern as written, checked here so a mistake is reported where it is. */
  private regex(source: string, at: number): SearchNode {
    if (!source) this.fail('re: needs a regular expression after it, as in re:colou?r', at - 3, 3);
    try {
      new RegExp(source, 'iu');
    } catch (error) {
      const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /, '');
      this.fail(`"${source}" is not a regular expression: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, at, source.length);
    }
    return { kind: 'regex', source };
  }

  private rated(value: string, valueRaw: string, valueAt: number, bad: (problem: string, hint?: string) => never): SearchNode {
    const colon = value.indexOf(':');
    const daysText = colon < 0 ? value : value.slice(0, colon);
    const days = wholeNumber(daysText);
    if (days === null) return bad(`rated: takes a whole number of days, not "${daysText}"`);
    if (colon < 0) return { kind: 'rated', days: Math.max(1, days), rating: null };
    const ratingText = value.slice(colon + 1);
    const rating = wholeNumber(ratingText);
    if (rating === null || rating < 1 || rating > 4) {
      // Point at the rating itself when the raw text lines up with it (no escapes before it).
      const at = valueRaw.indexOf(':');
      if (at >= 0 && ratingText) this.fail(`rated: takes a rating from 1 to 4, not "${ratingText}"`, valueAt + at + 1, ratingText.length, '1 again, 2 hard, 3 good, 4 easy');
      return bad(`rated: takes a rating from 1 to 4 after the days, not "${ratingText}"`, '1 again, 2 hard, 3 good, 4 easy');
    }
    return { kind: 'rated', days: Math.max(1, days), rating: rating as Rating };
  }

  private prop(value: string, valueAt: number, bad: (problem: string, hint?: string) => never): SearchNode {
    const known = `known: ${PROPERTIES.join(', ')}`;
    const word = /^[a-z]*/i.exec(value)![0];
    const lower = word.toLowerCase();
    const prop = Object.hasOwn(PROPERTY_ALIASES, lower)
      ? PROPERTY_ALIASES[lower]!
      : (PROPERTIES as readonly string[]).includes(lower)
        ? (lower as PropertyName)
        : null;
    if (!prop) {
      if (!word) return bad('prop: needs a property, as in prop:ivl>=30', known);
      return this.fail(`unknown prop: property "${word}"`, valueAt, word.length, known);
    }
    const rest = value.slice(word.length);
    const op = COMPARISONS.find((candidate) => rest.startsWith(candidate)) as Comparison | undefined;
    if (!op) this.fail(`prop:${word} needs a comparison: <, <=, >, >=, = or !=`, valueAt, Math.max(1, value.length), 'as in prop:ivl>=30');
    const number = rest.slice(op.length);
    const opAt = valueAt + word.length;
    let parsed: number | null;
    let expected: string;
    if (prop === 'due') {
      parsed = /^-?\d+$/.test(number) && Math.abs(Number(number)) <= MAX_WHOLE ? Number(number) + 0 : null;
      expected = 'a whole number of days (negative for overdue)';
    } else if (WHOLE_PROPERTIES.includes(prop)) {
      parsed = wholeNumber(number);
      expected = 'a whole number';
    } else {
      parsed = decimal(number);
      expected = 'a number';
    }
    if (parsed === null) {
      if (!number) this.fail(`prop:${word}${op} needs ${expected} after it`, opAt, op.length);
      this.fail(`prop:${word} takes ${expected}, not "${number}"`, opAt + op.length, number.length);
    }
    return { kind: 'prop', prop, op, value: parsed };
  }
}

/** Joins terms: implicit and explicit AND bind tighter than OR, as in Anki (and SQL). */
function combine(items: (SearchNode | Operator)[]): SearchNode | null {
  const alternatives: SearchNode[][] = [[]];
  for (const item of items) {
    if (!('operator' in item)) alternatives[alternatives.length - 1]!.push(item);
    else if (item.operator === 'or') alternatives.push([]);
  }
  const branches = alternatives.filter((nodes) => nodes.length > 0).map((nodes): SearchNode => (nodes.length === 1 ? nodes[0]! : { kind: 'and', nodes }));
  if (branches.length === 0) return null;
  return branches.length === 1 ? branches[0]! : { kind: 'or', nodes: branches };
}

/** Offset of the first colon not escaped by a backslash, or -1. */
function firstColon(raw: string): number {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === ':') return i;
  }
  return -1;
}

/** Undoes the parser's escapes; keeps `\\`, `\*` and `\_`, which the wildcard reader needs. */
function unescape(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1]!;
      out += PARSER_ESCAPES.includes(next) ? next : ch + next;
      i++;
    } else {
      out += ch;
    }
  }
  return out;
}

function wholeNumber(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value <= MAX_WHOLE ? value : null;
}

function decimal(text: string): number | null {
  if (!/^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value + 0 : null;
}
