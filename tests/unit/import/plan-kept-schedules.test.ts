// Planning cards that keep their source's schedule: the scheduler is asked only for what the import keeps.
import { FSRS } from 'ts-fsrs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Collection } from '../../../src/core/collection/collection';
import { CardState } from '../../../src/core/collection/types';
import type { ImportBundle, ImportedCard, ImportedReview } from '../../../src/core/import/bundle';
import { planImport } from '../../../src/core/import/plan-import';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const DAY = 86_400_000;
const AT = Date.UTC(2026, 2, 2, 10);
const options = { at: AT, source: 'deck.apkg', calendar: fixedOffsetCalendar(0, 4) };

const reviews: ImportedReview[] = [0, 1, 4, 12].map((day, i) => ({ at: AT - 40 * DAY + day * DAY, rating: i === 2 ? 1 : 3, durationMs: 4000, intervalDays: 1 + day }));
const lastAt = reviews[reviews.length - 1]!.at;

function bundle(card: ImportedCard): ImportBundle {
  return {
    format: 'anki-legacy2',
    decks: [],
    noteTypes: [],
    notes: [{ key: 'anki:guid1', deckName: 'Deck', type: 'basic', fields: { Front: 'q', Back: 'a' }, format: 'html', tags: [], cards: [card] }],
    media: [],
    problems: [],
  };
}

const reviewCard = (lastReview: number | null): ImportedCard => ({
  ord: 1,
  suspended: false,
  buried: false,
  flag: 0,
  reviews,
  kept: { state: CardState.Review, due: { at: AT + 5 * DAY }, intervalDays: 28, reps: 4, lapses: 1, lastReview, ease: 2.5, historyFrom: reviews[0]!.at },
});

afterEach(() => vi.restoreAllMocks());

describe('a card that keeps its source’s schedule', () => {
  it('is planned without the scheduler’s full answer: the source’s schedule is the result of its last review', () => {
    const next = vi.spyOn(FSRS.prototype, 'next');
    const plan = planImport(new Collection(), bundle(reviewCard(lastAt)), options);
    expect(next).not.toHaveBeenCalled();
    const event = plan.event!;
    expect(event.reviews).toHaveLength(4);
    const { id: _id, noteId: _note, ord: _ord, deckId: _deck, position: _position, suspended: _suspended, buriedUntilDay: _buried, flag: _flag, created: _created, ...schedule } = event.cards[0]!;
    expect(event.reviews.at(-1)!.after).toEqual(schedule);
    expect(schedule).toMatchObject({ state: CardState.Review, scheduledDays: 28, lastReview: lastAt });
  });

  it('still has the scheduler answer the last review when the source’s schedule comes from another moment', () => {
    const next = vi.spyOn(FSRS.prototype, 'next');
    const plan = planImport(new Collection(), bundle(reviewCard(lastAt + DAY)), options);
    expect(next).toHaveBeenCalledTimes(1);
    expect(plan.event!.reviews.at(-1)!.after.lastReview).toBe(lastAt);
  });
});
