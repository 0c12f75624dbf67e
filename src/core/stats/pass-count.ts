// Answers and how many of them passed (rated Hard or better), the unit of every retention figure.
import type { PassCount } from '../../shared/statistics';

export function passCount(reviews: number, passed: number): PassCount {
  return { reviews, passed, rate: ratio(passed, reviews) };
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export type { PassCount };
