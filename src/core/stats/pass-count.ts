// Answers and how many of them passed (rated Hard or better), the unit of every retention figure.
export interface PassCount {
  reviews: number;
  passed: number;
  /** passed / reviews; null when there were no reviews, so charts show a gap rather than 0 %. */
  rate: number | null;
}

export function passCount(reviews: number, passed: number): PassCount {
  return { reviews, passed, rate: ratio(passed, reviews) };
}

export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
