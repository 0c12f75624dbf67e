// A preset's fit history gathered from the review log a slice at a time, so the app answers other requests meanwhile.
import type { ReviewLog } from '../history/review-log';
import { inTimeOrder } from '../history/reviews-by-card';
import { studyDay, type Calendar } from '../time/study-day';
import type { FitHistory } from './training-set';

/** Reviews (or cards) handled between two yields: well under a millisecond, a few with a cold calendar (a study day each). */
const SLICE = 4096;

/**
 * The same history as `fitHistory(reviewsByCard(log), …)`, byte for byte, in steps: `yield` marks
 * where the caller may let other work in. Only the cards of the preset (`includeCard`) are grouped,
 * straight from the log's columns, so no whole-log copy is made and dropped. The log
 * seen is the one at the first step: reviews added later are left out, as they would be by a
 * gathering done at once; an undo in between (a review removed) starts the gathering over.
 */
export function* fitHistorySteps(log: ReviewLog, includeCard: (cardId: string) => boolean, calendar: Calendar): Generator<void, FitHistory> {
  const length = log.length;
  // Which cards are in, by the log's card index, asked once per card.
  const included = new Uint8Array(log.cardIds.length);
  for (let from = 0; from < included.length; from += SLICE) {
    mark(log.cardIds, includeCard, included, from, Math.min(included.length, from + SLICE));
    yield;
  }
  for (;;) {
    const removedAtStart = log.removedCount;
    const history = yield* gather(log, length, included, calendar, () => log.removedCount !== removedAtStart);
    if (history) return history;
  }
}

/** The included cards' reviews grouped by card (a counting sort), each card's in time order. */
interface Grouped {
  start: Int32Array;
  at: Float64Array;
  rating: Uint8Array;
  prior: Uint8Array;
}

// The loops live in plain functions, one call per slice: V8 optimizes those, not a loop inside a generator.

function mark(cardIds: readonly string[], includeCard: (cardId: string) => boolean, included: Uint8Array, from: number, to: number): void {
  for (let c = from; c < to; c++) included[c] = includeCard(cardIds[c]!) ? 1 : 0;
}

function count(log: ReviewLog, included: Uint8Array, start: Int32Array, from: number, to: number): void {
  const { card, removed } = log;
  for (let i = from; i < to; i++) if (!removed[i] && included[card[i]!]) start[card[i]! + 1]!++;
}

function scatter(log: ReviewLog, included: Uint8Array, g: Grouped, next: Int32Array, from: number, to: number): void {
  // The log's columns are read afresh at every slice: an answer in between may have grown them into new arrays.
  const { card, removed, at, rating, prior } = log;
  for (let i = from; i < to; i++) {
    if (removed[i] || !included[card[i]!]) continue;
    const k = next[card[i]!]!++;
    g.at[k] = at[i]!;
    g.rating[k] = rating[i]!;
    g.prior[k] = prior[i]!;
  }
}

/** Sorts each card's reviews by time and marks the cards whose history begins with the card new; returns their reviews. */
function sortAndKeep(g: Grouped, keep: Uint8Array, from: number, to: number): number {
  let reviews = 0;
  for (let c = from; c < to; c++) {
    if (g.start[c + 1] === g.start[c]) continue;
    inTimeOrder(g.at, [g.rating, g.prior], g.start[c]!, g.start[c + 1]!);
    if (g.prior[g.start[c]!] !== 0) continue;
    keep[c] = 1;
    reviews += g.start[c + 1]! - g.start[c]!;
  }
  return reviews;
}

/** Copies the kept cards into the history (unless it is the grouped columns themselves) with the study day of each review. */
function fill(g: Grouped, keep: Uint8Array, out: FitHistory, calendar: Calendar, from: number, to: number, at: { card: number; review: number }): void {
  const copy = out.at !== g.at;
  let { card: n, review: k } = at;
  for (let c = from; c < to; c++) {
    if (!keep[c]) continue;
    out.start[n++] = k;
    for (let i = g.start[c]!; i < g.start[c + 1]!; i++, k++) {
      if (copy) {
        out.at[k] = g.at[i]!;
        out.rating[k] = g.rating[i]!;
        out.prior[k] = g.prior[i]!;
      }
      out.day[k] = studyDay(calendar, g.at[i]!);
    }
  }
  at.card = n;
  at.review = k;
}

/** Runs of whole cards of about a slice's worth of reviews each. */
function* cardSlices(start: Int32Array): Generator<[number, number]> {
  const cards = start.length - 1;
  for (let from = 0, to = 0; from < cards; from = to) {
    while (to < cards && (to === from || start[to]! - start[from]! < SLICE)) to++;
    yield [from, to];
  }
}

function* gather(log: ReviewLog, length: number, included: Uint8Array, calendar: Calendar, changed: () => boolean): Generator<void, FitHistory | null> {
  const cards = Math.min(log.cardIds.length, included.length);
  const start = new Int32Array(cards + 1);
  for (let from = 0; from < length; from += SLICE) {
    count(log, included, start, from, Math.min(length, from + SLICE));
    yield;
    if (changed()) return null;
  }
  for (let c = 0; c < cards; c++) start[c + 1]! += start[c]!;
  const total = start[cards]!;
  const g: Grouped = { start, at: new Float64Array(total), rating: new Uint8Array(total), prior: new Uint8Array(total) };
  const next = start.slice();
  for (let from = 0; from < length; from += SLICE) {
    scatter(log, included, g, next, from, Math.min(length, from + SLICE));
    yield;
    if (changed()) return null;
  }
  // A card whose history does not begin with it new is left out (see fitHistory).
  const keep = new Uint8Array(cards);
  let kept = 0;
  for (const [from, to] of cardSlices(start)) {
    kept += sortAndKeep(g, keep, from, to);
    yield;
  }
  const keptCards = keep.reduce((sum, k) => sum + k, 0);
  // Usually every card begins new, and the grouped columns are the history as they stand.
  const out: FitHistory =
    kept === total
      ? { start: new Int32Array(keptCards + 1), at: g.at, day: new Int32Array(total), rating: g.rating, prior: g.prior }
      : { start: new Int32Array(keptCards + 1), at: new Float64Array(kept), day: new Int32Array(kept), rating: new Uint8Array(kept), prior: new Uint8Array(kept) };
  const place = { card: 0, review: 0 };
  for (const [from, to] of cardSlices(start)) {
    fill(g, keep, out, calendar, from, to, place);
    yield;
  }
  out.start[keptCards] = place.review;
  return out;
}
