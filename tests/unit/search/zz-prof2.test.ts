import { it } from 'vitest';
import { Collection } from '../../../src/core/collection/collection';
import { CardState, type CardRecord, type DeckRecord, type NoteRecord } from '../../../src/core/collection/types';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { parseCloze } from '../../../src/core/notes/cloze';
import { searchableText } from '../../../src/core/search/searchable-text';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 2, 2, 10, 0);
const calendar = fixedOffsetCalendar(60, 4);

/** A deterministic pseudo-random sequence, so every run builds the same collection. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = 'gradient descent attention softmax transformer embedding variance bias regularisation dropout batch norm layer kernel convolution recurrent token vocabulary entropy logits sampling temperature beam retrieval index vector cache memory latency throughput'.split(' ');

function buildLargeCollection(cardCount: number): Collection {
  const next = random(42);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const sentence = (words: number) => Array.from({ length: words }, () => pick(WORDS)).join(' ');
  const decks: DeckRecord[] = [];
  for (const top of ['ML', 'MLOps', 'LLMs & RAG', 'Statistics', 'Systems']) {
    decks.push({ id: top, name: top, presetId: 'default', description: '', created: NOW - 400 * DAY });
    for (let i = 0; i < 9; i++) decks.push({ id: `${top}::${i}`, name: `${top}::Part ${i}`, presetId: 'default', description: '', created: NOW - 400 * DAY });
  }
  const notes: NoteRecord[] = [];
  const cards: CardRecord[] = [];
  let position = 0;
  while (cards.length < cardCount) {
    const n = notes.length;
    const deck = pick(decks);
    const kind = next();
    const tags = [`topic::${pick(WORDS)}`, ...(next() < 0.3 ? [`topic::${pick(WORDS)}::${pick(WORDS)}`] : []), ...(next() < 0.02 ? ['leech'] : [])];
    const note: NoteRecord =
      kind < 0.6
        ? {
            id: `n${n}`,
            deckId: deck.id,
            type: 'basic',
            fields: { Front: `What is **${pick(WORDS)}** in ${sentence(6)}?`, Back: `${sentence(25)}, with $\\sigma(x_i) = ${pick(WORDS)}$ and <b>${pick(WORDS)}</b>.`, Source: '' },
            tags,
            created: NOW - 300 * DAY,
            modified: NOW - Math.floor(next() * 300) * DAY,
            origin: null,
          }
        : kind < 0.85
          ? {
              id: `n${n}`,
              deckId: deck.id,
              type: 'cloze',
              fields: { Text: `${sentence(8)} {{c1::${pick(WORDS)}}} ${sentence(8)} {{c2::${pick(WORDS)}::hint}} ${sentence(5)}`, Extra: sentence(10), Source: '' },
              tags,
              created: NOW - 300 * DAY,
              modified: NOW - 300 * DAY,
              origin: null,
            }
          : {
              id: `n${n}`,
              deckId: deck.id,
              type: 'reverse',
              fields: { Front: pick(WORDS), Back: sentence(12), Source: 'https://example.org/paper' },
              tags,
              created: NOW - 300 * DAY,
              modified: NOW - 300 * DAY,
              origin: null,
            };
    notes.push(note);
    for (let ord = 1; ord <= (note.type === 'basic' ? 1 : 2); ord++) {
      const roll = next();
      const reviewed = roll > 0.3;
      const state = !reviewed ? CardState.New : roll < 0.35 ? CardState.Learning : roll < 0.38 ? CardState.Relearning : CardState.Review;
      const interval = Math.floor(next() * 120);
      const lastReview = reviewed ? NOW - Math.floor(next() * 200) * DAY - 3_600_000 : null;
      cards.push({
        id: `n${n}/${ord}`,
        noteId: note.id,
        ord,
        deckId: note.deckId,
        position: position++,
        suspended: next() < 0.03,
        buriedUntilDay: null,
        flag: next() < 0.05 ? 1 + Math.floor(next() * 7) : 0,
        created: NOW - Math.floor(next() * 300) * DAY,
        state,
        due: reviewed ? (lastReview ?? NOW) + interval * DAY : NOW,
        stability: reviewed ? 0.5 + next() * 100 : 0,
        difficulty: reviewed ? 1 + next() * 9 : 0,
        scheduledDays: state === CardState.Review ? interval : 0,
        learningSteps: 0,
        reps: reviewed ? 1 + Math.floor(next() * 20) : 0,
        lapses: reviewed ? Math.floor(next() * 4) : 0,
        lastReview,
      });
    }
  }
  const col = Collection.fromData({
    decks,
    notes,
    cards,
    presets: [defaultPreset()],
    settings: { dayStartHour: 4, theme: 'system', backupsToKeep: 14 },
    undo: [],
    nextPosition: position,
    builtins: {},
  });
  // About six reviews per studied card, in time order over the last 200 days.
  const studied = cards.filter((card) => card.lastReview !== null);
  const total = studied.length * 6;
  for (let i = 0; i < total; i++) {
    const card = studied[Math.floor(next() * studied.length)]!;
    col.history.append(i + 1, {
      type: 'review',
      at: NOW - 200 * DAY + Math.floor((i / total) * 200 * DAY),
      cardId: card.id,
      rating: (1 + Math.floor(next() * 4)) as 1 | 2 | 3 | 4,
      durationMs: 4000,
      prior: CardState.Review,
      after: card,
    });
  }
  return col;
}
it('prof', () => {
  const col = buildLargeCollection(50_000);
  const texts = [...col.notes.values()].flatMap((n) => Object.values(n.fields));
  console.log('fields', texts.length, 'chars', texts.reduce((s, t) => s + t.length, 0));
  for (let k = 0; k < 4; k++) { const t = performance.now(); for (const x of texts) searchableText(x); console.log('plain', (performance.now() - t).toFixed(1)); }
  const steps: [string, (x: string) => unknown][] = [
    ['lower', (x) => x.toLowerCase()],
    ['cloze', (x) => x.includes('{{c') ? parseCloze(x) : x],
    ['tag', (x) => x.includes('<') ? x.replace(/<!--[\s\S]*?-->|<\/?[a-z][^<>]*>/gi, ' ') : x],
    ['dollar', (x) => x.includes('$') ? x.replace(/\$\$?|\\[()[\]]/g, '') : x],
    ['fold test', (x) => /[^\S ]| {2}|^ | $/.test(x)],
  ];
  for (const [name, f] of steps) for (let k = 0; k < 3; k++) { const t = performance.now(); for (const x of texts) f(x); console.log(name, (performance.now() - t).toFixed(1)); }
});
