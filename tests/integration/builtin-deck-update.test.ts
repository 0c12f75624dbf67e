// A collection that studied the first edition of the built-in decks takes the second without losing a review.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardState } from '../../src/core/collection/types';
import { openTestService, TestClock, T0 } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const FIRST_EDITION = join(import.meta.dirname, '../fixtures/decks-first-edition');
const SECOND_EDITION = join(import.meta.dirname, '../../decks');
const SCHEDULE = ['state', 'due', 'stability', 'difficulty', 'scheduledDays', 'learningSteps', 'reps', 'lapses', 'lastReview'] as const;

describe('updating the built-in decks under a learner who studied them', () => {
  it('keeps every studied card’s schedule and history, starts split-off cards new, and duplicates nothing', async () => {
    const dataDir = tempFolder('update');
    const clock = new TestClock(T0);
    const first = openTestService({ dataDir, clock, decks: FIRST_EDITION });
    await first.service.updateSettings({ newPerDayAll: null });
    const presets = await first.service.listPresets({});
    await first.service.savePreset({ ...presets[0]!, newPerDay: 1000 });
    // Two study days: every card answered, Again now and then.
    for (let day = 0; day < 2; day++) {
      for (let i = 0; i < 1000; i++) {
        const next = await first.service.nextCard({});
        if (!next.card) break;
        await first.service.answer({ cardId: next.card.cardId, rating: i % 7 === 3 ? 'again' : 'good', durationMs: 5000 });
        clock.advance(11);
      }
      clock.advanceDays(1);
    }
    const before = first.service.store.requireCollection();
    const studied = new Map([...before.cards.values()].filter((card) => card.lastReview !== null).map((card) => [card.id, structuredClone(card)]));
    const reviewsBefore = new Map([...studied.keys()].map((id) => [id, before.history.reviewsOf(id).length]));
    const notesBefore = new Set(before.notes.keys());
    expect(studied.size).toBeGreaterThan(80);
    await first.service.close();

    const second = openTestService({ dataDir, clock, decks: SECOND_EDITION });
    const col = second.service.store.requireCollection();
    let kept = 0;
    let removedClozes = 0;
    for (const [id, card] of studied) {
      const now = col.cards.get(id);
      // A cloze number the second edition dropped leaves the collection; its reviews stay in history.
      if (!now) {
        removedClozes++;
        expect(col.history.reviewsOf(id).length, id).toBe(reviewsBefore.get(id));
        continue;
      }
      for (const field of SCHEDULE) expect(now[field], `${id} ${field}`).toEqual(card[field]);
      expect(col.history.reviewsOf(id).length, id).toBe(reviewsBefore.get(id));
      kept++;
    }
    expect(kept).toBeGreaterThan(studied.size - 10);
    expect(removedClozes).toBeLessThan(10);

    // Reworded notes carry the second edition's text; the cards split off them are new.
    const splitOff = [...col.notes.values()].filter((note) => note.origin?.source.startsWith('builtin:') && !notesBefore.has(note.id));
    expect(splitOff.length).toBeGreaterThan(500);
    for (const note of splitOff) for (const cardId of col.cardsByNote.get(note.id) ?? []) expect(col.cards.get(cardId)!.state, cardId).toBe(CardState.New);
    expect(col.notes.get('dl-stochastic-depth')!.fields.Points ?? col.notes.get('dl-stochastic-depth')!.fields.Back).toMatch(/1202/);
    expect(col.cards.get('dl-stochastic-depth/1')).toBeDefined();

    // Nothing twice: one card per note and card number, one note per id.
    const keys = [...col.cards.values()].map((card) => `${card.noteId}/${card.ord}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set([...col.cards.keys()]).size).toBe(col.cards.size);
    await second.service.close();
  }, 180_000);
});
