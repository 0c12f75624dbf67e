// How each browser column is titled and shown.
import type { BrowserColumn, BrowserRow } from '../../shared/dto';

const LABELS: Record<BrowserColumn, string> = {
  question: 'Question',
  deck: 'Deck',
  tags: 'Tags',
  due: 'Due',
  interval: 'Interval',
  stability: 'Stability',
  difficulty: 'Difficulty',
  retrievability: 'Recall',
  reviews: 'Reviews',
  lapses: 'Lapses',
  added: 'Added',
};

export function columnLabel(column: BrowserColumn): string {
  return LABELS[column];
}

function day(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatCell(row: BrowserRow, column: BrowserColumn): string {
  switch (column) {
    case 'question':
      return row.question;
    case 'deck':
      return row.deckName;
    case 'tags':
      return row.tags.join(' ');
    case 'due':
      return row.kind === 'new' ? `new #${Math.round(row.due)}` : row.suspended ? `(${day(row.due)})` : day(row.due);
    case 'interval':
      return row.kind === 'new' ? '' : row.intervalDays < 1 ? '<1d' : `${Math.round(row.intervalDays)}d`;
    case 'stability':
      return row.kind === 'new' ? '' : `${row.stability.toFixed(1)}d`;
    case 'difficulty':
      return row.kind === 'new' ? '' : row.difficulty.toFixed(1);
    case 'retrievability':
      return row.retrievability === null ? '' : `${Math.round(row.retrievability * 100)}%`;
    case 'reviews':
      return String(row.reviews);
    case 'lapses':
      return String(row.lapses);
    case 'added':
      return day(row.added);
  }
}
