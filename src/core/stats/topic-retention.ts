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

  // The deck's cards: their topics, counts and retrievability. Topics are kept by the card's place
  // in the log's columns, which the pass over the log below reads: no map keyed by card id.
  const log = col.history;
  const cards = scope.cards;
  const retrievabilities = scope.retrievabilities;
  const groupsOfLogCard: (readonly number[] | undefined)[] = new Array(log.cardIds.length);
  let untaggedCards = 0;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    const note = col.notes.get(card.noteId);
    const groups = note ? topics.groupsOf(note) : NO_GROUPS;
    const c = log.cardIndexOf(card.id);
    if (c >= 0) groupsOfLogCard[c] = groups;
    if (groups.length === 0) untaggedCards++;
    const r = retrievabilities[i]!;
    for (const g of groups) {
      topics.cards[g]!++;
      if (!Number.isNaN(r)) {
        topics.reviewed[g]!++;
        topics.sumR[g]! += r;
      }
    }
  }

  // Review-state answers and passes per log card in one pass over the columns, then per topic.
  // Cards outside the deck (or removed) have no groups, so they add to no topic.
  const cardReviews = new Float64Array(log.cardIds.length);
  const cardPassed = new Float64Array(log.cardIds.length);
  const { removed, prior, card: cardOf, rating } = log;
  for (let i = 0; i < log.length; i++) {
    if (removed[i] || prior[i] !== CardState.Review) continue;
    const c = cardOf[i]!;
    cardReviews[c]!++;
    if (rating[i]! > 1) cardPassed[c]!++;
  }
  const reviews = new Float64Array(topics.names.length);
  const passed = new Float64Array(topics.names.length);
  for (let c = 0; c < log.cardIds.length; c++) {
    if (cardReviews[c] === 0) continue;
    for (const g of groupsOfLogCard[c] ?? NO_GROUPS) {
      reviews[g]! += cardReviews[c]!;
      passed[g]! += cardPassed[c]!;
    }
  }

  const rows: TopicRetention[] = topics.names.map((topic, g) => ({
    topic,
    cards: topics.cards[g]!,
    reviewedCards: topics.reviewed[g]!,
    reviews: reviews[g]!,
    passed: passed[g]!,
    passRate: ratio(passed[g]!, reviews[g]!),
    meanRetrievability: ratio(topics.sumR[g]!, topics.reviewed[g]!),
  }));
  // Every topic here came from a card in the deck, so none is listed with no cards.
  rows.sort((a, b) => nullsLast(a.passRate, b.passRate) || nullsLast(a.meanRetrievability, b.meanRetrievability) || a.topic.localeCompare(b.topic));
  return { topics: rows, untaggedCards };
}

/** Topics numbered as they are met; each distinct tag is read once (50,000 notes share a few hundred tags). */
class TopicIndex {
  readonly names: string[] = [];
  /** Per topic: cards, reviewed cards and the sum of their retrievabilities. */
  readonly cards: number[] = [];
  readonly reviewed: number[] = [];
  readonly sumR: number[] = [];
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
    this.cards.push(0);
    this.reviewed.push(0);
    this.sumR.push(0);
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
