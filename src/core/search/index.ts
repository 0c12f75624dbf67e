// The card search language (Anki's syntax): parse, print back, compile and run. See docs/search.md.
export { prepareSearch, preparingSearch, searchCards, type SearchContext } from './search-cards';
export { parseSearch } from './parse-search';
export { formatSearch } from './format-search';
export { compileSearch, type CardTest } from './compile-search';
export { SearchSyntaxError } from './search-syntax-error';
export { searchOrder, sortCards } from './card-order';
export { cardSlots, type CardSlots } from './card-slots';
export type { CardStateName, Comparison, Glob, PropertyName, Rating, SearchNode } from './search-node';
export { CARD_STATES, COMPARISONS, PROPERTIES } from './search-node';
