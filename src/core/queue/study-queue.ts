// Builds what is due: learning cards when their step is due, then reviews and new cards mixed, within limits.
import type { DeckCounts } from '../../shared/dto';
import type { Collection } from '../collection/collection';
import { childrenOf, deckByName, parentName } from '../collection/deck-tree';
import { CardState, type CardRecord, type DeckRecord } from '../collection/types';
import { studyDay, studyDayStart, type Calendar } from '../time/study-day';
import { showNewNext } from './intersperse';
import { smallestInRange } from './smallest';
import { todayActivity, type TodayActivity } from './today';

/** Learning cards due within this window are shown early when nothing else is left (Anki's default). */
export const LEARN_AHEAD_MS = 20 * 60_000;

export interface QueueInput {
  col: Collection;
  now: number;
  calendar: Calendar;
  /** Today's activity, when the caller builds many queues at one moment (the deck list): read once. */
  activity?: TodayActivity;
  /** The notes with a card in learning (`notesInLearning`), when the caller builds many queues at one moment. */
  notesInLearning?: ReadonlySet<string>;
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

export function isAvailable(card: CardRecord, today: number): boolean {
  return !card.suspended && (card.buriedUntilDay === null || card.buriedUntilDay <= today);
}

/** The notes with a card in learning today: they offer no other card. One pass over every card. */
export function notesInLearning(col: Collection, today: number): Set<string> {
  const notes = new Set<string>();
  for (const card of col.cards.values()) {
    if ((card.state === CardState.Learning || card.state === CardState.Relearning) && isAvailable(card, today)) notes.add(card.noteId);
  }
  return notes;
}

/**
 * A stable, well-spread order among reviews due on the same day. Worked out each time: a card id is
 * a few characters, and hashing them costs less than looking them up in a table of 50,000.
 */
export function tieBreak(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return hash >>> 0;
}

/**
 * Sort keys of the due reviews, reused from one queue to the next: the queue is rebuilt at every
 * answer, and fresh typed arrays each time pile up outside the JS heap faster than they are freed.
 */
let scratch = { dueOf: new Float64Array(0), tieOf: new Uint32Array(0) };
function scratchFor(count: number): typeof scratch {
  if (scratch.dueOf.length < count) {
    const size = Math.max(count, scratch.dueOf.length * 2, 1024);
    scratch = { dueOf: new Float64Array(size), tieOf: new Uint32Array(size) };
  }
  return scratch;
}

interface LimitedDeck {
  id: string;
  /** Index of the parent within the studied tree, -1 for a studied root. */
  parent: number;
  /** False for a parent above the studied deck: its limits count ("limits start from top"), its cards do not. */
  gathers: boolean;
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
export function buildQueue({ col, now, calendar, activity: known, notesInLearning: learningNotes }: QueueInput, deckId: string | null): StudyQueue {
  const activity = known ?? todayActivity(col, now, calendar);
  const today = activity.day;
  // "Due on or before today" is "due before tomorrow begins": one comparison per card, no date maths.
  const tomorrow = studyDayStart(calendar, today + 1);
  const learning: CardRecord[] = [];
  const reviews: CardRecord[] = [];
  const newCards: CardRecord[] = [];
  // One card per note a day. Notes answered today come from the activity, notes in learning are
  // looked up per candidate, and only the notes this queue takes are collected: big sets copied at
  // every answer made garbage enough to show in peak memory.
  const picked = new Set<string>();
  // The scan below visits every studied card; when that is every card of the collection, it
  // collects the notes in learning as it goes, and no sibling need be looked up.
  let scannedNotesInLearning: Set<string> | null = null;
  const inLearning = (noteId: string): boolean => {
    if (learningNotes) return learningNotes.has(noteId);
    if (scannedNotesInLearning) return scannedNotesInLearning.has(noteId);
    for (const id of col.cardsByNote.get(noteId) ?? []) {
      const sibling = col.cards.get(id);
      if (sibling && (sibling.state === CardState.Learning || sibling.state === CardState.Relearning) && isAvailable(sibling, today)) return true;
    }
    return false;
  };
  const heldBack = (noteId: string): boolean => activity.notesSeen.has(noteId) || picked.has(noteId) || inLearning(noteId);
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
  const limited = (id: string, parent: number, gathers: boolean): number => {
    const preset = col.presetOf(id);
    // A deck's own limits, where it has them, stand in for its preset's.
    const own = col.decks.get(id);
    decks.push({
      id,
      parent,
      gathers,
      newLeft: Math.max(0, (own?.newPerDay ?? preset.newPerDay) - doneInSubtree(id, activity.newByDeck)),
      reviewLeft: Math.max(0, (own?.reviewsPerDay ?? preset.reviewsPerDay) - doneInSubtree(id, activity.reviewsByDeck)),
    });
    return decks.length - 1;
  };
  const walk = (id: string, parent: number) => {
    const index = limited(id, parent, true);
    indexOf.set(id, index);
    for (const child of childrenOf(col, id)) walk(child.id, index);
  };
  // The collection-wide limits sit above every deck, whichever deck is studied.
  let reviewsToday = 0;
  for (const count of activity.reviewsByDeck.values()) reviewsToday += count;
  const collectionRoom = {
    newLeft: col.settings.newPerDayAll === null ? Infinity : Math.max(0, col.settings.newPerDayAll - activity.summary.newCards),
    reviewLeft: col.settings.reviewsPerDayAll === null ? Infinity : Math.max(0, col.settings.reviewsPerDayAll - reviewsToday),
  };
  const roots = deckId === null ? childrenOf(col, null) : col.decks.has(deckId) ? [col.decks.get(deckId)!] : [];
  // A deck studied on its own obeys its parents' limits too when the learner asked for that.
  let top = -1;
  if (deckId !== null && roots.length && col.settings.limitsStartFromTop) {
    for (const ancestor of ancestorsOf(col, roots[0]!.name)) top = limited(ancestor.id, top, false);
  }
  for (const root of roots) {
    walk(root.id, top);
    newDone += doneInSubtree(root.id, activity.newByDeck);
    reviewsDone += doneInSubtree(root.id, activity.reviewsByDeck);
  }

  // One pass over the cards: learning now and later, due reviews.
  const dueReviews: CardRecord[] = [];
  // Each deck's due reviews sit together in dueReviews: [start of deck i, start of deck i + 1).
  const rangeStart: number[] = [];
  const learnAheadUntil = now + LEARN_AHEAD_MS;
  const scannedLearning = new Set<string>();
  for (const deck of decks) {
    rangeStart.push(dueReviews.length);
    if (!deck.gathers) continue;
    const own = col.cardsInDeck(deck.id);
    total += own.length;
    // The state and due first: most cards are new or reviews not due, and need no more look.
    for (const card of own) {
      const state = card.state;
      if (state === CardState.Learning || state === CardState.Relearning) {
        if (!isAvailable(card, today)) continue;
        scannedLearning.add(card.noteId);
        if (card.due <= learnAheadUntil) learning.push(card);
        else laterLearning = laterLearning === null ? card.due : Math.min(laterLearning, card.due);
      } else if (state === CardState.Review && card.due < tomorrow && isAvailable(card, today)) {
        dueReviews.push(card);
      }
    }
  }
  rangeStart.push(dueReviews.length);
  if (total === col.cards.size) scannedNotesInLearning = scannedLearning;

  /** Takes the card when its deck and every ancestor still have room, and spends that room. */
  const fits = (card: CardRecord, room: 'newLeft' | 'reviewLeft'): boolean => {
    const start = indexOf.get(card.deckId);
    if (start === undefined || collectionRoom[room] <= 0) return false;
    for (let i = start; i >= 0; i = decks[i]!.parent) if (decks[i]![room] <= 0) return false;
    for (let i = start; i >= 0; i = decks[i]!.parent) decks[i]![room]--;
    collectionRoom[room]--;
    return true;
  };

  // Reviews in due order across the tree. A deck can take no more of its own cards than its room,
  // so only the first few of each deck (its room, plus some for siblings skipped) are candidates:
  // they are merged and taken in due order. If a deck ran out of candidates while it could still
  // have taken its next card, it gets a longer prefix and the taking is done again. Review dues fall
  // on day starts, so most comparisons are ties the hash decides: they work on flat arrays.
  const count = dueReviews.length;
  const { dueOf, tieOf } = scratchFor(count);
  for (let i = 0; i < count; i++) {
    dueOf[i] = dueReviews[i]!.due;
    tieOf[i] = tieBreak(dueReviews[i]!.id);
  }
  const byDue = (a: number, b: number) => dueOf[a]! - dueOf[b]! || tieOf[a]! - tieOf[b]! || a - b;
  const room = decks.map((deck) => deck.reviewLeft);
  const collectionReviewRoom = collectionRoom.reviewLeft;
  const slack = decks.map(() => 64);
  const takenNotes = new Set<string>();
  for (;;) {
    const candidates: number[] = [];
    /** For a deck whose due reviews were cut short, the last one offered; else -1. */
    const lastOffered = new Map<number, number>();
    for (let d = 0; d < decks.length; d++) {
      const start = rangeStart[d]!;
      const length = rangeStart[d + 1]! - start;
      if (length === 0 || room[d]! === 0) continue;
      const first = smallestInRange(start, start + length, room[d]! + slack[d]!, byDue);
      for (const i of first) candidates.push(i);
      if (first.length < length) lastOffered.set(first[first.length - 1]!, d);
    }
    candidates.sort(byDue);
    decks.forEach((deck, d) => (deck.reviewLeft = room[d]!));
    collectionRoom.reviewLeft = collectionReviewRoom;
    // Notes taken in this pass are kept apart, so another pass starts from `picked` untouched.
    takenNotes.clear();
    reviews.length = 0;
    const grow: number[] = [];
    for (const i of candidates) {
      const card = dueReviews[i]!;
      let chainFull = false;
      if (!takenNotes.has(card.noteId) && !heldBack(card.noteId)) {
        if (fits(card, 'reviewLeft')) {
          takenNotes.add(card.noteId);
          reviews.push(card);
        } else chainFull = true;
      }
      // A deck's next card is worth offering only if its chain still had room at its last one
      // (room only shrinks, so a full chain then is full for every later card).
      const deck = lastOffered.get(i);
      if (deck !== undefined && !chainFull) grow.push(deck);
    }
    if (grow.length === 0) break;
    for (const d of grow) slack[d] = (room[d]! + slack[d]!) * 4;
  }
  for (const note of takenNotes) picked.add(note);

  // New cards: each deck's in the order they were added, the decks taken in turn (one card of each
  // in every round), so studying several decks interleaves their topics instead of finishing one
  // deck before the next. Each deck offers no more than its own room.
  const offers = decks.map((deck) => {
    const list: CardRecord[] = [];
    // A parent above the studied deck ("limits start from top") lends its limits, not its cards.
    if (!deck.gathers) return list;
    for (const card of col.newCardsInDeck(deck.id)) {
      if (list.length >= deck.newLeft) break;
      if (card.state === CardState.New && isAvailable(card, today) && !heldBack(card.noteId)) list.push(card);
    }
    return list;
  });
  // The queue is built again after every answer, so "in turn" must come from today's counts: the
  // next new card comes from the deck that has introduced the fewest today (earlier decks first on a tie).
  const next = offers.map(() => 0);
  const shown = decks.map((deck) => activity.newByDeck.get(deck.id) ?? 0);
  for (;;) {
    let d = -1;
    for (let k = 0; k < offers.length; k++) if (next[k]! < offers[k]!.length && (d < 0 || shown[k]! < shown[d]!)) d = k;
    if (d < 0) break;
    const card = offers[d]![next[d]!++]!;
    if (heldBack(card.noteId) || !fits(card, 'newLeft')) continue;
    shown[d]!++;
    picked.add(card.noteId);
    newCards.push(card);
  }

  learning.sort((a, b) => a.due - b.due);
  sortByDayThenTie(reviews, calendar);
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

/**
 * Puts reviews in the order they are shown: by the study day they fell due, then by `tieBreak`
 * (equal keys keep their order). Each card's day and hash are worked out once, not at each comparison.
 */
export function sortByDayThenTie(reviews: CardRecord[], calendar: Calendar): void {
  const keyed = reviews.map((card, at) => ({ card, day: studyDay(calendar, card.due), tie: tieBreak(card.id), at }));
  keyed.sort((a, b) => a.day - b.day || a.tie - b.tie || a.at - b.at);
  for (let i = 0; i < keyed.length; i++) reviews[i] = keyed[i]!.card;
}

/** The decks above the one named, the top one first. */
function ancestorsOf(col: Collection, name: string): DeckRecord[] {
  const out: DeckRecord[] = [];
  for (let parent = parentName(name); parent !== null; parent = parentName(parent)) {
    const deck = deckByName(col, parent);
    if (deck) out.unshift(deck);
  }
  return out;
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
