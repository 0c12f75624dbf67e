// How ticked key points suggest a rating: part of the contract so the screen and the docs agree.
import type { Rating } from './dto';

/**
 * All points recalled is a pass (good); most of them is a struggle (hard); fewer than half is a
 * lapse (again). Easy stays the learner's own call: ticking cannot tell effortless from effortful.
 */
export function suggestRating(ticked: number, total: number): Rating {
  if (total <= 0) return 'good';
  if (ticked >= total) return 'good';
  if (ticked * 2 >= total) return 'hard';
  return 'again';
}
