// The quick scheduler gives ts-fsrs's own answers: fuzz, forgetting curve, memory states and whole reviews, on random inputs.
import { describe, expect, it } from 'vitest';
import { default_w, fsrs, generatorParameters, StrategyMode, type Card, type FSRSParameters, type Grade } from 'ts-fsrs';
import { QuickFsrs } from '../../../src/core/scheduling/quick-fsrs';
import { seededRandom } from '../../../src/core/simulation/seeded-random';

const DAY = 86_400_000;

/** Parameters as a preset may hold them: weights spread around the defaults, retention and steps varied. */
function randomParameters(rand: () => number): Partial<FSRSParameters> {
  return generatorParameters({
    request_retention: 0.7 + rand() * 0.29,
    maximum_interval: rand() < 0.5 ? 36500 : 30 + Math.floor(rand() * 3000),
    enable_fuzz: true,
    enable_short_term: true,
    learning_steps: rand() < 0.3 ? [] : rand() < 0.5 ? ['1m', '10m'] : ['5m', '1h', '1d'],
    relearning_steps: rand() < 0.3 ? [] : ['10m'],
    w: default_w.map((x, i) => (i === 20 ? 0.1 + rand() * 0.7 : x * (0.5 + rand()))),
  });
}

function seedOf(this: { last: Card & { cardId: string } }): string {
  const last = this.last;
  return `${last.cardId}_${last.last_review?.getTime() ?? 0}_${last.reps}_${last.difficulty * last.stability}`;
}

function pair(params: Partial<FSRSParameters>) {
  return {
    plain: fsrs(params).useStrategy(StrategyMode.SEED, seedOf as never),
    quick: new QuickFsrs(params).useStrategy(StrategyMode.SEED, seedOf as never),
  };
}

describe('the quick scheduler', () => {
  it('fuzzes every interval as ts-fsrs does, for any seed', () => {
    const rand = seededRandom(7);
    for (let k = 0; k < 200; k++) {
      const { plain, quick } = pair(randomParameters(rand));
      for (let j = 0; j < 50; j++) {
        const seed = `n${Math.floor(rand() * 1e6)}/${1 + Math.floor(rand() * 3)}_${Math.floor(rand() * 2e12)}_${Math.floor(rand() * 300)}_${rand() * 1000}`;
        const interval = 1 + Math.floor(rand() ** 3 * 40000);
        const elapsed = Math.floor(rand() * interval * 1.5);
        plain.seed = seed;
        quick.seed = seed;
        expect(quick.apply_fuzz(interval, elapsed)).toBe(plain.apply_fuzz(interval, elapsed));
      }
    }
  });

  it('has the forgetting curve and the memory states of ts-fsrs', () => {
    const rand = seededRandom(11);
    for (let k = 0; k < 100; k++) {
      const { plain, quick } = pair(randomParameters(rand));
      for (let j = 0; j < 100; j++) {
        const elapsed = Math.floor(rand() ** 2 * 2000);
        const stability = 0.001 + rand() ** 3 * 5000;
        const difficulty = 1 + rand() * 9;
        const grade = (1 + Math.floor(rand() * 4)) as Grade;
        expect(quick.forgetting_curve(elapsed, stability)).toBe(plain.forgetting_curve(elapsed, stability));
        const memory = rand() < 0.1 ? null : { stability, difficulty };
        expect(quick.next_state(memory, elapsed, grade)).toEqual(plain.next_state(memory, elapsed, grade));
      }
    }
  });

  it('schedules whole reviews as ts-fsrs does, card after card', () => {
    const rand = seededRandom(13);
    for (let k = 0; k < 60; k++) {
      const { plain, quick } = pair(randomParameters(rand));
      let a = { ...fsrs().next({ ...emptyCard(), cardId: `c${k}` } as Card, new Date(Date.UTC(2026, 0, 1)), 3).card, cardId: `c${k}` };
      let b = { ...a };
      let now = a.due.getTime();
      for (let j = 0; j < 30; j++) {
        now += Math.floor(rand() * rand() * 60 * DAY);
        const grade = (1 + Math.floor(rand() * 4)) as Grade;
        const left = plain.next(a, new Date(now), grade).card;
        const right = quick.next(b, new Date(now), grade).card;
        expect(right).toEqual(left);
        a = { ...left, cardId: a.cardId };
        b = { ...right, cardId: b.cardId };
      }
    }
  });

  it('refuses a change of parameters in place (a change builds a new scheduler)', () => {
    const quick = new QuickFsrs(generatorParameters({ enable_fuzz: true }));
    expect(() => {
      quick.parameters = { request_retention: 0.8 };
    }).toThrow(TypeError);
  });
});

function emptyCard(): Card {
  return { due: new Date(Date.UTC(2026, 0, 1)), stability: 0, difficulty: 0, elapsed_days: 0, scheduled_days: 0, learning_steps: 0, reps: 0, lapses: 0, state: 0, last_review: undefined } as unknown as Card;
}
