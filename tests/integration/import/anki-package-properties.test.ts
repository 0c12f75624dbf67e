// Property tests: random bytes and randomly damaged real packages give a bundle or an ImportError, never a crash, hang or runaway memory.
import { unzipSync, zipSync } from 'fflate';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImportError, type ImportBundle, type ImportLimits } from '../../../src/core/import/bundle';
import { readAnkiPackage } from '../../../src/main/import/anki/package-reader';
import { basicNote, fixture, packageOf } from '../../helpers/anki-builder';

/**
 * What bounds the reader's work on any input: bytes inflated and entries read. A package past them
 * is refused rather than read; how long a read takes is measured by `npm run bench`.
 */
const LIMITS = { maxBytes: 32 * 1024 * 1024, maxEntries: 500, maxMediaBytes: 32 * 1024 * 1024 } satisfies ImportLimits;

/** Reads and checks the outcome: a well-formed bundle within the limits, or a typed error with a message. */
async function outcome(bytes: Uint8Array): Promise<'bundle' | 'refused'> {
  let result: ImportBundle | undefined;
  try {
    result = await readAnkiPackage(bytes, 'fuzzed.apkg', LIMITS);
  } catch (error) {
    if (!(error instanceof ImportError)) throw new Error(`not an ImportError: ${String(error)}`, { cause: error });
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.message).toContain('fuzzed.apkg');
    return 'refused';
  }
  expect(result.notes.length).toBeGreaterThan(0);
  const mediaBytes = result.media.reduce((sum, media) => sum + media.bytes!.length, 0);
  expect(mediaBytes).toBeLessThanOrEqual(LIMITS.maxMediaBytes);
  expect(result.media.length).toBeLessThanOrEqual(LIMITS.maxEntries);
  for (const note of result.notes) {
    // A damaged collection can hold any text as a guid, a line break included: never an empty one.
    expect(note.key).toMatch(/^anki:./s);
    for (const card of note.cards) {
      expect(card.ord).toBeGreaterThanOrEqual(1);
      expect(card.flag).toBeGreaterThanOrEqual(0);
      expect(card.flag).toBeLessThanOrEqual(7);
      for (const review of card.reviews) expect([1, 2, 3, 4]).toContain(review.rating);
    }
  }
  return 'bundle';
}

/** Overwrites a few bytes, or cuts the data short, at random. */
const damage = (length: number) =>
  fc.oneof(
    fc.array(fc.record({ at: fc.nat({ max: length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 }).map((edits) => ({ edits, cut: length })),
    fc.nat({ max: length - 1 }).map((cut) => ({ edits: [], cut })),
  );

function applyDamage(bytes: Uint8Array, change: { edits: { at: number; value: number }[]; cut: number }): Uint8Array {
  const copy = bytes.slice(0, change.cut);
  for (const { at, value } of change.edits) if (at < copy.length) copy[at] = value;
  return copy;
}

describe('reading untrusted bytes as an Anki package', () => {
  let written: Uint8Array;
  beforeAll(async () => {
    written = await packageOf([basicNote('id:1', 'alpha', 'beta', { tags: ['t'] }), basicNote('id:2', 'gamma', 'delta')], {
      media: [{ name: 'a.png', bytes: new Uint8Array(300).fill(7) }],
    });
  });

  it('gives a bundle or an ImportError for random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await outcome(bytes)).toBe('refused');
      }),
      { numRuns: 200 },
    );
  });

  it('gives a bundle or an ImportError for random bytes that start like a zip', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (tail) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail, 0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]);
        await outcome(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('gives a bundle or an ImportError for a real latest package damaged at random', async () => {
    const pkg = fixture('llmanki-test-deck-anki21b.apkg');
    await fc.assert(
      fc.asyncProperty(damage(pkg.length), async (change) => {
        await outcome(applyDamage(pkg, change));
      }),
      { numRuns: 150 },
    );
  });

  it('gives a bundle or an ImportError for a real legacy 1 package damaged at random', async () => {
    const pkg = fixture('darigov-google-ml-glossary.apkg');
    await fc.assert(
      fc.asyncProperty(damage(pkg.length), async (change) => {
        await outcome(applyDamage(pkg, change));
      }),
      { numRuns: 60 },
    );
  });

  it('gives a bundle or an ImportError when the zstd collection inside a latest package is damaged', async () => {
    const entries = unzipSync(fixture('llmanki-test-deck-anki21b.apkg'));
    const collection = entries['collection.anki21b']!;
    await fc.assert(
      fc.asyncProperty(damage(collection.length), async (change) => {
        await outcome(zipSync({ ...entries, 'collection.anki21b': applyDamage(collection, change) }));
      }),
      { numRuns: 150 },
    );
  });

  it('gives a bundle or an ImportError when the SQLite collection inside a written package is damaged', async () => {
    const entries = unzipSync(written);
    const collection = entries['collection.anki21']!;
    await fc.assert(
      fc.asyncProperty(damage(collection.length), async (change) => {
        await outcome(zipSync({ ...entries, 'collection.anki21': applyDamage(collection, change) }));
      }),
      { numRuns: 150 },
    );
  });

  it('gives a bundle or an ImportError when the media map of a written package is replaced by random text', async () => {
    const entries = unzipSync(written);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.json(), fc.string()), async (map) => {
        const result = await outcome(zipSync({ ...entries, media: new TextEncoder().encode(map) }));
        expect(result).toBe('bundle');
      }),
      { numRuns: 150 },
    );
  });
});
