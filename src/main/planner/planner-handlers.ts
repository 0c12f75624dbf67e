// The interview planner's side of the contract: plans, readiness on the date, today's plan, the simulator, calibration.
import { CardState, type CardRecord } from '../../core/collection/types';
import { deckByName } from '../../core/collection/deck-tree';
import { interviewScope } from '../../core/planner/interview-scope';
import { groupTitle } from '../../core/planner/group-title';
import { simulatePlan } from '../../core/planner/plan-simulation';
import { planDay } from '../../core/planner/plan-day';
import { todaysPlan, type TodaysPlan } from '../../core/planner/todays-plan';
import { readinessBand } from '../../core/readiness/band';
import { readinessFigures, recallsAtDate } from '../../core/readiness/readiness';
import { calibration } from '../../core/stats/calibration';
import { newCardOrder, retentionOptions } from '../../core/simulation/retention-options';
import { studyDay } from '../../core/time/study-day';
import type { ParsedInput, Results } from '../../shared/contract';
import type { InterviewPlan, Readiness } from '../../shared/planning';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../service/service-context';
import { HistoryCache } from './history-cache';
import { builtinTopicTitles } from '../service/syllabus';

/** Seeds of the simulations: fixed, so the same collection gives the same figures every time. */
const SEED = 20_261_207;
const DEFAULTS = { minutesPerDay: 30, targetRecall: 0.9, bufferDays: 3 };
const SIMULATOR_DAYS = 90;

type Handler<M extends keyof Results> = (input: ParsedInput<M>) => Promise<Results[M]>;

export class PlannerHandlers {
  private readonly history = new HistoryCache();

  constructor(private readonly ctx: ServiceContext) {}

  private plan(planId: string): InterviewPlan {
    const plan = this.ctx.col().plans.get(planId);
    if (!plan) throw new AppError('not_found', `No interview with id "${planId}".`, { field: 'planId' });
    return plan;
  }

  /** The plan a caller means: the one named, else the next interview still ahead. */
  private chosenPlan(planId: string | undefined): InterviewPlan | null {
    if (planId !== undefined) return this.plan(planId);
    const now = this.ctx.now();
    return [...this.ctx.col().plans.values()].filter((plan) => plan.at > now).sort((a, b) => a.at - b.at)[0] ?? null;
  }

  listPlans: Handler<'listPlans'> = async () => [...this.ctx.col().plans.values()].sort((a, b) => a.at - b.at).map((plan) => ({ ...plan }));

  savePlan: Handler<'savePlan'> = async (input) => {
    const col = this.ctx.col();
    const now = this.ctx.now();
    const at = typeof input.at === 'number' ? input.at : Date.parse(input.at);
    if (!Number.isFinite(at)) throw new AppError('invalid_input', `"${input.at}" is not a date and time: write it like 2027-03-03T09:00.`, { field: 'at' });
    const id = input.id ?? slug(input.name);
    const existing = col.plans.get(id);
    if (!existing && at <= now) throw new AppError('invalid_input', 'The interview’s date is in the past: give a date still ahead.', { field: 'at' });
    const clash = [...col.plans.values()].find((plan) => plan.id !== id && plan.name.toLowerCase() === input.name.toLowerCase());
    if (clash) throw new AppError('conflict', `An interview is already called “${clash.name}”: choose another name.`, { field: 'name' });
    const deckIds = input.deckIds ?? [];
    const missing = deckIds.filter((deckId) => !col.decks.has(deckId));
    if (missing.length) throw new AppError('not_found', `No deck with id "${missing[0]}".`, { field: 'deckIds' });
    const plan: InterviewPlan = {
      id,
      name: input.name.trim(),
      at,
      deckIds,
      tags: input.tags ?? [],
      minutesPerDay: input.minutesPerDay ?? existing?.minutesPerDay ?? DEFAULTS.minutesPerDay,
      targetRecall: input.targetRecall ?? existing?.targetRecall ?? DEFAULTS.targetRecall,
      bufferDays: input.bufferDays ?? existing?.bufferDays ?? DEFAULTS.bufferDays,
      created: existing?.created ?? now,
    };
    if (interviewScope(col, plan).length === 0) {
      throw new AppError('invalid_input', 'No card is in this interview’s scope: choose decks or tags that hold cards (suspended cards do not count).', { field: plan.tags.length ? 'tags' : 'deckIds' });
    }
    this.ctx.commit({ type: 'plan-save', at: now, plan });
    return { ...plan };
  };

