// How far a readiness figure can be trusted: from how well the model has predicted this learner's own reviews.
import type { Calibration, ReadinessBand } from '../../shared/planning';

/** Below this many of the learner's own long-term reviews the model is unchecked and the band is wide. */
export const MIN_CALIBRATION_REVIEWS = 100;
/** The band with nothing to check the model against: small real decks miss by this much per bin. */
export const UNCHECKED_HALF_WIDTH = 0.15;
/** Even a well-calibrated model predicts a future it has not seen: never narrower than this. */
export const FLOOR_HALF_WIDTH = 0.02;

/**
 * A readiness figure is a mean of predicted recalls, so its error is the model's systematic error
 * on this learner rather than the noise of single cards: the review-weighted RMSE between predicted
 * and observed recall over the calibration bins. With too few reviews to measure it, a wide default.
 */
export function readinessBand(calibration: Calibration): ReadinessBand {
  if (calibration.reviews < MIN_CALIBRATION_REVIEWS) {
    return {
      halfWidth: UNCHECKED_HALF_WIDTH,
      reviews: calibration.reviews,
      reason: `Only ${calibration.reviews} of your reviews came a day or more after the one before, too few to check the model against (it needs ${MIN_CALIBRATION_REVIEWS}): figures carry ±${Math.round(UNCHECKED_HALF_WIDTH * 100)} points, what the default model typically misses by on a small deck.`,
    };
  }
  const halfWidth = Math.max(FLOOR_HALF_WIDTH, calibration.rmseBins);
  return {
    halfWidth,
    reviews: calibration.reviews,
    reason: `On ${calibration.reviews.toLocaleString('en-US')} of your own reviews the model's predicted recall was off by ${(calibration.rmseBins * 100).toFixed(1)} points (root mean square over bins of predicted recall)${calibration.rmseBins < FLOOR_HALF_WIDTH ? `; the band never narrows below ±${FLOOR_HALF_WIDTH * 100}` : ''}.`,
  };
}
