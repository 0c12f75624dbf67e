// A queue of chosen cards (the cards most at risk before an interview): each studied once today, early if need be.
import type { Collection } from '../collection/collection';
import { CardState, type CardRecord } from '../collection/types';
import { studyDay, type Calendar } from '../time/study-day';
import { isAvailable, LEARN_AHEAD_MS, type StudyQueue } from './study-queue';
import { todayActivity } from './today';

/**
 * The cards named, in the order named, that are not suspended or buried and were not answered
 * today: a review before its due date is what "study the cards at risk" asks for. A card that goes
 * into learning comes back when its step is due, as anywhere else.
 */
export function cardListQueue(col: Collection, now: number, calendar: Calendar, cardIds: readonly string[]): StudyQueue {
  const activity = todayActivity(col, now, calendar);
  const today = activity.day;
  const learning: CardRecord[] = [];
  const reviews: CardRecord[] = [];
  const newCards: CardRecord[] = [];
  let later: number | null = null;
  for (const id of cardIds) {
    const card = col.cards.get(id);
    if (!card || !isAvailable(card, today)) continue;
    if (card.state === CardState.Learning || card.state === CardState.Relearning) {
      if (card.due <= now + LEARN_AHEAD_MS) learning.push(card);
      else later = later === null ? card.due : Math.min(later, card.due);
    } else if (card.lastReview !== null && studyDay(calendar, card.lastReview) >= today) continue;
    else if (card.state === CardState.New) newCards.push(card);
    else reviews.push(card);
  }
  learning.sort((a, b) => a.due - b.due);
  return {
    learning,
    reviews,
    newCards,
    counts: { new: newCards.length, learning: learning.length, review: reviews.length, total: cardIds.length },
    nextLearningDue: later,
    // Reviews first: these cards were chosen for being weak, not new.
    progress: { newDone: 0, reviewsDone: Number.MAX_SAFE_INTEGER },
    activity,
  };
}
