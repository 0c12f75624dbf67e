// A line prepared piece by piece ahead of its commit is byte for byte the line written in one go.
import CRC32 from 'crc-32';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../src/core/collection/events';
import { encodeLine } from '../../../src/main/store/journal';
import { crc32Combine, prepareLine, preparedBytes } from '../../../src/main/store/prepared-line';

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a prepared journal line', () => {
  it('equals the line encoded at once, for an import of thousands of records with text of every kind', async () => {
    const notes = Array.from({ length: 2500 }, (_, i) => ({ id: `n${i}`, fields: { Front: `Ça va ${i} — “quotes”, emoji 🧠, tab\there`, Back: '' }, tags: ['a::b'], skip: undefined }));
    const event = { type: 'import', at: 1, source: 'x.apkg', format: 'anki-latest', decks: [], noteTypes: [], notes, cards: [], removedCards: [], reviews: [], media: [] } as unknown as JournalEvent;
    // A slice of 0 ms pauses between every piece: the most interleaved it can be.
    const prepared = await prepareLine(event, pause, 0);
    expect(prepared.body.length).toBeGreaterThan(10);
    expect(preparedBytes(123_456, prepared).toString('utf8')).toBe(encodeLine(123_456, event));
  });

  it('equals it for small events too', async () => {
    const event: JournalEvent = { type: 'settings', at: 5, settings: { dayStartHour: 4 } } as unknown as JournalEvent;
    expect(preparedBytes(7, await prepareLine(event, pause)).toString('utf8')).toBe(encodeLine(7, event));
  });

  it('combines checksums as if computed over the whole', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const whole = CRC32.str(a + b) >>> 0;
        expect(crc32Combine(CRC32.str(a) >>> 0, CRC32.str(b) >>> 0, Buffer.byteLength(b))).toBe(whole);
      }),
    );
  });
});
