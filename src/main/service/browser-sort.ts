// The browser's sort keys: one value per card and column, computed once per sort.
import type { Collection } from '../../core/collection/collection';
import { CardState, type CardRecord } from '../../core/collection/types';
import { retrievability } from '../../core/scheduling/scheduler';
import type { Calendar } from '../../core/time/study-day';
import type { BrowserColumn } from '../../shared/dto';

export function sortKey(
  column: BrowserColumn,
  question: (card: CardRecord) => string,
  col: Collection,
  now: number,
  calendar: Calendar,
): (card: CardRecord) => string | number {
  switch (column) {
    case 'question':
      return (card) => question(card).toLowerCase();
    case 'deck':
      return (card) => col.decks.get(card.deckId)?.name.toLowerCase() ?? '';
    case 'tags':
      return (card) => (col.notes.get(card.noteId)?.tags ?? []).join(' ').toLowerCase();
    case 'due':
      // New cards after all scheduled ones, in their introduction order.
      return (card) => (card.state === CardState.New ? Number.MAX_SAFE_INTEGER / 2 + card.position : card.due);
    case 'interval':
      return (card) => (card.state === CardState.New ? -1 : card.scheduledDays);
    case 'stability':
      return (card) => card.stability;
    case 'difficulty':
      return (card) => card.difficulty;
    case 'retrievability':
      return (card) => retrievability(card, now, col.presetOf(card.deckId), calendar) ?? 2;
    case 'reviews':
      return (card) => card.reps;
    case 'lapses':
      return (card) => card.lapses;
    case 'added':
      return (card) => card.created * 1000 + (card.position % 1000);
  }
}
