// Turns a SearchNode into one card test, with what the query needs worked out once, before any card.
import { forgetting_curve, type FSRS } from 'ts-fsrs';
import { LEECH_TAG, type Collection } from '../collection/collection';
import { CardState, type CardRecord, type NoteRecord } from '../collection/types';
import { LEARN_AHEAD_MS } from '../queue/study-queue';
import { elapsedDays, schedulerFor } from '../scheduling/scheduler';
import { studyDay, studyDayStart, type Calendar } from '../time/study-day';
import { cardsAnsweredSince, cardsFirstAnsweredSince } from './answered-cards';
import type { CardSlots } from './card-slots';
import type { CardStateName, Comparison, PropertyName, SearchNode } from './search-node';
import { searchableText } from './searchable-text';
import { containsMatcher, globLiteral, pathMatcher, wholeMatcher } from './wildcard';
import { todayActivity } from '../queue/today';
import { NOTE_TYPES } from '../notes/note-types';
import { withoutAccents, wordMatcher } from './word-match';

export interface SearchContext {
  col: Collection;
  /** ms epoch: what "today", "due" and "the last N days" are measured from. */
  now: number;
  calendar: Calendar;
}

/** A test of one card, given with its place in the search order (`slots` are by that place). */
export type CardTest = (card: CardRecord, at: number) => boolean;

/** Compiles the tree once; the test is then called for every card, with its place in the search order. */
export function compileSearch(context: SearchContext, node: SearchNode, slots: CardSlots): CardTest {
  return new SearchCompiler(context, slots).compile(node);
}

const yes: CardTest = () => true;
const no: CardTest = () => false;

function compare(op: Comparison, left: number, right: number): boolean {
  switch (op) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '=':
      return left === right;
    case '!=':
      return left !== right;
  }
}

const isLeechTag = (tag: string) => tag === LEECH_TAG || tag.toLowerCase() === LEECH_TAG;

/** A name test that runs once per distinct name: a query meets few field, tag and type names. */
function remembered(matcher: (name: string) => boolean): (name: string) => boolean {
  const seen = new Map<string, boolean>();
  return (name) => {
    let result = seen.get(name);
    if (result === undefined) {
      result = matcher(name);
      seen.set(name, result);
    }
    return result;
  };
}

class SearchCompiler {
  private readonly col: Collection;
  private readonly today: number;

  constructor(
    private readonly context: SearchContext,
    private readonly slots: CardSlots,
  ) {
    this.col = context.col;
    this.today = studyDay(context.calendar, context.now);
  }

  /** The instant the study day `days - 1` days before today began: "in the last N days" starts there. */
  private windowStart(days: number): number {
    return studyDayStart(this.context.calendar, this.today - days + 1);
  }

  /**
   * A test on the card's note, worked out once per note: a card's siblings come next to it in the
   * collection, so remembering the last note's answer is enough, and costs no memory.
   */
  private perNote(test: (note: NoteRecord, at: number) => boolean): CardTest {
    const notes = this.slots.notes;
    let lastNote: NoteRecord | undefined;
    let last = false;
    return (_card, at) => {
      const note = notes[at];
      if (note !== lastNote) {
        lastNote = note;
        last = note ? test(note, at) : false;
      }
      return last;
    };
  }

  /** The note's text as search reads it; `at` is the place of a card of that note. */
  private fieldsOf(note: NoteRecord, at: number) {
    return this.slots.fields(at, note);
  }

