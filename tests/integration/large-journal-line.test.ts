// A large journal line (an import) is written beside the event loop: reading goes on, changes wait for it and come after it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportEvent } from '../../src/core/collection/events';
import { newSchedule } from '../../src/core/scheduling/scheduler';
import { prepareLine } from '../../src/main/store/prepared-line';
import { openTestService } from '../helpers/service';

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An import of `count` notes, each with one new card, as planImport would write it. */
function bigImport(count: number, at: number): ImportEvent {
  const deckId = 'bulk';
  return {
    type: 'import',
    at,
    source: 'bulk.csv',
    format: 'csv',
    decks: [{ id: deckId, name: 'Bulk', presetId: 'default', description: '', created: at }],
    noteTypes: [],
    notes: Array.from({ length: count }, (_, i) => ({ id: `bulk-${i}`, deckId, type: 'basic', fields: { Front: `Q${i} ${'x'.repeat(400)}`, Back: `A${i}` }, tags: [], created: at, modified: at, origin: null })),
    cards: Array.from({ length: count }, (_, i) => ({
      id: `bulk-${i}/1`,
      noteId: `bulk-${i}`,
      ord: 1,
      deckId,
      position: 10_000 + i,
      suspended: false,
      buriedUntilDay: null,
      flag: 0,
      created: at,
      ...newSchedule(at),
    })),
    removedCards: [],
    reviews: [],
    media: [],
  } as unknown as ImportEvent;
}

describe('a large journal line', () => {
  it('lets reads through while it is written; a change waits and lands after it; a commit that does not wait is refused', async () => {
    const { service, clock, dataDir } = openTestService();
    try {
      const prepared = await prepareLine(bigImport(20_000, clock.now()), pause);
      const writing = service.store.commitPrepared(prepared);
      // The store is writing: reads are answered from the collection as it was …
      expect((await service.listDecks({})).decks.map((deck) => deck.name)).toEqual(['Sample']);
      // … a change made through the service waits for the line and is planned after it …
      const answered = service.answer({ cardId: 's-code/1', rating: 'good' });
      // … and one that skips the wait is refused, never written in front of it.
      expect(() => service.store.commit({ type: 'settings', at: clock.now(), settings: { dayStartHour: 4 } } as never)).toThrow(/import is being saved/);
      const importSeq = await writing;
      await answered;
      const lines = readFileSync(join(dataDir, 'journal.jsonl'), 'utf8').split('\n').filter(Boolean);
      expect(lines.at(-2)).toMatch(new RegExp(`^\\{"seq":${importSeq},"type":"import"`));
      expect(lines.at(-1)).toMatch(new RegExp(`^\\{"seq":${importSeq + 1},"type":"review"`));
      expect((await service.listDecks({})).decks.map((deck) => deck.name)).toEqual(['Bulk', 'Sample']);
      expect((await service.check({})).ok).toBe(true);
    } finally {
      await service.close();
    }
  });
});
