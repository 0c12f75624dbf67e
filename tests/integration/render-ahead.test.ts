// While the learner reads a card, the cards likely to follow are rendered, so an answer's reply carries a next card already typeset.
import { describe, expect, it, vi } from 'vitest';
import * as cardHtml from '../../src/core/render/card-html';
import { deckFile } from '../helpers/deck-file';
import { openTestService } from '../helpers/service';
import { RENDER_AHEAD_AFTER_MS } from '../../src/main/service/study-service';

vi.mock('../../src/core/render/card-html', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/core/render/card-html')>();
  return { ...original, renderCard: vi.fn(original.renderCard) };
});

const pause = () => new Promise((resolve) => setTimeout(resolve, RENDER_AHEAD_AFTER_MS + 100));

describe('rendering ahead', () => {
  it('has the next card rendered before the answer that brings it', async () => {
    const { service } = openTestService({ decks: null });
    await service.importFile({ path: deckFile('Ahead', 'a', 8) });
    let shown = (await service.nextCard({})).card!;
    for (let i = 0; i < 4; i++) {
      await pause();
      const rendered = vi.mocked(cardHtml.renderCard).mock.calls.length;
      const reply = await service.answer({ cardId: shown.cardId, rating: 'good', next: {} });
      expect(vi.mocked(cardHtml.renderCard).mock.calls.length, `answer ${i + 1}`).toBe(rendered);
      shown = reply.next!.card!;
      expect(shown.front).toContain(`Q a`);
    }
    await service.close();
  });
});
