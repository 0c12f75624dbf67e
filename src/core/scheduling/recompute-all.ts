// Every card's schedule recomputed from the review log: what a parameter or retention change runs.
import type { Preset } from '../../shared/dto';
import type { CardRecord, Schedule } from '../collection/types';
import type { ReviewLog } from '../history/review-log';
import type { Calendar } from '../time/study-day';
import { fastReplay } from './fast-replay';
import { reviewsByCard } from '../history/reviews-by-card';

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
  const { cardIds, start, at, rating } = reviewsByCard(log);
  const cards = cardIds.length;
  const out: Recomputed[] = [];
  for (let c = 0; c < cards; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    const card = cardOf(cardIds[c]!);
    if (!card || to === from) continue;
    out.push({ cardId: card.id, schedule: fastReplay(at.subarray(from, to), rating.subarray(from, to), card.created, presetOf(card), calendar, card.id) });
    if (onProgress && c % 5000 === 0) onProgress(c / cards);
  }
  onProgress?.(1);
  return out;
}