  deletePlan: Handler<'deletePlan'> = async ({ planId }) => {
    if (!this.ctx.col().plans.has(planId)) return { deleted: false };
    this.ctx.commit({ type: 'plan-delete', at: this.ctx.now(), planId });
    return { deleted: true };
  };

  /** A plan by its name or id (the command line names plans). */
  planByName(name: string): InterviewPlan {
    const col = this.ctx.col();
    const wanted = name.toLowerCase();
    const plan = col.plans.get(name) ?? [...col.plans.values()].find((p) => p.name.toLowerCase() === wanted);
    if (!plan) throw new AppError('not_found', `No interview called “${name}”. \`interleave plan list\` shows them.`, { field: 'plan' });
    return plan;
  }

  deckIdByName(name: string): string {
    const deck = deckByName(this.ctx.col(), name) ?? this.ctx.col().decks.get(name);
    if (!deck) throw new AppError('not_found', `No deck called “${name}”.`, { field: 'deck' });
    return deck.id;
  }

  private today(plan: InterviewPlan): TodaysPlan {
    const col = this.ctx.col();
    const now = this.ctx.now();
    const calendar = this.ctx.calendar();
    return todaysPlan({ col, now, calendar, plan, scope: interviewScope(col, plan), pace: this.history.pace(col, now, calendar) });
  }

  /** The study queue of today's plan (the study screen's "Study today's plan"). */
  planQueue(planId: string): TodaysPlan['queue'] {
    return this.today(this.plan(planId)).queue;
  }

  readiness: Handler<'readiness'> = async ({ planId, at: atInput }) => {
    const col = this.ctx.col();
    const now = this.ctx.now();
    const calendar = this.ctx.calendar();
    const chosen = this.chosenPlan(planId);
    const at = atInput !== undefined ? (typeof atInput === 'number' ? atInput : Date.parse(atInput)) : chosen?.at;
    if (at === undefined) throw new AppError('invalid_input', 'Add an interview, or give the date to compute readiness for.', { field: 'at' });
    if (!Number.isFinite(at)) throw new AppError('invalid_input', `"${atInput}" is not a date and time: write it like 2027-03-03T09:00.`, { field: 'at' });
    // A date without a plan is read as "a plan for that date with the default scope and time".
    const plan: InterviewPlan = chosen ? { ...chosen, at } : { id: '', name: '', at, deckIds: [], tags: [], ...DEFAULTS, created: now };
    const scope = interviewScope(col, plan);
    const pace = this.history.pace(col, now, calendar);
    const stopNow = recallsAtDate(scope, at, (deckId) => col.presetOf(deckId), calendar);
    let withPlan: Float64Array = stopNow;
    let today: TodaysPlan | null = null;
    if (at > now) {
      today = todaysPlan({ col, now, calendar, plan, scope, pace });
      withPlan = simulatePlan({
        plan,
        scope,
        presetOf: (card) => col.presetOf(card.deckId),
        now,
        calendar,
        pace,
        model: this.history.model(col, now, calendar),
        seed: SEED,
        newDoneToday: today.newDoneToday,
        reviewsDoneToday: today.reviewsDoneToday,
      }).recall;
    }
    const titles = await builtinTopicTitles();
    const figures = readinessFigures(scope, stopNow, withPlan, (name) => groupTitle(name, titles));
    const result: Readiness = {
      planId: chosen?.id ?? null,
      planName: chosen?.name ?? null,
      at,
      date: new Date(at).toISOString(),
      overall: figures.overall,
      rounds: figures.rounds,
      topics: figures.topics,
      atRisk: figures.atRisk.map(({ cardId, recallAtDate: recall }) => {
        const card = col.cards.get(cardId)!;
        return { cardId, question: this.ctx.question(card), deckName: this.ctx.deckName(card.deckId), recallAtDate: recall };
      }),
      notStarted: figures.notStarted,
      band: readinessBand(this.history.calibration(col, now, calendar)),
      today: chosen && today ? today.today : null,
      pace,
    };
    return result;
  };

