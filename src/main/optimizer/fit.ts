// Fits FSRS-6 weights to a training set with fsrs-rs and scores old and new weights on the held-out fifth.
import { trainCut, trainingSet, type FitHistory } from '../../core/optimizer/training-set';

export interface ModelScore {
  logLoss: number;
  rmseBins: number;
}

export interface FitOutcome {
  /** Reviews behind the items (the qualifying cards' whole histories). */
  reviews: number;
  /** Items fitted on, and held out. */
  train: number;
  test: number;
  current: ModelScore;
  /** The weights fitted on the first 80%, scored on the rest. */
  optimized: ModelScore;
  trainWeights: number[];
  /** The optimized weights score better on the held-out reviews than the current ones. */
  better: boolean;
}

export interface FitRequest {
  /** Score a fit on the first 80% against the current weights, or fit on everything (applying). */
  kind: 'evaluate' | 'refit';
  /** The preset's reviews; the items are built here, in the optimizer's own process, not the app's. */
  history: FitHistory;
  /** The preset's weights now; null is FSRS-6's defaults. */
  currentWeights: number[] | null;
}

/** Progress through the whole job from 0 to 1; returning false stops the fit. */
export type FitProgress = (share: number, phase: string) => boolean;

export class FitCancelled extends Error {
  constructor() {
    super('The optimizer was cancelled; nothing was changed.');
  }
}

type Binding = typeof import('@open-spaced-repetition/binding');

let loaded: Promise<Binding> | null = null;

/** fsrs-rs through its Node binding, loaded on first use so that the rest of the app never waits for it (or needs it). */
function binding(): Promise<Binding> {
  loaded ??= import('@open-spaced-repetition/binding');
  return loaded;
}

/** fsrs-rs's items from the training set's flat arrays; `longTermOnly` keeps those a day or more after the review before. */
function bindingItems(fsrs: Binding, set: ReturnType<typeof trainingSet>, from: number, to: number, longTermOnly = false) {
  const out = [];
  for (let i = from; i < to; i++) {
    if (longTermOnly && set.deltaDays[set.itemEnd[i]! - 1]! === 0) continue;
    const reviews = [];
    for (let k = set.itemFrom[i]!; k < set.itemEnd[i]!; k++) reviews.push(new fsrs.FSRSBindingReview(set.rating[k]!, set.deltaDays[k]!));
    out.push(new fsrs.FSRSBindingItem(reviews));
  }
  return out;
}

async function fit(fsrs: Binding, data: ReturnType<typeof bindingItems>, progress: FitProgress, from: number, span: number, phase: string): Promise<number[]> {
  if (!progress(from, phase)) throw new FitCancelled();
  try {
    return await fsrs.computeParameters(data, {
      enableShortTerm: true,
      // How often fsrs-rs reports progress (its default of 500 ms also delays the answer by as much).
      timeout: 50,
      progress: (current, total) => progress(from + (total > 0 ? (current / total) * span : 0), phase),
    });
  } catch (error) {
    if (/interrupted/i.test((error as Error).message)) throw new FitCancelled();
    throw error;
  }
}

/**
 * The test before anything is applied: fit on the first 80% of items by time and score both the new
 * and the current weights on the last 20%, which the fit never saw.
 */
export async function evaluateFit({ history, currentWeights }: Omit<FitRequest, 'kind'>, progress: FitProgress = () => true): Promise<FitOutcome> {
  const fsrs = await binding();
  const set = trainingSet(history);
  const n = set.itemFrom.length;
  const cut = trainCut(set);
  const train = bindingItems(fsrs, set, 0, cut);
  // Scored: reviews a day or more after the one before, whose recall is what the weights predict
  // (fsrs-rs's evaluation refuses some same-day ones and leaves the rest out anyway).
  const test = bindingItems(fsrs, set, cut, n, true);
  const trainWeights = await fit(fsrs, train, progress, 0.02, 0.9, 'fitting on the first 80% of your reviews');
  if (!progress(0.93, 'scoring on the last 20%')) throw new FitCancelled();
  const score = (weights: number[] | null): ModelScore => {
    const model = weights ? new fsrs.FSRSBinding(weights) : new fsrs.FSRSBinding();
    const { logLoss, rmseBins } = model.evaluate(test);
    return { logLoss, rmseBins };
  };
  const current = score(currentWeights);
  const optimized = score(trainWeights);
  progress(1, 'done');
  return { reviews: set.reviews, train: train.length, test: test.length, current, optimized, trainWeights, better: optimized.logLoss < current.logLoss };
}

/** Applying: fit again on every item, since the held-out fifth is the learner's most recent memory and the weights applied should know it. */
export async function refitAll({ history }: Omit<FitRequest, 'kind'>, progress: FitProgress = () => true): Promise<number[]> {
  const fsrs = await binding();
  const set = trainingSet(history);
  const weights = await fit(fsrs, bindingItems(fsrs, set, 0, set.itemFrom.length), progress, 0.02, 0.96, 'fitting on all your reviews');
  progress(1, 'done');
  return weights;
}
