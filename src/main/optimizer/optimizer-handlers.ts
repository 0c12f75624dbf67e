// The optimizer's side of the contract: fit a preset's weights in the background, compare, apply on confirmation.
import { fitHistorySteps } from '../../core/optimizer/fit-history-steps';
import { countItems, MIN_ITEMS, type FitHistory } from '../../core/optimizer/training-set';
import { planPresetSave } from '../../core/scheduling/preset-change';
import type { ParsedInput, Results } from '../../shared/contract';
import type { Preset } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import type { OptimizeJob, OptimizeResult } from '../../shared/planning';
import type { ServiceContext } from '../service/service-context';
import { FitCancelled, type FitOutcome, type FitRequest } from './fit';
import { fitInChild, type RunningFit } from './fit-process';
import { BackgroundSteps } from '../store/staged-load';

type Handler<M extends keyof Results> = (input: ParsedInput<M>) => Promise<Results[M]>;

/** How a fit is run: in a child process (the app, the CLI); tests may run it in-process. */
export type FitRunner = <K extends FitRequest['kind']>(
  request: FitRequest & { kind: K },
  progress: (share: number, phase: string) => void,
) => RunningFit<K extends 'refit' ? number[] : FitOutcome>;

/**
 * The learner studies while the reviews are gathered: an answer is several hops through the event
 * loop (the request, the write to disk, the next card), and each may wait for a turn of gathering.
 */
const GATHER_TURN_MS = 2;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (n: number) => n.toLocaleString('en-US');

/**
 * The history of the cards of a preset's decks, as the optimizer's process reads it, gathered a
 * slice at a time between other requests: a million reviews are a few hundred milliseconds of work
 * that the learner, back at their cards, would otherwise wait through.
 */
export function presetHistory(ctx: ServiceContext, preset: Preset): Generator<void, FitHistory> {
  const col = ctx.col();
  const decks = new Set([...col.decks.values()].filter((deck) => deck.presetId === preset.id).map((deck) => deck.id));
  return fitHistorySteps(
    col.history,
    (cardId) => {
      const card = col.cards.get(cardId);
      return card !== undefined && decks.has(card.deckId);
    },
    ctx.calendar(),
  );
}

/** The verdict in words: a result the learner can act on, and never an error when the defaults win. */
export function optimizeResult(preset: Preset, history: FitHistory, outcome: FitOutcome | null): OptimizeResult {
  const items = countItems(history);
  const base = { presetId: preset.id, presetName: preset.name, reviews: history.at.length, applied: false };
  if (!outcome) {
    const more = MIN_ITEMS - items;
    return {
      ...base,
      train: 0,
      test: 0,
      current: null,
      optimized: null,
      weights: null,
      fittedWeights: null,
      verdict: 'too-little-history',
      moreReviewsNeeded: more,
      message: `The cards of “${preset.name}” have ${num(items)} reviews the optimizer can learn from (reviews from a card’s second day of study on); it needs at least ${num(MIN_ITEMS)}, so ${num(more)} more. Until then the current weights stay — they are FSRS’s defaults${preset.weights ? ' or the ones you set' : ''}, fitted to millions of learners.`,
    };
  }
  const scores = `log loss ${outcome.optimized.logLoss.toFixed(4)} against ${outcome.current.logLoss.toFixed(4)}, RMSE(bins) ${pct(outcome.optimized.rmseBins)} against ${pct(outcome.current.rmseBins)}, on your ${num(outcome.test)} most recent reviews held out from the fit`;
  const fitted = { ...base, train: outcome.train, test: outcome.test, current: outcome.current, optimized: outcome.optimized, fittedWeights: outcome.trainWeights, moreReviewsNeeded: 0 };
  return outcome.better
    ? {
        ...fitted,
        weights: null,
        verdict: 'better',
        message: `Weights fitted to your own history predict your recall better than the current ones (${scores}). Applying them fits once more on all your reviews and reschedules the preset’s cards; you can undo it.`,
      }
    : {
        ...fitted,
        weights: null,
        verdict: 'keep',
        message: `The current weights stay: they predict your most recent reviews at least as well as weights fitted to the rest of your history (fitted: ${scores}). This is normal with a history of this size: a fit follows the noise of a few thousand reviews, while the defaults come from millions. Nothing is wrong; try again after more study.`,
      };
}

interface Job extends OptimizeJob {
  running: RunningFit<unknown> | null;
  /** The reviews being gathered, before the fit starts: cancelling stops it. */
  gathering?: BackgroundSteps;
  /** The reviews the job scored, kept for applying (the refit on all of them). */
  history?: FitHistory;
}

