// Card search for the browser, the CLI and filtered study: a query in, matching card ids out, in a stable order.
import { cardsInOrder } from './card-order';
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
  const test = compileSearch(context, node);
  const ids: string[] = [];
  for (const card of cardsInOrder(context.col)) if (test(card)) ids.push(card.id);
  return ids;
}
