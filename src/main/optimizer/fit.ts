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
  /** Refitted on every item, only when `better`: what applying saves. */
  weights: number[] | null;
}

export interface FitRequest {
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

/**
 * The two time windows of the job: fit on the first 80% of items by time and score both weight sets
 * on the last 20%; when the new weights win, fit again on everything, since the last fifth is the
 * learner's most recent memory and the weights applied should know it.
 */
export async function fitAndEvaluate({ history, currentWeights }: FitRequest, progress: FitProgress = () => true): Promise<FitOutcome> {
  const fsrs = await binding();
  const set = trainingSet(history);
  const items = (from: number, to: number, longTermOnly = false) => {
    const out = [];
    for (let i = from; i < to; i++) {
      if (longTermOnly && set.deltaDays[set.itemEnd[i]! - 1]! === 0) continue;
      const reviews = [];
      for (let k = set.itemFrom[i]!; k < set.itemEnd[i]!; k++) reviews.push(new fsrs.FSRSBindingReview(set.rating[k]!, set.deltaDays[k]!));
      out.push(new fsrs.FSRSBindingItem(reviews));
    }
    return out;
  };
  const n = set.itemFrom.length;
  const cut = trainCut(set);
  const train = items(0, cut);
  // Scored: reviews a day or more after the one before, whose recall is what the weights predict
  // (fsrs-rs's evaluation refuses some same-day ones and leaves the rest out anyway).
  const test = items(cut, n, true);
  const fit = async (data: typeof train, from: number, span: number, phase: string): Promise<number[]> => {
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
  };
  const trainWeights = await fit(train, 0.02, 0.43, 'fitting on the first 80% of your reviews');
  if (!progress(0.46, 'scoring on the last 20%')) throw new FitCancelled();
  const score = (weights: number[] | null): ModelScore => {
    const model = weights ? new fsrs.FSRSBinding(weights) : new fsrs.FSRSBinding();
    const { logLoss, rmseBins } = model.evaluate(test);
    return { logLoss, rmseBins };
  };
  const current = score(currentWeights);
  const optimized = score(trainWeights);
  const better = optimized.logLoss < current.logLoss;
  const weights = better ? await fit(items(0, n), 0.5, 0.48, 'fitting on all your reviews') : null;
  progress(1, 'done');
  return { reviews: set.reviews, train: train.length, test: test.length, current, optimized, trainWeights, better, weights };
}
