// A deck or the whole collection as a bundle: what every exporter writes, and what a backup reads back.
import { scheduleOf, type Collection } from '../collection/collection';
import { subtreeIds } from '../collection/deck-tree';
import type { CardRecord, NoteRecord } from '../collection/types';
import type { ImportBundle, ImportedCard, ImportedNote } from '../import/bundle';

export interface BundleOptions {
  /** Only this deck and its children (all decks when absent). */
  deckId?: string;
  /** Keep each card's exact schedule, each review's exact result, presets: a lossless backup. */
  exact?: boolean;
  /** Study day now, to tell a card buried today from one buried long ago. */
  today: number;
}

/** The import identity of a collection note: native ids as `id:…`, imported keys as they were. */
export function keyOf(note: NoteRecord): string {
  return /^(anki|content):/.test(note.id) ? note.id : `id:${note.id}`;
}

/** Media names a field refers to: `src="…"`, Markdown images and Anki's `[sound:…]`. */
export function mediaReferences(value: string): string[] {
  const names = new Set<string>();
  for (const match of value.matchAll(/\bsrc=["']?([^"'\s>]+)/g)) names.add(match[1]!);
  for (const match of value.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) names.add(match[1]!);
  for (const match of value.matchAll(/\[sound:([^\]]+)\]/g)) names.add(match[1]!);
  return [...names].filter((name) => !/^[a-z][\w+.-]*:/i.test(name) && !name.includes('/'));
}

export function collectionToBundle(col: Collection, options: BundleOptions): ImportBundle {
  const deckIds = new Set(options.deckId ? subtreeIds(col, options.deckId) : col.decks.keys());
  const byNote = new Map<string, CardRecord[]>();
  for (const card of col.cards.values()) {
    if (!deckIds.has(card.deckId)) continue;
    const list = byNote.get(card.noteId);
    if (list) list.push(card);
    else byNote.set(card.noteId, [card]);
  }
  // A story prompt waiting for the learner's story has no card yet, and is still part of its deck.
  for (const note of col.notes.values()) if (note.type === 'story' && deckIds.has(note.deckId) && !byNote.has(note.id)) byNote.set(note.id, []);
  const deckName = (id: string) => col.decks.get(id)?.name ?? 'Default';
  const notes: ImportedNote[] = [];
  const usedTypes = new Set<string>();
  for (const [noteId, cards] of byNote) {
    const note = col.notes.get(noteId);
    if (!note) continue;
    cards.sort((a, b) => a.ord - b.ord);
    const home = deckIds.has(note.deckId) || cards.length === 0 ? note.deckId : cards[0]!.deckId;
    if (note.noteTypeId) usedTypes.add(note.noteTypeId);
    notes.push({
      key: keyOf(note),
      deckName: deckName(home),
      type: note.type,
      ...(note.noteTypeId ? { noteTypeKey: note.noteTypeId } : {}),
      fields: { ...note.fields },
      format: note.format ?? 'markdown',
      tags: [...note.tags],
      created: note.created,
      modified: note.modified,
      cards: cards.map((card): ImportedCard => {
        const reviews = col.history.reviewsOf(card.id).map((review) => ({
          at: review.at,
          rating: review.rating,
          durationMs: review.durationMs,
          ...(review.scheduledDays > 0 ? { intervalDays: review.scheduledDays } : {}),
          // History keeps stability, difficulty, interval and due of each review; the rest of a
          // schedule is not part of history, so those fields are only placeholders here.
          ...(options.exact
            ? {
                prior: review.prior,
                after: {
                  state: card.state,
                  due: review.due,
                  stability: review.stability,
                  difficulty: review.difficulty,
                  scheduledDays: review.scheduledDays,
                  learningSteps: 0,
                  reps: 0,
                  lapses: 0,
                  lastReview: review.at,
                },
              }
            : {}),
        }));
        return {
          ord: card.ord,
          suspended: card.suspended,
          buried: card.buriedUntilDay !== null && card.buriedUntilDay > options.today,
          flag: card.flag,
          reviews,
          ...(card.deckId !== home ? { deckName: deckName(card.deckId) } : {}),
          ...(options.exact
            ? {
                position: card.position,
                schedule: scheduleOf(card),
              }
            : {}),
        };
      }),
    });
  }
  const decks = [...deckIds].map((id) => col.decks.get(id)!).filter(Boolean);
  return {
    format: options.exact ? 'interleave-backup' : 'interleave',
    decks: decks.map((deck) => ({ name: deck.name, description: deck.description })),
    noteTypes: [...usedTypes]
      .map((id) => col.noteTypes.get(id))
      .filter((type) => type !== undefined)
      .map((type) => ({ key: type.id, name: type.name, kind: type.kind, fields: type.fields, templates: type.templates, css: type.css })),
    notes,
    media: [],
    problems: [],
    ...(options.exact
      ? {
          presets: [...col.presets.values()],
          deckPresets: Object.fromEntries(decks.map((deck) => [deck.name, deck.presetId])),
        }
      : {}),
  };
}
