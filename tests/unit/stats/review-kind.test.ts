// Review kinds remembered for a log are the kinds worked out afresh, however the log has changed since.
import { describe, expect, it } from 'vitest';
import { CardState } from '../../../src/core/collection/types';
import { ReviewLog } from '../../../src/core/history/review-log';
import { seededRandom } from '../../../src/core/simulation/seeded-random';
import { knownReviewKinds, reviewKinds } from '../../../src/core/stats/review-kind';

const DAY = 86_400_000;

function answer(log: ReviewLog, rand: () => number, seq: number, at: number): void {
  const prior = [CardState.New, CardState.Learning, CardState.Review, CardState.Relearning][Math.floor(rand() * 4)]!;
  const scheduledDays = Math.floor(rand() * 40);
  log.append(seq, {
    type: 'review',
    cardId: `c${Math.floor(rand() * 20)}`,
    at,
    rating: (1 + Math.floor(rand() * 4)) as 1 | 2 | 3 | 4,
    prior,
    durationMs: 5000,
    after: { state: CardState.Review, due: at + scheduledDays * DAY, stability: 5, difficulty: 5, scheduledDays, learningSteps: 0, reps: 1, lapses: 0, lastReview: at },
  });
}

describe('review kinds remembered for a log', () => {
  it('are what reviewKinds gives after answers, undos and an import of older reviews', () => {
    const rand = seededRandom(3);
    const log = new ReviewLog();
    let seq = 0;
    let at = Date.UTC(2026, 0, 1);
    for (let step = 0; step < 60; step++) {
      const change = rand();
      if (change < 0.6) for (let k = 0; k < 5; k++) answer(log, rand, ++seq, (at += Math.floor(rand() * 3 * DAY)));
      else if (change < 0.85 && seq > 0) log.remove(1 + Math.floor(rand() * seq));
      // Older reviews appended after newer ones, as a merge import does.
      else answer(log, rand, ++seq, at - Math.floor(rand() * 100 * DAY));
      const known = knownReviewKinds(log);
      expect([...known]).toEqual([...reviewKinds(log)]);
      // Asked again with nothing changed: the same answer without working it out again.
      expect(knownReviewKinds(log)).toBe(known);
    }
  });
});
