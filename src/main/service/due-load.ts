// How many review cards fall due on each study day: what load balancing reads at every answer, kept up to date cheaply.
import type { Collection } from '../../core/collection/collection';
import { CardState, type Schedule } from '../../core/collection/types';
import { easyDayWeight, type DueLoad } from '../../core/scheduling/load-balance';
import { studyDay, type Calendar } from '../../core/time/study-day';

/**
 * Counting 50,000 cards at every answer would cost more than the answer; so the counts are built
 * once and then moved by each answer (one card leaves its old day, joins its new one). Any other
 * change to the collection (an import, a bulk change, an undo) is noticed by the journal sequence
 * having moved on, and the counts are built again on next use.
 */
export class DueLoadTracker {
  private counts = new Map<number, number>();
  private seq = -1;
  private key = '';

  load(col: Collection, calendar: Calendar): DueLoad | null {
    if (!col.settings.loadBalance) return null;
    const key = `${calendar.dayStartHour}`;
    if (this.seq !== col.appliedSeq || this.key !== key) {
      this.counts.clear();
      for (const card of col.cards.values()) if (card.state === CardState.Review && !card.suspended) this.add(studyDay(calendar, card.due), 1);
      this.seq = col.appliedSeq;
      this.key = key;
    }
    const counts = this.counts;
    return { countOn: (day) => counts.get(day) ?? 0, weightOf: easyDayWeight(calendar, col.settings.easyDays) };
  }

  /** An answer the service just committed as `seq`: moves the card between days if the counts were current. */
  answered(before: Schedule, after: Schedule, seq: number, calendar: Calendar): void {
    if (this.seq !== seq - 1) return;
    if (before.state === CardState.Review) this.add(studyDay(calendar, before.due), -1);
    if (after.state === CardState.Review) this.add(studyDay(calendar, after.due), 1);
    this.seq = seq;
  }

  private add(day: number, delta: number): void {
    this.counts.set(day, (this.counts.get(day) ?? 0) + delta);
  }
}
