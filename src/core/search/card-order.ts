// The order search results come in: decks in tree order by name, then each note's place, then its cards.
import type { Collection } from '../collection/collection';
import { SEPARATOR } from '../collection/deck-tree';
import type { CardRecord } from '../collection/types';

// A fixed locale, so the order does not change with the machine's language.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Deck names part by part, so `ML::Basics` comes right after `ML` and before `ML Ops`. */
export function compareDeckNames(a: string, b: string): number {
  const left = a.split(SEPARATOR);
  const right = b.split(SEPARATOR);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = collator.compare(left[i]!, right[i]!) || (left[i]! < right[i]! ? -1 : left[i]! > right[i]! ? 1 : 0);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

/**
 * Sorts cards by deck name, then the note's position (its first card's place in the new-card
 * order, which follows the deck file), then card number; ids settle anything left, so the order
 * is the same on every call. Cards of a deck that no longer exists come last.
 */
export function sortCards(col: Collection, cards: CardRecord[]): CardRecord[] {
  const decks = [...col.decks.values()].sort((a, b) => compareDeckNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const deckRank = new Map(decks.map((deck, rank) => [deck.id, rank]));
  const notePosition = new Map<string, number>();
  const positionOf = (card: CardRecord): number => {
    let position = notePosition.get(card.noteId);
    if (position === undefined) {
      position = card.position;
      for (const id of col.cardsByNote.get(card.noteId) ?? []) position = Math.min(position, col.cards.get(id)?.position ?? position);
      notePosition.set(card.noteId, position);
    }
    return position;
  };
  const keyed = cards.map((card) => ({ card, deck: deckRank.get(card.deckId) ?? decks.length, note: positionOf(card) }));
  keyed.sort(
    (a, b) =>
      a.deck - b.deck ||
      a.note - b.note ||
      (a.card.noteId < b.card.noteId ? -1 : a.card.noteId > b.card.noteId ? 1 : 0) ||
      a.card.ord - b.card.ord ||
      (a.card.id < b.card.id ? -1 : a.card.id > b.card.id ? 1 : 0),
  );
  return keyed.map((entry) => entry.card);
}

/** The collection's cards as it holds them, and where each comes in search order. */
export interface SearchOrder {
  /** The collection's cards in its own (insertion) order: notes' records lie close in memory this way. */
  cards: readonly CardRecord[];
  /** `rank[i]` is the place of `cards[i]` in `ordered`. */
  rank: Int32Array;
  /** The cards in search order, as `sortCards` gives them. */
  ordered: readonly CardRecord[];
}

interface OrderCache extends SearchOrder {
  decks: string;
  cardsRevision: number;
}

/**
 * The order is kept per collection while its cards stay where they are (`cardsRevision`: a card
 * comes, goes, or is replaced when its deck or position changes) and its decks keep their names.
 * Checking that costs nothing per card; sorting 50,000 cards, or even comparing each with the
 * order's copy, costs milliseconds every query.
 */
const orders = new WeakMap<Collection, OrderCache>();

/** The collection's cards with their search order, remembered while nothing the order depends on changes. */
export function searchOrder(col: Collection): SearchOrder {
  const decks = deckSignature(col);
  const known = orders.get(col);
  if (known && known.decks === decks && known.cardsRevision === col.cardsRevision) return known;
  const cards = [...col.cards.values()];
  const ordered = sortCards(col, cards);
  const index = new Map(cards.map((card, i) => [card, i]));
  const rank = new Int32Array(cards.length);
  ordered.forEach((card, place) => (rank[index.get(card)!] = place));
  const fresh: OrderCache = { cards, rank, ordered, decks, cardsRevision: col.cardsRevision };
  orders.set(col, fresh);
  return fresh;
}

function deckSignature(col: Collection): string {
  let signature = '';
  for (const deck of col.decks.values()) signature += `${deck.id}\u0000${deck.name}\u0001`;
  return signature;
}
