// What the learner did today: the figures behind daily limits, sibling burying and the home screen.
import type { TodaySummary } from '../../shared/dto';
import type { Collection } from '../collection/collection';
import { CardState } from '../collection/types';
import { studyDay, studyDayStart, type Calendar } from '../time/study-day';
import { NotesSeen } from './notes-seen';

export interface TodayActivity {
  day: number;
  /** New cards introduced today, per deck id. */
  newByDeck: Map<string, number>;
  /** Reviews of review-state cards today, per deck id. */
  reviewsByDeck: Map<string, number>;
  /** Notes with a card answered today: their other cards wait until tomorrow. */
  notesSeen: NotesSeen;
  summary: TodaySummary;
}

export function todayActivity(col: Collection, now: number, calendar: Calendar): TodayActivity {
  const day = studyDay(calendar, now);
  const newByDeck = new Map<string, number>();
  const reviewsByDeck = new Map<string, number>();
  const seen: string[] = [];
  const summary: TodaySummary = { day, reviews: 0, newCards: 0, againCount: 0, timeMs: 0 };
  for (const review of col.history.since(studyDayStart(calendar, day))) {
    if (studyDay(calendar, review.at) !== day) continue;
    summary.reviews++;
    summary.timeMs += review.durationMs;
    if (review.rating === 1) summary.againCount++;
    // Limits count by the deck a card is in now, as Anki does.
    const card = col.cards.get(review.cardId);
    if (!card) continue;
    seen.push(card.noteId);
    if (review.prior === CardState.New) {
      summary.newCards++;
      newByDeck.set(card.deckId, (newByDeck.get(card.deckId) ?? 0) + 1);
    } else if (review.prior === CardState.Review) {
      reviewsByDeck.set(card.deckId, (reviewsByDeck.get(card.deckId) ?? 0) + 1);
    }
  }
  return { day, newByDeck, reviewsByDeck, notesSeen: NotesSeen.of(seen), summary };
}
