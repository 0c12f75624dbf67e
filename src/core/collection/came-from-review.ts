// Whether a card's schedule is still what its last review gave, or the learner has moved it by hand since.
import type { LoggedReview } from '../history/review-log';
import type { Schedule } from './types';

/** A schedule is its last review's result unless the learner moved it by hand since (set due, forget). */
export function cameFromReview(schedule: Pick<Schedule, 'due' | 'lastReview'>, last: LoggedReview | undefined): boolean {
  return last !== undefined && last.due === schedule.due && schedule.lastReview === last.at;
}
