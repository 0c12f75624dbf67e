// When to show a new card among the reviews, so new cards are spread evenly through a session.

/**
 * Picks new when new cards are behind reviews in today's progress. Progress is done / (done +
 * remaining) for each kind; ties go to reviews, which are the more urgent. Needs no session state:
 * the same rule holds after a restart or an undo.
 */
export function showNewNext(newDone: number, newLeft: number, reviewsDone: number, reviewsLeft: number): boolean {
  if (newLeft <= 0) return false;
  if (reviewsLeft <= 0) return true;
  const newProgress = newDone / (newDone + newLeft);
  const reviewProgress = reviewsDone / (reviewsDone + reviewsLeft);
  return newProgress < reviewProgress;
}
