// Search over 50,000 cards: the answers agree with plain filters, and the time of each query is logged (never asserted).
import { describe, expect, it } from 'vitest';
import { Collection, defaultSettings } from '../../../src/core/collection/collection';
import { CardState, type CardRecord, type DeckRecord, type NoteRecord } from '../../../src/core/collection/types';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { retrievability } from '../../../src/core/scheduling/scheduler';
import { prepareSearch, searchCards, type SearchContext } from '../../../src/core/search';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 2, 10, 0);
const calendar = fixedOffsetCalendar(60, 4);

/** A deterministic pseudo-random sequence, so every run builds the same collection. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = 'gradient descent attention softmax transformer embedding variance bias regularisation dropout batch norm layer kernel convolution recurrent token vocabulary entropy logits sampling temperature beam retrieval index vector cache memory latency throughput'.split(' ');

function buildLargeCollection(cardCount: number): Collection {
  const next = random(42);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const sentence = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ');
  const decks: DeckRecord[] = [];
  for (const top of ['ML', 'MLOps', 'LLMs & RAG', 'Statistics', 'Systems']) {
    decks.push({ id: top, name: top, presetId: 'default', description: '', created: NOW - 400 * DAY });
    for (let i = 0; i < 9; i++) decks.push({ id: `${top}::${i}`, name: `${top}::Part ${i}`, presetId: 'default', description: '', created: NOW - 400 * DAY });
  }
  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  let position = 0;
  while (cards.length < cardCount) {
    const n = notes.length;
    const deck = pick(decks);
    const kind = next();
    const tags = [`topic::${pick(WORDS)}`, ...(next() < 0.3 ? [`topic::${pick(WORDS)}::${pick(WORDS)}`] : []), ...(next() < 0.02 ? ['leech'] : [])];
    const note: NoteRecord =
      kind < 0.6
        ? {
            id: `n${n}`,
            deckId: deck.id,
            type: 'basic',
            fields: { Front: `What is **${pick(WORDS)}** in ${sentence(6)}?`, Back: `${sentence(25)}, with $\\sigma(x_i) = ${pick(WORDS)}$ and <b>${pick(WORDS)}</b>.`, Source: '' },
            tags,
            created: NOW - 300 * DAY,
            modified: NOW - Math.floor(next() * 300) * DAY,
            origin: null,
          }
        : kind < 0.85
          ? {
              id: `n${n}`,
              deckId: deck.id,
              type: 'cloze',
              fields: { Text: `${sentence(8)} {{c1::${pick(WORDS)}}} ${sentence(8)} {{c2::${pick(WORDS)}::hint}} ${sentence(5)}`, Extra: sentence(10), Source: '' },
              tags,
              created: NOW - 300 * DAY,
              modified: NOW - 300 * DAY,
              origin: null,
            }
          : {
              id: `n${n}`,
              deckId: deck.id,
              type: 'reverse',
              fields: { Front: pick(WORDS), Back: sentence(12), Source: 'https://example.org/paper' },
              tags,
              created: NOW - 300 * DAY,
              modified: NOW - 300 * DAY,
              origin: null,
            };
    notes.push(note);
    for (let ord = 1; ord <= (note.type === 'basic' ? 1 : 2); ord++) {
      const roll = next();
      const reviewed = roll > 0.3;
      const state = !reviewed ? CardState.New : roll < 0.35 ? CardState.Learning : roll < 0.38 ? CardState.Relearning : CardState.Review;
      const interval = Math.floor(next() * 120);
      const lastReview = reviewed ? NOW - Math.floor(next() * 200) * DAY - 3_600_000 : null;
      cards.push({
        id: `n${n}/${ord}`,
        noteId: note.id,
        ord,
        deckId: note.deckId,
        position: position++,
        suspended: next() < 0.03,
        buriedUntilDay: null,
        flag: next() < 0.05 ? 1 + Math.floor(next() * 7) : 0,
        created: NOW - Math.floor(next() * 300) * DAY,
        state,
        due: reviewed ? (lastReview ?? NOW) + interval * DAY : NOW,
        stability: reviewed ? 0.5 + next() * 100 : 0,
        difficulty: reviewed ? 1 + next() * 9 : 0,
        scheduledDays: state === CardState.Review ? interval : 0,
        learningSteps: 0,
        reps: reviewed ? 1 + Math.floor(next() * 20) : 0,
        lapses: reviewed ? Math.floor(next() * 4) : 0,
        lastReview,
      });
    }
  }
  // Through JSON, as the app loads its snapshot: strings as the app would hold them.
  const data = { decks, notes, cards, presets: [defaultPreset()], settings: defaultSettings(), undo: [], nextPosition: position, builtins: {} };
  const col = Collection.fromData(JSON.parse(JSON.stringify(data)) as typeof data);
  // About six reviews per studied card, in time order over the last 200 days.
  const studied = [...col.cards.values()].filter((card) => card.lastReview !== null);
  const total = studied.length * 6;
  for (let i = 0; i < total; i++) {
    const card = studied[Math.floor(next() * studied.length)]!;
    col.history.append(i + 1, {
      type: 'review',
      at: NOW - 200 * DAY + Math.floor((i / total) * 200 * DAY),
      cardId: card.id,
      rating: (1 + Math.floor(next() * 4)) as 1 | 2 | 3 | 4,
      durationMs: 4000,
      prior: CardState.Review,
      after: card,
    });
  }
  return col;
}

describe('search over 50,000 cards', () => {
  const col = buildLargeCollection(50_000);
  const context: SearchContext = { col, now: NOW, calendar };
  const today = studyDay(calendar, NOW);
  const cards = [...col.cards.values()];

  /** Runs a query, logs how long it took (first run, then the best of a few), returns the ids. */
  function timed(query: string): string[] {
    let started = performance.now();
    const ids = searchCards(context, query);
    const first = performance.now() - started;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      started = performance.now();
      searchCards(context, query);
      best = Math.min(best, performance.now() - started);
    }
    console.log(`search bench: ${query.padEnd(44)} ${String(ids.length).padStart(6)} cards  first ${first.toFixed(1)} ms  best ${best.toFixed(1)} ms`);
    return ids;
  }

  it('answers like plain filters over the records, for state, decks, properties and text', () => {
    expect(col.cards.size).toBeGreaterThanOrEqual(50_000);
    const sameSet = (ids: string[], expected: CardRecord[]) => expect(new Set(ids)).toEqual(new Set(expected.map((card) => card.id)));

    sameSet(
      timed('gradient'),
      cards.filter((card) => Object.values(col.notes.get(card.noteId)!.fields).some((text) => text.toLowerCase().includes('gradient'))),
    );
    timed('"gradient descent" soft*x');
    timed('front:*attention*');
    sameSet(timed('is:new'), cards.filter((card) => card.state === CardState.New));
    timed('is:due');
    sameSet(
      timed('deck:ML -deck:ML::*'),
      cards.filter((card) => card.deckId === 'ML'),
    );
    sameSet(
      timed('tag:topic::cache*'),
      cards.filter((card) => col.notes.get(card.noteId)!.tags.some((tag) => tag === 'topic::cache' || tag.startsWith('topic::cache::'))),
    );
    sameSet(
      timed('prop:r<0.8'),
      cards.filter((card) => {
        const r = retrievability(card, NOW, col.presetOf(card.deckId), calendar);
        return r !== null && r < 0.8;
      }),
    );
    sameSet(timed('prop:ivl>=30'), cards.filter((card) => card.state !== CardState.New && card.scheduledDays >= 30));
    sameSet(
      timed('prop:due<0'),
      cards.filter((card) => card.state !== CardState.New && studyDay(calendar, card.due) < today),
    );
    timed('rated:7');
    timed('rated:30:1');
    timed('introduced:30');
    timed('added:30 flag:1');
    timed('deck:ML* (tag:topic::kv* OR is:due) -is:suspended prop:r<0.9');
    timed('(variance OR entropy) -tag:leech is:review');
  });

  it('can read all note text ahead of the first search', () => {
    const fresh = Collection.fromData(JSON.parse(JSON.stringify(col.toData())) as ReturnType<Collection['toData']>);
    let started = performance.now();
    prepareSearch(fresh);
    console.log(`search bench: prepareSearch over ${fresh.cards.size} cards ${(performance.now() - started).toFixed(1)} ms`);
    started = performance.now();
    const ids = searchCards({ col: fresh, now: NOW, calendar }, 'gradient');
    console.log(`search bench: first text search after it ${(performance.now() - started).toFixed(1)} ms`);
    expect(ids).toEqual(searchCards(context, 'gradient'));
  });
});
