// Search over 50,000 cards: every query's answer agrees with a plain filter over the records (timings are in `npm run bench`).
import { describe, expect, it } from 'vitest';
import { Collection, defaultSettings } from '../../../src/core/collection/collection';
import { CardState, type CardRecord, type DeckRecord, type NoteRecord } from '../../../src/core/collection/types';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { retrievability } from '../../../src/core/scheduling/scheduler';
import { LEARN_AHEAD_MS } from '../../../src/core/queue/study-queue';
import { prepareSearch, searchCards, type SearchContext } from '../../../src/core/search';
import { searchableFields } from '../../../src/core/search/searchable-text';
import { fixedOffsetCalendar, studyDay, studyDayStart } from '../../../src/core/time/study-day';

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
  const search = (query: string) => searchCards(context, query);
  const from = (days: number) => studyDayStart(calendar, today - days + 1);

  // The plain filters below read the same searchable text the engine reads (its rules have their
  // own tests): what is checked here is the query language over a large collection.
  const textOf = (card: CardRecord) => searchableFields(col.notes.get(card.noteId)!, undefined);
  const field = (card: CardRecord, name: string) => {
    const { names, values } = textOf(card);
    return names.includes(name) ? values[names.indexOf(name)]! : null;
  };
  const tags = (card: CardRecord) => col.notes.get(card.noteId)!.tags.map((tag) => tag.toLowerCase());
  const reviews = (card: CardRecord) => col.history.reviewsOf(card.id);
  const r = (card: CardRecord) => retrievability(card, NOW, col.presetOf(card.deckId), calendar);
  const due = (card: CardRecord) =>
    !card.suspended &&
    (card.state === CardState.Review ? studyDay(calendar, card.due) <= today : (card.state === CardState.Learning || card.state === CardState.Relearning) && card.due <= NOW + LEARN_AHEAD_MS);

  /** The query finds exactly the cards the filter keeps, and the filter keeps some (else it proves nothing). */
  function expectFinds(query: string, filter: (card: CardRecord) => boolean): void {
    const expected = cards.filter(filter).map((card) => card.id);
    expect(expected.length, query).toBeGreaterThan(0);
    expect(new Set(search(query)), query).toEqual(new Set(expected));
  }

  it('answers like plain filters over the records, for state, decks, properties and text', () => {
    expect(col.cards.size).toBeGreaterThanOrEqual(50_000);
    expectFinds('gradient', (card) => Object.values(col.notes.get(card.noteId)!.fields).some((text) => text.toLowerCase().includes('gradient')));
    expectFinds('"gradient descent" soft*x', (card) => textOf(card).text.includes('gradient descent') && /soft.*x/s.test(textOf(card).text));
    expectFinds('front:*attention*', (card) => field(card, 'front')?.includes('attention') ?? false);
    expectFinds('is:new', (card) => card.state === CardState.New);
    expectFinds('is:due', due);
    expectFinds('deck:ML -deck:ML::*', (card) => card.deckId === 'ML');
    expectFinds('tag:topic::cache*', (card) => tags(card).some((tag) => tag.startsWith('topic::cache')));
    expectFinds('prop:r<0.8', (card) => (r(card) ?? 1) < 0.8);
    expectFinds('prop:ivl>=30', (card) => card.state !== CardState.New && card.scheduledDays >= 30);
    expectFinds('prop:due<0', (card) => card.state !== CardState.New && studyDay(calendar, card.due) < today);
    expectFinds('rated:7', (card) => reviews(card).some((review) => review.at >= from(7)));
    expectFinds('rated:30:1', (card) => reviews(card).some((review) => review.at >= from(30) && review.rating === 1));
    expectFinds('introduced:30', (card) => reviews(card).length > 0 && Math.min(...reviews(card).map((review) => review.at)) >= from(30));
    expectFinds('added:30 flag:1', (card) => card.created >= from(30) && card.flag === 1);
    expectFinds(
      'deck:ML* (tag:topic::kv* OR is:due) -is:suspended prop:r<0.9',
      (card) =>
        col.decks.get(card.deckId)!.name.toLowerCase().startsWith('ml') &&
        (tags(card).some((tag) => tag.startsWith('topic::kv')) || due(card)) &&
        !card.suspended &&
        (r(card) ?? 1) < 0.9,
    );
    expectFinds(
      '(variance OR entropy) -tag:leech is:review',
      (card) =>
        (textOf(card).text.includes('variance') || textOf(card).text.includes('entropy')) &&
        !tags(card).some((tag) => tag === 'leech' || tag.startsWith('leech::')) &&
        (card.state === CardState.Review || card.state === CardState.Relearning),
    );
  });

  it('can read all note text ahead of the first search, and finds the same cards after it', () => {
    const fresh = Collection.fromData(JSON.parse(JSON.stringify(col.toData())) as ReturnType<Collection['toData']>);
    prepareSearch(fresh);
    const ids = searchCards({ col: fresh, now: NOW, calendar }, 'gradient');
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(search('gradient'));
  });
});
