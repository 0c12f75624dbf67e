// Turns core records into the contract's DTOs: what callers see of cards, notes and decks.
import type { Collection } from '../../core/collection/collection';
import { shortName } from '../../core/collection/deck-tree';
import { CardState, type CardRecord, type NoteRecord } from '../../core/collection/types';
import { retrievability } from '../../core/scheduling/scheduler';
import type { Calendar } from '../../core/time/study-day';
import { studyDay } from '../../core/time/study-day';
import type { CardKind, CardStateView, NoteView, Rating } from '../../shared/dto';
import { RATINGS } from '../../shared/dto';

export const KINDS: readonly CardKind[] = ['new', 'learning', 'review', 'relearning'];

export function kindOf(state: CardState): CardKind {
  return KINDS[state] ?? 'new';
}

export function ratingName(grade: number): Rating {
  return RATINGS[grade - 1] ?? 'again';
}

export function gradeOf(rating: Rating): 1 | 2 | 3 | 4 {
  return (RATINGS.indexOf(rating) + 1) as 1 | 2 | 3 | 4;
}

export function noteView(note: NoteRecord): NoteView {
  return {
    id: note.id,
    deckId: note.deckId,
    type: note.type,
    fields: { ...note.fields },
    tags: [...note.tags],
    created: note.created,
    modified: note.modified,
  };
}

export function cardStateView(col: Collection, card: CardRecord, now: number, calendar: Calendar): CardStateView {
  return {
    kind: kindOf(card.state),
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    retrievability: retrievability(card, now, col.presetOf(card.deckId), calendar),
    scheduledDays: card.scheduledDays,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.lastReview,
    suspended: card.suspended,
    buried: card.buriedUntilDay !== null && card.buriedUntilDay > studyDay(calendar, now),
    flag: card.flag,
  };
}

export function deckLabel(col: Collection, deckId: string): { name: string; shortName: string } {
  const name = col.decks.get(deckId)?.name ?? deckId;
  return { name, shortName: shortName(name) };
}
