// Builds what is due: learning cards when their step is due, then reviews and new cards mixed, within limits.
import type { DeckCounts } from '../../shared/dto';
import type { Collection } from '../collection/collection';
import { childrenOf } from '../collection/deck-tree';
import { CardState, type CardRecord } from '../collection/types';
import { studyDay, studyDayStart, type Calendar } from '../time/study-day';
import { showNewNext } from './intersperse';
import { smallest } from './smallest';
import { todayActivity, type TodayActivity } from './today';

/** Learning cards due within this window are shown early when nothing else is left (Anki's default). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export interface QueueInput {
  col: Collection;
  now: number;
  calendar: Calendar;
}

export interface StudyQueue {
  /** Learning cards due now or within the learn-ahead window, earliest first. */
  learning: CardRecord[];
  /** Reviews due today within limits, most overdue first. */
  reviews: CardRecord[];
  /** New cards within limits, in deck order. */
  newCards: CardRecord[];
  counts: DeckCounts;
  /** Earliest learning card due later today, when none is due within the window. */
  nextLearningDue: number | null;
  activity: TodayActivity;
}

function isAvailable(card: CardRecord, today: number): boolean {
  return !card.suspended && (card.buriedUntilDay === null || card.buriedUntilDay <= today);
}

const tieBreaks = new Map<string, number>();

/** A stable, well-spread order among reviews due on the same day (memoised: sorting asks often). */
function tieBreak(id: string): number {
  let hash = tieBreaks.get(id);
  if (hash === undefined) {
    hash = 2166136261;
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
    hash >>>= 0;
    if (tieBreaks.size > 500_000) tieBreaks.clear();
    tieBreaks.set(id, hash);
  }
  return hash;
}

/**
 * Builds the queue for a deck and its children (or every deck for null). A deck's own limit and
 * the limits of each parent up to the chosen deck all apply: cards from a child count against
 * every ancestor's limit, as in Anki's v3 scheduler.
 */
export function buildQueue({ col, now, calendar }: QueueInput, deckId: string | null): StudyQueue {
  const activity = todayActivity(col, now, calendar);
  const today = activity.day;
  // "Due on or before today" is "due before tomorrow begins": one comparison per card, no date maths.
  const tomorrow = studyDayStart(calendar, today + 1);
  const learning: CardRecord[] = [];
  const reviews: CardRecord[] = [];
  const newCards: CardRecord[] = [];
  const notesPicked = new Set<string>(activity.notesSeen);
  let total = 0;
  let laterLearning: number | null = null;

  const doneInSubtree = (deck: string, map: Map<string, number>): number => {
    const root = col.decks.get(deck);
    if (!root) return 0;
    let sum = 0;
    for (const [id, count] of map) {
      const d = col.decks.get(id);
      if (d && (d.name === root.name || d.name.startsWith(root.name + '::'))) sum += count;
    }
    return sum;
  };

  const visit = (deck: string, newCap: number, reviewCap: number): { newTaken: number; reviewTaken: number } => {
    const preset = col.presetOf(deck);
    let newLeft = Math.min(newCap, Math.max(0, preset.newPerDay - doneInSubtree(deck, activity.newByDeck)));
    let reviewLeft = Math.min(reviewCap, Math.max(0, preset.reviewsPerDay - doneInSubtree(deck, activity.reviewsByDeck)));
    let newTaken = 0;
    let reviewTaken = 0;
    const own = col.cardsInDeck(deck);
    total += own.length;
    const dueReviews: CardRecord[] = [];
    for (const card of own) {
      if (!isAvailable(card, today)) continue;
      if (card.state === CardState.Learning || card.state === CardState.Relearning) {
        if (card.due <= now + LEARN_AHEAD_MS) learning.push(card);
        else if (card.due < tomorrow) {
          laterLearning = laterLearning === null ? card.due : Math.min(laterLearning, card.due);
        }
      } else if (card.state === CardState.Review) {
        if (card.due < tomorrow) dueReviews.push(card);
      }
    }
    // Only the first few hundred are ever taken: select them instead of sorting every due card.
    // Siblings already seen are skipped, so take some spare, and sort all if that runs out.
    const byDue = (a: CardRecord, b: CardRecord) => a.due - b.due || tieBreak(a.id) - tieBreak(b.id);
    const wanted = Number.isFinite(reviewLeft) ? reviewLeft * 2 + 50 : dueReviews.length;
    let ordered = smallest(dueReviews, wanted, byDue);
    if (ordered.length < dueReviews.length && ordered.filter((card) => !notesPicked.has(card.noteId)).length < reviewLeft) ordered = dueReviews.sort(byDue);
    for (const card of ordered) {
      if (reviewLeft <= 0) break;
      if (notesPicked.has(card.noteId)) continue;
      notesPicked.add(card.noteId);
      reviews.push(card);
      reviewLeft--;
      reviewTaken++;
    }
    for (const card of col.newCardsInDeck(deck)) {
      if (newLeft <= 0) break;
      if (card.state !== CardState.New || !isAvailable(card, today)) continue;
      if (notesPicked.has(card.noteId)) continue;
      notesPicked.add(card.noteId);
      newCards.push(card);
      newLeft--;
      newTaken++;
    }
    for (const child of childrenOf(col, deck)) {
      const taken = visit(child.id, newLeft, reviewLeft);
      newLeft -= taken.newTaken;
      reviewLeft -= taken.reviewTaken;
      newTaken += taken.newTaken;
      reviewTaken += taken.reviewTaken;
    }
    return { newTaken, reviewTaken };
  };

  const roots = deckId === null ? childrenOf(col, null) : col.decks.has(deckId) ? [col.decks.get(deckId)!] : [];
  for (const root of roots) visit(root.id, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);

  learning.sort((a, b) => a.due - b.due);
  const dueDay = new Map<CardRecord, number>();
  for (const card of reviews) dueDay.set(card, studyDay(calendar, card.due));
  reviews.sort((a, b) => dueDay.get(a)! - dueDay.get(b)! || tieBreak(a.id) - tieBreak(b.id));
  return {
    learning,
    reviews,
    newCards,
    counts: { new: newCards.length, learning: learning.length, review: reviews.length, total },
    nextLearningDue: laterLearning,
    activity,
  };
}

/** The card to show next, or null when nothing is due now. */
export function pickNext(queue: StudyQueue, now: number): CardRecord | null {
  const dueNow = queue.learning.find((card) => card.due <= now);
  if (dueNow) return dueNow;
  const done = queue.activity.summary;
  const reviewsDone = done.reviews - done.newCards;
  if (showNewNext(done.newCards, queue.newCards.length, reviewsDone, queue.reviews.length)) return queue.newCards[0]!;
  if (queue.reviews.length) return queue.reviews[0]!;
  // Nothing else left: learning cards due within the learn-ahead window come early.
  return queue.learning[0] ?? null;
}