  compile(node: SearchNode): CardTest {
    switch (node.kind) {
      case 'all':
        return yes;
      case 'and': {
        const tests = node.nodes.map((child) => this.compile(child));
        if (tests.length === 2) {
          const [a, b] = tests as [CardTest, CardTest];
          return (card, at) => a(card, at) && b(card, at);
        }
        return (card, at) => {
          for (const test of tests) if (!test(card, at)) return false;
          return true;
        };
      }
      case 'or': {
        const tests = node.nodes.map((child) => this.compile(child));
        if (tests.length === 2) {
          const [a, b] = tests as [CardTest, CardTest];
          return (card, at) => a(card, at) || b(card, at);
        }
        return (card, at) => {
          for (const test of tests) if (test(card, at)) return true;
          return false;
        };
      }
      case 'not': {
        const test = this.compile(node.node);
        return (card, at) => !test(card, at);
      }
      case 'text': {
        const matches = containsMatcher(node.text);
        return this.perNote((note, at) => matches(this.fieldsOf(note, at).text));
      }
      case 'word': {
        const matches = wordMatcher(node.text);
        return this.perNote((note, at) => matches(this.fieldsOf(note, at).text));
      }
      case 'no-accents': {
        const matches = containsMatcher(withoutAccents(node.text));
        return this.perNote((note, at) => matches(withoutAccents(this.fieldsOf(note, at).text)));
      }
      case 'regex': {
        const pattern = new RegExp(node.source, 'iu');
        // Field by field, as the text joins fields with a separator a pattern would not expect.
        return this.perNote((note, at) => this.fieldsOf(note, at).values.some((value) => pattern.test(value)));
      }
      case 'dupe': {
        const typeMatches = wholeMatcher(node.noteType);
        const wanted = searchableText(node.text);
        return this.perNote((note, at) => {
          const noteType = note.noteTypeId === undefined ? undefined : this.col.noteTypes.get(note.noteTypeId);
          const typeName = note.type === 'anki' ? (noteType?.name ?? '') : note.type;
          if (!typeMatches(typeName.toLowerCase()) && !(note.noteTypeId !== undefined && globLiteral(node.noteType) === note.noteTypeId)) return false;
          const { names, values } = this.fieldsOf(note, at);
          const first = note.type === 'anki' ? 0 : Math.max(0, names.indexOf(NOTE_TYPES[note.type].questionField.toLowerCase()));
          return values[first] === wanted;
        });
      }
      case 'field': {
        const nameMatches = wholeMatcher(node.field);
        const valueMatches = wholeMatcher(node.text);
        // Which fields a list of names offers is worked out once per list (once per note type).
        const chosen = new Map<readonly string[], number[]>();
        return this.perNote((note, at) => {
          const { names, values } = this.fieldsOf(note, at);
          let indices = chosen.get(names);
          if (!indices) {
            indices = names.flatMap((name, i) => (nameMatches(name) ? [i] : []));
            chosen.set(names, indices);
          }
          for (const i of indices) if (valueMatches(values[i]!)) return true;
          return false;
        });
      }
      case 'deck': {
        if (node.deck === '*') return yes;
        const matches = pathMatcher(node.deck);
        const ids = new Set<string>();
        for (const deck of this.col.decks.values()) if (matches(deck.name.toLowerCase())) ids.add(deck.id);
        return (card) => ids.has(card.deckId);
      }
      case 'tag': {
        if (node.tag === '*') return yes;
        if (node.tag.toLowerCase() === 'none') return this.perNote((note) => note.tags.length === 0);
        // Tags never hold spaces, so a pattern with one finds nothing (as in Anki).
        if (/\s/.test(node.tag)) return no;
        // A collection has few distinct tags: each is lowercased and matched once per query.
        const pattern = pathMatcher(node.tag);
        const matches = remembered((tag) => pattern(tag.toLowerCase()));
        return this.perNote((note) => note.tags.some(matches));
      }
      case 'is':
        return this.state(node.state);
      case 'flag': {
        const flag = node.flag;
        return (card) => card.flag === flag;
      }
      case 'added': {
        const from = this.windowStart(node.days);
        return (card) => card.created >= from;
      }
      case 'edited': {
        const from = this.windowStart(node.days);
        return this.perNote((note) => note.modified >= from);
      }
      case 'rated': {
        const marked = cardsAnsweredSince(this.col.history, this.windowStart(node.days), node.rating);
        const columns = this.slots.historyColumns();
        return (_card, at) => columns[at]! >= 0 && marked[columns[at]!] === 1;
      }
      case 'introduced': {
        const marked = cardsFirstAnsweredSince(this.col.history, this.windowStart(node.days));
        const columns = this.slots.historyColumns();
        return (_card, at) => columns[at]! >= 0 && marked[columns[at]!] === 1;
      }
      case 'prop':
        return this.property(node.prop, node.op, node.value);
      case 'card': {
        const ord = node.ord;
        return (card) => card.ord === ord;
      }
      case 'card-name': {
        const matches = wholeMatcher(node.name);
        const byTemplate = new Map<string, boolean>();
        const notes = this.slots.notes;
        return (card, at) => {
          const note = notes[at];
          if (!note || note.type !== 'anki' || note.noteTypeId === undefined) return false;
          const key = `${note.noteTypeId}\u0000${card.ord}`;
          let result = byTemplate.get(key);
          if (result === undefined) {
            const noteType = this.col.noteTypes.get(note.noteTypeId);
            const template = noteType && (noteType.kind === 'cloze' ? noteType.templates[0] : noteType.templates[card.ord - 1]);
            result = template ? matches(template.name.toLowerCase()) : false;
            byTemplate.set(key, result);
          }
          return result;
        };
      }
      case 'note-type': {
        const matches = remembered(wholeMatcher(node.name));
        return this.perNote((note) => {
          if (note.type !== 'anki') return matches(note.type);
          const noteType = note.noteTypeId === undefined ? undefined : this.col.noteTypes.get(note.noteTypeId);
          return noteType ? matches(noteType.name.toLowerCase()) : false;
        });
      }
      case 'preset': {
        const matches = wholeMatcher(node.name);
        const ids = new Set<string>();
        for (const deck of this.col.decks.values()) if (matches(this.col.presetOf(deck.id).name.toLowerCase())) ids.add(deck.id);
        return (card) => ids.has(card.deckId);
      }
      case 'note-id': {
        const ids = new Set(node.ids.map(globLiteral));
        return (card) => ids.has(card.noteId);
      }
      case 'card-id': {
        const ids = new Set(node.ids.map(globLiteral));
        return (card) => ids.has(card.id);
      }
    }
  }

