// Replays a data folder's journal from its first line alone, and pictures a collection for comparing.
import { Collection } from '../../src/core/collection/collection';
import type { StudyService } from '../../src/main/service/study-service';

/** A collection built from nothing but the journal: what a rebuild would give. */
export function replayJournal(service: StudyService): Collection {
  const col = new Collection();
  const { events, problem } = service.store.readAllEvents();
  if (problem) throw new Error(problem);
  for (const { seq, event } of events) col.apply(seq, event);
  return col;
}

/** Everything a collection holds, review history included, as plain data with records in id order. */
export function picture(col: Collection): unknown {
  const byId = <T extends { id: string }>(records: Iterable<T>) => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const reviews = col.history.cardIds.map((cardId) => [cardId, col.history.reviewsOf(cardId).map(({ index: _index, ...review }) => review)]);
  return JSON.parse(
    JSON.stringify({
      decks: byId(col.decks.values()),
      notes: byId(col.notes.values()),
      cards: byId(col.cards.values()),
      presets: byId(col.presets.values()),
      noteTypes: byId(col.noteTypes.values()),
      settings: col.settings,
      undo: col.undo,
      nextPosition: col.nextPosition,
      builtins: col.builtins,
      reviews,
    }),
  ) as unknown;
}
