// Predicted recall against observed recall on the learner's own reviews: the evidence behind every readiness figure.
import type { Preset } from '../../shared/dto';
import type { Calibration } from '../../shared/planning';
import type { ReviewsByCard } from '../history/reviews-by-card';
import { schedulerFor } from '../scheduling/scheduler';
import { studyDay, type Calendar } from '../time/study-day';

const BIN_WIDTH = 0.05;

/**
 * Replays each card's memory state with the weights its preset has now and, before every review a
 * day or more after the previous one, predicts recall with FSRS's forgetting curve; the review's
 * rating says whether the card was recalled (anything but Again). Predictions are grouped in bins of
 * 5 points. A card whose history does not start with it being new has no first memory state to
 * build on and is left out, as the optimizer leaves it out.
 */
export function calibration(reviews: ReviewsByCard, presetOf: (cardId: string) => Preset | undefined, calendar: Calendar): Calibration {
  const bins = Math.round(1 / BIN_WIDTH);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  const count = new Float64Array(bins);
  let total = 0;
  for (let c = 0; c < reviews.cardIds.length; c++) {
    const from = reviews.start[c]!;
    const to = reviews.start[c + 1]!;
    if (to - from < 2 || reviews.prior[from] !== 0) continue;
    const preset = presetOf(reviews.cardIds[c]!);
    if (!preset) continue;
    const algorithm = schedulerFor(preset);
    let memory: { stability: number; difficulty: number } | null = null;
    let lastDay = 0;
    for (let i = from; i < to; i++) {
      const day = studyDay(calendar, reviews.at[i]!);
      const elapsed = memory ? Math.max(0, day - lastDay) : 0;
      const rating = reviews.rating[i]!;
      let r: number | undefined;
      if (memory && elapsed >= 1) {
        r = algorithm.forgetting_curve(elapsed, memory.stability);
        const bin = Math.min(bins - 1, Math.floor(r / BIN_WIDTH));
        predicted[bin]! += r;
        observed[bin]! += rating > 1 ? 1 : 0;
        count[bin]!++;
        total++;
      }
      memory = algorithm.next_state(memory, elapsed, rating, r);
      lastDay = day;
    }
  }
  const out: Calibration = { reviews: total, bins: [], calibrationError: 0, rmseBins: 0 };
  let absolute = 0;
  let squared = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b]!;
    if (n === 0) continue;
    const p = predicted[b]! / n;
    const o = observed[b]! / n;
    out.bins.push({ from: round(b * BIN_WIDTH), to: round((b + 1) * BIN_WIDTH), predicted: p, observed: o, reviews: n });
    absolute += n * Math.abs(p - o);
    squared += n * (p - o) ** 2;
  }
  if (total > 0) {
    out.calibrationError = absolute / total;
    out.rmseBins = Math.sqrt(squared / total);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
