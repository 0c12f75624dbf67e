// The deck list with each deck's counts for today, kept until the collection changes, the day turns or a learning card comes due.
import type { Collection } from '../../core/collection/collection';
import { childrenOf, shortName } from '../../core/collection/deck-tree';
import { stillCurrent } from '../../core/queue/after-answer';
import { buildQueue, notesInLearning, type StudyQueue } from '../../core/queue/study-queue';
import { todayActivity } from '../../core/queue/today';
import { studyDay, type Calendar } from '../../core/time/study-day';
import type { DeckList, DeckNode } from '../../shared/dto';

interface Kept {
  col: Collection;
  /** The journal sequence the list counts. */
  seq: number;
  /** When it was worked out: a clock set back works it out again. */
  at: number;
  /** Each deck's queue: the list holds while every one of them would be built the same. */
  queues: StudyQueue[];
  list: DeckList;
}

/** Each deck's queue built once (today's activity and the notes in learning read once for all of them). */
function workOut(col: Collection, now: number, calendar: Calendar): { list: DeckList; queues: StudyQueue[] } {
  const today = studyDay(calendar, now);
  const activity = todayActivity(col, now, calendar);
  const learningNotes = notesInLearning(col, today);
  const queues: StudyQueue[] = [];
  const node = (deckId: string): DeckNode => {
    const deck = col.decks.get(deckId)!;
    const queue = buildQueue({ col, now, calendar, activity, notesInLearning: learningNotes }, deckId);
    queues.push(queue);
    const children = childrenOf(col, deckId).map((child) => node(child.id));
    let ownBuried = 0;
    for (const card of col.cardsInDeck(deckId)) if (card.buriedUntilDay !== null && card.buriedUntilDay > today) ownBuried++;
    return {
      id: deck.id,
      name: deck.name,
      shortName: shortName(deck.name),
      presetId: deck.presetId,
      description: deck.description,
      counts: queue.counts,
      newPerDay: deck.newPerDay ?? null,
      reviewsPerDay: deck.reviewsPerDay ?? null,
      buried: children.reduce((sum, child) => sum + child.buried, ownBuried),
      children,
    };
  };
  return { list: { decks: childrenOf(col, null).map((deck) => node(deck.id)), today: activity.summary }, queues };
}

/**
 * Working the list out builds a queue per deck over every card below it (tens of milliseconds at
 * 50,000 cards, several hundred while the code is new to the JIT or the machine busy), and a
 * window asks for it each time Home shows. Nothing in it moves unless the journal moves on (every
 * change is an event), the study day turns (limits, burying, what is due) or a learning card comes
 * within the learn-ahead window: exactly what `stillCurrent` checks of a kept study queue.
 */
export class DeckListKeeper {
  private kept: Kept | null = null;

  list(col: Collection, now: number, calendar: Calendar): DeckList {
    const kept = this.kept;
    if (kept && kept.col === col && kept.seq === col.appliedSeq && now >= kept.at && kept.queues.every((queue) => stillCurrent(queue, now, calendar))) return kept.list;
    const seq = col.appliedSeq;
    const { list, queues } = workOut(col, now, calendar);
    this.kept = { col, seq, at: now, queues, list };
    return list;
  }
}
