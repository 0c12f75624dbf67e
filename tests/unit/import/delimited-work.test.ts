// Reading delimited text does each costly step once: the file is parsed once, and a note's whole content is hashed only when another note asks the same question.
import { describe, expect, it, vi } from 'vitest';
import * as contentHash from '../../../src/core/collection/content-hash';
import { parseDelimited } from '../../../src/core/import/text/delimited';
import { previewDelimited } from '../../../src/core/import/text/delimited';

// Counts the calls, leaving what they do unchanged.
vi.mock('../../../src/core/collection/content-hash', async (original) => {
  const real = await original<typeof import('../../../src/core/collection/content-hash')>();
  return { ...real, noteContentHash: vi.fn(real.noteContentHash) };
});
const noteHashes = vi.mocked(contentHash.noteContentHash);

const csv = (rows: string[]) => `front,back,tags\n${rows.join('\n')}\n`;

describe('notes known by their question', () => {
  it('are told apart without hashing their whole content when every question is asked once', () => {
    noteHashes.mockClear();
    const bundle = parseDelimited(csv(Array.from({ length: 50 }, (_, i) => `Question ${i}?,Answer ${i},t${i % 3}`)), 'q.csv');
    expect(bundle.notes).toHaveLength(50);
    expect(noteHashes).not.toHaveBeenCalled();
  });

  it('still skips an exact repeat and keeps a same question with another answer, numbered', () => {
    noteHashes.mockClear();
    const bundle = parseDelimited(csv(['What is KL?,relative entropy,info', 'What is KL?,relative entropy,info', 'What is KL?,a divergence,info', 'Other?,x,']), 'q.csv');
    expect(bundle.notes.map((note) => note.fields.Back)).toEqual(['relative entropy', 'a divergence', 'x']);
    expect(bundle.problems).toEqual(['q.csv, line 3: repeats the note on line 2 exactly; skipped']);
    const [first, second] = bundle.notes.map((note) => note.key);
    expect(second).not.toBe(first);
    // The first note's content is hashed once the second arrives, and each later note's once.
    expect(noteHashes).toHaveBeenCalledTimes(3);
  });
});

describe('the columns the summary shows', () => {
  it('come with the notes, as a separate preview of the file finds them', () => {
    const text = csv(['entropy,"expected surprisal, in bits",info', 'KL,"relative entropy, asymmetric",info']);
    const preview = previewDelimited(text, 'quizlet.csv');
    expect(parseDelimited(text, 'quizlet.csv').columns).toEqual({
      names: preview.columns,
      rows: preview.rows.slice(0, 8),
      delimiter: preview.delimiter,
      hasHeader: preview.hasHeader,
      mapping: preview.mapping,
    });
    const mapping = { front: 1, back: 0, tags: 2 };
    expect(parseDelimited(text, 'quizlet.csv', { mapping }).columns).toMatchObject({ names: ['front', 'back', 'tags'], mapping });
  });
});
