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
  /** Earliest learning card due after the learn-ahead window (it may fall after the day changes). */
  nextLearningDue: number | null;
  /** Today's new cards and reviews of review cards in the studied decks: what new cards are spread against. */
  progress: { newDone: number; reviewsDone: number };
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

interface LimitedDeck {
  id: string;
  /** Index of the parent within the studied tree, -1 for a studied root. */
  parent: number;
  newLeft: number;
  reviewLeft: number;
}

/**
 * Builds the queue for a deck and its children (or every deck for null), as Anki's v3 scheduler
 * does. Each deck's limit counts what was done today in it and its children. Reviews are gathered
 * across the whole tree in due order, each taken while its deck and every ancestor up to the
 * studied deck have room, so an overdue card in a later subdeck is not starved by an earlier one.
 * New cards are gathered deck by deck in tree order, in the order they were added. One card per
 * note a day: a note answered today, or with a card in learning, offers no other card.
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
  let newDone = 0;
  let reviewsDone = 0;

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

  // The studied decks in tree order, each with its parent and what its limits still allow today.
  const decks: LimitedDeck[] = [];
  const indexOf = new Map<string, number>();
  const walk = (id: string, parent: number) => {
    const preset = col.presetOf(id);
    const index = decks.length;
    decks.push({
      id,
      parent,
      newLeft: Math.max(0, preset.newPerDay - doneInSubtree(id, activity.newByDeck)),
      reviewLeft: Math.max(0, preset.reviewsPerDay - doneInSubtree(id, activity.reviewsByDeck)),
    });
    indexOf.set(id, index);
    for (const child of childrenOf(col, id)) walk(child.id, index);
  };
  const roots = deckId === null ? childrenOf(col, null) : col.decks.has(deckId) ? [col.decks.get(deckId)!] : [];
  for (const root of roots) {
    walk(root.id, -1);
    newDone += doneInSubtree(root.id, activity.newByDeck);
    reviewsDone += doneInSubtree(root.id, activity.reviewsByDeck);
  }

  // One pass over the cards: learning now and later, due reviews.
  const dueReviews: CardRecord[] = [];
  for (const deck of decks) {
    const own = col.cardsInDeck(deck.id);
    total += own.length;
    for (const card of own) {
      if (!isAvailable(card, today)) continue;
      if (card.state === CardState.Learning || card.state === CardState.Relearning) {
        // A card in learning keeps its siblings back, as an answered one does.
        notesPicked.add(card.noteId);
        if (card.due <= now + LEARN_AHEAD_MS) learning.push(card);
        else laterLearning = laterLearning === null ? card.due : Math.min(laterLearning, card.due);
      } else if (card.state === CardState.Review && card.due < tomorrow) {
        dueReviews.push(card);
      }
    }
  }

  /** Takes the card when its deck and every ancestor still have room, and spends that room. */
  const fits = (card: CardRecord, room: 'newLeft' | 'reviewLeft'): boolean => {
    const start = indexOf.get(card.deckId);
    if (start === undefined) return false;
    for (let i = start; i >= 0; i = decks[i]!.parent) if (decks[i]![room] <= 0) return false;
    for (let i = start; i >= 0; i = decks[i]!.parent) decks[i]![room]--;
    return true;
  };

  // Reviews in due order across the tree. Only a few hundred can be taken, so the first ones are
  // selected rather than all sorted; if siblings and full decks use those up, the rest are sorted.
  const byDue = (a: CardRecord, b: CardRecord) => a.due - b.due || tieBreak(a.id) - tieBreak(b.id);
  const room = decks.filter((deck) => deck.parent < 0).reduce((sum, deck) => sum + deck.reviewLeft, 0);
  const first = smallest(dueReviews, room * 3 + 100, byDue);
  const saved = decks.map((deck) => deck.reviewLeft);
  const pickedBefore = new Set(notesPicked);
  const take = (ordered: CardRecord[]) => {
    for (const card of ordered) {
      if (notesPicked.has(card.noteId) || !fits(card, 'reviewLeft')) continue;
      notesPicked.add(card.noteId);
      reviews.push(card);
    }
  };
  take(first);
  const stillRoom = decks.some((deck) => deck.parent < 0 && deck.reviewLeft > 0);
  if (first.length < dueReviews.length && stillRoom) {
    // Start again over every due card, in order.
    reviews.length = 0;
    decks.forEach((deck, i) => (deck.reviewLeft = saved[i]!));
    notesPicked.clear();
    for (const note of pickedBefore) notesPicked.add(note);
    take(dueReviews.sort(byDue));
  }

  // New cards deck by deck, in the order they were added.
  for (const deck of decks) {
    for (const card of col.newCardsInDeck(deck.id)) {
      if (card.state !== CardState.New || !isAvailable(card, today) || notesPicked.has(card.noteId)) continue;
      // Every card here shares this deck's chain of limits: once it is full, the deck is done.
      if (!fits(card, 'newLeft')) break;
      notesPicked.add(card.noteId);
      newCards.push(card);
    }
  }

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
    progress: { newDone, reviewsDone },
    activity,
  };
}

/** The card to show next, or null when nothing is due now. */
export function pickNext(queue: StudyQueue, now: number): CardRecord | null {
  const dueNow = queue.learning.find((card) => card.due <= now);
  if (dueNow) return dueNow;
  const { newDone, reviewsDone } = queue.progress;
  if (showNewNext(newDone, queue.newCards.length, reviewsDone, queue.reviews.length)) return queue.newCards[0]!;
  if (queue.reviews.length) return queue.reviews[0]!;
  // Nothing else left: learning cards due within the learn-ahead window come early.
  return queue.learning[0] ?? null;
}
