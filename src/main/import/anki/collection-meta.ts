// What a collection says besides its notes: note types, decks and scheduler version, from either schema.
import type { ImportedNoteType } from '../../../core/import/bundle';

export interface DeckInfo {
  /** With `::` between levels, whatever separator the file used. */
  name: string;
  description: string;
  /** A filtered deck only borrows cards; they belong to their original deck. */
  filtered: boolean;
}

export interface CollectionMeta {
  noteTypes: Map<number, ImportedNoteType>;
  decks: Map<number, DeckInfo>;
  /** The v1 scheduler logged learning answers with three buttons (1 again, 2 good, 3 easy). */
  schedulerV1: boolean;
}

export function noteTypeKey(id: number): string {
  return `anki:${id}`;
}

/** Anki's Default deck, which every collection has whether it is used or not. */
export const DEFAULT_DECK_ID = 1;
