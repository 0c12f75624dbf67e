// The parser fed random text: a tree or a SearchSyntaxError inside the query, never a crash or a hang; trees print back exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSearch, parseSearch, searchCards, SearchSyntaxError, type SearchNode } from '../../../src/core/search';
import { CARD_STATES, COMPARISONS, type PropertyName } from '../../../src/core/search/search-node';
import { HOSTILE_QUERIES } from '../../fixtures/hostile-inputs';
import { ALL_CARDS, buildCollection } from './search-fixture';

// Pieces of the syntax, so random queries reach the interesting paths often.
const TOKENS = [
  ' ', ' ', '  ', '\t', '\u3000', '(', ')', '"', '-', ':', '\\', '\\\\', '\\"', '\\:', '\\*', '\\_', '\\(', '\\x', '*', '_', ',',
  'a', 'dog', 'Adam', 'é', '猫', '😀', 'or', 'OR', 'and', 'AND', 'deck:', 'tag:', 'is:', 'flag:', 'added:', 'edited:', 'rated:', 'introduced:',
  'prop:', 'card:', 'note:', 'preset:', 'nid:', 'cid:', 'front:', 're:', 'nc:', 'w:', 'none', 'due', 'new', 'learn', 'leech', 'ivl', 'r', 's', 'd',
  'stability', '<', '<=', '>=', '=', '!=', '>', '0', '1', '7', '8', '-3', '0.8', '.5', '1e3', '99999999999', '::', 'ML::', 'topic::kv*',
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(soup, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }));

function parseOrError(query: string): SearchNode | SearchSyntaxError {
  try {
    return parseSearch(query);
  } catch (error) {
    if (error instanceof SearchSyntaxError) return error;
    throw error;
  }
}

