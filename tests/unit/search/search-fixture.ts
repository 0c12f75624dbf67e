// A small collection whose every card is known, built through journal events, for the search tests.
import { Collection, scheduleOf } from '../../../src/core/collection/collection';
import type { ReviewEvent } from '../../../src/core/collection/events';
import { CardState, type CardRecord, type DeckRecord, type NoteRecord, type NoteTypeRecord, type Schedule } from '../../../src/core/collection/types';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import type { SearchContext } from '../../../src/core/search';
import { fixedOffsetCalendar, studyDay } from '../../../src/core/time/study-day';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Monday 2 March 2026, 10:00 UTC; study days start at 4:00 UTC. */
export const NOW = Date.UTC(2026, 2, 2, 10, 0);
export const calendar = fixedOffsetCalendar(0, 4);
export const TODAY = studyDay(calendar, NOW);

const deck = (id: string, name: string, presetId = 'default'): DeckRecord => ({ id, name, presetId, description: '', created: NOW - 60 * DAY });

const DECKS = [deck('ml', 'ML'), deck('ml-opt', 'ML::Optimisation'), deck('mlops', 'MLOps'), deck('llm', 'LLMs & RAG', 'intense')];

const BASIC_AND_REVERSED: NoteTypeRecord = {
  id: 'nt-basic-rev',
  name: 'Basic (and reversed card)',
  kind: 'normal',
  fields: ['Front', 'Back'],
  templates: [
    { name: 'Card 1', front: '{{Front}}', back: '{{Back}}' },
    { name: 'Card 2', front: '{{Back}}', back: '{{Front}}' },
  ],
  css: '',
};

function note(id: string, deckId: string, type: NoteRecord['type'], fields: Record<string, string>, tags: string[], extra: Partial<NoteRecord> = {}): NoteRecord {
  return { id, deckId, type, fields, tags, created: NOW - 30 * DAY, modified: NOW - 30 * DAY, origin: null, ...extra };
}

const NOTES: NoteRecord[] = [
  note(
    'n-sgd',
    'ml-opt',
    'basic',
    { Front: 'What does **stochastic** gradient descent estimate?', Back: 'The gradient, from a <b>mini-batch</b>', Source: '' },
    ['topic::optim', 'exam'],
    { modified: NOW - 2 * HOUR },
  ),
  note('n-adam', 'ml-opt', 'reverse', { Front: 'Adam', Back: 'Adaptive moment estimation: $m_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t$' }, ['topic::optim::adam']),
  note('n-attn', 'llm', 'cloze', { Text: 'Attention weights are {{c1::softmax}}$(QK^T/\\sqrt{d})$ and {{c2::sum to one::a property}}' }, ['topic::kv-cache']),
  note('n-kv', 'llm', 'keypoints', { Question: 'Why use a KV cache?', Points: '- avoids recomputing keys\n- trades memory for speed' }, ['topic::kvcache', 'leech']),
  note('n-drift', 'mlops', 'basic', { Front: 'What is data drift?', Back: 'A change in the input distribution' }, []),
  note('n-bias', 'ml', 'anki', { Front: '<i>Bias</i>&nbsp;term', Back: 'an offset' }, ['imported'], { noteTypeId: BASIC_AND_REVERSED.id, format: 'html' }),
  note('n-tensor', 'ml', 'basic', { Front: 'What is a tensor?', Back: 'An n-dimensional array' }, ['TOPIC']),
];

const newSchedule: Schedule = {
  state: CardState.New,
  due: NOW - 30 * DAY,
  stability: 0,
  difficulty: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  lastReview: null,
};

let position = 0;
function card(noteId: string, ord: number, deckId: string, schedule: Partial<Schedule> = {}, extra: Partial<CardRecord> = {}): CardRecord {
  return {
    id: `${noteId}/${ord}`,
    noteId,
    ord,
    deckId,
    position: position++,
    suspended: false,
    buriedUntilDay: null,
    flag: 0,
    created: NOW - 30 * DAY,
    ...newSchedule,
    ...schedule,
    ...extra,
  };
}

/**
 * Every card and why it is there:
 * - n-sgd/1    review, overdue by 3 days, interval 10, S 12 (R well below 0.9), 1 lapse, red flag
 * - n-adam/1   review, due in 5 days, interval 7, S 40, answered Easy 2 days ago
 * - n-adam/2   new (position 2)
 * - n-attn/1   learning, step due in 5 minutes (inside the learn-ahead window), first answered today
 * - n-attn/2   relearning, step due in 2 hours, lapsed today with Again, 2 lapses
 * - n-kv/1     review, suspended, overdue by a day, answered Hard 6 days ago (its first answer)
 * - n-drift/1  new, buried until tomorrow, created today; an answer today was undone
 * - n-bias/1,2 new Anki cards ("Card 1", "Card 2"); /2 has a purple flag (7)
 * - n-tensor/1 review due today, created 3 days ago, first answered yesterday with Easy
 */
