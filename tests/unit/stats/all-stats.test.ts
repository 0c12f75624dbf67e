// All statistics together: the same figures as one by one, plain JSON, sane when empty, fast on a big collection.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { Collection } from '../../../src/core/collection/collection';
import type { ReviewEvent } from '../../../src/core/collection/events';
import { CardState, type CardRecord, type NoteRecord } from '../../../src/core/collection/types';
import { ReviewLog } from '../../../src/core/history/review-log';
import { allStats } from '../../../src/core/stats/all-stats';
import { cardCounts } from '../../../src/core/stats/card-counts';
import { distributions } from '../../../src/core/stats/distributions';
import { forecast } from '../../../src/core/stats/forecast';
import { heatmap } from '../../../src/core/stats/heatmap';
import { reviewsByDay } from '../../../src/core/stats/reviews-by-day';
import { studyTime } from '../../../src/core/stats/study-time';
import { todayStats } from '../../../src/core/stats/today-stats';
import { topicRetention } from '../../../src/core/stats/topic-retention';
import { trueRetention } from '../../../src/core/stats/true-retention';
import { DAY } from '../../../src/core/time/study-day';
import { calendar, daysAgo, NOW, StudiedCollection, TODAY } from './studied-collection';
import { seededRandom as random } from '../../../src/core/simulation/seeded-random';

function studied(): StudiedCollection {
  return new StudiedCollection()
    .deck('ml', 'ML')
    .deck('stats', 'Stats')
    .note('a', 'ml', ['topic::attention'])
    .note('b', 'ml', ['topic::optimizers'])
    .note('c', 'stats', ['topic::tests'])
    .learn('a/1', 40, 30)
    .answer('a/1', 1, daysAgo(10))
    .answer('a/1', 3, daysAgo(10, 12, 10), { interval: 4 })
    .learn('b/1', 3, 3)
    .answer('b/1', 3, daysAgo(0, 9))
    .learn('c/1', 1, 2);
}

describe('all statistics', () => {
  it('are the figures each statistic gives on its own, for the collection and for a deck', () => {
    for (const deckId of [undefined, 'ml']) {
      const context = studied().context(deckId);
      const all = allStats(context, { range: 90 });
      expect(all).toEqual({
        now: NOW,
        day: TODAY,
        date: '2026-03-10',
        deckId: deckId ?? null,
        range: 90,
        today: todayStats(context),
        reviews: reviewsByDay(context, 90),
        forecast: forecast(context, 90),
        retention: trueRetention(context),
        topics: topicRetention(context),
        distributions: distributions(context),
        heatmap: heatmap(context),
        time: studyTime(context, 90),
        cards: cardCounts(context),
      });
    }
  });

  it('are plain data: JSON keeps every figure (no NaN, Infinity, Map or undefined)', () => {
    for (const col of [studied(), new StudiedCollection()]) {
      const all = allStats(col.context());
      expect(JSON.parse(JSON.stringify(all))).toEqual(all);
    }
  });

  it('are zeros and empty lists for an empty collection, with no rates', () => {
    const all = allStats(new StudiedCollection().context());
    expect(all.today).toMatchObject({ reviews: 0, cardsStudied: 0, againRate: null });
    expect(all.reviews.days).toHaveLength(30);
    expect(all.reviews.totals.total).toBe(0);
    expect(all.forecast.totalReviews).toBe(0);
    expect(all.retention.rows.every((r) => r.all.rate === null)).toBe(true);
    expect(all.topics.topics).toEqual([]);
    expect(all.distributions.stability.count).toBe(0);
    expect([all.heatmap.currentStreak, all.heatmap.longestStreak]).toEqual([0, 0]);
    expect(all.time.hours.every((h) => h.reviews === 0)).toBe(true);
    expect(all.cards.total).toBe(0);
  });

  it('count nothing for a deck that does not exist', () => {
    const all = allStats(studied().context('no-such-deck'));
    expect([all.today.reviews, all.reviews.totals.total, all.cards.total, all.heatmap.longestStreak, all.topics.topics.length]).toEqual([0, 0, 0, 0, 0]);
  });
});


