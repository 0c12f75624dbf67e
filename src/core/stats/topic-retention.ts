// Retention and current retrievability per topic, weakest first: where the candidate should work.
import type { CardRecord } from '../collection/types';
import { CardState } from '../collection/types';
import { ratio } from './pass-count';
import { StatsScope, type StatsContext } from './stats-context';
import { topicsOfNote } from './topic-of-tags';

export interface TopicRetention {
  /** The topic tag, two levels: `topic::attention`, or `Biology::Cells` for an imported deck. */
  topic: string;
  /** Cards of the topic in the deck (or collection), any state. */
  cards: number;
  /** Those that have been reviewed, so have a retrievability. */
  reviewedCards: number;
  /** Answers to these cards while in the review state, all history. */
  reviews: number;
  passed: number;
  /** passed / reviews; null before any review-state answer. */
  passRate: number | null;
  /** Mean current probability of recall of the reviewed cards; null when none is reviewed. */
  meanRetrievability: number | null;
}

export interface TopicStats {
  /** Lowest pass rate first; topics without review answers after, by mean retrievability, then by name. */
  topics: TopicRetention[];
  /** Cards in the deck (or collection) with no topic tag. */
  untaggedCards: number;
}

export function topicRetention(context: StatsContext): TopicStats {
  const scope = StatsScope.of(context);
  const { col } = scope;
  const log = col.history;
  const names: string[] = [];
  const indexOfTopic = new Map<string, number>();
  const topicsOfNoteId = new Map<string, number[]>();
  const groupsOf = (card: CardRecord | undefined): number[] => {
    if (!card) return [];
    let groups = topicsOfNoteId.get(card.noteId);
    if (!groups) {
      const note = col.notes.get(card.noteId);
      groups = (note ? topicsOfNote(note) : []).map((topic) => {
        let index = indexOfTopic.get(topic);
        if (index === undefined) {
          index = names.length;
          names.push(topic);
          indexOfTopic.set(topic, index);
        }
        return index;
      });
      topicsOfNoteId.set(card.noteId, groups);
    }
    return groups;
  };

  // Cards and their retrievability.
  const cards = scope.cards;
  const retrievabilities = scope.retrievabilities;
  const cardCount: number[] = [];
  const reviewed: number[] = [];
  const sumR: number[] = [];
  let untaggedCards = 0;
  for (let i = 0; i < cards.length; i++) {
    const groups = groupsOf(cards[i]);
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

  // Topics of the log's cards, flattened (start offsets into one array): one lookup per card, not per review.
  const inScope = scope.logCardInScope;
  const ids = log.cardIds;
  const starts = new Int32Array(ids.length + 1);
  const flat: number[] = [];
  for (let c = 0; c < ids.length; c++) {
    starts[c] = flat.length;
    if (inScope[c]) for (const g of groupsOf(col.cards.get(ids[c]!))) flat.push(g);
  }
  starts[ids.length] = flat.length;
  const topicOfEntry = Int32Array.from(flat);
  const reviews = new Float64Array(names.length);
  const passed = new Float64Array(names.length);
  for (let i = 0; i < log.length; i++) {
    if (log.removed[i] || log.prior[i] !== CardState.Review) continue;
    const c = log.card[i]!;
    const pass = log.rating[i]! > 1 ? 1 : 0;
    for (let k = starts[c]!; k < starts[c + 1]!; k++) {
      const g = topicOfEntry[k]!;
      reviews[g]!++;
      passed[g]! += pass;
    }
  }

  const topics: TopicRetention[] = names.map((topic, g) => ({
    topic,
    cards: cardCount[g] ?? 0,
    reviewedCards: reviewed[g] ?? 0,
    reviews: reviews[g]!,
    passed: passed[g]!,
    passRate: ratio(passed[g]!, reviews[g]!),
    meanRetrievability: ratio(sumR[g] ?? 0, reviewed[g] ?? 0),
  }));
  // Every topic here came from a card in the deck, so none is listed with no cards.
  topics.sort((a, b) => nullsLast(a.passRate, b.passRate) || nullsLast(a.meanRetrievability, b.meanRetrievability) || a.topic.localeCompare(b.topic));
  return { topics, untaggedCards };
}

function nullsLast(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a - b;
}
