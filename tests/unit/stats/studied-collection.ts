// A small collection studied on known days in UTC+2 with days starting at 04:00, for the statistics tests.
import { Collection, type AnswerUndo } from '../../../src/core/collection/collection';
import type { JournalEvent } from '../../../src/core/collection/events';
import { planUndo } from '../../../src/core/collection/undo-plan';
import { CardState, type CardRecord, type DeckRecord, type NoteRecord, type Schedule } from '../../../src/core/collection/types';
import { newSchedule, review, type Grade1to4 } from '../../../src/core/scheduling/scheduler';
import type { StatsContext } from '../../../src/core/stats/stats-context';
import { DAY, fixedOffsetCalendar, studyDay, studyDayStart } from '../../../src/core/time/study-day';

export const OFFSET_MINUTES = 120;
export const DAY_START_HOUR = 4;
export const calendar = fixedOffsetCalendar(OFFSET_MINUTES, DAY_START_HOUR);

/** The instant of local wall-clock time (UTC+2) on a local date; month 1-12. */
export function local(year: number, month: number, day: number, hour: number, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MINUTES * 60_000;
}

/** "Now" in every test: Tuesday 10 March 2026, 10:00 local, in the study day that began at 04:00. */
export const NOW = local(2026, 3, 10, 10);
export const TODAY = studyDay(calendar, NOW);

/** An instant `daysAgo` study days before today, at a local hour (the day begins at 04:00, so 02:00 belongs to the day before). */
export function daysAgo(days: number, hour = 12, minute = 0): number {
  const date = new Date(NOW + OFFSET_MINUTES * 60_000 - days * DAY);
  return local(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute);
}

const CREATED = local(2025, 1, 1, 9);

export interface AnswerOptions {
  durationMs?: number;
  /**
   * Make the answer give this interval (days) instead of what FSRS chose, so tests control what
   * counts as young or mature; the card becomes a review card due that many study days later.
   */
  interval?: number;
  /** Any other fields of the schedule the answer leaves (stability, difficulty, due…), set as given. */
  after?: Partial<Schedule>;
}

/** Builds a collection the way the app does: journal events through `Collection.apply`. */
export class StudiedCollection {
  readonly col = new Collection();
  /** Every event applied, in order. */
  readonly journal: JournalEvent[] = [];

  apply(event: JournalEvent): this {
    this.journal.push(event);
    this.col.apply(this.journal.length, event);
    return this;
  }

  deck(id: string, name: string, presetId = 'default'): this {
    const deck: DeckRecord = { id, name, presetId, description: '', created: CREATED };
    this.apply({ type: 'upsert', at: CREATED, source: 'test', decks: [deck], notes: [], cards: [], removedCards: [] });
    return this;
  }

  /** A note with one card `<id>/1`, new. */
  note(id: string, deckId: string, tags: string[] = [], origin: NoteRecord['origin'] = null): this {
    const note: NoteRecord = { id, deckId, type: 'basic', fields: { Front: id, Back: id }, tags, created: CREATED, modified: CREATED, origin };
    const card: CardRecord = { id: `${id}/1`, noteId: id, ord: 1, deckId, position: this.col.nextPosition, suspended: false, buriedUntilDay: null, flag: 0, created: CREATED, ...newSchedule(CREATED) };
    this.apply({ type: 'upsert', at: CREATED, source: 'test', decks: [], notes: [note], cards: [card], removedCards: [] });
    return this;
  }

  card(id: string): CardRecord {
    const card = this.col.cards.get(id);
    if (!card) throw new Error(`no card ${id}`);
    return card;
  }

  /** Answers a card at `at` with the real scheduler (its deck's preset), as the app would. */
  answer(cardId: string, rating: Grade1to4, at: number, options: AnswerOptions = {}): this {
    const card = this.card(cardId);
    const before: Schedule = { ...card };
    let after = review(before, rating, at, this.col.presetOf(card.deckId), calendar, cardId);
    if (options.interval !== undefined) {
      const due = studyDayStart(calendar, studyDay(calendar, at) + options.interval) + 6 * 3_600_000;
      after = { ...after, state: CardState.Review, scheduledDays: options.interval, due, learningSteps: 0 };
    }
    after = { ...after, ...options.after };
    this.apply({ type: 'review', at, cardId, rating, durationMs: options.durationMs ?? 10_000, prior: before.state, after });
    return this;
  }

  /** Takes back the last answer to `cardId`, as the undo button does. */
  undoLast(cardId: string): this {
    const entry = [...this.col.undo].reverse().find((u): u is AnswerUndo => (u.kind === undefined || u.kind === 'answer') && u.cardId === cardId);
    if (!entry) throw new Error(`nothing to undo for ${cardId}`);
    this.apply(planUndo(this.col, entry, NOW));
    return this;
  }

  suspend(cardId: string): this {
    this.apply({ type: 'suspend', at: NOW, cardIds: [cardId], suspended: true });
    return this;
  }

  bury(cardId: string, untilDay: number): this {
    this.apply({ type: 'bury', at: NOW, cardIds: [cardId], untilDay });
    return this;
  }

  /** Answers Good twice, ten minutes apart, on the day `daysAgo`, and sets the interval if asked: a card in review. */
  learn(cardId: string, days: number, interval?: number): this {
    this.answer(cardId, 3, daysAgo(days, 9));
    return this.answer(cardId, 3, daysAgo(days, 9, 10), interval === undefined ? {} : { interval });
  }

  context(deckId?: string): StatsContext {
    return { col: this.col, now: NOW, calendar, ...(deckId === undefined ? {} : { deckId }) };
  }
}
