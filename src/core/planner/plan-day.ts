// The plan's rules for one day: how many new cards, how much may be brought forward. The app and the simulation both follow them.
import type { InterviewPlan } from '../../shared/planning';
import type { Pace } from './pace';

export interface DayState {
  /** The study day planned, and the interview's. */
  day: number;
  interviewDay: number;
  /** Cards in scope never studied, now. */
  newLeft: number;
  /** Cards in scope introduced earlier the same day. */
  newDoneToday: number;
  /** Reviews in scope due today and not yet done, and the ones done already today. */
  dueReviews: number;
  reviewsDoneToday: number;
}

export interface DayTargets {
  /** New cards to introduce today in all (those already introduced today included). */
  newToday: number;
  /** The day from which no new card should be needed: the buffer before the interview starts. */
  introduceByDay: number;
  /** Today is in the final days: cards whose recall at the interview falls below the target may come forward. */
  finalDays: boolean;
  /** How many cards may still be brought forward within the day's time. */
  bringForwardRoom: number;
  /** The new cards the days left need today, before the time budget is applied. */
  newNeeded: number;
  /** Every new card fits before the buffer at the learner's daily time. */
  onTrack: boolean;
  /** Minutes a day that would introduce every card in scope before the buffer (with today's reviews). */
  minutesNeeded: number;
}

/** The first day of the final stretch: the buffer, or at least the day before the interview. */
export function finalStretchStart(plan: Pick<InterviewPlan, 'bufferDays'>, interviewDay: number): number {
  return interviewDay - Math.max(1, plan.bufferDays);
}

/**
 * New cards: what is left, spread evenly over the days until the buffer begins (all of it once the
 * buffer has begun), rounded up so the last day is not the heaviest; then cut to what the learner's
 * minutes leave after the day's reviews. In the final stretch the minutes left after reviews and new
 * cards go to bringing cards forward.
 */
export function planDay(plan: Pick<InterviewPlan, 'bufferDays' | 'minutesPerDay'>, pace: Pace, state: DayState): DayTargets {
  const introduceByDay = state.interviewDay - Math.max(0, plan.bufferDays);
  const daysToIntroduce = introduceByDay - state.day;
  const newAtStart = state.newLeft + state.newDoneToday;
  const newNeeded = daysToIntroduce >= 1 ? Math.ceil(newAtStart / daysToIntroduce) : newAtStart;
  const budget = plan.minutesPerDay * 60;
  const reviewSeconds = (state.dueReviews + state.reviewsDoneToday) * pace.secondsPerReview;
  const newByBudget = Math.max(0, Math.floor((budget - reviewSeconds) / pace.secondsPerNew));
  const newToday = Math.max(state.newDoneToday, Math.min(newNeeded, newByBudget));
  const spent = reviewSeconds + newToday * pace.secondsPerNew;
  const finalDays = state.day >= finalStretchStart(plan, state.interviewDay) && state.day <= state.interviewDay;
  return {
    newToday,
    introduceByDay,
    finalDays,
    bringForwardRoom: finalDays ? Math.max(0, Math.floor((budget - spent) / pace.secondsPerReview)) : 0,
    newNeeded,
    onTrack: newNeeded <= newByBudget || newNeeded <= state.newDoneToday,
    minutesNeeded: Math.ceil((reviewSeconds + newNeeded * pace.secondsPerNew) / 60),
  };
}
