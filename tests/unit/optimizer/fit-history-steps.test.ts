// The preset's history gathered in slices between requests: the very history a gathering done at once gives.
import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../../src/core/collection/events';
import type { CardState } from '../../../src/core/collection/types';
import { ReviewLog } from '../../../src/core/history/review-log';
import { reviewsByCard } from '../../../src/core/history/reviews-by-card';
import { fitHistorySteps } from '../../../src/core/optimizer/fit-history-steps';
import { fitHistory, trainingSet, type FitHistory } from '../../../src/core/optimizer/training-set';
import { newSchedule } from '../../../src/core/scheduling/scheduler';
import { fixedOffsetCalendar, type Calendar } from '../../../src/core/time/study-day';

const DAY = 86_400_000;
const T = Date.UTC(2026, 0, 5, 12);

function review(cardId: string, at: number, rating: 1 | 2 | 3 | 4, prior: CardState): ReviewEvent {
  return { type: 'review', at, cardId, rating, durationMs: 1200, prior, after: { ...newSchedule(at), stability: 2.5, difficulty: 5.25, scheduledDays: 3, due: at + 3 * DAY } };
}

/** Runs the steps to the end, doing `between(step)` at every yield, as other requests would. */
function run(steps: Generator<void, FitHistory>, between: (step: number) => void = () => undefined): { history: FitHistory; yields: number } {
  let yields = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { history: next.value, yields };
    between(yields++);
  }
}

/** A few thousand cards, a few of them out of the ordinary: reviews imported out of order, undone, begun mid-history. */
function mixedLog(): ReviewLog {
  const log = new ReviewLog();
  let seq = 0;
  for (let c = 0; c < 3000; c++) {
    for (let r = 0; r < 1 + (c % 9); r++) log.append(++seq, review(`c${c}`, T + c * 1000 + r * (c % 4) * DAY, (1 + ((c + r) % 4)) as 1 | 2 | 3 | 4, r === 0 ? 0 : 2));
  }
  // An import of older reviews after newer ones, one at the same instant as a review already there.
  log.appendAll(++seq, [review('c10', T - 5 * DAY, 1, 0), review('c10', T + 10_000, 4, 0), review('c11', T - DAY, 2, 0)]);
  // A card whose history begins in the middle (an import of part of a log): left out.
  log.append(++seq, review('late', T, 3, 2));
  log.append(++seq, review('late', T + 3 * DAY, 3, 2));
  // Undone reviews stay in the log, marked.
  log.remove(5);
  log.remove(seq - 10);
  return log;
}

describe('gathering a preset’s history in slices', () => {
  const calendar: Calendar = fixedOffsetCalendar(120, 4);
  const inPreset = (id: string) => !id.endsWith('7');

  it('gives the same history, and so the same training items, as gathering it at once', () => {
    const log = mixedLog();
    const { cardsWithoutStart, ...atOnce } = fitHistory(reviewsByCard(log), inPreset, calendar);
    expect(cardsWithoutStart).toBe(1);
    const { history, yields } = run(fitHistorySteps(log, inPreset, calendar));
    expect(history).toEqual(atOnce);
    expect(trainingSet(history)).toEqual(trainingSet(atOnce));
    // Every card of the preset beginning new: the same again, by the path that keeps the grouped columns.
    const { cardsWithoutStart: none, ...begun } = fitHistory(reviewsByCard(log), (id) => inPreset(id) && id !== 'late', calendar);
    expect(none).toBe(0);
    expect(run(fitHistorySteps(log, (id) => inPreset(id) && id !== 'late', calendar)).history).toEqual(begun);
    expect(yields).toBeGreaterThan(1);
  });

  it('lets other work in between slices, and keeps to the log as it was when it began', () => {
    const log = new ReviewLog();
    for (let i = 0; i < 100_000; i++) log.append(i + 1, review(`c${i % 5000}`, T + i * 60_000, 3, i < 5000 ? 0 : 2));
    const { cardsWithoutStart: _, ...atOnce } = fitHistory(reviewsByCard(log), () => true, calendar);
    let answered = 0;
    const { history, yields } = run(fitHistorySteps(log, () => true, calendar), () => {
      // An answer in between: a new review, and, once, enough of them to make the columns grow.
      log.append(log.length + 1, review('c1', T + 200 * DAY, 3, 2));
      if (answered++ === 2) log.appendAll(log.length + 1, Array.from({ length: 200_000 }, () => review('c2', T + 201 * DAY, 3, 2)));
    });
    expect(yields).toBeGreaterThan(10);
    expect(history).toEqual(atOnce);
  });

  it('starts over when a review is undone while it gathers, and leaves the undone review out', () => {
    const log = mixedLog();
    const { history } = run(fitHistorySteps(log, () => true, calendar), (step) => {
      if (step === 1) log.remove(1);
    });
    const { cardsWithoutStart: _, ...after } = fitHistory(reviewsByCard(log), () => true, calendar);
    expect(history).toEqual(after);
  });
});
