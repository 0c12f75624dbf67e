// One Anki card's schedule as Anki left it: its queue, due date, interval, counts, learning step and FSRS memory state.
import type { KeptSchedule } from '../../../core/import/bundle';
import { CardState } from '../../../core/collection/types';
import type { CollectionTiming } from './collection-meta';
import { isAnswer, isCramming, isReset, REVLOG, type CardRows } from './revlog';

/** The columns of a `cards` row the schedule is read from. */
export interface CardRow {
  type: number;
  queue: number;
  due: number;
  ivl: number;
  /** SM-2 ease in ‰ (2500 = 250 %). */
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  /** Set while the card is borrowed by a filtered deck: its own deck and due. */
  odid: number;
  odue: number;
  data: string;
}

/** Card types (rslib card/mod.rs). */
const CARD_TYPE = { new: 0, learn: 1, review: 2, relearn: 3 } as const;
const DAY_MS = 86_400_000;

/** Anki's own test: due numbers past this are Unix timestamps (intraday learning), below it day numbers. */
const isTimestamp = (due: number) => due > 1_000_000_000;

/**
 * The local calendar date (days since 1970-01-01) of the collection's day 0. Day N is that date
 * plus N: Anki counts days elapsed between the creation date, in the time zone of creation, and
 * today's date where the learner is; collections without a creation offset count from `crt` in the
 * local time zone.
 */
export function dayZero(timing: CollectionTiming, offsetMinutesAt: (ms: number) => number): number {
  const crtMs = timing.crtSecs * 1000;
  const offsetEast = timing.creationOffsetMinutesWest !== null ? -timing.creationOffsetMinutesWest : offsetMinutesAt(crtMs);
  return Math.floor((crtMs + offsetEast * 60_000) / DAY_MS);
}

interface CardData {
  s?: unknown;
  d?: unknown;
  dr?: unknown;
  decay?: unknown;
  lrt?: unknown;
}

function cardData(json: string): CardData {
  // Most cards hold '' (Anki writes '{}' or nothing without FSRS): only an object is worth parsing,
  // and a failed parse is a thrown error, which cost more than reading the rest of the card.
  if (!json.trimStart().startsWith('{')) return {};
  try {
    const data: unknown = JSON.parse(json);
    return data && typeof data === 'object' ? (data as CardData) : {};
  } catch {
    return {};
  }
}

const positive = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined);

/**
 * Where the card is in its life, as Anki says: a card borrowed by a filtered deck is read as it
 * will be when it goes back (its original due), the way Anki empties a filtered deck.
 */
export function keptSchedule(card: CardRow, rows: CardRows, date0: number, sm2Retention: number | null): { kept: KeptSchedule; newOrder?: number } {
  const due = card.odid !== 0 && card.odue !== 0 ? card.odue : card.due;
  const state = card.type === CARD_TYPE.learn ? CardState.Learning : card.type === CARD_TYPE.review ? CardState.Review : card.type === CARD_TYPE.relearn ? CardState.Relearning : CardState.New;
  const counts = { reps: Math.max(0, card.reps), lapses: Math.max(0, card.lapses) };
  if (state === CardState.New) {
    return { kept: { state, due: { at: 0 }, intervalDays: 0, lastReview: null, ...counts }, newOrder: due };
  }
  const data = cardData(card.data);
  const lastAnswer = lastAnswerAt(rows);
  const lrt = positive(data.lrt);
  // `lrt` is in seconds; the revlog's answer at that second gives the millisecond.
  const lastReview = lrt !== undefined ? (lastAnswer !== null && Math.floor(lastAnswer / 1000) === lrt ? lastAnswer : lrt * 1000) : lastAnswer;
  const kept: KeptSchedule = {
    state,
    due: state !== CardState.Review && isTimestamp(due) ? { at: due * 1000 } : { date: date0 + due },
    intervalDays: Math.max(0, card.ivl),
    lastReview,
    ...counts,
  };
  if (state === CardState.Learning || state === CardState.Relearning) kept.stepsLeft = Math.max(0, card.left % 1000);
  const stability = positive(data.s);
  const difficulty = positive(data.d);
  if (stability !== undefined && difficulty !== undefined) {
    kept.memory = { stability, difficulty };
    const retention = positive(data.dr);
    const decay = positive(data.decay);
    if (retention !== undefined && retention < 1) kept.memory.desiredRetention = retention;
    if (decay !== undefined) kept.memory.decay = decay;
    return { kept };
  }
  // No memory state: what Anki's FSRS would compute it from.
  if (card.factor > 0) kept.ease = card.factor / 1000;
  if (sm2Retention !== null) kept.sm2Retention = sm2Retention;
  const history = memoryHistory(rows);
  if (history) {
    kept.historyFrom = history.from;
    if (history.start) kept.historyStart = history.start;
  }
  return { kept };
}

/** The last answer since the card was last reset, or null (Anki's last review time). */
function lastAnswerAt({ log, from, to }: CardRows): number | null {
  let last: number | null = null;
  for (let i = from; i < to; i++) {
    if (isAnswer(log, i)) last = log.id[i]!;
    else if (isReset(log, i)) last = null;
  }
  return last;
}

/**
 * Which answers a memory state is computed from, as Anki's FSRS chooses them (reviews_for_fsrs):
 * from the first answer of the last run of learning answers, and nothing before a reset; when the
 * log has no learning answers (it was cut), from the first answer with an interval of a day or
 * more, whose SM-2 ease and interval then stand for the state before it. Null when no answer counts.
 */
export function memoryHistory({ log, from: start, to }: CardRows): { from: number; start?: { ease: number; intervalDays: number } } | null {
  let firstOfLastLearning = -1;
  let firstInterday = -1;
  let complete = false;
  for (let i = to - 1; i >= start; i--) {
    if (isCramming(log, i)) continue;
    const answered = log.ease[i]! > 0;
    const ivl = log.ivl[i]!;
    if (answered && (ivl >= 1 || ivl <= -86_400)) firstInterday = i;
    if (answered && log.type[i] === REVLOG.learning) {
      firstOfLastLearning = i;
      complete = true;
    } else if (isReset(log, i)) {
      if (firstOfLastLearning >= 0) break;
      if (firstInterday >= 0) {
        complete = false;
        break;
      }
      return null;
    } else if (firstOfLastLearning >= 0) break;
  }
  const from = firstOfLastLearning >= 0 ? firstOfLastLearning : firstInterday;
  if (from < 0) return null;
  let first = from;
  while (first < to && !isAnswer(log, first)) first++;
  if (first === to) return null;
  if (complete) return { from: log.id[first]! };
  const factor = log.factor[first]!;
  return { from: log.id[first]!, start: { ease: (factor === 0 ? 2500 : factor) / 1000, intervalDays: Math.max(1, log.ivl[first]!) } };
}
