// The study queue after one answer, worked out from the queue the card was answered from: what building it again would give, without going over every card.
import type { Collection } from '../collection/collection';
import { childrenOf, parentName } from '../collection/deck-tree';
import type { Grade } from '../collection/events';
import { CardState, type CardRecord } from '../collection/types';
import { studyDay, studyDayStart, type Calendar } from '../time/study-day';
import { isAvailable, LEARN_AHEAD_MS, type StudyQueue } from './study-queue';
import type { TodayActivity } from './today';

/** One answer, as the journal recorded it; `card` is the card as it is after it. */
export interface Answer {
  card: CardRecord;
  prior: CardState;
  rating: Grade;
  durationMs: number;
}

/**
 * True while `queue`, built earlier today, is still the queue of this moment: nothing but time
 * changed since, and no learning card it left for later has come within the learn-ahead window.
 */
export function stillCurrent(queue: StudyQueue, now: number, calendar: Calendar): boolean {
  return studyDay(calendar, now) === queue.activity.day && (queue.nextLearningDue === null || queue.nextLearningDue > now + LEARN_AHEAD_MS);
}

/**
 * The order in which building the queue meets the cards: the studied decks in tree order, each
 * deck's cards in the collection's order. Learning cards due at the same moment keep that order,
 * so an answered card put back among them must know it. Built a deck at a time, when first asked.
 */
export class ScanOrder {
  private readonly deckRank = new Map<string, number>();
  private readonly studiedNames = new Set<string>();
  private readonly indexInDeck = new Map<string, Map<CardRecord, number>>();

  constructor(
    private readonly col: Collection,
    deckId: string | null,
  ) {
    const walk = (id: string) => {
      this.deckRank.set(id, this.deckRank.size);
      this.studiedNames.add(col.decks.get(id)!.name);
      for (const child of childrenOf(col, id)) walk(child.id);
    };
    const roots = deckId === null ? childrenOf(col, null) : col.decks.has(deckId) ? [col.decks.get(deckId)!] : [];
    for (const root of roots) walk(root.id);
  }

  /** True when a deck above this one is studied too (its cards are gathered, not only its limits counted). */
  studiedAbove(deckId: string): boolean {
    const name = this.col.decks.get(deckId)?.name;
    for (let parent = name === undefined ? null : parentName(name); parent !== null; parent = parentName(parent)) if (this.studiedNames.has(parent)) return true;
    return false;
  }

  compare(a: CardRecord, b: CardRecord): number {
    return this.rank(a.deckId) - this.rank(b.deckId) || this.index(a) - this.index(b);
  }

  private rank(deckId: string): number {
    return this.deckRank.get(deckId) ?? Number.MAX_SAFE_INTEGER;
  }

  private index(card: CardRecord): number {
    let indexes = this.indexInDeck.get(card.deckId);
    if (!indexes) {
      indexes = new Map(this.col.cardsInDeck(card.deckId).map((c, i) => [c, i]));
      this.indexInDeck.set(card.deckId, indexes);
    }
    return indexes.get(card) ?? Number.MAX_SAFE_INTEGER;
  }
}

function activityAfter(activity: TodayActivity, answer: Answer): TodayActivity {
  const { card, prior } = answer;
  const bump = (map: Map<string, number>) => new Map(map).set(card.deckId, (map.get(card.deckId) ?? 0) + 1);
  return {
    day: activity.day,
    newByDeck: prior === CardState.New ? bump(activity.newByDeck) : activity.newByDeck,
    reviewsByDeck: prior === CardState.Review ? bump(activity.reviewsByDeck) : activity.reviewsByDeck,
    notesSeen: activity.notesSeen.with(card.noteId),
    summary: {
      ...activity.summary,
      reviews: activity.summary.reviews + 1,
      newCards: activity.summary.newCards + (prior === CardState.New ? 1 : 0),
      againCount: activity.summary.againCount + (answer.rating === 1 ? 1 : 0),
      timeMs: activity.summary.timeMs + answer.durationMs,
    },
  };
}

/**
 * The queue `buildQueue` would build now, after `answer`, given the queue of the moment before it
 * (built for the same decks, with nothing but this answer changed since). The answered card leaves
 * its list and, if it is learning again within the window, joins the learning cards in their order;
 * limits need no work (the answer spends the room its card held). Null where only building again
 * can tell: a new day, a learning card come within the window, a card answered from outside the
 * queue, a card set aside by its answer, or a new card other than the first, with siblings, or in a
 * subdeck of a studied deck.
 */
export function queueAfterAnswer(queue: StudyQueue, now: number, calendar: Calendar, col: Collection, answer: Answer, order: ScanOrder): StudyQueue | null {
  if (!stillCurrent(queue, now, calendar)) return null;
  const { card, prior } = answer;
  const today = queue.activity.day;
  if (!isAvailable(card, today)) return null;
  const from = prior === CardState.New ? queue.newCards : prior === CardState.Review ? queue.reviews : queue.learning;
  const at = from.indexOf(card);
  if (at < 0) return null;
  // Each deck offers at most its own room of its own new cards, and an answer in a subdeck takes
  // room from the decks above it too: their offers would shrink. Siblings held back would change
  // which cards a deck offers. And only the first new card leaves the others in their turns.
  if (prior === CardState.New && (at !== 0 || (col.cardsByNote.get(card.noteId)?.length ?? 1) > 1 || order.studiedAbove(card.deckId))) return null;

  const learning = from === queue.learning ? queue.learning.filter((_, i) => i !== at) : queue.learning;
  const reviews = from === queue.reviews ? queue.reviews.filter((_, i) => i !== at) : queue.reviews;
  const newCards = from === queue.newCards ? queue.newCards.slice(1) : queue.newCards;
  let nextLearningDue = queue.nextLearningDue;
  let learningNow = learning;
  if (card.state === CardState.Learning || card.state === CardState.Relearning) {
    if (card.due <= now + LEARN_AHEAD_MS) {
      // After every card due sooner, and among those due at the same moment, where the scan meets it.
      let i = learning.length;
      while (i > 0 && (learning[i - 1]!.due > card.due || (learning[i - 1]!.due === card.due && order.compare(learning[i - 1]!, card) > 0))) i--;
      learningNow = [...learning.slice(0, i), card, ...learning.slice(i)];
    } else nextLearningDue = nextLearningDue === null ? card.due : Math.min(nextLearningDue, card.due);
  } else if (card.state !== CardState.Review || card.due < studyDayStart(calendar, today + 1)) {
    return null;
  }

  return {
    learning: learningNow,
    reviews,
    newCards,
    counts: { new: newCards.length, learning: learningNow.length, review: reviews.length, total: queue.counts.total },
    nextLearningDue,
    progress: {
      newDone: queue.progress.newDone + (prior === CardState.New ? 1 : 0),
      reviewsDone: queue.progress.reviewsDone + (prior === CardState.Review ? 1 : 0),
    },
    activity: activityAfter(queue.activity, answer),
  };
}
