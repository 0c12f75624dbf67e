// What the undo stack puts back once a preset change has recomputed schedules: the new settings' schedules, whole.
import type { Preset } from '../../shared/dto';
import type { LoggedReview } from '../history/review-log';
import { fastReplay } from '../scheduling/fast-replay';
import type { Calendar } from '../time/study-day';
import type { Collection } from './collection';
import type { CardRecord, Schedule } from './types';

/** One undo entry's schedule for one card, as the entry (at `seq`) will put it back. */
export interface UndoSchedule {
  seq: number;
  cardId: string;
  schedule: Schedule;
}

/** A schedule is its last review's result unless the learner moved it by hand since (set due, forget). */
export function cameFromReview(schedule: Pick<Schedule, 'due' | 'lastReview'>, last: LoggedReview | undefined): boolean {
  return last !== undefined && last.due === schedule.due && schedule.lastReview === last.at;
}

/**
 * The schedules the undo stack's entries put back, recomputed with `preset` for the cards in its
 * scope. An entry holds the schedule a card had before the change; had the change not happened,
 * the preset change would have recomputed that schedule like every other. So an undo after it must
 * put back the recomputed one, not the old settings' (a card with the old stability among cards
 * with the new, or a history replayed with two sets of weights). Schedules the learner had moved
 * by hand, and new cards, are left as the preset change leaves such cards: as they are.
 */
export function undoSchedulesAfterReschedule(col: Collection, inScope: (card: CardRecord) => boolean, preset: Preset, calendar: Calendar): UndoSchedule[] {
  const out: UndoSchedule[] = [];
  for (const entry of col.undo) {
    // A preset change's own entry holds whole schedules of its own; nothing to recompute.
    if (entry.kind === 'preset') continue;
    // Bulk entries keep a schedule whole or not at all (`SCHEDULE_FIELDS`), so `due` stands for all of it.
    const befores: [string, Pick<Schedule, 'due' | 'lastReview'>][] =
      entry.kind === 'bulk'
        ? (entry.changedCards ?? []).filter((change) => change.before.due !== undefined).map((change) => [change.id, change.before as Schedule])
        : [[entry.cardId, entry.before.schedule]];
    for (const [cardId, before] of befores) {
      const card = col.cards.get(cardId);
      if (!card || !inScope(card)) continue;
      const reviews = col.history.reviewsOf(cardId).filter((review) => review.seq < entry.seq);
      if (!cameFromReview(before, reviews.at(-1))) continue;
      const schedule = fastReplay(
        reviews.map((review) => review.at),
        reviews.map((review) => review.rating),
        card.created,
        preset,
        calendar,
        cardId,
      );
      out.push({ seq: entry.seq, cardId, schedule });
    }
  }
  return out;
}
