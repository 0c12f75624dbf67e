// Card search for the browser, the CLI and filtered study: a query in, matching card ids out, in a stable order.
import type { Collection } from '../collection/collection';
import { searchOrder } from './card-order';
import { cardSlots } from './card-slots';
import { compileSearch, type SearchContext } from './compile-search';
import { parseSearch } from './parse-search';
import type { SearchNode } from './search-node';

export type { SearchContext };

/**
 * Ids of the cards matching `query` (text, parsed here, or a tree parsed before), ordered by deck
 * name, then note position, then card number. Throws SearchSyntaxError for malformed text.
 */
export function searchCards(context: SearchContext, query: string | SearchNode): string[] {
  const node = typeof query === 'string' ? parseSearch(query) : query;
  // Cards are tested in the collection's own order, where a note's records lie close together in
  // memory (much faster over 50,000 cards), and read out in search order through their ranks.
  const order = searchOrder(context.col);
  const test = compileSearch(context, node, cardSlots(context.col, order));
  const { cards, rank, ordered } = order;
  const hits = new Uint8Array(cards.length);
  for (let i = 0; i < cards.length; i++) if (test(cards[i]!, i)) hits[rank[i]!] = 1;
  const ids: string[] = [];
  for (let place = 0; place < hits.length; place++) if (hits[place]) ids.push(ordered[place]!.id);
  return ids;
}

/**
 * Does now what the first search would otherwise do: read every note's text without markup and
 * order the cards (a few hundred milliseconds for 50,000 cards, kept until notes or cards change).
 * For an idle moment after opening, so the first search typed is as quick as the next.
 */
export function prepareSearch(col: Collection): void {
  for (const _slice of preparingSearch(col));
}

/**
 * prepareSearch a slice at a time: it pauses (yields) after ordering the cards and after every
 * `slice` notes, so that a caller with other work (a window waiting for its decks) can do it in
 * between instead of waiting the whole second that 50,000 notes take.
 */
export function* preparingSearch(col: Collection, slice = 500): Generator<void, void, void> {
  const slots = cardSlots(col, searchOrder(col));
  yield;
  for (let i = 0; i < slots.notes.length; i++) {
    const note = slots.notes[i];
    if (note) slots.fields(i, note);
    if ((i + 1) % slice === 0) yield;
  }
}
