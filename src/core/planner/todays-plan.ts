// Today's plan for an interview: the cards to study today in its scope, and the figures and sentences the screens show.
import type { PlanToday, InterviewPlan } from '../../shared/planning';
import type { Collection } from '../collection/collection';
import { CardState, type CardRecord } from '../collection/types';
import { isAvailable, LEARN_AHEAD_MS, type StudyQueue } from '../queue/study-queue';
import { todayActivity } from '../queue/today';
import { recallAtDate, type ScopedCard } from '../readiness/readiness';
import { studyDay, studyDayStart, type Calendar } from '../time/study-day';
import { explainDay } from './explain';
import { interleavedNewOrder } from './interview-scope';
import type { Pace } from './pace';
import { planDay, type DayTargets } from './plan-day';

export interface TodaysPlanInput {
  col: Collection;
  now: number;
  calendar: Calendar;
  plan: InterviewPlan;
  scope: readonly ScopedCard[];
  pace: Pace;
}

export interface TodaysPlan {
  queue: StudyQueue;
  targets: DayTargets;
  today: PlanToday;
  /** Today's figures the simulation starts from. */
  newDoneToday: number;
  reviewsDoneToday: number;
}

/**
 * The day's work in scope: learning cards as they come due, every review due today, today's new
 * cards in interleaved topic order (as many as `planDay` allows), and in the final days the studied
 * cards whose recall at the interview would fall below the target, lowest first. One card per note
 * a day, as everywhere else.
 */
export function todaysPlan({ col, now, calendar, plan, scope, pace }: TodaysPlanInput): TodaysPlan {
  const activity = todayActivity(col, now, calendar);
  const today = activity.day;
  const tomorrow = studyDayStart(calendar, today + 1);
  const interviewDay = studyDay(calendar, plan.at);
  const inScope = new Set(scope.map(({ card }) => card.id));
  let newDoneToday = 0;
  let reviewsDoneToday = 0;
  for (const review of col.history.since(studyDayStart(calendar, today))) {
    if (studyDay(calendar, review.at) !== today || !inScope.has(review.cardId)) continue;
    if (review.prior === CardState.New) newDoneToday++;
    else if (review.prior === CardState.Review) reviewsDoneToday++;
  }

  const taken = new Set<string>();
  const heldBack = (card: CardRecord) => activity.notesSeen.has(card.noteId) || taken.has(card.noteId);
  const learning: CardRecord[] = [];
  const reviews: CardRecord[] = [];
  let laterLearning: number | null = null;
  let newLeft = 0;
  for (const { card } of scope) {
    if (!isAvailable(card, today)) continue;
    if (card.state === CardState.New) newLeft++;
    else if (card.state === CardState.Learning || card.state === CardState.Relearning) {
      if (card.due <= now + LEARN_AHEAD_MS) learning.push(card);
      else laterLearning = laterLearning === null ? card.due : Math.min(laterLearning, card.due);
    } else if (card.due < tomorrow && !heldBack(card)) {
      taken.add(card.noteId);
      reviews.push(card);
    }
  }
  reviews.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
  learning.sort((a, b) => a.due - b.due);

  const targets = planDay(plan, pace, { day: today, interviewDay, newLeft, newDoneToday, dueReviews: reviews.length, reviewsDoneToday });
  const newCards: CardRecord[] = [];
  const room = Math.max(0, targets.newToday - newDoneToday);
  if (room > 0 && today <= interviewDay) {
    for (const i of interleavedNewOrder(scope, (k) => scope[k]!.card.state === CardState.New)) {
      if (newCards.length >= room) break;
      const card = scope[i]!.card;
      if (!isAvailable(card, today) || heldBack(card)) continue;
      taken.add(card.noteId);
      newCards.push(card);
    }
  }

  const broughtForward: CardRecord[] = [];
  if (targets.finalDays && targets.bringForwardRoom > 0) {
    const weak: { card: CardRecord; recall: number }[] = [];
    for (const { card } of scope) {
      if (card.state !== CardState.Review || card.due < tomorrow || !isAvailable(card, today) || heldBack(card)) continue;
      if (card.lastReview !== null && studyDay(calendar, card.lastReview) >= today) continue;
      const recall = recallAtDate(card, plan.at, col.presetOf(card.deckId), calendar);
      if (recall < plan.targetRecall) weak.push({ card, recall });
    }
    weak.sort((a, b) => a.recall - b.recall || (a.card.id < b.card.id ? -1 : 1));
    for (const { card } of weak) {
      if (broughtForward.length >= targets.bringForwardRoom) break;
      if (heldBack(card)) continue;
      taken.add(card.noteId);
      broughtForward.push(card);
    }
  }

  const minutes = ((learning.length + reviews.length + broughtForward.length) * pace.secondsPerReview + newCards.length * pace.secondsPerNew) / 60;
  const queue: StudyQueue = {
    learning,
    reviews: [...reviews, ...broughtForward],
    newCards,
    counts: { new: newCards.length, learning: learning.length, review: reviews.length + broughtForward.length, total: scope.length },
    nextLearningDue: laterLearning,
    progress: { newDone: newDoneToday, reviewsDone: reviewsDoneToday },
    activity,
  };
  return {
    queue,
    targets,
    newDoneToday,
    reviewsDoneToday,
    today: {
      day: today,
      daysLeft: Math.max(0, interviewDay - today),
      dueReviews: reviews.length,
      newCards: newCards.length,
      broughtForward: broughtForward.length,
      minutes: Math.round(minutes),
      minutesPerDay: plan.minutesPerDay,
      newLeft,
      introduceByDay: targets.introduceByDay,
      onTrack: targets.onTrack,
      explanations: explainDay({ plan, calendar, today, interviewDay, targets, newAtStart: newLeft + newDoneToday, scope: scope.length, broughtForward: broughtForward.length }),
    },
  };
}
