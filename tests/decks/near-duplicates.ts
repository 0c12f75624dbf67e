// How alike two questions are: the share of content words they have in common (Jaccard), after cloze markup and punctuation go.

/** Words that say nothing about what a question asks. */
const FILLER = new Set(
  'the a an of to in and or for is are what which how why does do with on by its it be as at that this from when than into each per your you can not but so if one two all more most only also about give gives given'.split(' '),
);

export function contentWords(question: string): Set<string> {
  return new Set(
    question
      .toLowerCase()
      .replace(/\{\{c\d+::/g, ' ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .split(' ')
      .filter((word) => word.length >= 2 && !FILLER.has(word)),
  );
}

export function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** Questions at least this alike are flagged: measured over the decks, every pair above it was reviewed by hand. */
export const NEAR_DUPLICATE = 0.3;
