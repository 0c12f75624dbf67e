// Where the candidate is weak: pass rate and current retrievability per topic, weakest first.
import { describe, expect, it } from 'vitest';
import { retrievability } from '../../../src/core/scheduling/scheduler';
import { topicRetention } from '../../../src/core/stats/topic-retention';
import { topicsOfNote } from '../../../src/core/stats/topic-of-tags';
import { calendar, daysAgo, NOW, StudiedCollection } from './studied-collection';

const IMPORTED = { source: 'import:biology.apkg', hash: 'h', editedLocally: false };

function topics(): StudiedCollection {
  return (
    new StudiedCollection()
      .deck('ml', 'ML')
      .deck('bio', 'Biology')
      .note('att1', 'ml', ['topic::attention::kv-cache', 'round::llm'])
      .note('att2', 'ml', ['topic::attention'])
      .note('opt1', 'ml', ['topic::optimizers'])
      .note('opt2', 'ml', ['topic::optimizers'])
      .note('rl', 'ml', ['topic::rl'])
      .note('plain', 'ml', ['round::llm'])
      .note('cell', 'bio', ['Biology::Cells::Mitochondria', 'leech'], IMPORTED)
      // attention: 3 review answers, 2 passed.
      .learn('att1/1', 30, 10)
      .answer('att1/1', 1, daysAgo(20), { interval: 5 })
      .answer('att1/1', 3, daysAgo(15), { interval: 10 })
      .learn('att2/1', 30, 10)
      .answer('att2/1', 3, daysAgo(20), { interval: 12 })
      // optimizers: 2 of 2; opt2 is new.
      .learn('opt1/1', 30, 10)
      .answer('opt1/1', 3, daysAgo(20), { interval: 10 })
      .answer('opt1/1', 4, daysAgo(10), { interval: 20 })
      // rl: learned two days ago, no review-state answer yet.
      .learn('rl/1', 2, 3)
      // Biology::Cells: 0 of 1.
      .learn('cell/1', 30, 10)
      .answer('cell/1', 1, daysAgo(20))
  );
}

describe('a note’s topics', () => {
  it('are its topic:: tags cut to two levels, for notes written for the app', () => {
    expect(topicsOfNote({ ...topics().col.notes.get('att1')!, tags: ['topic::attention::kv-cache', 'topic::attention', 'round::llm', 'topic::rl'] })).toEqual(['topic::attention', 'topic::rl']);
  });

  it('are all its tags cut to two levels, but leech, for imported notes', () => {
    expect(topicsOfNote(topics().col.notes.get('cell')!)).toEqual(['Biology::Cells']);
    expect(topicsOfNote({ ...topics().col.notes.get('cell')!, tags: ['Genetics', 'Biology::Cells::DNA'] })).toEqual(['Genetics', 'Biology::Cells']);
  });
});

describe('retention per topic', () => {
  it('counts cards, reviewed cards, review-state answers and passes per topic, weakest first', () => {
    const result = topicRetention(topics().context());
    expect(result.topics.map((t) => [t.topic, t.cards, t.reviewedCards, t.reviews, t.passed, t.passRate])).toEqual([
      ['Biology::Cells', 1, 1, 1, 0, 0],
      ['topic::attention', 2, 2, 3, 2, 2 / 3],
      ['topic::optimizers', 2, 1, 2, 2, 1],
      // No review-state answer yet: after the topics with a pass rate.
      ['topic::rl', 1, 1, 0, 0, null],
    ]);
    expect(result.untaggedCards).toBe(1);
  });

  it('averages the scheduler’s current retrievability over the reviewed cards of the topic', () => {
    const history = topics();
    const r = (id: string) => retrievability(history.card(id), NOW, history.col.presetOf('ml'), calendar)!;
    const attention = topicRetention(history.context()).topics.find((t) => t.topic === 'topic::attention')!;
    expect(attention.meanRetrievability).toBeCloseTo((r('att1/1') + r('att2/1')) / 2, 12);
    const optimizers = topicRetention(history.context()).topics.find((t) => t.topic === 'topic::optimizers')!;
    // opt2 is new: it has no retrievability and does not pull the mean down.
    expect(optimizers.meanRetrievability).toBeCloseTo(r('opt1/1'), 12);
  });

  it('counts only the chosen deck', () => {
    const result = topicRetention(topics().context('bio'));
    expect(result.topics.map((t) => t.topic)).toEqual(['Biology::Cells']);
    expect(result.untaggedCards).toBe(0);
  });

  it('is empty for an empty collection', () => {
    expect(topicRetention(new StudiedCollection().context())).toEqual({ topics: [], untaggedCards: 0 });
  });
});
