// Readiness over a whole scope at once gives what the card-by-card definitions give, on random inputs.
import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { CardState, type CardRecord } from '../../../src/core/collection/types';
import { readinessFigures, recallAtDate, recallsAtDate, type ScopedCard } from '../../../src/core/readiness/readiness';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { seededRandom } from '../../../src/core/simulation/seeded-random';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';
import type { Preset } from '../../../src/shared/dto';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 5, 9);

function randomCard(rand: () => number, i: number, deckId: string): CardRecord {
  const studied = rand() < 0.8;
  const state = studied ? ([CardState.Learning, CardState.Review, CardState.Relearning] as const)[Math.floor(rand() * 3)]! : CardState.New;
  const lastReview = studied ? START + Math.floor(rand() * 400 * DAY) : null;
  return {
    id: `c${i}`,
    noteId: `n${i}`,
    ord: 1,
    deckId,
    position: i,
    suspended: false,
    buriedUntilDay: null,
    flag: 0,
    created: START,
    state,
    due: START,
    // Some with no memory state yet, and a few repeated values so that recalls tie.
    stability: studied ? (rand() < 0.05 ? 0 : rand() < 0.2 ? 10 : 0.01 + rand() ** 2 * 2000) : 0,
    difficulty: 1 + rand() * 9,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    lastReview,
    // A card that came with Anki's own forgetting curve.
    ...(studied && rand() < 0.1 ? { decay: 0.1 + rand() * 0.7 } : {}),
  };
}

describe('readiness over a whole scope', () => {
  it('gives each card its recallAtDate, whatever its deck, preset, curve and time zone', () => {
    const rand = seededRandom(21);
    for (let run = 0; run < 40; run++) {
      const calendar = fixedOffsetCalendar([0, 120, -300, 345][run % 4]!, run % 24);
      const presets = new Map<string, Preset>(
        ['a', 'b', 'c'].map((deckId) => [deckId, { ...defaultPreset(), id: deckId, weights: rand() < 0.5 ? null : default_w.map((x, i) => (i === 20 ? 0.1 + rand() * 0.7 : x * (0.7 + rand() * 0.6))) }]),
      );
      const scope: ScopedCard[] = Array.from({ length: 300 }, (_, i) => ({ card: randomCard(rand, i, ['a', 'b', 'c'][i % 3]!), topic: 't', rounds: [] }));
      const at = START + Math.floor(rand() * 600 * DAY);
      const batch = recallsAtDate(scope, at, (deckId) => presets.get(deckId)!, calendar);
      scope.forEach(({ card }, i) => expect(batch[i]).toBe(recallAtDate(card, at, presets.get(card.deckId)!, calendar)));
    }
  });

  it('lists as at risk what sorting every studied card by recall, then id, and keeping the first gives', () => {
    const rand = seededRandom(22);
    for (let run = 0; run < 60; run++) {
      const count = Math.floor(rand() * 200);
      const scope: ScopedCard[] = Array.from({ length: count }, (_, i) => ({ card: randomCard(rand, Math.floor(rand() * 1000), 'a'), topic: `t${i % 5}`, rounds: i % 2 ? ['r'] : [] }));
      // Few distinct recalls, so that ties are common and the card id decides.
      const recalls = scope.map(() => Math.floor(rand() * 6) / 5);
      const limit = Math.floor(rand() * 30);
      const figures = readinessFigures(scope, recalls, null, (name) => name, limit);
      const plain = scope
        .map(({ card }, i) => ({ card, recallAtDate: recalls[i]! }))
        .filter(({ card }) => card.lastReview !== null)
        .map(({ card, recallAtDate }) => ({ cardId: card.id, recallAtDate }))
        .sort((a, b) => a.recallAtDate - b.recallAtDate || a.cardId.localeCompare(b.cardId))
        .slice(0, limit);
      expect(figures.atRisk).toEqual(plain);
    }
  });
});
