// Pairs of questions in different decks that look alike to the near-duplicate check but ask different things, each with why.

export const DISTINCT_PAIRS: Record<string, string> = {};
