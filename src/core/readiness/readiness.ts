// Recall on the interview's moment, averaged per round, per topic and overall: if you stop now, and with the plan.
import type { Preset } from '../../shared/dto';
import type { ReadinessFigure } from '../../shared/planning';
import { forgetting_curve, type FSRS } from 'ts-fsrs';
import { CardState, type CardRecord } from '../collection/types';
import { retrievability, schedulerFor } from '../scheduling/scheduler';
import { studyDay, type Calendar } from '../time/study-day';

/** A card in a plan's scope, with the groups it counts in. */
export interface ScopedCard {
  card: CardRecord;
  /** One topic per card (a card without a topic tag counts under its deck). */
  topic: string;
  rounds: readonly string[];
}

/**
 * FSRS's predicted recall of `card` at `at`: its forgetting curve over the whole study days since
 * its last review, with the weights of its preset. A card never studied has nothing to recall: 0.
 */
export function recallAtDate(card: CardRecord, at: number, preset: Preset, calendar: Calendar): number {
  return retrievability(card, at, preset, calendar) ?? 0;
}

/**
 * `recallAtDate` of every scoped card, in scope order, without its per-card costs: the date's study
 * day is worked out once and each deck's curve looked up once (50,000 cards share a few decks).
 */
export function recallsAtDate(scope: readonly ScopedCard[], at: number, presetOfDeck: (deckId: string) => Preset, calendar: Calendar): Float64Array {
  const out = new Float64Array(scope.length);
  const atDay = studyDay(calendar, at);
  const curves = new Map<string, FSRS>();
  for (let i = 0; i < scope.length; i++) {
    const card = scope[i]!.card;
    if (card.state === CardState.New || card.lastReview === null || card.stability <= 0) continue;
    const elapsed = Math.max(0, atDay - studyDay(calendar, card.lastReview));
    // A memory state another app computed with its own curve is read on that curve, as `retrievability` does.
    if (card.decay !== undefined) {
      out[i] = forgetting_curve(card.decay, elapsed, card.stability);
      continue;
    }
    let curve = curves.get(card.deckId);
    if (!curve) curves.set(card.deckId, (curve = schedulerFor(presetOfDeck(card.deckId))));
    out[i] = curve.forgetting_curve(elapsed, card.stability);
  }
  return out;
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
  const atRisk = new LowestFirst(atRiskCount);
  let notStarted = 0;
  for (let i = 0; i < cards.length; i++) {
    const { card, topic, rounds: cardRounds } = cards[i]!;
    const now = stopNow[i]!;
    const later = plan[i]!;
    overall.now += now;
    overall.plan += later;
    overall.n++;
    add(topics, topic, now, later);
    for (const round of cardRounds) add(rounds, round, now, later);
    if (card.lastReview === null) notStarted++;
    else atRisk.offer(card.id, now);
  }
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
    atRisk: atRisk.entries,
    notStarted,
  };
}

/**
 * The `limit` studied cards of lowest recall, lowest first, ties by card id: what sorting every
 * studied card and keeping the first `limit` gives (ties that compare equal keep their order, as
 * the stable sort keeps them), without sorting 50,000 entries to show 20.
 */
class LowestFirst {
  readonly entries: { cardId: string; recallAtDate: number }[] = [];

  constructor(private readonly limit: number) {}

  offer(cardId: string, recall: number): void {
    const entries = this.entries;
    const full = entries.length >= this.limit;
    if (this.limit <= 0 || (full && compare(recall, cardId, entries[entries.length - 1]!) >= 0)) return;
    // After every entry it does not come before: equal ones keep the order they were offered in.
    let k = entries.length;
    while (k > 0 && compare(recall, cardId, entries[k - 1]!) < 0) k--;
    entries.splice(k, 0, { cardId, recallAtDate: recall });
    if (entries.length > this.limit) entries.pop();
  }
}

function compare(recall: number, cardId: string, entry: { cardId: string; recallAtDate: number }): number {
  return recall - entry.recallAtDate || cardId.localeCompare(entry.cardId);
}
