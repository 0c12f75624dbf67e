// What the service's domain handlers share: the collection, the clock, the calendar and the journal.
import type { Collection } from '../../core/collection/collection';
import type { JournalEvent } from '../../core/collection/events';
import type { CardRecord } from '../../core/collection/types';
import type { Calendar } from '../../core/time/study-day';

/**
 * Handed by the service to each domain's handlers (the planner, the optimizer), so a domain lives in
 * its own folder and needs nothing of the service but this.
 */
export interface ServiceContext {
  /** The collection in use; throws `data_damaged` while the data needs recovery. */
  col(): Collection;
  now(): number;
  calendar(): Calendar;
  /** Appends one event to the journal (durably) and applies it. */
  commit(event: JournalEvent): number;
  /** The review history could not be read whole: nothing may be recomputed from it. */
  historyIncomplete(): boolean;
  /** A card's question as one line of plain text, and its deck's name. */
  question(card: CardRecord, max?: number): string;
  deckName(deckId: string): string;
}
