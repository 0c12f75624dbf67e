// Decks as a tree by name (`Parent::Child`), and the decks a name needs so its parents exist.
import { deckSlug } from '../deck-format/parse';
import { DEFAULT_PRESET_ID } from '../scheduling/presets';
import type { Collection } from './collection';
import type { DeckRecord } from './types';

export const SEPARATOR = '::';

export function parentName(name: string): string | null {
  const at = name.lastIndexOf(SEPARATOR);
  return at < 0 ? null : name.slice(0, at);
}

export function shortName(name: string): string {
  const at = name.lastIndexOf(SEPARATOR);
  return at < 0 ? name : name.slice(at + SEPARATOR.length);
}

export function deckByName(col: Collection, name: string): DeckRecord | undefined {
  for (const deck of col.decks.values()) if (deck.name === name) return deck;
  return undefined;
}

/**
 * The deck records to create so that `name` and all its parents exist, parents first. A deck that
 * already exists by name is not repeated; `id` is used for the deck itself when given.
 */
export function decksForPath(col: Collection, name: string, at: number, id?: string, pending: DeckRecord[] = []): DeckRecord[] {
  const created: DeckRecord[] = [];
  const parts = name.split(SEPARATOR);
  for (let depth = 1; depth <= parts.length; depth++) {
    const path = parts.slice(0, depth).join(SEPARATOR);
    if (deckByName(col, path) || pending.some((deck) => deck.name === path) || created.some((deck) => deck.name === path)) continue;
    let deckId = depth === parts.length && id ? id : deckSlug(path);
    while (col.decks.has(deckId) || pending.some((deck) => deck.id === deckId) || created.some((deck) => deck.id === deckId)) deckId += '-';
    created.push({ id: deckId, name: path, presetId: DEFAULT_PRESET_ID, description: '', created: at });
  }
  return created;
}

/** Every deck id in the subtree rooted at `deckId`, the deck itself first. */
export function subtreeIds(col: Collection, deckId: string): string[] {
  const root = col.decks.get(deckId);
  if (!root) return [];
  const prefix = root.name + SEPARATOR;
  const ids = [root.id];
  for (const deck of col.decks.values()) if (deck.name.startsWith(prefix)) ids.push(deck.id);
  return ids;
}

/** The direct children of a deck (or the top-level decks for null), sorted by name. */
export function childrenOf(col: Collection, deckId: string | null): DeckRecord[] {
  const parent = deckId === null ? null : col.decks.get(deckId)?.name;
  const children: DeckRecord[] = [];
  for (const deck of col.decks.values()) if (parentName(deck.name) === (parent ?? null)) children.push(deck);
  return children.sort((a, b) => a.name.localeCompare(b.name));
}
