// Reads docs/syllabus.md: the rounds, the levels, and each deck's topics with their minimum card count.
import { readFileSync } from 'node:fs';

export interface SyllabusDeck {
  name: string;
  file: string;
  minCards: number;
  topics: Map<string, { title: string; rounds: string[] }>;
}

export interface Syllabus {
  rounds: Set<string>;
  levels: Set<string>;
  decks: SyllabusDeck[];
}

const TAG_CELL = /`?((?:topic|round|level)::[a-z0-9-]+)`?/g;

/**
 * The syllabus is Markdown for people; tables in known sections carry the taxonomy:
 * `## Rounds` and `## Levels` list tags in their first column; each `## Deck: Name` heading says
 * `(file decks/x.md, at least N cards)` and its table lists `topic::…` | title | `round::…` tags.
 */
export function readSyllabus(path: string): Syllabus {
  const text = readFileSync(path, 'utf8');
  const syllabus: Syllabus = { rounds: new Set(), levels: new Set(), decks: [] };
  let section: 'rounds' | 'levels' | SyllabusDeck | null = null;
  for (const line of text.split('\n')) {
    const heading = /^##\s+(.*)$/.exec(line);
    if (heading) {
      const title = heading[1]!.trim();
      const deck = /^Deck:\s*(.+?)\s*\(file\s+`?(decks\/[\w.-]+\.md)`?,\s*at least\s+(\d+)\s+cards\)\s*$/.exec(title);
      if (deck) {
        section = { name: deck[1]!, file: deck[2]!, minCards: Number(deck[3]), topics: new Map() };
        syllabus.decks.push(section);
      } else if (/^Rounds\b/i.test(title)) section = 'rounds';
      else if (/^Levels\b/i.test(title)) section = 'levels';
      else section = null;
      continue;
    }
    if (!section || !line.trimStart().startsWith('|') || /^\|\s*-/.test(line.trim())) continue;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    const first = [...(cells[0] ?? '').matchAll(TAG_CELL)].map((m) => m[1]!)[0];
    if (!first) continue;
    if (section === 'rounds' && first.startsWith('round::')) syllabus.rounds.add(first);
    else if (section === 'levels' && first.startsWith('level::')) syllabus.levels.add(first);
    else if (typeof section === 'object' && first.startsWith('topic::')) {
      const rounds = [...cells.slice(2).join(' ').matchAll(TAG_CELL)].map((m) => m[1]!).filter((tag) => tag.startsWith('round::'));
      section.topics.set(first, { title: cells[1] ?? '', rounds });
    }
  }
  return syllabus;
}
