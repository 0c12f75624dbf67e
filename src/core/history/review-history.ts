// The review history as the journal tells it: every review not taken back by an undo, per card.
import type { SequencedEvent } from '../collection/events';
import type { ReviewRecord } from '../collection/types';

/** Reviews in journal order, with undone ones removed. */
export function reviewsFromEvents(events: Iterable<SequencedEvent>, onlyCard?: string): ReviewRecord[] {
  const reviews: ReviewRecord[] = [];
  const undone = new Set<number>();
  for (const { seq, event } of events) {
    if (event.type === 'review') {
      if (onlyCard !== undefined && event.cardId !== onlyCard) continue;
      reviews.push({ seq, cardId: event.cardId, at: event.at, rating: event.rating, prior: event.prior, durationMs: event.durationMs, after: event.after });
    } else if (event.type === 'undo') {
      undone.add(event.target);
    }
  }
  return undone.size ? reviews.filter((review) => !undone.has(review.seq)) : reviews;
}

export function groupByCard(reviews: ReviewRecord[]): Map<string, ReviewRecord[]> {
  const byCard = new Map<string, ReviewRecord[]>();
  for (const review of reviews) {
    const list = byCard.get(review.cardId);
    if (list) list.push(review);
    else byCard.set(review.cardId, [review]);
  }
  return byCard;
}
