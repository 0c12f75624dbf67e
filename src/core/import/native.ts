// A native deck file as an import bundle, so it is imported like every other format.
import type { ParsedDeck } from '../deck-format/parse';
import { NOTE_TYPES } from '../notes/note-types';
import type { ImportBundle } from './bundle';

export function bundleFromDeck(deck: ParsedDeck): ImportBundle {
  return {
    format: 'interleave-markdown',
    decks: [{ name: deck.header.name, description: deck.header.description }],
    noteTypes: [],
    notes: deck.notes.map((note) => ({
      key: `id:${note.id}`,
      deckName: deck.header.name,
      type: note.type,
      fields: note.fields,
      format: 'markdown' as const,
      tags: note.tags,
      cards: NOTE_TYPES[note.type].cardOrds(note.fields).map((ord) => ({ ord, suspended: false, buried: false, flag: 0, reviews: [] })),
      where: `line ${note.line}`,
    })),
    media: [],
    problems: [],
  };
}