export class OptimizerHandlers {
  private readonly jobs = new Map<string, Job>();
  private counter = 0;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly runFit: FitRunner = (request, progress) => fitInChild(request, progress),
  ) {}

  private preset(presetId: string): Preset {
    const preset = this.ctx.col().presets.get(presetId);
    if (!preset) throw new AppError('not_found', `No preset with id "${presetId}".`, { field: 'presetId' });
    return preset;
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('not_found', `No optimizer job "${jobId}".`, { field: 'jobId' });
    return job;
  }

  optimizeStart: Handler<'optimizeStart'> = async ({ presetId }) => {
    const preset = this.preset(presetId);
    if ([...this.jobs.values()].some((job) => job.state === 'running' && job.presetId === presetId)) {
      throw new AppError('conflict', `The optimizer is already fitting “${preset.name}”; wait for it or cancel it.`, { field: 'presetId' });
    }
    const jobId = `optimize-${++this.counter}-${this.ctx.now().toString(36)}`;
    const job: Job = { jobId, presetId, state: 'running', phase: 'reading your reviews', progress: 0, result: null, error: null, running: null };
    this.jobs.set(jobId, job);
    for (const [id, old] of this.jobs) if (this.jobs.size > 10 && old.state !== 'running') this.jobs.delete(id);
    // The reviews are gathered a turn at a time, so every other request is answered meanwhile; the
    // start answers once the fit is launched with them (or the verdict is known). A learner who
    // starts a fit and goes back to studying then meets the fit running in its own process, not the
    // server's thread still gathering and forking it (a second of slower key presses when the start
    // answered first; see "Starting the optimizer without stopping the app").
    let history: FitHistory | undefined;
    let items = 0;
    const steps = presetHistory(this.ctx, preset);
    const gathering = new BackgroundSteps(
      (function* () {
        history = yield* steps;
        yield;
        items = countItems(history);
      })(),
      (error) => {
        job.gathering = undefined;
        try {
          if (error) throw error;
          this.fit(job, preset, history!, items);
        } catch (failure) {
          this.failed(job, failure);
        }
      },
      undefined,
      GATHER_TURN_MS,
    );
    job.gathering = gathering;
    gathering.start();
    await gathering.done;
    return { jobId };
  };

  /** The fit of a gathered history, or the verdict that it is too small to fit. */
  private fit(job: Job, preset: Preset, history: FitHistory, items: number): void {
    if (items < MIN_ITEMS) {
      Object.assign(job, { state: 'done', phase: 'done', progress: 1, result: optimizeResult(preset, history, null) });
      return;
    }
    const running = this.runFit({ kind: 'evaluate', history, currentWeights: preset.weights }, (share, phase) => Object.assign(job, { progress: share, phase }));
    job.running = running;
    running.outcome.then(
      (outcome) => Object.assign(job, { state: 'done', phase: 'done', progress: 1, result: optimizeResult(preset, history, outcome), running: null, history }),
      (error: unknown) => this.failed(job, error),
    );
  }

  private failed(job: Job, error: unknown): void {
    Object.assign(job, {
      running: null,
      ...(error instanceof FitCancelled
        ? { state: 'cancelled', phase: 'cancelled', error: { code: 'conflict', message: error.message } }
        : { state: 'failed', phase: 'failed', error: { code: 'internal', message: `The optimizer failed: ${(error as Error).message}. Your weights are unchanged.` } }),
    });
  }

  optimizeJob: Handler<'optimizeJob'> = async ({ jobId }) => {
    const { running: _, history: __, gathering: ___, ...visible } = this.job(jobId);
    return visible;
  };

  optimizeCancel: Handler<'optimizeCancel'> = async ({ jobId }) => {
    const job = this.job(jobId);
    if (job.state === 'running' && job.gathering) {
      job.gathering.cancel();
      job.gathering = undefined;
      this.failed(job, new FitCancelled());
      return { cancelled: true };
    }
    if (job.state !== 'running' || !job.running) return { cancelled: false };
    job.running.cancel();
    return { cancelled: true };
  };

  /**
   * On the learner's confirmation, and only when the job found the fitted weights better on the
   * held-out reviews: fit once more on every review (in the child process; the job shows its
   * progress and can be cancelled), then save the weights with every card of the preset rescheduled,
   * in one journal line that undo takes back whole.
   */
  optimizeApply: Handler<'optimizeApply'> = async ({ jobId }) => {
    const job = this.job(jobId);
    const result = job.result;
    if (job.state !== 'done' || !result) throw new AppError('conflict', job.state === 'running' ? 'The optimizer is still working on this job.' : 'This optimizer job has not finished.', { field: 'jobId' });
    if (result.applied) throw new AppError('conflict', 'These weights were applied already.', { field: 'jobId' });
    if (result.verdict !== 'better' || !job.history) {
      return { applied: false, rescheduled: 0, undoDepth: this.ctx.col().undo.length, message: result.message };
    }
    const running = this.runFit({ kind: 'refit', history: job.history, currentWeights: null }, (share, phase) => Object.assign(job, { progress: share, phase }));
    Object.assign(job, { state: 'running', phase: 'fitting on all your reviews', progress: 0, running });
    let weights: number[];
    try {
      weights = await running.outcome;
    } catch (error) {
      Object.assign(job, { state: 'done', phase: 'done', progress: 1, running: null });
      if (error instanceof FitCancelled) throw new AppError('conflict', 'Applying was cancelled; your weights are unchanged.', { field: 'jobId' });
      throw new AppError('internal', `The optimizer failed while fitting on all your reviews: ${(error as Error).message}. Your weights are unchanged.`);
    }
    Object.assign(job, { state: 'done', phase: 'done', progress: 1, running: null });
    const preset = { ...this.preset(job.presetId), weights };
    const event = planPresetSave(this.ctx.col(), preset, this.ctx.now(), this.ctx.calendar(), {
      historyIncomplete: this.ctx.historyIncomplete(),
      label: `apply your own FSRS weights to ${preset.name}`,
    });
    this.ctx.commit(event);
    Object.assign(result, { applied: true, weights });
    const rescheduled = event.rescheduled?.length ?? 0;
    return {
      applied: true,
      rescheduled,
      undoDepth: this.ctx.col().undo.length,
      message: `Your own weights are in use for “${preset.name}”: ${num(rescheduled)} cards were rescheduled from their history. Undo takes it back.`,
    };
  };

  /** Ends running fits (the app is closing). */
  close(): void {
    for (const job of this.jobs.values()) {
      job.gathering?.cancel();
      job.running?.stop();
    }
  }
}
