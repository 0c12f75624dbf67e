// The plan's adjustments in sentences: every change the plan makes to the learner's day says why.
import type { InterviewPlan } from '../../shared/planning';
import { studyDayStart, type Calendar } from '../time/study-day';
import type { DayTargets } from './plan-day';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "3 March": the local calendar date of a study day (its start, read in the learner's time zone). */
export function dayLabel(calendar: Calendar, day: number): string {
  const start = studyDayStart(calendar, day);
  // The start of a study day is at the day-start hour, which is never before local midnight.
  const local = new Date(start + calendar.offsetMinutesAt(start) * 60_000);
  return `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]}`;
}

export interface ExplainInput {
  plan: Pick<InterviewPlan, 'name' | 'bufferDays' | 'minutesPerDay' | 'targetRecall'>;
  calendar: Calendar;
  today: number;
  interviewDay: number;
  targets: DayTargets;
  /** New cards in scope at the start of today, and in all. */
  newAtStart: number;
  scope: number;
  broughtForward: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function explainDay({ plan, calendar, today, interviewDay, targets, newAtStart, scope, broughtForward }: ExplainInput): string[] {
  const lines: string[] = [];
  const interview = dayLabel(calendar, interviewDay);
  const by = dayLabel(calendar, targets.introduceByDay - 1);
  const target = Math.round(plan.targetRecall * 100);
  if (today > interviewDay) return [`The interview on ${interview} has passed: your cards are back on their usual schedule.`];
  if (newAtStart === 0) lines.push(`Every one of the ${plural(scope, 'card')} in scope has been introduced: today's plan is the reviews due${targets.finalDays ? ' and the cards brought forward' : ''}.`);
  else if (today < targets.introduceByDay) {
    lines.push(
      `${plural(targets.newNeeded, 'new card')} today so that all ${plural(newAtStart, 'card')} not yet studied are introduced by ${by}, ${plural(Math.max(0, plan.bufferDays), 'day')} before the interview.`,
    );
  } else lines.push(`${plural(newAtStart, 'card')} in scope are still new inside the last ${plural(Math.max(0, plan.bufferDays), 'day')}: the plan introduces as many as your time allows.`);
  if (!targets.onTrack && newAtStart > 0) {
    lines.push(
      `At ${plan.minutesPerDay} minutes a day only ${plural(targets.newToday, 'new card')} fit after today's reviews; introducing every card by ${by} needs about ${targets.minutesNeeded} minutes a day, or a narrower scope.`,
    );
  }
  if (broughtForward > 0) lines.push(`${plural(broughtForward, 'card')} brought forward so that recall on ${interview} stays above ${target}%.`);
  else if (targets.finalDays) lines.push(`No card needs bringing forward: every studied card's recall on ${interview} is above ${target}% or already due.`);
  return lines;
}
