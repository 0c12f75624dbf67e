// A card a note has just made: new, unscheduled, introduced at `position`.
import { cardId } from '../notes/note-types';
import { newSchedule } from '../scheduling/scheduler';
import type { CardRecord } from './types';

export function newCard(noteId: string, ord: number, deckId: string, position: number, at: number): CardRecord {
  return {
    id: cardId(noteId, ord),
    noteId,
    ord,
    deckId,
    position,
    suspended: false,
    buriedUntilDay: null,
    flag: 0,
    created: at,
    ...newSchedule(at),
  };
}