describe('the parser on random text', () => {
  it('gives a tree or a SearchSyntaxError whose position and length lie inside the query', () => {
    fc.assert(
      fc.property(anyText, (query) => {
        const result = parseOrError(query);
        if (result instanceof SearchSyntaxError) {
          expect(result.position).toBeGreaterThanOrEqual(0);
          expect(result.position).toBeLessThan(query.length);
          expect(result.length).toBeGreaterThanOrEqual(1);
          expect(result.position + result.length).toBeLessThanOrEqual(query.length);
          expect(result.message).toContain(` at ${result.position}`);
        } else {
          expect(result.kind).toBeTypeOf('string');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('prints every tree it makes as a query that parses to the same tree, and prints that the same way', () => {
    fc.assert(
      fc.property(anyText, (query) => {
        const tree = parseOrError(query);
        if (tree instanceof SearchSyntaxError) return;
        const printed = formatSearch(tree);
        expect(parseSearch(printed)).toEqual(tree);
        expect(formatSearch(parseSearch(printed))).toBe(printed);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads hostile queries of up to 200,000 characters to a tree or an error placed inside them', () => {
    // Their size bounds the work: a parser that rescanned the rest at each character would not finish.
    for (const query of HOSTILE_QUERIES) {
      const result = parseOrError(query);
      if (result instanceof SearchSyntaxError) {
        expect(result.message.length).toBeGreaterThan(0);
        expect(result.position).toBeGreaterThanOrEqual(0);
        expect(result.position).toBeLessThan(query.length);
      } else expect(parseSearch(formatSearch(result))).toEqual(result);
    }
  });
});

// Generated trees in the parser's normal form: and/or with two or more children, no 'all' inside.
const GLOB_PARTS = ['a', 'B', 'é', '猫', ' ', ':', '"', '(', ')', '-', '&', ',', '/', '*', '_', '\\\\', '\\*', '\\_', '::'];
const glob = fc.array(fc.constantFrom(...GLOB_PARTS), { maxLength: 8 }).map((parts) => parts.join(''));
const nonEmptyGlob = fc.array(fc.constantFrom(...GLOB_PARTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
const KEYS = new Set(['deck', 'tag', 'is', 'flag', 'added', 'edited', 'introduced', 'rated', 'prop', 'card', 'note', 'preset', 'nid', 'cid', 're', 'nc', 'sc', 'w', 'dupe', 'resched', 'has-cd', 'did', 'mid']);
const fieldName = nonEmptyGlob.filter((name) => !KEYS.has(name.toLowerCase()));
const days = fc.integer({ min: 1, max: 100_000 });
const whole = fc.integer({ min: 0, max: 2_147_483_647 });
const decimal = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((value) => value + 0);
const ids = fc.array(fc.array(fc.constantFrom('a', 'Z', '-', '/', '1', ' ', '"', ':', '\\\\'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')), { minLength: 1, maxLength: 3 });

const prop = fc.constantFrom<PropertyName>('ivl', 'due', 'reps', 'lapses', 'pos', 's', 'd', 'r').chain((name) =>
  fc.record({
    kind: fc.constant('prop' as const),
    prop: fc.constant(name),
    op: fc.constantFrom(...COMPARISONS),
    value: name === 'due' ? fc.integer({ min: -100_000, max: 100_000 }).map((value) => value + 0) : ['ivl', 'reps', 'lapses', 'pos'].includes(name) ? whole : decimal,
  }),
);

const leaf: fc.Arbitrary<SearchNode> = fc.oneof(
  nonEmptyGlob.map((text): SearchNode => ({ kind: 'text', text })),
  fc.record({ field: fieldName, text: glob }).map(({ field, text }): SearchNode => ({ kind: 'field', field, text })),
  glob.map((deck): SearchNode => ({ kind: 'deck', deck })),
  glob.map((tag): SearchNode => ({ kind: 'tag', tag })),
  fc.constantFrom(...CARD_STATES).map((state): SearchNode => ({ kind: 'is', state })),
  fc.integer({ min: 0, max: 7 }).map((flag): SearchNode => ({ kind: 'flag', flag })),
  fc.record({ kind: fc.constantFrom('added' as const, 'edited' as const, 'introduced' as const), days }),
  fc.record({ kind: fc.constant('rated' as const), days, rating: fc.constantFrom(null, 1 as const, 2 as const, 3 as const, 4 as const) }),
  prop,
  fc.integer({ min: 1, max: 2_147_483_647 }).map((ord): SearchNode => ({ kind: 'card', ord })),
  glob.filter((name) => !/^\d+$/.test(name)).map((name): SearchNode => ({ kind: 'card-name', name })),
  glob.map((name): SearchNode => ({ kind: 'note-type', name })),
  glob.map((name): SearchNode => ({ kind: 'preset', name })),
  ids.map((list): SearchNode => ({ kind: 'note-id', ids: list })),
  ids.map((list): SearchNode => ({ kind: 'card-id', ids: list })),
);

const { tree } = fc.letrec<{ tree: SearchNode }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((nodes): SearchNode => ({ kind: 'and', nodes })),
    fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map((nodes): SearchNode => ({ kind: 'or', nodes })),
    tie('tree').map((node): SearchNode => ({ kind: 'not', node })),
  ),
}));

describe('printing trees', () => {
  it('parseSearch(formatSearch(tree)) is the tree', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(parseSearch(formatSearch(node))).toEqual(node);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('running any query', () => {
  const { context } = buildCollection();

  it('runs every tree over a collection without an error, giving known card ids', () => {
    const known = new Set(ALL_CARDS);
    fc.assert(
      fc.property(tree, (node) => {
        const ids = searchCards(context, node);
        expect(ids.every((id) => known.has(id))).toBe(true);
        expect(new Set(ids).size).toBe(ids.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('runs every random query that parses', () => {
    fc.assert(
      fc.property(anyText, (query) => {
        const tree = parseOrError(query);
        if (!(tree instanceof SearchSyntaxError)) searchCards(context, tree);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the boolean laws over a real collection', () => {
  const { context } = buildCollection();
  const QUERIES = [
    'is:new', 'is:due', 'is:review', 'is:learn', 'is:suspended', 'deck:ML', 'deck:"LLMs & RAG"', 'tag:topic', 'tag:none', 'flag:0', 'rated:2',
    'prop:r<0.9', 'prop:ivl>=7', 'gradient', 'front:*a*', 'card:2', 'note:basic', 'added:4', 'introduced:7', 'prop:due<=0',
  ];
  const query = fc.constantFrom(...QUERIES);
  const run = (q: string) => new Set(searchCards(context, q));

  it('NOT is the complement, AND the intersection, OR the union', () => {
    fc.assert(
      fc.property(query, query, (a, b) => {
        const left = run(a);
        const right = run(b);
        expect(run(`-(${a})`)).toEqual(new Set(ALL_CARDS.filter((id) => !left.has(id))));
        expect(run(`(${a}) (${b})`)).toEqual(new Set([...left].filter((id) => right.has(id))));
        expect(run(`(${a}) OR (${b})`)).toEqual(new Set([...left, ...right]));
      }),
      { numRuns: 200 },
    );
  });
});