function cards(): CardRecord[] {
  position = 0;
  return [
    card('n-sgd', 1, 'ml-opt', { state: CardState.Review, due: NOW - 3 * DAY, scheduledDays: 10, stability: 12, difficulty: 5.5, reps: 4, lapses: 1, lastReview: NOW - 13 * DAY }, { flag: 1 }),
    card('n-adam', 1, 'ml-opt', { state: CardState.Review, due: NOW + 5 * DAY, scheduledDays: 7, stability: 40, difficulty: 3, reps: 6, lastReview: NOW - 2 * DAY }),
    card('n-adam', 2, 'ml-opt'),
    card('n-attn', 1, 'llm', { state: CardState.Learning, due: NOW + 5 * MINUTE, stability: 0.5, difficulty: 7, reps: 1, learningSteps: 1, lastReview: NOW - 5 * MINUTE }),
    card('n-attn', 2, 'llm', { state: CardState.Relearning, due: NOW + 2 * HOUR, stability: 2, difficulty: 8, reps: 5, lapses: 2, lastReview: NOW - 2 * HOUR }),
    card('n-kv', 1, 'llm', { state: CardState.Review, due: NOW - DAY, scheduledDays: 5, stability: 3, difficulty: 6, reps: 1, lastReview: NOW - 6 * DAY }, { suspended: true }),
    card('n-drift', 1, 'mlops', {}, { buriedUntilDay: TODAY + 1, created: NOW - 1 * HOUR }),
    card('n-bias', 1, 'ml'),
    card('n-bias', 2, 'ml', {}, { flag: 7 }),
    card('n-tensor', 1, 'ml', { state: CardState.Review, due: NOW + HOUR, scheduledDays: 1, stability: 20, difficulty: 2, reps: 1, lastReview: NOW - 14 * HOUR }, { created: NOW - 3 * DAY }),
  ];
}

/** A review as the journal records it; `after` is the card's final schedule, so applying changes nothing else. */
function review(col: Collection, cardId: string, at: number, rating: 1 | 2 | 3 | 4, prior: CardState): ReviewEvent {
  const after = scheduleOf(col.cards.get(cardId)!);
  return { type: 'review', at, cardId, rating, durationMs: 5000, prior, after };
}

export function buildCollection(): { col: Collection; context: SearchContext } {
  const col = new Collection();
  let seq = 0;
  col.apply(++seq, { type: 'preset-save', at: NOW - 60 * DAY, preset: { ...defaultPreset(), id: 'intense', name: 'Intense', desiredRetention: 0.95 } });
  col.apply(++seq, { type: 'import', at: NOW - 60 * DAY, source: 'fixture', format: 'apkg', decks: [], noteTypes: [BASIC_AND_REVERSED], notes: [], cards: [], removedCards: [], reviews: [], media: [] });
  col.apply(++seq, { type: 'upsert', at: NOW - 30 * DAY, source: 'fixture', decks: DECKS.map((deck) => ({ ...deck })), notes: NOTES.map((note) => ({ ...note, fields: { ...note.fields }, tags: [...note.tags] })), cards: cards(), removedCards: [] });
  const reviews: [string, number, 1 | 2 | 3 | 4, CardState][] = [
    ['n-attn/2', NOW - 40 * DAY, 3, CardState.New],
    ['n-sgd/1', NOW - 20 * DAY, 3, CardState.New],
    ['n-sgd/1', NOW - 13 * DAY, 3, CardState.Review],
    ['n-adam/1', NOW - 25 * DAY, 3, CardState.New],
    ['n-kv/1', NOW - 6 * DAY, 2, CardState.New],
    ['n-adam/1', NOW - 2 * DAY, 4, CardState.Review],
    ['n-tensor/1', NOW - 14 * HOUR, 4, CardState.New],
    ['n-attn/2', NOW - 2 * HOUR, 1, CardState.Review],
    ['n-attn/1', NOW - 5 * MINUTE, 1, CardState.New],
  ];
  for (const [cardId, at, rating, prior] of reviews) col.apply(++seq, review(col, cardId, at, rating, prior));
  // An answer taken back: the history forgets it.
  const undone = ++seq;
  col.apply(undone, review(col, 'n-drift/1', NOW - 30 * MINUTE, 3, CardState.New));
  const drift = col.cards.get('n-drift/1')!;
  col.apply(++seq, { type: 'undo', at: NOW - 29 * MINUTE, target: undone, cardId: 'n-drift/1', restore: { schedule: scheduleOf(drift), suspended: false } });
  return { col, context: { col, now: NOW, calendar } };
}

export const ALL_CARDS = ['n-sgd/1', 'n-adam/1', 'n-adam/2', 'n-attn/1', 'n-attn/2', 'n-kv/1', 'n-drift/1', 'n-bias/1', 'n-bias/2', 'n-tensor/1'];
