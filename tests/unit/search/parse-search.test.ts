// The search syntax: what each query parses to, and where a malformed one is said to go wrong.
import { describe, expect, it } from 'vitest';
import { formatSearch, parseSearch, SearchSyntaxError, type SearchNode } from '../../../src/core/search';

const text = (value: string): SearchNode => ({ kind: 'text', text: value });

function syntaxError(query: string): SearchSyntaxError {
  try {
    parseSearch(query);
  } catch (error) {
    if (error instanceof SearchSyntaxError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed without an error`);
}

describe('terms and how they combine', () => {
  it('an empty or blank query is the whole collection', () => {
    expect(parseSearch('')).toEqual({ kind: 'all' });
    expect(parseSearch(' \t ')).toEqual({ kind: 'all' });
  });

  it('terms side by side must all match', () => {
    expect(parseSearch('dog cat')).toEqual({ kind: 'and', nodes: [text('dog'), text('cat')] });
    expect(parseSearch('dog and cat')).toEqual(parseSearch('dog cat'));
  });

  it('OR and AND are words in any case, as in Anki', () => {
    for (const or of ['OR', 'or', 'Or']) expect(parseSearch(`dog ${or} cat`)).toEqual({ kind: 'or', nodes: [text('dog'), text('cat')] });
    expect(parseSearch('dog AND cat')).toEqual(parseSearch('dog cat'));
  });

  it('AND binds tighter than OR: "a b OR c" is (a b) OR c', () => {
    expect(parseSearch('a b OR c')).toEqual({ kind: 'or', nodes: [{ kind: 'and', nodes: [text('a'), text('b')] }, text('c')] });
    expect(parseSearch('a OR b c')).toEqual({ kind: 'or', nodes: [text('a'), { kind: 'and', nodes: [text('b'), text('c')] }] });
  });

  it('parentheses group', () => {
    expect(parseSearch('dog (cat or mouse)')).toEqual({ kind: 'and', nodes: [text('dog'), { kind: 'or', nodes: [text('cat'), text('mouse')] }] });
    expect(parseSearch('((dog))')).toEqual(text('dog'));
  });

  it('- negates the term or group it touches', () => {
    expect(parseSearch('-cat')).toEqual({ kind: 'not', node: text('cat') });
    expect(parseSearch('-(cat or mouse)')).toEqual({ kind: 'not', node: { kind: 'or', nodes: [text('cat'), text('mouse')] } });
    expect(parseSearch('-"a dog"')).toEqual({ kind: 'not', node: text('a dog') });
  });

  it('a - touching nothing is text, and so is the second of two', () => {
    expect(parseSearch('-')).toEqual(text('-'));
    expect(parseSearch('a - b')).toEqual({ kind: 'and', nodes: [text('a'), text('-'), text('b')] });
    expect(parseSearch('--a')).toEqual({ kind: 'not', node: text('-a') });
    expect(parseSearch('a-b')).toEqual(text('a-b'));
  });

  it('spaces are optional where the parts are clear', () => {
    expect(parseSearch('a"b"(c)')).toEqual(parseSearch('a b (c)'));
  });
});

describe('text, quotes and escapes', () => {
  it('double quotes keep a phrase together', () => {
    expect(parseSearch('"a dog"')).toEqual(text('a dog'));
    expect(parseSearch('"or"')).toEqual(text('or'));
  });

  it('keeps wildcards and their escapes for the matcher', () => {
    expect(parseSearch('d_g*')).toEqual(text('d_g*'));
    expect(parseSearch('\\*\\_\\\\')).toEqual(text('\\*\\_\\\\'));
  });

  it('undoes the parser’s own escapes: \\" \\: \\( \\) \\-', () => {
    expect(parseSearch('\\"\\:\\(\\)\\-')).toEqual(text('":()-'));
    expect(parseSearch('\\-a')).toEqual(text('-a'));
    expect(parseSearch('"some(text)"')).toEqual(parseSearch('some\\(text\\)'));
  });

  it('a colon makes a field search unless escaped', () => {
    expect(parseSearch('front:dog')).toEqual({ kind: 'field', field: 'front', text: 'dog' });
    expect(parseSearch('front\\:dog')).toEqual(text('front:dog'));
    expect(parseSearch('front:a:b')).toEqual({ kind: 'field', field: 'front', text: 'a:b' });
  });

  it('the key or only the value may be quoted', () => {
    const expected: SearchNode = { kind: 'deck', deck: 'LLMs & RAG' };
    expect(parseSearch('deck:"LLMs & RAG"')).toEqual(expected);
    expect(parseSearch('"deck:LLMs & RAG"')).toEqual(expected);
  });

  it('an empty field value searches for an empty field', () => {
    expect(parseSearch('front:')).toEqual({ kind: 'field', field: 'front', text: '' });
  });
});

describe('keyed searches', () => {
  it('keys ignore case', () => {
    expect(parseSearch('DECK:ml')).toEqual({ kind: 'deck', deck: 'ml' });
    expect(parseSearch('Is:Due')).toEqual({ kind: 'is', state: 'due' });
  });

  it('deck:, tag:, note:, card:, preset:', () => {
    expect(parseSearch('deck:ML*')).toEqual({ kind: 'deck', deck: 'ML*' });
    expect(parseSearch('tag:topic::kv*')).toEqual({ kind: 'tag', tag: 'topic::kv*' });
    expect(parseSearch('note:cloze')).toEqual({ kind: 'note-type', name: 'cloze' });
    expect(parseSearch('card:2')).toEqual({ kind: 'card', ord: 2 });
    expect(parseSearch('card:0')).toEqual({ kind: 'card', ord: 1 });
    expect(parseSearch('card:Forward')).toEqual({ kind: 'card-name', name: 'Forward' });
    expect(parseSearch('preset:Default')).toEqual({ kind: 'preset', name: 'Default' });
  });

  it('is:', () => {
    for (const state of ['new', 'learn', 'review', 'due', 'suspended', 'buried', 'leech'] as const) {
      expect(parseSearch(`is:${state}`)).toEqual({ kind: 'is', state });
    }
  });

  it('flag:, added:, edited:, introduced:, rated: (0 days counts as 1, as in Anki)', () => {
    expect(parseSearch('flag:0')).toEqual({ kind: 'flag', flag: 0 });
    expect(parseSearch('flag:7')).toEqual({ kind: 'flag', flag: 7 });
    expect(parseSearch('added:7')).toEqual({ kind: 'added', days: 7 });
    expect(parseSearch('added:0')).toEqual({ kind: 'added', days: 1 });
    expect(parseSearch('edited:2')).toEqual({ kind: 'edited', days: 2 });
    expect(parseSearch('introduced:30')).toEqual({ kind: 'introduced', days: 30 });
    expect(parseSearch('rated:7')).toEqual({ kind: 'rated', days: 7, rating: null });
    expect(parseSearch('rated:7:1')).toEqual({ kind: 'rated', days: 7, rating: 1 });
  });

  it('prop: with every comparison, long names for s, d and r', () => {
    expect(parseSearch('prop:ivl>=30')).toEqual({ kind: 'prop', prop: 'ivl', op: '>=', value: 30 });
    expect(parseSearch('prop:due<-2')).toEqual({ kind: 'prop', prop: 'due', op: '<', value: -2 });
    expect(parseSearch('prop:r<0.8')).toEqual({ kind: 'prop', prop: 'r', op: '<', value: 0.8 });
    expect(parseSearch('prop:stability>=.5')).toEqual({ kind: 'prop', prop: 's', op: '>=', value: 0.5 });
    expect(parseSearch('prop:difficulty!=1')).toEqual({ kind: 'prop', prop: 'd', op: '!=', value: 1 });
    expect(parseSearch('prop:retrievability=1e-3')).toEqual({ kind: 'prop', prop: 'r', op: '=', value: 0.001 });
    for (const op of ['<', '<=', '>', '>=', '=', '!='] as const) {
      expect(parseSearch(`prop:reps${op}3`)).toEqual({ kind: 'prop', prop: 'reps', op, value: 3 });
    }
  });

  it('nid: and cid: take ids separated by commas', () => {
    expect(parseSearch('nid:a,b')).toEqual({ kind: 'note-id', ids: ['a', 'b'] });
    expect(parseSearch('cid:s-adam/1')).toEqual({ kind: 'card-id', ids: ['s-adam/1'] });
  });
});

describe('errors say what is wrong and where', () => {
  const cases: [query: string, message: string, position: number, length: number][] = [
    ['deck:ML (is:due', 'unmatched "(" at 8', 8, 1],
    ['is:new)', 'unmatched ")" at 6', 6, 1],
    ['a () b', 'empty group "()" at 2', 2, 2],
    ['is:dueish', 'unknown is: value "dueish" at 3 (known: new, learn, review, due, suspended, buried, leech)', 3, 6],
    ['is:', 'unknown is: value "" at 0 (known: new, learn, review, due, suspended, buried, leech)', 0, 3],
    ['a "b c', 'unclosed quote at 2', 2, 4],
    ['a ""', 'empty quotes at 2', 2, 2],
    ['dog OR', '"OR" needs a search after it at 4', 4, 2],
    ['or dog', '"or" needs a search before it at 0', 0, 2],
    ['a or and b', '"and" needs a search before it at 5', 5, 3],
    [':dog', 'missing key before ":" at 0', 0, 1],
    [':"dog"', 'missing key before ":" at 0', 0, 1],
    ['a\\%', 'unknown escape "\\%" at 1 (known: \\\\ \\" \\: \\( \\) \\- \\* \\_)', 1, 2],
    ['dog\\', '"\\" at the end of a term escapes nothing at 3 (write \\\\ for a backslash)', 3, 1],
    ['deck:"a\\x"', 'unknown escape "\\x" at 7 (known: \\\\ \\" \\: \\( \\) \\- \\* \\_)', 7, 2],
    ['flag:8', 'flag: takes a number from 0 to 7, not "8" at 5', 5, 1],
    ['added:x', 'added: takes a whole number of days, not "x" at 6', 6, 1],
    ['rated:7:5', 'rated: takes a rating from 1 to 4, not "5" at 8 (1 again, 2 hard, 3 good, 4 easy)', 8, 1],
    ['rated:-1', 'rated: takes a whole number of days, not "-1" at 6', 6, 2],
    ['prop:ease>2', 'unknown prop: property "ease" at 5 (known: ivl, due, reps, lapses, pos, s, d, r)', 5, 4],
    ['prop:ivl~3', 'prop:ivl needs a comparison: <, <=, >, >=, = or != at 5 (as in prop:ivl>=30)', 5, 5],
    ['prop:ivl>', 'prop:ivl> needs a whole number after it at 8', 8, 1],
    ['prop:ivl>1.5', 'prop:ivl takes a whole number, not "1.5" at 9', 9, 3],
    ['prop:r<high', 'prop:r takes a number, not "high" at 7', 7, 4],
    ['nid:a,,b', 'nid: takes ids separated by commas, not "a,,b" at 4', 4, 4],
    ['re:a[', '"a[" is not a regular expression: unterminated character class at 3', 3, 2],
    ['re:', 're: needs a regular expression after it, as in re:colou?r at 0', 0, 3],
    ['dupe:basic', 'dupe: takes a note type and a question, as in dupe:basic,What is entropy? at 5', 5, 5],
    ['front:re:^a', '"re:" in a field search is not supported at 6 (see docs/search.md)', 6, 3],
    ['tag:re:x', 'regular expressions are not supported at 4 (use * and _ wildcards)', 4, 3],
  ];

  it.each(cases)('%s → %s', (query, message, position, length) => {
    const error = syntaxError(query);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(message);
    expect({ position: error.position, length: error.length }).toEqual({ position, length });
  });

  it('points inside a quoted term at the part at fault', () => {
    const error = syntaxError('deck:x "is:soon"');
    expect(error.position).toBe(11);
    expect('deck:x "is:soon"'.slice(error.position, error.position + error.length)).toBe('soon');
  });

  it('refuses groups nested absurdly deep rather than overflowing the stack', () => {
    expect(syntaxError(`${'('.repeat(5000)}a${')'.repeat(5000)}`).message).toMatch(/nested more than 100 deep at 100/);
  });
});

describe('printing a tree back', () => {
  const queries = [
    'dog cat',
    'a b OR c',
    'a (b OR c)',
    '(a b) c',
    '-(a OR b)',
    '-(-a)',
    '"a dog"',
    'deck:"LLMs & RAG"',
    '"my field:some value"',
    'front:',
    'tag:topic::kv* -is:suspended',
    'prop:r<0.8 prop:due>=-1',
    'rated:7:1 added:3',
    '"-"',
    '"and"',
    'a\\:b',
    'card:2 card:Forward note:basic nid:a,b',
  ];

  it.each(queries)('%s prints as itself', (query) => {
    expect(formatSearch(parseSearch(query))).toBe(query);
  });

  it('normalises spelling: operator case, long property names, quoting', () => {
    expect(formatSearch(parseSearch('a and b or c'))).toBe('a b OR c');
    expect(formatSearch(parseSearch('prop:stability>=2'))).toBe('prop:s>=2');
    expect(formatSearch(parseSearch('"deck:a b"'))).toBe('deck:"a b"');
    expect(formatSearch(parseSearch('\\-x'))).toBe('"-x"');
  });
});
