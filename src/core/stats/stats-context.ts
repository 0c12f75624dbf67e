// What every statistic is computed over, and the per-card and per-review columns they share when computed together.
import type { Collection } from '../collection/collection';
import { subtreeIds } from '../collection/deck-tree';
import type { CardRecord } from '../collection/types';
import { studyDay, type Calendar } from '../time/study-day';
import { cardRetrievabilities } from './card-retrievability';
import { DayGrid } from './day-grid';
import { knownReviewKinds } from './review-kind';

export interface StatsContext {
  col: Collection;
  now: number;
  calendar: Calendar;
  /** Only this deck and its children; all decks when absent. */
  deckId?: string;
}

/** Days the grid reaches around today; anything further is asked of the calendar directly. */
const GRID_AHEAD = 400;
const GRID_BEHIND = 400;
/** A review dated decades back (a wrong clock, a strange import) must not make the grid huge. */
const GRID_MAX_BEHIND = 40 * 366;

/**
 * A context with its precomputations, built lazily and shared: `allStats` makes one and hands it
 * to every statistic, so the review kinds or the day grid are computed once, not once per chart.
 * Any statistic given a plain context makes its own.
 */
export class StatsScope implements StatsContext {
  readonly col: Collection;
  readonly now: number;
  readonly calendar: Calendar;
  readonly deckId?: string;
  readonly today: number;
  /** The deck ids in the filter, or null for the whole collection. */
  readonly deckIds: ReadonlySet<string> | null;

  static of(context: StatsContext): StatsScope {
    return context instanceof StatsScope ? context : new StatsScope(context);
  }

  constructor(context: StatsContext) {
    this.col = context.col;
    this.now = context.now;
    this.calendar = context.calendar;
    if (context.deckId !== undefined) this.deckId = context.deckId;
    this.today = studyDay(context.calendar, context.now);
    this.deckIds = context.deckId === undefined ? null : new Set(subtreeIds(context.col, context.deckId));
  }

  private gridCache: DayGrid | null = null;
  /** Study days from the first review in the log (or 400 days back) to 400 days ahead. */
  get grid(): DayGrid {
    if (!this.gridCache) {
      const log = this.col.history;
      let earliest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < log.length; i++) if (!log.removed[i] && log.at[i]! < earliest) earliest = log.at[i]!;
      let first = this.today - GRID_BEHIND;
      if (earliest < Number.POSITIVE_INFINITY) first = Math.max(this.today - GRID_MAX_BEHIND, Math.min(first, studyDay(this.calendar, earliest)));
      this.gridCache = new DayGrid(this.calendar, first, this.today + GRID_AHEAD);
    }
    return this.gridCache;
  }

  private cardsCache: CardRecord[] | null = null;
  /** The collection's cards in the filter. */
  get cards(): readonly CardRecord[] {
    if (!this.cardsCache) {
      const cards: CardRecord[] = [];
      for (const card of this.col.cards.values()) if (this.deckIds === null || this.deckIds.has(card.deckId)) cards.push(card);
      this.cardsCache = cards;
    }
    return this.cardsCache;
  }

  private inScopeCache: Uint8Array | null = null;
  /**
   * By the log's card index: 1 when that card's reviews count. Without a deck filter every review
   * counts, even of cards a reload has since removed (the learner did study them); with a filter,
   * only cards now in the subtree, by the deck they are in now (as Anki does).
   */
  get logCardInScope(): Uint8Array {
    if (!this.inScopeCache) {
      const ids = this.col.history.cardIds;
      const inScope = new Uint8Array(ids.length);
      for (let c = 0; c < ids.length; c++) {
        if (this.deckIds === null) inScope[c] = 1;
        else {
          const card = this.col.cards.get(ids[c]!);
          inScope[c] = card && this.deckIds.has(card.deckId) ? 1 : 0;
        }
      }
      this.inScopeCache = inScope;
    }
    return this.inScopeCache;
  }

  private kindsCache: Uint8Array | null = null;
  /** `ReviewKind` of every review, by log index. */
  get reviewKinds(): Uint8Array {
    if (!this.kindsCache) this.kindsCache = knownReviewKinds(this.col.history);
    return this.kindsCache;
  }

  private daysCache: Int32Array | null = null;
  /** Study day of every review, by log index: the day-based statistics share one lookup per review. */
  get reviewDays(): Int32Array {
    if (!this.daysCache) {
      const log = this.col.history;
      const days = new Int32Array(log.length);
      this.grid.daysOf(log.at, log.length, days);
      this.daysCache = days;
    }
    return this.daysCache;
  }

  private retrievabilityCache: Float64Array | null = null;
  /** Current retrievability of each of `cards` (NaN for cards never reviewed). */
  get retrievabilities(): Float64Array {
    if (!this.retrievabilityCache) this.retrievabilityCache = cardRetrievabilities(this.col, this.cards, this.today, this.grid);
    return this.retrievabilityCache;
  }
}
