// The study queue kept from one answer to the next: building it walks every card, an answer moves one.
import type { Collection } from '../../core/collection/collection';
import type { ReviewEvent } from '../../core/collection/events';
import { queueAfterAnswer, ScanOrder, stillCurrent } from '../../core/queue/after-answer';
import { buildQueue, type StudyQueue } from '../../core/queue/study-queue';
import type { Calendar } from '../../core/time/study-day';

interface Kept {
  col: Collection;
  deckId: string | null;
  /** The journal sequence the queue is current at. */
  seq: number;
  /** The latest moment the queue was asked for: a clock set back builds it again. */
  at: number;
  queue: StudyQueue;
  order: ScanOrder | null;
  /** An answer committed since, worked into the queue when it is next asked for. */
  pending: { seq: number; event: ReviewEvent } | null;
}

/**
 * Building the queue of 50,000 cards at every answer was most of the time from a key press to the
 * next card. So the queue of the decks last studied is kept, and each answer the service commits
 * is worked into it (`queueAfterAnswer`); any other change to the collection (an edit, a suspend,
 * an undo, an import, settings) is noticed by the journal sequence having moved on, and the queue
 * is built again, as it is on a new day or when a learning card comes due.
 */
export class QueueTracker {
  private kept: Kept | null = null;

  queue(col: Collection, now: number, calendar: Calendar, deckId: string | null): StudyQueue {
    const kept = this.current(col, now, calendar, deckId);
    if (kept) {
      kept.at = now;
      return kept.queue;
    }
    const queue = buildQueue({ col, now, calendar }, deckId);
    this.kept = { col, deckId, seq: col.appliedSeq, at: now, queue, order: null, pending: null };
    return queue;
  }

  /** An answer the service just committed as `seq`. */
  answered(seq: number, event: ReviewEvent): void {
    const kept = this.kept;
    if (!kept || kept.pending || kept.seq !== seq - 1) this.kept = null;
    else kept.pending = { seq, event };
  }

  private current(col: Collection, now: number, calendar: Calendar, deckId: string | null): Kept | null {
    const kept = this.kept;
    if (!kept || kept.col !== col || kept.deckId !== deckId || now < kept.at) return null;
    if (kept.pending) {
      const { seq, event } = kept.pending;
      const card = col.cards.get(event.cardId);
      kept.order ??= new ScanOrder(col, deckId);
      const queue = seq === col.appliedSeq && card ? queueAfterAnswer(kept.queue, now, calendar, col, { card, prior: event.prior, rating: event.rating, durationMs: event.durationMs }, kept.order) : null;
      if (!queue) return (this.kept = null);
      Object.assign(kept, { queue, seq, pending: null });
    }
    return kept.seq === col.appliedSeq && stillCurrent(kept.queue, now, calendar) ? kept : null;
  }
}
