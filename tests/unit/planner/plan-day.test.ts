// The plan's rules for a day: new cards spread to finish before the buffer, within the learner's minutes.
import { describe, expect, it } from 'vitest';
import { finalStretchStart, planDay } from '../../../src/core/planner/plan-day';

const plan = { bufferDays: 3, minutesPerDay: 30 };
const pace = { secondsPerReview: 10, secondsPerNew: 60, fromHistory: true };
const day = (over: Partial<Parameters<typeof planDay>[2]> = {}) => ({ day: 100, interviewDay: 130, newLeft: 270, newDoneToday: 0, dueReviews: 0, reviewsDoneToday: 0, ...over });

describe('a day of the interview plan', () => {
  it('spreads the new cards evenly over the days before the buffer, rounding up', () => {
    // 27 days until day 127, when the 3-day buffer starts: 270 / 27 = 10 a day.
    expect(planDay(plan, pace, day()).newToday).toBe(10);
    expect(planDay(plan, pace, day({ newLeft: 271 })).newToday).toBe(11);
    expect(planDay(plan, pace, day()).introduceByDay).toBe(127);
  });

  it('counts the cards already introduced today toward the day’s number', () => {
    expect(planDay(plan, pace, day({ newLeft: 266, newDoneToday: 4 })).newToday).toBe(10);
  });

  it('cuts new cards to the minutes left after the day’s reviews, and says it is not on track', () => {
    // 150 reviews × 10 s = 25 minutes; 5 minutes leave room for 5 new cards of a minute each.
    const targets = planDay(plan, pace, day({ dueReviews: 150 }));
    expect(targets.newToday).toBe(5);
    expect(targets.onTrack).toBe(false);
    expect(targets.minutesNeeded).toBe(35);
  });

  it('introduces whatever is still new once the buffer has begun, as time allows', () => {
    const targets = planDay(plan, pace, day({ day: 128, newLeft: 12 }));
    expect(targets.newToday).toBe(12);
    expect(targets.finalDays).toBe(true);
  });

  it('gives the minutes left to bringing cards forward only in the final days', () => {
    expect(planDay(plan, pace, day({ day: 126, newLeft: 0 })).bringForwardRoom).toBe(0);
    expect(finalStretchStart(plan, 130)).toBe(127);
    // 30 minutes, 60 reviews done (10 minutes): 20 minutes of 10-second reviews.
    expect(planDay(plan, pace, day({ day: 127, newLeft: 0, reviewsDoneToday: 60 })).bringForwardRoom).toBe(120);
  });

  it('keeps at least the day before the interview as a final day when there is no buffer', () => {
    const noBuffer = { ...plan, bufferDays: 0 };
    expect(planDay(noBuffer, pace, day({ day: 129, newLeft: 0 })).finalDays).toBe(true);
    expect(planDay(noBuffer, pace, day({ day: 128, newLeft: 0 })).finalDays).toBe(false);
  });
});