  private isBuried(card: CardRecord): boolean {
    return card.buriedUntilDay !== null && this.today < card.buriedUntilDay;
  }

  /**
   * Buried by hand, or held back today because a sibling was answered today (the queue's rule, kept
   * as no flag): those are the new cards and the cards due today of such notes, not answered today.
   */
  private buried(): CardTest {
    const { col, calendar, now } = this.context;
    const activity = todayActivity(col, now, calendar);
    const answered = new Set<string>();
    for (const review of col.history.since(studyDayStart(calendar, this.today))) answered.add(review.cardId);
    const tomorrow = studyDayStart(calendar, this.today + 1);
    return (card) =>
      this.isBuried(card) ||
      (!card.suspended && activity.notesSeen.has(card.noteId) && !answered.has(card.id) && (card.state === CardState.New || card.due < tomorrow));
  }

  private state(state: CardStateName): CardTest {
    switch (state) {
      case 'new':
        return (card) => card.state === CardState.New;
      // A relearning card is both in learning and a review card, as Anki counts it.
      case 'learn':
        return (card) => card.state === CardState.Learning || card.state === CardState.Relearning;
      case 'review':
        return (card) => card.state === CardState.Review || card.state === CardState.Relearning;
      case 'suspended':
        return (card) => card.suspended;
      case 'buried':
        return this.buried();
      case 'leech':
        return this.perNote((note) => note.tags.some(isLeechTag));
      case 'due': {
        // What the study queue would offer now, limits aside: reviews due by the end of today,
        // learning steps due within the learn-ahead window; never a suspended or buried card.
        const { calendar, now } = this.context;
        const learnCutoff = now + LEARN_AHEAD_MS;
        return (card) => {
          if (card.suspended || this.isBuried(card)) return false;
          if (card.state === CardState.Review) return studyDay(calendar, card.due) <= this.today;
          if (card.state === CardState.Learning || card.state === CardState.Relearning) return card.due <= learnCutoff;
          return false;
        };
      }
    }
  }

  private property(prop: PropertyName, op: Comparison, value: number): CardTest {
    const read = this.propertyReader(prop);
    return (card) => {
      const actual = read(card);
      return actual !== null && compare(op, actual, value);
    };
  }

  /** The property's value for a card, or null when the card has none (a new card's stability). */
  private propertyReader(prop: PropertyName): (card: CardRecord) => number | null {
    const { calendar, now } = this.context;
    const studied = (card: CardRecord) => card.state !== CardState.New;
    switch (prop) {
      case 'ivl':
        // As Anki: a new or learning card's interval is 0.
        return (card) => (studied(card) ? Math.round(card.scheduledDays) : 0);
      case 'due':
        return (card) => (studied(card) ? studyDay(calendar, card.due) - this.today : null);
      case 'reps':
        return (card) => card.reps;
      case 'lapses':
        return (card) => card.lapses;
      case 'pos':
        return (card) => (studied(card) ? null : card.position);
      case 's':
        return (card) => (studied(card) && card.stability > 0 ? card.stability : null);
      case 'd':
        // Anki's scale: 0 (easiest) to 1 (hardest), from FSRS's 1 to 10.
        return (card) => (studied(card) && card.difficulty > 0 ? (card.difficulty - 1) / 9 : null);
      case 'r': {
        // `retrievability()` from the scheduler, with the preset's scheduler looked up once per deck
        // rather than once per card (finding it by its parameters is the costly part).
        const schedulers = new Map<string, FSRS>();
        return (card) => {
          if (card.state === CardState.New || card.lastReview === null || card.stability <= 0) return null;
          // A memory state another app computed with its own curve is read on that curve, as retrievability() reads it.
          if (card.decay !== undefined) return forgetting_curve(card.decay, elapsedDays(card, now, calendar), card.stability);
          let scheduler = schedulers.get(card.deckId);
          if (!scheduler) {
            scheduler = schedulerFor(this.col.presetOf(card.deckId));
            schedulers.set(card.deckId, scheduler);
          }
          return scheduler.forgetting_curve(elapsedDays(card, now, calendar), card.stability);
        };
      }
    }
  }
}
