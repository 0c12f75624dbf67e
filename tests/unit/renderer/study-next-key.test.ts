// @vitest-environment jsdom
// A key pressed the moment the next card shows is that card's: the study keys follow the card on screen, not a moment later.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../src/shared/contract';
import type { NextCardResult, StudyCard } from '../../../src/shared/dto';
import { ApiContext } from '../../../src/renderer/app/api-context';
import { StudyScreen } from '../../../src/renderer/study/StudyScreen';

function card(id: string): StudyCard {
  return {
    cardId: id,
    noteId: id,
    deckId: 'd',
    deckName: 'D',
    noteType: 'basic',
    kind: 'new',
    front: `<p>Question ${id}</p>`,
    back: `<p>Answer ${id}</p>`,
    tags: [],
    flag: 0,
    previews: (['again', 'hard', 'good', 'easy'] as const).map((rating) => ({ rating, intervalMs: 60_000, label: '1m' })),
  };
}

function next(id: string): NextCardResult {
  return { card: card(id), counts: { new: 2, learning: 0, review: 0, total: 2 }, nextLearningDue: null, today: { day: 0, reviews: 0, newCards: 0, againCount: 0, timeMs: 0 } };
}

const press = (key: string) => window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

/** Resolves when `test` holds of the page, checked after each change to it (as a person sees it). */
function when(test: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => {
      if (test()) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

describe('study keys', () => {
  it('show the answer of the card that just appeared when Space is pressed the moment it shows', async () => {
    const api = {
      nextCard: async () => next('a'),
      answer: async () => ({ cardId: 'a', rating: 'good', due: 0, intervalLabel: '1m', leech: false, undoDepth: 1, next: next('b') }),
    } as unknown as Api;
    const root = document.createElement('div');
    document.body.append(root);
    createRoot(root).render(createElement(ApiContext.Provider, { value: api }, createElement(StudyScreen, { deckId: null })));
    const shows = (testId: string, text: string) => () => document.querySelector(`[data-testid=${testId}]`)?.textContent?.includes(text) ?? false;

    const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
    const answerShown = () => document.querySelector('[data-testid=answer]')?.textContent;

    // Each card is pressed on at once, the moment it is on screen, before anything else gets a turn.
    await when(shows('question', 'Question a'));
    press(' ');
    await settled();
    expect(answerShown() ?? '').toContain('Answer a');
    press('3');
    await when(shows('question', 'Question b'));
    press(' ');
    await settled();
    expect(answerShown() ?? '').toContain('Answer b');
  });
});
