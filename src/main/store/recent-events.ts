// What the latest journal events touched, in brief: a long task planned against the collection asks whether its plan still holds.
import type { Collection } from '../../core/collection/collection';
import type { JournalEvent } from '../../core/collection/events';

/** An answer names its card and note; anything else may have changed anything. */
export type Touched = { seq: number; card: string; note: string } | { seq: number; anything: true };

/** The last events are remembered this far back; a task that waited longer plans again. */
const KEPT = 50_000;

export class RecentEvents {
  private touched: Touched[] = [];

  note(seq: number, event: JournalEvent, col: Collection): void {
    const card = event.type === 'review' ? col.cards.get(event.cardId) : undefined;
    this.touched.push(card ? { seq, card: card.id, note: card.noteId } : { seq, anything: true });
    if (this.touched.length > 2 * KEPT) this.touched = this.touched.slice(-KEPT);
  }

  /** What the events after `seq` touched, oldest first; null when they are no longer all remembered. */
  since(seq: number): Touched[] | null {
    const first = this.touched.findIndex((entry) => entry.seq > seq);
    if (first < 0) return [];
    if (first === 0 && this.touched[0]!.seq !== seq + 1) return null;
    return this.touched.slice(first);
  }
}