  simulate: Handler<'simulate'> = async ({ presetId, planId, days }) => {
    const col = this.ctx.col();
    const now = this.ctx.now();
    const calendar = this.ctx.calendar();
    const pace = this.history.pace(col, now, calendar);
    const model = this.history.model(col, now, calendar);
    const today = studyDay(calendar, now);
    const common = { now, calendar, pace, model, seed: SEED, fromDay: today, presetOf: (card: CardRecord) => col.presetOf(card.deckId) };
    if (planId !== undefined) {
      const plan = this.plan(planId);
      const scope = interviewScope(col, plan);
      const interviewDay = studyDay(calendar, plan.at);
      const cards = scope.map((entry) => entry.card);
      const preset = cards[0] ? col.presetOf(cards[0].deckId) : col.presetOf('');
      return retentionOptions({
        ...common,
        cards,
        newOrder: newCardOrder(cards),
        days: Math.max(1, days ?? interviewDay - today),
        recallDay: interviewDay,
        current: preset.desiredRetention,
        presetId: null,
        planId,
        policy: { newCards: (day) => planDay(plan, pace, { ...day, interviewDay }).newToday },
      });
    }
    const preset = presetId !== undefined ? col.presets.get(presetId) : col.presetOf('');
    if (!preset) throw new AppError('not_found', `No preset with id "${presetId}".`, { field: 'presetId' });
    const decks = new Set([...col.decks.values()].filter((deck) => deck.presetId === preset.id).map((deck) => deck.id));
    const cards = [...col.cards.values()].filter((card) => decks.has(card.deckId) && !card.suspended);
    const newPerDay = Math.min(col.settings.newPerDayAll ?? Infinity, decks.size * preset.newPerDay);
    return retentionOptions({
      ...common,
      cards,
      newOrder: newCardOrder(cards),
      days: days ?? SIMULATOR_DAYS,
      current: preset.desiredRetention,
      presetId: preset.id,
      planId: null,
      policy: { newCards: () => newPerDay },
    });
  };

  calibration: Handler<'calibration'> = async ({ deckId }) => {
    const col = this.ctx.col();
    const now = this.ctx.now();
    const calendar = this.ctx.calendar();
    if (deckId === undefined) return this.history.calibration(col, now, calendar);
    if (!col.decks.has(deckId)) throw new AppError('not_found', `No deck with id "${deckId}".`, { field: 'deckId' });
    const deck = col.decks.get(deckId)!;
    return calibration(
      this.history.reviews(col, now, calendar),
      (cardId) => {
        const card = col.cards.get(cardId);
        const cardDeck = card ? col.decks.get(card.deckId) : undefined;
        return card && cardDeck && (cardDeck.id === deck.id || cardDeck.name.startsWith(`${deck.name}::`)) ? col.presetOf(card.deckId) : undefined;
      },
      calendar,
    );
  };

  /** For tests and the command line: how many new cards of a plan's scope remain. */
  newLeft(planId: string): number {
    return interviewScope(this.ctx.col(), this.plan(planId)).filter(({ card }) => card.state === CardState.New).length;
  }
}

/** A plan's id from its name: lowercase letters, digits and hyphens. */
function slug(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return base || 'interview';
}
