// Recall on the interview's moment, averaged per round, per topic and overall: if you stop now, and with the plan.
import type { Preset } from '../../shared/dto';
import type { ReadinessFigure } from '../../shared/planning';
import type { CardRecord } from '../collection/types';
import { retrievability } from '../scheduling/scheduler';
import type { Calendar } from '../time/study-day';

/** A card in a plan's scope, with the groups it counts in. */
export interface ScopedCard {
  card: CardRecord;
  /** One topic per card (a card without a topic tag counts under its deck). */
  topic: string;
  rounds: string[];
}

/**
 * FSRS's predicted recall of `card` at `at`: its forgetting curve over the whole study days since
 * its last review, with the weights of its preset. A card never studied has nothing to recall: 0.
 */
export function recallAtDate(card: CardRecord, at: number, preset: Preset, calendar: Calendar): number {
  return retrievability(card, at, preset, calendar) ?? 0;
}

export interface ReadinessFigures {
  overall: ReadinessFigure;
  rounds: ReadinessFigure[];
  topics: ReadinessFigure[];
  /** Studied cards, lowest recall at the date first. */
  atRisk: { cardId: string; recallAtDate: number }[];
  notStarted: number;
}

/**
 * Averages two recall figures per card over the groups: `stopNow` from today's memory states and
 * `withPlan` from the plan's simulation (the same as `stopNow` when there is no simulation).
 * Topics and rounds are sorted weakest first, so the screen and scripts read the gaps at the top.
 */
export function readinessFigures(
  cards: readonly ScopedCard[],
  stopNow: ArrayLike<number>,
  withPlan: ArrayLike<number> | null,
  titleOf: (group: string) => string,
  atRiskCount = 20,
): ReadinessFigures {
  const plan = withPlan ?? stopNow;
  const overall = { now: 0, plan: 0, n: 0 };
  const rounds = new Map<string, typeof overall>();
  const topics = new Map<string, typeof overall>();
  const add = (map: Map<string, typeof overall>, key: string, now: number, later: number) => {
    let entry = map.get(key);
    if (!entry) map.set(key, (entry = { now: 0, plan: 0, n: 0 }));
    entry.now += now;
    entry.plan += later;
    entry.n++;
  };
  // Only the weakest few are shown: they are kept as the cards go by (in the order a full sort would
  // give), rather than an object per studied card sorted whole.
  const atRisk: { cardId: string; recallAtDate: number }[] = [];
  const weaker = (recall: number, cardId: string, than: { cardId: string; recallAtDate: number }) => recall - than.recallAtDate || cardId.localeCompare(than.cardId);
  let notStarted = 0;
  cards.forEach(({ card, topic, rounds: cardRounds }, i) => {
    const now = stopNow[i]!;
    const later = plan[i]!;
    overall.now += now;
    overall.plan += later;
    overall.n++;
    add(topics, topic, now, later);
    for (const round of cardRounds) add(rounds, round, now, later);
    if (card.lastReview === null) notStarted++;
    else if (atRiskCount > 0 && (atRisk.length < atRiskCount || weaker(now, card.id, atRisk[atRisk.length - 1]!) < 0)) {
      let at = atRisk.length;
      while (at > 0 && weaker(now, card.id, atRisk[at - 1]!) < 0) at--;
      atRisk.splice(at, 0, { cardId: card.id, recallAtDate: now });
      if (atRisk.length > atRiskCount) atRisk.pop();
    }
  });
  const figure = (name: string, entry: typeof overall): ReadinessFigure => ({
    name,
    title: titleOf(name),
    cards: entry.n,
    stopNow: entry.n ? entry.now / entry.n : 0,
    withPlan: entry.n ? entry.plan / entry.n : 0,
  });
  const weakestFirst = (a: ReadinessFigure, b: ReadinessFigure) => a.stopNow - b.stopNow || a.withPlan - b.withPlan || a.name.localeCompare(b.name);
  return {
    overall: figure('overall', overall),
    rounds: [...rounds].map(([name, entry]) => figure(name, entry)).sort(weakestFirst),
    topics: [...topics].map(([name, entry]) => figure(name, entry)).sort(weakestFirst),
    atRisk,
    notStarted,
  };
}
