// Changes to many cards at once (the browser, and suspend or bury from study): each planned as one undoable bulk event.
import type { Preset } from '../../shared/dto';
import { newSchedule, schedulerFor } from '../scheduling/scheduler';
import { studyDay, studyDayStart, type Calendar } from '../time/study-day';
import type { Collection } from './collection';
import type { BulkEvent } from './events';
import { CardState, type CardRecord, type NoteRecord } from './types';

export type BulkAction =
  | { action: 'suspend' }
  | { action: 'unsuspend' }
  /** Until the next study day; cards already buried for today are left as they are. */
  | { action: 'bury' }
  | { action: 'unbury' }
  | { action: 'addTags'; tags: string[] }
  | { action: 'removeTags'; tags: string[] }
  | { action: 'move'; deckId: string }
  | { action: 'setDue'; fromDays: number; toDays: number }
  | { action: 'forget' }
  | { action: 'flag'; flag: number }
  | { action: 'delete' };

export interface BulkContext {
  col: Collection;
  at: number;
  calendar: Calendar;
}

const DAY = 86_400_000;

/** A stable spread of cards over a range of days: the same card always lands on the same day. */
function spread(cardId: string, days: number): number {
  let hash = 2166136261;
  for (let i = 0; i < cardId.length; i++) hash = Math.imul(hash ^ cardId.charCodeAt(i), 16777619);
  return (hash >>> 0) % days;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Plans the change; null when it would change nothing. The collection is not touched. */
export function planBulk(context: BulkContext, cardIds: string[], change: BulkAction): BulkEvent | null {
  const { col, at, calendar } = context;
  const cards = [...new Set(cardIds)].map((id) => col.cards.get(id)).filter((card): card is CardRecord => card !== undefined);
  const notesOf = () => [...new Set(cards.map((card) => card.noteId))].map((id) => col.notes.get(id)).filter((n): n is NoteRecord => n !== undefined);
  const event = (label: string, changed: { cards?: CardRecord[]; notes?: NoteRecord[]; removedCards?: string[]; removedNotes?: string[] }): BulkEvent | null => {
    const out: BulkEvent = { type: 'bulk', at, label, cards: changed.cards ?? [], notes: changed.notes ?? [], removedCards: changed.removedCards ?? [], removedNotes: changed.removedNotes ?? [] };
    return out.cards.length + out.notes.length + out.removedCards.length + out.removedNotes.length > 0 ? out : null;
  };
  switch (change.action) {
    case 'suspend':
    case 'unsuspend': {
      const suspended = change.action === 'suspend';
      const changed = cards.filter((card) => card.suspended !== suspended).map((card) => ({ ...card, suspended }));
      return event(`${change.action} ${plural(changed.length, 'card')}`, { cards: changed });
    }
    case 'bury': {
      const today = studyDay(calendar, at);
      const changed = cards.filter((card) => (card.buriedUntilDay ?? 0) <= today).map((card) => ({ ...card, buriedUntilDay: today + 1 }));
      return event(`bury ${plural(changed.length, 'card')}`, { cards: changed });
    }
    case 'unbury': {
      const changed = cards.filter((card) => card.buriedUntilDay !== null).map((card) => ({ ...card, buriedUntilDay: null }));
      return event(`unbury ${plural(changed.length, 'card')}`, { cards: changed });
    }
    case 'addTags':
    case 'removeTags': {
      const notes = notesOf()
        .map((note) => {
          const tags =
            change.action === 'addTags'
              ? [...new Set([...note.tags, ...change.tags])]
              : note.tags.filter((tag) => !change.tags.some((t) => t.toLowerCase() === tag.toLowerCase()));
          return tags.length === note.tags.length && tags.every((t, i) => t === note.tags[i]) ? null : { ...note, tags, modified: at };
        })
        .filter((note): note is NoteRecord => note !== null);
      return event(`${change.action === 'addTags' ? 'tag' : 'untag'} ${plural(notes.length, 'note')}`, { notes });
    }
    case 'move': {
      const moved = cards.filter((card) => card.deckId !== change.deckId).map((card) => ({ ...card, deckId: change.deckId }));
      // A note follows when all of its cards are now in the new deck.
      const notes = notesOf()
        .filter((note) => (col.cardsByNote.get(note.id) ?? []).every((id) => moved.some((c) => c.id === id) || col.cards.get(id)?.deckId === change.deckId))
        .filter((note) => note.deckId !== change.deckId)
        .map((note) => ({ ...note, deckId: change.deckId }));
      return event(`move ${plural(moved.length, 'card')}`, { cards: moved, notes });
    }
    case 'setDue': {
      const today = studyDay(calendar, at);
      const span = Math.max(1, change.toDays - change.fromDays + 1);
      const changed = cards.map((card) => {
        const days = change.fromDays + spread(card.id, span);
        // Due at the same time of day as the study day starts plus an hour: early in that day.
        const due = studyDayStart(calendar, today + days) + 3_600_000;
        const preset: Preset = col.presetOf(card.deckId);
        const fresh = card.state === CardState.New || card.stability <= 0;
        const algorithm = schedulerFor(preset);
        return {
          ...card,
          state: CardState.Review,
          due,
          // A card without a memory yet starts from what a first "good" would give it.
          stability: fresh ? algorithm.init_stability(3) : card.stability,
          difficulty: fresh ? Math.min(10, Math.max(1, algorithm.init_difficulty(3))) : card.difficulty,
          scheduledDays: Math.max(0, Math.round((due - (card.lastReview ?? at)) / DAY)),
          learningSteps: 0,
          lastReview: card.lastReview ?? at,
        };
      });
      return event(`set due date of ${plural(changed.length, 'card')}`, { cards: changed });
    }
    case 'forget': {
      let position = col.nextPosition;
      const changed = cards
        .filter((card) => card.state !== CardState.New)
        .map((card) => ({ ...card, ...newSchedule(at), position: position++ }));
      return event(`forget ${plural(changed.length, 'card')}`, { cards: changed });
    }
    case 'flag': {
      const changed = cards.filter((card) => card.flag !== change.flag).map((card) => ({ ...card, flag: change.flag }));
      return event(`flag ${plural(changed.length, 'card')}`, { cards: changed });
    }
    case 'delete': {
      const notes = notesOf();
      const removedCards = notes.flatMap((note) => col.cardsByNote.get(note.id) ?? []);
      return event(`delete ${plural(notes.length, 'note')}`, { removedCards, removedNotes: notes.map((note) => note.id) });
    }
  }
}
