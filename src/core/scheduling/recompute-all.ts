// Every card's schedule recomputed from the review log: what a parameter or retention change runs.
import type { Preset } from '../../shared/dto';
import type { CardRecord, Schedule } from '../collection/types';
import type { ReviewLog } from '../history/review-log';
import type { Calendar } from '../time/study-day';
import { fastReplay } from './fast-replay';

export interface Recomputed {
  cardId: string;
  schedule: Schedule;
}

/**
 * Groups the log's reviews by card with one counting sort into flat typed arrays (a million reviews
 * cost a few megabytes, not a million small arrays), then replays each card. `onProgress` is told
 * the share done now and then, so a screen can show a bar.
 */
export function recomputeAll(
  log: ReviewLog,
  cardOf: (cardId: string) => CardRecord | undefined,
  presetOf: (card: CardRecord) => Preset,
  calendar: Calendar,
  onProgress?: (done: number) => void,
): Recomputed[] {
  const cards = log.cardIds.length;
  const counts = new Int32Array(cards + 1);
  for (let i = 0; i < log.length; i++) if (!log.removed[i]) counts[log.card[i]! + 1]!++;
  for (let c = 0; c < cards; c++) counts[c + 1]! += counts[c]!;
  const starts = counts.slice();
  const times = new Float64Array(log.activeCount);
  const ratings = new Uint8Array(log.activeCount);
  for (let i = 0; i < log.length; i++) {
    if (log.removed[i]) continue;
    const at = starts[log.card[i]!]!++;
    times[at] = log.at[i]!;
    ratings[at] = log.rating[i]!;
  }
  const out: Recomputed[] = [];
  for (let c = 0; c < cards; c++) {
    const from = counts[c]!;
    const to = counts[c + 1]!;
    const card = cardOf(log.cardIds[c]!);
    if (!card || to === from) continue;
    // Journal order is not review order once a merge import has added a card's older reviews after
    // its newer ones; replaying them out of order gives a different memory state.
    inTimeOrder(times, ratings, from, to);
    out.push({ cardId: card.id, schedule: fastReplay(times.subarray(from, to), ratings.subarray(from, to), card.created, presetOf(card), calendar, card.id) });
    if (onProgress && c % 5000 === 0) onProgress(c / cards);
  }
  onProgress?.(1);
  return out;
}

/** Sorts one card's reviews by time where they are not already; reviews at the same instant keep journal order. */
function inTimeOrder(times: Float64Array, ratings: Uint8Array, from: number, to: number): void {
  let sorted = true;
  for (let i = from + 1; i < to && sorted; i++) if (times[i]! < times[i - 1]!) sorted = false;
  if (sorted) return;
  const order = Array.from({ length: to - from }, (_, k) => from + k).sort((a, b) => times[a]! - times[b]! || a - b);
  const t = order.map((i) => times[i]!);
  const r = order.map((i) => ratings[i]!);
  times.set(t, from);
  ratings.set(r, from);
}
