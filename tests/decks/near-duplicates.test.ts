// The same fact is taught once: questions in different decks that read alike are flagged unless reviewed as different.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/core/deck-format/parse';
import { NOTE_TYPES } from '../../src/core/notes/note-types';
import { DISTINCT_PAIRS } from './distinct-pairs';
import { contentWords, NEAR_DUPLICATE, overlap } from './near-duplicates';

const root = join(import.meta.dirname, '../..');

function questions() {
  const out: { file: string; id: string; words: Set<string> }[] = [];
  for (const file of readdirSync(join(root, 'decks')).filter((name) => name.endsWith('.md'))) {
    const parsed = parseDeck(readFileSync(join(root, 'decks', file), 'utf8'));
    if (!parsed.ok) continue;
    for (const note of parsed.deck.notes) out.push({ file, id: note.id, words: contentWords(note.fields[NOTE_TYPES[note.type].questionField] ?? '') });
  }
  return out;
}

describe('near-duplicate questions across decks', () => {
  it('finds the pairs that share most of their words', () => {
    expect(overlap(contentWords('What is perplexity, in terms of cross-entropy?'), contentWords('Define perplexity in terms of the cross-entropy.'))).toBeGreaterThanOrEqual(NEAR_DUPLICATE);
    expect(overlap(contentWords('Why does Adam correct its moment estimates for bias?'), contentWords('How does k-means++ choose its initial centres?'))).toBeLessThan(NEAR_DUPLICATE);
  });

  it('flags none that were not reviewed as asking different things', () => {
    const all = questions();
    const flagged: string[] = [];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const a = all[i]!;
        const b = all[j]!;
        if (a.file === b.file || a.words.size < 4 || b.words.size < 4) continue;
        if (overlap(a.words, b.words) < NEAR_DUPLICATE) continue;
        const key = [a.id, b.id].sort().join(' ~ ');
        if (!(key in DISTINCT_PAIRS)) flagged.push(key);
      }
    }
    expect(flagged).toEqual([]);
  });

  it('keeps every reviewed pair’s reason, and no reason for a pair that is gone', () => {
    const ids = new Set(questions().map((q) => q.id));
    for (const [pair, reason] of Object.entries(DISTINCT_PAIRS)) {
      expect(reason.length, pair).toBeGreaterThan(20);
      for (const id of pair.split(' ~ ')) expect(ids.has(id), `${pair}: ${id} is not in any deck`).toBe(true);
    }
  });
});
