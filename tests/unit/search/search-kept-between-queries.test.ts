// What a search keeps from one query to the next (the order, each card's note and text, its history column) follows every change to the collection.
import { describe, expect, it, vi } from 'vitest';
import { scheduleOf } from '../../../src/core/collection/collection';
import { CardState } from '../../../src/core/collection/types';
import { searchCards } from '../../../src/core/search';
import * as searchableText from '../../../src/core/search/searchable-text';
import { buildCollection, NOW } from './search-fixture';

// Counts how often a note's text is worked out, leaving what it does unchanged.
vi.mock('../../../src/core/search/searchable-text', async (original) => {
  const real = await original<typeof import('../../../src/core/search/searchable-text')>();
  return { ...real, searchableFields: vi.fn(real.searchableFields) };
});
const readsOfText = vi.mocked(searchableText.searchableFields);

const find = (context: ReturnType<typeof buildCollection>['context'], query: string) => searchCards(context, query).sort();

describe('searching again after the collection changed', () => {
  it('finds an edited note by its new text, and no longer by its old', () => {
    const { col, context } = buildCollection();
    expect(find(context, 'tensor')).toEqual(['n-tensor/1']);
    col.apply(col.appliedSeq + 1, { type: 'note-edit', at: NOW, noteId: 'n-tensor', fields: { Front: 'What is a matrix?', Back: 'A 2-D array' }, tags: ['TOPIC'], addedCards: [], removedCards: [] });
    expect(find(context, 'tensor')).toEqual([]);
    expect(find(context, 'matrix')).toEqual(['n-tensor/1']);
  });

  it('finds a note an answer tagged as a leech', () => {
    const { col, context } = buildCollection();
    expect(find(context, 'tag:leech')).toEqual(['n-kv/1']);
    const card = col.cards.get('n-sgd/1')!;
    col.apply(col.appliedSeq + 1, { type: 'review', at: NOW, cardId: card.id, rating: 1, durationMs: 1000, prior: CardState.Review, after: { ...scheduleOf(card), lapses: 8 }, leech: true });
    expect(find(context, 'tag:leech')).toEqual(['n-kv/1', 'n-sgd/1']);
  });

  it('puts a card moved to another deck, and the cards of a renamed deck, in their new place', () => {
    const { col, context } = buildCollection();
    const before = searchCards(context, '');
    expect(before[0]).toBe('n-attn/1'); // "LLMs & RAG" comes first
    const tensor = col.cards.get('n-tensor/1')!;
    col.apply(col.appliedSeq + 1, { type: 'bulk', at: NOW, label: 'move 1 card', cards: [{ ...tensor, deckId: 'llm' }], notes: [], removedCards: [], removedNotes: [] });
    expect(searchCards(context, 'deck:llm*')).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1', 'n-tensor/1']);
    const llm = col.decks.get('llm')!;
    col.apply(col.appliedSeq + 1, { type: 'bulk', at: NOW, label: 'rename deck', cards: [], notes: [], removedCards: [], removedNotes: [], decks: [{ ...llm, name: 'Zeta' }] });
    expect(searchCards(context, '').slice(-4)).toEqual(['n-attn/1', 'n-attn/2', 'n-kv/1', 'n-tensor/1']);
  });

  it('finds a card answered for the first time since the last search by when it was answered', () => {
    const { col, context } = buildCollection();
    expect(find(context, 'rated:1')).toEqual(['n-attn/1', 'n-attn/2']);
    const card = col.cards.get('n-bias/1')!;
    col.apply(col.appliedSeq + 1, { type: 'review', at: NOW, cardId: card.id, rating: 3, durationMs: 1000, prior: CardState.New, after: { ...scheduleOf(card), state: CardState.Learning, reps: 1, lastReview: NOW } });
    expect(find(context, 'rated:1')).toEqual(['n-attn/1', 'n-attn/2', 'n-bias/1']);
    expect(find(context, 'introduced:1')).toEqual(['n-attn/1', 'n-bias/1']);
  });
});

describe('the work a query repeats', () => {
  it('works out each note’s text once, not again for every query while the notes stay as they are', () => {
    const { col, context } = buildCollection();
    searchCards(context, 'gradient');
    readsOfText.mockClear();
    expect(find(context, 'tensor')).toEqual(['n-tensor/1']);
    expect(find(context, 'front:adam')).toEqual(['n-adam/1', 'n-adam/2']);
    // Answers change schedules, never notes: the text read before still holds.
    const card = col.cards.get('n-sgd/1')!;
    col.apply(col.appliedSeq + 1, { type: 'review', at: NOW, cardId: card.id, rating: 3, durationMs: 1000, prior: CardState.Review, after: { ...scheduleOf(card), reps: 5 } });
    expect(find(context, '"mini-batch"')).toEqual(['n-sgd/1']);
    expect(readsOfText).not.toHaveBeenCalled();
  });
});
