// The names people read for the built-in decks' topic tags, taken from the syllabus's tables.

const TOPIC_ROW = /^\|\s*`((?:topic|round)::[a-z0-9-]+)`\s*\|\s*([^|]+?)\s*\|/;

/**
 * `topic::bias-variance` → "Bias-variance trade-off" and `round::ml-coding` → "ML coding", from every
 * table row of docs/syllabus.md that starts with a topic or round tag and its title (the deck tables
 * and the table of rounds). One source: the same tables the deck
 * tests check every card's tag against.
 */
export function topicTitles(syllabus: string): Map<string, string> {
  const titles = new Map<string, string>();
  for (const line of syllabus.split('\n')) {
    const row = TOPIC_ROW.exec(line.trim());
    if (row && !titles.has(row[1]!)) titles.set(row[1]!, row[2]!);
  }
  return titles;
}
