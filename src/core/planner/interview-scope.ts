// Which cards an interview covers, and the topic and rounds each counts in.
import type { InterviewPlan } from '../../shared/planning';
import type { Collection } from '../collection/collection';
import { subtreeIds } from '../collection/deck-tree';
import type { NoteRecord } from '../collection/types';
import type { ScopedCard } from '../readiness/readiness';
import { isImportedNote, topicOfTag } from '../stats/topic-of-tags';

export const ROUND_PREFIX = 'round::';

/** Decks that hold built-in cards: the default scope, so a built-in deck added later joins it. */
export function builtinDeckIds(col: Collection): Set<string> {
  const ids = new Set<string>();
  for (const note of col.notes.values()) if (note.origin?.source.startsWith('builtin:')) ids.add(note.deckId);
  return ids;
}

/** A tag names itself and everything under it: `round::ml` covers `round::ml::coding`. Tags compare without case, as Anki's do. */
function hasTag(note: NoteRecord, wanted: readonly string[]): boolean {
  return note.tags.some((tag) => {
    const lower = tag.toLowerCase();
    return wanted.some((want) => lower === want || lower.startsWith(`${want}::`));
  });
}

/**
 * The cards an interview covers: in its decks (children included) and, when it names tags, carrying
 * one of them; with neither, every built-in deck. Suspended cards are out: the learner has put them
 * aside, and a plan that counted them would ask for work it can never schedule.
 */
export function interviewScope(col: Collection, plan: Pick<InterviewPlan, 'deckIds' | 'tags'>): ScopedCard[] {
  const decks = new Set<string>();
  if (plan.deckIds.length) for (const id of plan.deckIds) if (col.decks.has(id)) for (const sub of subtreeIds(col, id)) decks.add(sub);
  const anyDeck = plan.deckIds.length === 0 && plan.tags.length > 0;
  const defaults = plan.deckIds.length === 0 && plan.tags.length === 0 ? builtinDeckIds(col) : null;
  const tags = plan.tags.map((tag) => tag.toLowerCase());
  const topics = new TopicOfTag();
  const deckTopics = new Map<string, string>();
  const out: ScopedCard[] = [];
  for (const card of col.cards.values()) {
    if (card.suspended) continue;
    if (defaults ? !defaults.has(card.deckId) : !anyDeck && !decks.has(card.deckId)) continue;
    const note = col.notes.get(card.noteId);
    if (!note || (tags.length && !hasTag(note, tags))) continue;
    let topic = topics.firstOf(note);
    if (topic === null) {
      topic = deckTopics.get(card.deckId) ?? `deck::${col.decks.get(card.deckId)?.name ?? card.deckId}`;
      deckTopics.set(card.deckId, topic);
    }
    out.push({ card, topic, rounds: roundsOf(note) });
  }
  return out;
}

/**
 * The first topic of a note's tags, as `topicsOfNote(note)[0]`, each distinct tag read once: 50,000
 * notes share a few hundred tags, and reading one cuts a new string.
 */
class TopicOfTag {
  private readonly native = new Map<string, string | null>();
  private readonly imported = new Map<string, string | null>();

  firstOf(note: NoteRecord): string | null {
    const imported = isImportedNote(note);
    const memo = imported ? this.imported : this.native;
    for (const tag of note.tags) {
      let topic = memo.get(tag);
      if (topic === undefined) memo.set(tag, (topic = topicOfTag(tag, imported)));
      if (topic !== null) return topic;
    }
    return null;
  }
}

/** What a note without round tags (nearly every one) shares rather than allocating an empty list each. */
const NO_ROUNDS: readonly string[] = Object.freeze([]);

/** The rounds a note prepares for: its `round::` tags, to their first two levels. */
export function roundsOf(note: NoteRecord): readonly string[] {
  if (!note.tags.some((tag) => tag.startsWith(ROUND_PREFIX))) return NO_ROUNDS;
  const rounds: string[] = [];
  for (const tag of note.tags) {
    if (!tag.startsWith(ROUND_PREFIX)) continue;
    const second = tag.indexOf('::', ROUND_PREFIX.length);
    const round = second < 0 ? tag : tag.slice(0, second);
    if (!rounds.includes(round)) rounds.push(round);
  }
  return rounds;
}

/**
 * The order new cards are introduced in: topics interleaved (one card of each topic in turn, each
 * topic in its own order), so a plan's first weeks touch every topic instead of finishing one
 * deck before the next: interleaved practice is what the app is named for.
 */
export function interleavedNewOrder(scope: readonly ScopedCard[], isNew: (index: number) => boolean): number[] {
  const byTopic = new Map<string, number[]>();
  scope.forEach((entry, i) => {
    if (!isNew(i)) return;
    const list = byTopic.get(entry.topic);
    if (list) list.push(i);
    else byTopic.set(entry.topic, [i]);
  });
  const lists = [...byTopic.values()].map((list) => list.sort((a, b) => scope[a]!.card.position - scope[b]!.card.position || scope[a]!.card.ord - scope[b]!.card.ord));
  // Topics in the order their first card comes, so the deck's own order still leads.
  lists.sort((a, b) => scope[a[0]!]!.card.position - scope[b[0]!]!.card.position);
  const out: number[] = [];
  for (let round = 0; out.length < lists.reduce((sum, list) => sum + list.length, 0); round++) for (const list of lists) if (round < list.length) out.push(list[round]!);
  return out;
}
