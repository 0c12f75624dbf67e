// What the planner reads from the whole review history, computed once a day (or after an import) rather than at every answer.
import type { Collection } from '../../core/collection/collection';
import { reviewsByCard, type ReviewsByCard } from '../../core/history/reviews-by-card';
import { paceOf, ratingModelOf, type Pace, type RatingModel } from '../../core/planner/pace';
import { calibration } from '../../core/stats/calibration';
import { studyDay, type Calendar } from '../../core/time/study-day';
import type { Calibration } from '../../shared/planning';

interface Derived {
  key: string;
  reviews: ReviewsByCard;
  pace: Pace;
  model: RatingModel;
  calibration: Calibration | null;
}

/**
 * Pace, rating habits and calibration move slowly: a day's reviews barely change them, while
 * reading a million reviews at every answer would. They are kept for the study day, the history
 * (a restore or rebuild replaces it), its size to the nearest few thousand reviews (an import adds
 * many at once) and the weights of every preset (calibration is of the weights in use).
 */
export class HistoryCache {
  private derived: Derived | null = null;
  private historyIdentity = new WeakMap<object, number>();
  private nextIdentity = 1;

  private keyOf(col: Collection, now: number, calendar: Calendar): string {
    let identity = this.historyIdentity.get(col.history);
    if (identity === undefined) this.historyIdentity.set(col.history, (identity = this.nextIdentity++));
    const weights = [...col.presets.values()].map((preset) => `${preset.id}:${JSON.stringify(preset.weights)}`).join('|');
    return `${identity}|${studyDay(calendar, now)}|${Math.floor(col.history.activeCount / 2000)}|${weights}|${calendar.dayStartHour}`;
  }

  private get(col: Collection, now: number, calendar: Calendar): Derived {
    const key = this.keyOf(col, now, calendar);
    if (this.derived?.key !== key) {
      const reviews = reviewsByCard(col.history);
      this.derived = { key, reviews, pace: paceOf(reviews, calendar), model: ratingModelOf(reviews), calibration: null };
    }
    return this.derived;
  }

  pace(col: Collection, now: number, calendar: Calendar): Pace {
    return this.get(col, now, calendar).pace;
  }

  model(col: Collection, now: number, calendar: Calendar): RatingModel {
    return this.get(col, now, calendar).model;
  }

  reviews(col: Collection, now: number, calendar: Calendar): ReviewsByCard {
    return this.get(col, now, calendar).reviews;
  }

  /** Calibration of every card with the weights of its deck's preset now. */
  calibration(col: Collection, now: number, calendar: Calendar): Calibration {
    const derived = this.get(col, now, calendar);
    derived.calibration ??= calibration(
      derived.reviews,
      (cardId) => {
        const card = col.cards.get(cardId);
        return card ? col.presetOf(card.deckId) : undefined;
      },
      calendar,
    );
    return derived.calibration;
  }
}
