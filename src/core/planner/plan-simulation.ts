// "If you follow the plan": the plan's days simulated to the interview, and each card's recall on its moment.
import type { Preset } from '../../shared/dto';
import type { InterviewPlan } from '../../shared/planning';
import { CardState, type CardRecord } from '../collection/types';
import type { ScopedCard } from '../readiness/readiness';
import { simulate, type SimulationResult } from '../simulation/simulate';
import { studyDay, type Calendar } from '../time/study-day';
import { interleavedNewOrder } from './interview-scope';
import type { Pace, RatingModel } from './pace';
import { planDay } from './plan-day';

export interface PlanSimulationInput {
  plan: InterviewPlan;
  scope: readonly ScopedCard[];
  presetOf: (card: CardRecord) => Preset;
  now: number;
  calendar: Calendar;
  pace: Pace;
  model: RatingModel;
  seed: number;
  newDoneToday: number;
  reviewsDoneToday: number;
}

/**
 * Runs `simulate` from today to the day before the interview with the plan's own rules (`planDay`):
 * the same new cards a day, the same bringing forward in the final days, toward the same target.
 * Recall is then read at the interview's study day, as "if you stop now" reads it.
 */
export function simulatePlan(input: PlanSimulationInput): { recall: Float64Array; run: SimulationResult } {
  const { plan, scope, calendar, pace } = input;
  const today = studyDay(calendar, input.now);
  const interviewDay = studyDay(calendar, plan.at);
  const cards = scope.map((entry) => entry.card);
  const run = simulate({
    cards,
    presetOf: input.presetOf,
    newOrder: interleavedNewOrder(scope, (i) => cards[i]!.state === CardState.New),
    fromDay: today,
    toDay: Math.max(today, interviewDay),
    now: input.now,
    calendar,
    pace,
    model: input.model,
    seed: input.seed,
    doneToday: { newCards: input.newDoneToday, reviews: input.reviewsDoneToday },
    policy: {
      newCards: (day) => planDay(plan, pace, { ...day, interviewDay }).newToday,
      bringForward: (day) => {
        const targets = planDay(plan, pace, { ...day, interviewDay });
        return targets.finalDays ? { room: targets.bringForwardRoom, target: plan.targetRecall, atDay: interviewDay } : null;
      },
    },
  });
  const recall = new Float64Array(cards.length);
  for (let i = 0; i < cards.length; i++) recall[i] = run.recallAt(i, interviewDay);
  return { recall, run };
}