/** 50,000 cards in 10 decks and 120 topics, and 1,000,000 reviews over 800 days, in time order. */
function bigCollection(): Collection {
  const rand = random(7);
  const col = new Collection();
  const created = NOW - 820 * DAY;
  const decks = ['ML', 'ML::Models', 'ML::Metrics', 'Stats', 'Stats::Tests', 'LLM', 'LLM::Retrieval', 'LLM::Training', 'Coding', 'Research'].map((name, i) => ({ id: `deck-${i}`, name, presetId: 'default', description: '', created }));
  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  const cardCount = 50_000;
  for (let i = 0; i < cardCount; i++) {
    const deckId = decks[i % decks.length]!.id;
    notes.push({ id: `n${i}`, deckId, type: 'basic', fields: { Front: 'q', Back: 'a' }, tags: [`topic::t${i % 120}`, 'level::core'], created, modified: created, origin: null });
    const state = i % 10 === 0 ? CardState.New : i % 23 === 0 ? CardState.Relearning : CardState.Review;
    const lastReview = state === CardState.New ? null : NOW - Math.floor(rand() * 60) * DAY;
    const scheduledDays = Math.floor(rand() * 120);
    cards.push({
      id: `n${i}/1`,
      noteId: `n${i}`,
      ord: 1,
      deckId,
      position: i,
      suspended: i % 97 === 0,
      buriedUntilDay: null,
      flag: 0,
      created,
      state,
      due: lastReview === null ? created : lastReview + scheduledDays * DAY,
      stability: state === CardState.New ? 0 : 0.5 + rand() * 300,
      difficulty: state === CardState.New ? 0 : 1 + rand() * 9,
      scheduledDays,
      learningSteps: 0,
      reps: 5,
      lapses: 0,
      lastReview,
    });
  }
  col.apply(1, { type: 'upsert', at: created, source: 'test', decks, notes, cards, removedCards: [] });
  const log = new ReviewLog();
  // One event object reused: the log copies what it keeps.
  const after = { ...cards[1]! };
  const event: ReviewEvent = { type: 'review', at: 0, cardId: '', rating: 3, durationMs: 0, prior: CardState.Review, after };
  const reviews = 1_000_000;
  const start = NOW - 800 * DAY;
  for (let i = 0; i < reviews; i++) {
    const r = rand();
    event.at = start + Math.floor((i * 800 * DAY) / reviews);
    event.cardId = `n${Math.floor(rand() * cardCount)}/1`;
    event.rating = r < 0.12 ? 1 : r < 0.2 ? 2 : r < 0.93 ? 3 : 4;
    event.prior = r < 0.15 ? CardState.Learning : r < 0.2 ? CardState.Relearning : CardState.Review;
    event.durationMs = 3000 + (i % 9000);
    after.scheduledDays = Math.floor(rand() * 60);
    log.append(i + 2, event);
  }
  col.history = log;
  return col;
}

describe('on 50,000 cards and 1,000,000 reviews', () => {
  it('computes everything in single passes (timings are logged, not asserted: `npm run bench` holds the budget)', () => {
    const col = bigCollection();
    const timings: string[] = [];
    for (const [label, deckId] of [
      ['cold, whole collection', undefined],
      ['warm, whole collection', undefined],
      ['warm, deck ML and children', 'deck-0'],
    ] as const) {
      const t0 = performance.now();
      const all = allStats({ col, now: NOW, calendar, ...(deckId ? { deckId } : {}) }, { range: 365 });
      timings.push(`${label}: ${(performance.now() - t0).toFixed(1)} ms`);
      expect(all.cards.total).toBe(deckId ? 15_000 : 50_000);
      if (!deckId) expect(all.heatmap.days.reduce((sum, d) => sum + d.reviews, 0)).toBeGreaterThan(400_000);
    }
    console.log(`allStats, range 365, ${col.history.length} reviews: ${timings.join('; ')}`);
  });
});
