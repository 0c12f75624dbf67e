// Compares two collections part by part, for the integrity check: which part differs, and where.
import type { ReviewLog } from '../history/review-log';
import type { Collection } from './collection';

/** JSON with object keys sorted, so two equal records built in different orders compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

function byId<T extends { id: string }>(records: Iterable<T>): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The first active review where the two logs disagree, or null; logs are compared in log order. */
function historyDifference(a: ReviewLog, b: ReviewLog): string | null {
  const next = (log: ReviewLog, from: number): number => {
    let i = from;
    while (i < log.length && log.removed[i]) i++;
    return i;
  };
  let i = next(a, 0);
  let j = next(b, 0);
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a.read(i);
    const y = b.read(j);
    if (x.seq !== y.seq || x.cardId !== y.cardId || x.at !== y.at || x.rating !== y.rating || x.stability !== y.stability || x.due !== y.due) {
      return `review ${n + 1} (journal event ${x.seq} vs ${y.seq}, card ${x.cardId} vs ${y.cardId})`;
    }
    i = next(a, i + 1);
    j = next(b, j + 1);
    n++;
  }
  if (i < a.length || j < b.length) return `one has ${a.activeCount} reviews, the other ${b.activeCount}`;
  return null;
}

/**
 * Null when the collections hold the same data, review history included; otherwise which part
 * differs ("cards: …"), so a failed check says where to look.
 */
export function collectionDifference(a: Collection, b: Collection): string | null {
  const parts: Array<[string, (c: Collection) => unknown]> = [
    ['decks', (c) => byId(c.decks.values())],
    ['notes', (c) => byId(c.notes.values())],
    ['cards', (c) => byId(c.cards.values())],
    ['presets', (c) => byId(c.presets.values())],
    ['note types', (c) => byId(c.noteTypes.values())],
    ['settings', (c) => c.settings],
    ['undo stack', (c) => c.undo],
    ['next new-card position', (c) => c.nextPosition],
    ['built-in deck versions', (c) => c.builtins],
    ['interview plans', (c) => byId(c.plans.values())],
    ['flagship projects', (c) => byId(c.projects.values())],
  ];
  for (const [name, pick] of parts) {
    if (canonical(pick(a)) !== canonical(pick(b))) return name;
  }
  const history = historyDifference(a.history, b.history);
  return history ? `review history: ${history}` : null;
}
