// Reads the review-log CSV fixtures into the grouped form the optimizer and calibration read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReviewsByCard } from '../../src/core/history/reviews-by-card';

export const FSRS_FIXTURES = join(import.meta.dirname, '../fixtures/fsrs');

interface Row {
  card: string;
  at: number;
  rating: number;
  state: number | null;
  duration: number;
}

/**
 * Both layouts: the synthetic log (`card_id,review_time(ms),review_rating,review_state,review_duration`)
 * and py-fsrs's (`card_id,review_rating,review_time(ISO),review_duration`). A log without states
 * has each card's first review taken as the card being new.
 */
export function readRevlogCsv(file: string): ReviewsByCard {
  const [header, ...lines] = readFileSync(join(FSRS_FIXTURES, file), 'utf8').trim().split('\n');
  const columns = header!.split(',');
  const col = (name: string) => columns.indexOf(name);
  const rows: Row[] = lines.map((line) => {
    const cells = line.split(',');
    const time = cells[col('review_time')]!;
    return {
      card: cells[col('card_id')]!,
      at: /^\d+$/.test(time) ? Number(time) : Date.parse(time),
      rating: Number(cells[col('review_rating')]),
      state: col('review_state') >= 0 ? Number(cells[col('review_state')]) : null,
      duration: Number(cells[col('review_duration')]),
    };
  });
  const byCard = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byCard.get(row.card);
    if (list) list.push(row);
    else byCard.set(row.card, [row]);
  }
  const cardIds = [...byCard.keys()];
  const start = new Int32Array(cardIds.length + 1);
  const at = new Float64Array(rows.length);
  const rating = new Uint8Array(rows.length);
  const duration = new Uint32Array(rows.length);
  const prior = new Uint8Array(rows.length);
  let k = 0;
  cardIds.forEach((id, c) => {
    start[c] = k;
    const list = byCard.get(id)!.sort((a, b) => a.at - b.at);
    list.forEach((row, i) => {
      at[k] = row.at;
      rating[k] = row.rating;
      duration[k] = row.duration;
      prior[k] = row.state ?? (i === 0 ? 0 : 2);
      k++;
    });
  });
  start[cardIds.length] = k;
  return { cardIds, start, at, rating, duration, prior };
}
