// How ticked key points suggest a rating and what Space answers: part of the contract so the screen and the docs agree.
import type { Rating } from './dto';

/**
 * The rating the ticks suggest, or null when nothing is ticked: an untouched checklist says the
 * learner did not grade by points, not that they recalled none of them. All points recalled is a
 * pass (good); at least half is a struggle (hard); fewer than half is a lapse (again). Easy stays
 * the learner's own call: ticking cannot tell effortless from effortful.
 */
export function suggestRating(ticked: number, total: number): Rating | null {
  if (ticked <= 0 || total <= 0) return null;
  if (ticked >= total) return 'good';
  if (ticked * 2 >= total) return 'hard';
  return 'again';
}

/**
 * What Space (or Enter) answers on the answer side: Good, as on every other card, unless at least
 * one point is ticked; then the suggestion the screen shows. A lapse is never recorded by a key that
 * usually means "I knew it" without the learner asking for it (with ticks or with 1).
 */
export function spaceRating(ticked: number, total: number): Rating {
  return suggestRating(ticked, total) ?? 'good';
}
