// Retention and current retrievability per topic, weakest first: where the candidate should work.
import type { TopicRetention, TopicStats } from '../../shared/statistics';
import { CardState, type NoteRecord } from '../collection/types';
import { ratio } from './pass-count';
import { StatsScope, type StatsContext } from './stats-context';
import { isImportedNote, topicOfTag } from './topic-of-tags';

const NO_GROUPS: readonly number[] = [];

export function topicRetention(context: StatsContext): TopicStats {
  const scope = StatsScope.of(context);
  const { col } = scope;
  const topics = new TopicIndex();

  // The deck's cards: their topics, counts and retrievability. Topics are kept by card id for the
  // log below, which knows cards only by id: one lookup per card there.
  const cards = scope.cards;
  const retrievabilities = scope.retrievabilities;
  const groupsOfCard = new Map<string, readonly number[]>();
  const cardCount: number[] = [];
  const reviewed: number[] = [];
  const sumR: number[] = [];
  let untaggedCards = 0;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    const note = col.notes.get(card.noteId);
    const groups = note ? topics.groupsOf(note) : NO_GROUPS;
    groupsOfCard.set(card.id, groups);
    if (groups.length === 0) untaggedCards++;
    const r = retrievabilities[i]!;
    for (const g of groups) {
      cardCount[g] = (cardCount[g] ?? 0) + 1;
      if (!Number.isNaN(r)) {
        reviewed[g] = (reviewed[g] ?? 0) + 1;
        sumR[g] = (sumR[g] ?? 0) + r;
      }
    }
  }

  // Review-state answers and passes per log card in one pass over the columns, then per topic.
  // Cards outside the deck (or removed) are not in `groupsOfCard`, so they add to no topic.
  const log = col.history;
  const cardReviews = new Float64Array(log.cardIds.length);
  const cardPassed = new Float64Array(log.cardIds.length);
  for (let i = 0; i < log.length; i++) {
    if (log.removed[i] || log.prior[i] !== CardState.Review) continue;
    const c = log.card[i]!;
    cardReviews[c]!++;
    if (log.rating[i]! > 1) cardPassed[c]!++;
  }
  const reviews: number[] = topics.names.map(() => 0);
  const passed: number[] = topics.names.map(() => 0);
  for (let c = 0; c < log.cardIds.length; c++) {
    if (cardReviews[c] === 0) continue;
    for (const g of groupsOfCard.get(log.cardIds[c]!) ?? NO_GROUPS) {
      reviews[g]! += cardReviews[c]!;
      passed[g]! += cardPassed[c]!;
    }
  }

  const rows: TopicRetention[] = topics.names.map((topic, g) => ({
    topic,
    cards: cardCount[g] ?? 0,
    reviewedCards: reviewed[g] ?? 0,
    reviews: reviews[g]!,
    passed: passed[g]!,
    passRate: ratio(passed[g]!, reviews[g]!),
    meanRetrievability: ratio(sumR[g] ?? 0, reviewed[g] ?? 0),
  }));
  // Every topic here came from a card in the deck, so none is listed with no cards.
  rows.sort((a, b) => nullsLast(a.passRate, b.passRate) || nullsLast(a.meanRetrievability, b.meanRetrievability) || a.topic.localeCompare(b.topic));
  return { topics: rows, untaggedCards };
}

/** Topics numbered as they are met; each distinct tag is read once (50,000 notes share a few hundred tags). */
class TopicIndex {
  readonly names: string[] = [];
  private readonly indexOfTopic = new Map<string, number>();
  private readonly ofNativeTag = new Map<string, number>();
  private readonly ofImportedTag = new Map<string, number>();
  /** A one-topic note (nearly all) shares its topic's list rather than allocating one. */
  private readonly single: number[][] = [];

  groupsOf(note: NoteRecord): readonly number[] {
    const imported = isImportedNote(note);
    let groups: readonly number[] = NO_GROUPS;
    for (const tag of note.tags) {
      const group = this.groupOfTag(tag, imported);
      if (group < 0 || groups.includes(group)) continue;
      groups = groups.length === 0 ? (this.single[group] ??= [group]) : [...groups, group];
    }
    return groups;
  }

  /** The topic's number, or -1 for a tag that names no topic. */
  private groupOfTag(tag: string, imported: boolean): number {
    const memo = imported ? this.ofImportedTag : this.ofNativeTag;
    let group = memo.get(tag);
    if (group === undefined) {
      const topic = topicOfTag(tag, imported);
      group = topic === null ? -1 : (this.indexOfTopic.get(topic) ?? this.add(topic));
      memo.set(tag, group);
    }
    return group;
  }

  private add(topic: string): number {
    this.names.push(topic);
    this.indexOfTopic.set(topic, this.names.length - 1);
    return this.names.length - 1;
  }
}

function nullsLast(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a - b;
}

export type { TopicRetention, TopicStats };
