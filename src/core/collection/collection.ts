// The collection in memory, and the one place where journal events change it.
import type { Preset, Settings } from '../../shared/dto';
import type { InterviewPlan } from '../../shared/planning';
import { defaultPreset, DEFAULT_PRESET_ID } from '../scheduling/presets';
import type { Grade, ImportEvent, JournalEvent } from './events';
import { ReviewLog } from '../history/review-log';
import { bulkUndoOf, importUndoOf, noteEditUndoOf, presetUndoOf, type AnswerBefore, type AnswerUndo, type BulkUndo, type UndoEntry } from './undo-entry';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord, ProjectRecord, Schedule } from './types';

export type { AnswerBefore, AnswerUndo, BulkUndo, PresetUndo, UndoEntry } from './undo-entry';

export const UNDO_DEPTH = 100;
export const LEECH_TAG = 'leech';

export function defaultSettings(): Settings {
  return { dayStartHour: 4, theme: 'system', backupsToKeep: 14, newPerDayAll: null, reviewsPerDayAll: null, loadBalance: true, easyDays: [1, 1, 1, 1, 1, 1, 1], limitsStartFromTop: false };
}

/**
 * A new collection starts with a collection-wide limit of new cards: with every built-in deck at
 * 20 a day, "Study all" would otherwise offer a newcomer 20 times the number of decks on day one.
 * Collections from before the setting existed keep no such limit until the learner sets one.
 */
export const NEW_COLLECTION_NEW_PER_DAY = 30;

export function newCollectionSettings(): Settings {
  return { ...defaultSettings(), newPerDayAll: NEW_COLLECTION_NEW_PER_DAY };
}

/** The plain JSON form of a collection, as the snapshot stores it. */
export interface CollectionData {
  decks: DeckRecord[];
  notes: NoteRecord[];
  cards: CardRecord[];
  presets: Preset[];
  /** Anki note types of imported notes (absent in snapshots from before imports existed). */
  noteTypes?: NoteTypeRecord[];
  settings: Settings;
  undo: UndoEntry[];
  nextPosition: number;
  builtins: Record<string, string>;
  /** Interviews the learner prepares for (absent in snapshots from before plans existed). */
  plans?: InterviewPlan[];
  /** The learner's flagship projects (absent in snapshots from before story notes). */
  projects?: ProjectRecord[];
}

export class Collection {
  readonly decks = new Map<string, DeckRecord>();
  readonly notes = new Map<string, NoteRecord>();
  readonly cards = new Map<string, CardRecord>();
  readonly presets = new Map<string, Preset>();
  readonly noteTypes = new Map<string, NoteTypeRecord>();
  readonly plans = new Map<string, InterviewPlan>();
  readonly cardsByNote = new Map<string, string[]>();
  readonly projects = new Map<string, ProjectRecord>();
  settings: Settings = defaultSettings();
  undo: UndoEntry[] = [];
  /** Every review not taken back, in columns; persisted beside the snapshot as a cache. */
  history = new ReviewLog();
  nextPosition = 0;
  /** Built-in deck file name -> hash of the content installed from it. */
  builtins: Record<string, string> = {};
  /**
   * The sequence number of the last event applied. Work planned against the collection (an import)
   * compares it before committing: a different number means something changed in between.
   */
  appliedSeq = 0;
  /**
   * Bumped by every event that may change a note (all but a plain review): what is worked out from
   * the notes and kept between searches (each card's note, its text) is trusted only while it stays.
   */
  notesRevision = 0;

  constructor() {
    const preset = defaultPreset();
    this.presets.set(preset.id, preset);
  }

  static fromData(data: CollectionData, history?: ReviewLog): Collection {
    const col = new Collection();
    if (history) col.history = history;
    for (const deck of data.decks) col.decks.set(deck.id, deck);
    for (const note of data.notes) col.notes.set(note.id, note);
    for (const card of data.cards) col.putCard(card);
    for (const preset of data.presets) col.presets.set(preset.id, preset);
    for (const noteType of data.noteTypes ?? []) col.noteTypes.set(noteType.id, noteType);
    for (const plan of data.plans ?? []) col.plans.set(plan.id, plan);
    col.settings = { ...defaultSettings(), ...data.settings };
    col.undo = data.undo;
    // Snapshots from before bulk changes advanced it can lag behind positions that `forget` handed out.
    col.nextPosition = data.cards.reduce((next, card) => Math.max(next, card.position + 1), data.nextPosition);
    col.builtins = data.builtins;
    for (const project of data.projects ?? []) col.projects.set(project.id, project);
    return col;
  }

  toData(): CollectionData {
    return {
      decks: [...this.decks.values()],
      notes: [...this.notes.values()],
      cards: [...this.cards.values()],
      presets: [...this.presets.values()],
      noteTypes: [...this.noteTypes.values()],
      settings: this.settings,
      undo: this.undo,
      nextPosition: this.nextPosition,
      builtins: this.builtins,
      plans: [...this.plans.values()],
      projects: [...this.projects.values()],
    };
  }

  presetOf(deckId: string): Preset {
    const deck = this.decks.get(deckId);
    return (deck && this.presets.get(deck.presetId)) ?? this.presets.get(DEFAULT_PRESET_ID) ?? defaultPreset();
  }

  siblingsOf(card: CardRecord): CardRecord[] {
    return (this.cardsByNote.get(card.noteId) ?? []).filter((id) => id !== card.id).map((id) => this.cards.get(id)!);
  }

  /** Bumped whenever cards are added, removed or change deck: the per-deck indexes below follow it. */
  private structure = 0;
  /**
   * Changes whenever cards come, go or are replaced (a change of deck or position replaces the
   * record): what is worked out from where cards are (the search order) holds while it stays.
   */
  get cardsRevision(): number {
    return this.structure;
  }
  private indexedAt = -1;
  private byDeck = new Map<string, CardRecord[]>();
  private newByDeck = new Map<string, CardRecord[]>();

  private reindex(): void {
    if (this.indexedAt === this.structure) return;
    this.byDeck = new Map();
    for (const card of this.cards.values()) {
      const list = this.byDeck.get(card.deckId);
      if (list) list.push(card);
      else this.byDeck.set(card.deckId, [card]);
    }
    this.newByDeck = new Map();
    this.indexedAt = this.structure;
  }

  /** The cards whose own deck is `deckId` (children not included). */
  cardsInDeck(deckId: string): readonly CardRecord[] {
    this.reindex();
    return this.byDeck.get(deckId) ?? [];
  }

  /**
   * The deck's cards that were new when the index was built, in introduction order. Cards answered
   * since are still listed (callers check the state): the list is rebuilt only when cards come or go.
   */
  newCardsInDeck(deckId: string): readonly CardRecord[] {
    this.reindex();
    let list = this.newByDeck.get(deckId);
    if (!list) {
      list = (this.byDeck.get(deckId) ?? []).filter((card) => card.state === 0).sort((a, b) => a.position - b.position || a.ord - b.ord);
      this.newByDeck.set(deckId, list);
    }
    return list;
  }

  /** Undo entries of imports worked out before they land, with the event they were worked out after. */
  private readonly preparedUndo = new WeakMap<ImportEvent, { after: number; undo: BulkUndo }>();

  /**
   * Works out an import's undo entry before it is applied, so that applying it has less to do. It
   * is used only if nothing else is applied first (it describes the records as they are now).
   */
  prepareImport(event: ImportEvent): void {
    if (event.undoable) this.preparedUndo.set(event, { after: this.appliedSeq, undo: importUndoOf(this, 0, event) });
  }

  private takePreparedUndo(event: ImportEvent, appliedBefore: number, seq: number): BulkUndo | null {
    const prepared = this.preparedUndo.get(event);
    if (!prepared) return null;
    this.preparedUndo.delete(event);
    if (prepared.after !== appliedBefore) return null;
    prepared.undo.seq = seq;
    return prepared.undo;
  }

  private pushUndo(entry: UndoEntry): void {
    this.undo.push(entry);
    // One at a time from the front (shift moves no other entry; a splice would copy them at every answer of a replay).
    while (this.undo.length > UNDO_DEPTH) this.undo.shift();
  }

  private putCard(card: CardRecord): void {
    this.structure++;
    if (!this.cards.has(card.id)) {
      const list = this.cardsByNote.get(card.noteId);
      if (list) list.push(card.id);
      else this.cardsByNote.set(card.noteId, [card.id]);
    }
    this.cards.set(card.id, card);
  }

  private removeCard(cardId: string): void {
    const card = this.cards.get(cardId);
    if (!card) return;
    this.structure++;
    this.cards.delete(cardId);
    const list = (this.cardsByNote.get(card.noteId) ?? []).filter((id) => id !== cardId);
    if (list.length) this.cardsByNote.set(card.noteId, list);
    else this.cardsByNote.delete(card.noteId);
  }

  /**
   * Applies one journal event. Every event carries its own results (the schedule after a review,
   * the cards an upsert creates), so applying never re-decides anything: replay is exact.
   */
  apply(seq: number, event: JournalEvent): void {
    const appliedBefore = this.appliedSeq;
    this.appliedSeq = seq;
    if (event.type !== 'review' || event.leech) this.notesRevision++;
    switch (event.type) {
      case 'review': {
        this.history.record(seq, event);
        const card = this.cards.get(event.cardId);
        if (!card) return; // a card removed later by a reload: its review stays in history only
        const note = this.notes.get(card.noteId);
        const before: AnswerBefore = { schedule: scheduleOf(card) };
        setSchedule(card, event.after);
        if (event.leech) {
          if (!card.suspended) before.suspended = false;
          card.suspended = true;
          if (note && !note.tags.includes(LEECH_TAG)) {
            before.noteTags = [...note.tags];
            note.tags = [...note.tags, LEECH_TAG];
          }
        }
        this.pushUndo({ seq, cardId: card.id, rating: event.rating, before });
        return;
      }
      case 'undo': {
        // An undone first answer makes a card new again: it must be back in the new-card order.
        this.structure++;
        const index = this.undo.findIndex((entry) => entry.seq === event.target);
        if (index >= 0) this.undo.splice(index, 1);
        this.history.record(seq, event);
        const card = this.cards.get(event.cardId);
        if (!card) return;
        setSchedule(card, event.restore.schedule);
        card.suspended = event.restore.suspended;
        const note = this.notes.get(card.noteId);
        if (note && event.restore.noteTags) note.tags = [...event.restore.noteTags];
        return;
      }
      case 'suspend':
        for (const id of event.cardIds) {
          const card = this.cards.get(id);
          if (card) card.suspended = event.suspended;
        }
        return;
      case 'bury':
        for (const id of event.cardIds) {
          const card = this.cards.get(id);
          if (card) card.buriedUntilDay = event.untilDay;
        }
        return;
      case 'upsert':
        for (const deck of event.decks) this.decks.set(deck.id, deck);
        for (const note of event.notes) this.notes.set(note.id, note);
        for (const id of event.removedCards) this.removeCard(id);
        for (const card of event.cards) {
          this.putCard(card);
          this.nextPosition = Math.max(this.nextPosition, card.position + 1);
        }
        if (event.builtins) this.builtins = { ...this.builtins, ...event.builtins };
        return;
      case 'import': {
        // Worked out before the import lands: what it adds and what it finds, to undo it exactly.
        const undo = event.undoable ? this.takePreparedUndo(event, appliedBefore, seq) ?? importUndoOf(this, seq, event) : null;
        for (const preset of event.presets ?? []) this.presets.set(preset.id, preset);
        for (const deck of event.decks) this.decks.set(deck.id, deck);
        for (const noteType of event.noteTypes) this.noteTypes.set(noteType.id, noteType);
        for (const note of event.notes) this.notes.set(note.id, note);
        for (const id of event.removedCards) this.removeCard(id);
        for (const card of event.cards) {
          this.putCard(card);
          this.nextPosition = Math.max(this.nextPosition, card.position + 1);
        }
        this.history.record(seq, event);
        if (undo) this.pushUndo(undo);
        return;
      }
      case 'bulk': {
        // What the change alters, taken before it happens, so an undo can put back exactly that.
        const undo = event.undoable !== false ? bulkUndoOf(this, seq, event) : null;
        for (const id of event.removedCards) this.removeCard(id);
        for (const id of event.removedNotes) this.notes.delete(id);
        for (const id of event.removedDecks ?? []) this.decks.delete(id);
        for (const deck of event.decks ?? []) this.decks.set(deck.id, { ...deck });
        for (const note of event.notes) this.notes.set(note.id, { ...note });
        for (const card of event.cards) {
          this.putCard({ ...card });
          // `forget` hands out new positions: a note added later must not get the same one.
          this.nextPosition = Math.max(this.nextPosition, card.position + 1);
        }
        if (undo) this.pushUndo(undo);
        return;
      }
      case 'undo-bulk': {
        const index = this.undo.findIndex((entry) => entry.seq === event.target);
        if (index >= 0) this.undo.splice(index, 1);
        for (const id of event.createdCards) this.removeCard(id);
        for (const id of event.createdNotes) this.notes.delete(id);
        for (const id of event.removedDecks ?? []) this.decks.delete(id);
        for (const deck of event.decks ?? []) this.decks.set(deck.id, { ...deck });
        // An undone import's reviews leave the history (the same rule a rebuild of the history follows).
        this.history.record(seq, event);
        for (const note of event.notes) this.notes.set(note.id, { ...note });
        for (const card of event.cards) {
          this.putCard({ ...card });
          this.nextPosition = Math.max(this.nextPosition, card.position + 1);
        }
        return;
      }
      case 'note-edit': {
        const note = this.notes.get(event.noteId);
        if (!note) return;
        const undo = event.undoable ? noteEditUndoOf(this, seq, event) : null;
        if (undo) this.pushUndo(undo);
        note.fields = event.fields;
        note.tags = event.tags;
        note.modified = event.at;
        if (note.origin) note.origin = { ...note.origin, editedLocally: true };
        for (const id of event.removedCards) this.removeCard(id);
        for (const card of event.addedCards) {
          this.putCard(card);
          this.nextPosition = Math.max(this.nextPosition, card.position + 1);
        }
        return;
      }
      case 'settings':
        // Lines written before a setting existed leave it at its default.
        this.settings = { ...defaultSettings(), ...event.settings };
        return;
      case 'preset-save':
        if (event.undoable) this.pushUndo(presetUndoOf(this, seq, event));
        this.presets.set(event.preset.id, event.preset);
        // The schedules the change gave, in the same line: a crash cannot keep the preset without them.
        for (const { cardId, schedule } of event.rescheduled ?? []) {
          const card = this.cards.get(cardId);
          if (card) setSchedule(card, schedule);
        }
        return;
      case 'undo-preset': {
        const index = this.undo.findIndex((entry) => entry.seq === event.target);
        if (index >= 0) this.undo.splice(index, 1);
        if (event.preset) this.presets.set(event.presetId, event.preset);
        else if (event.presetId !== DEFAULT_PRESET_ID) {
          this.presets.delete(event.presetId);
          for (const deck of this.decks.values()) if (deck.presetId === event.presetId) deck.presetId = DEFAULT_PRESET_ID;
        }
        for (const { cardId, schedule } of event.cards) {
          const card = this.cards.get(cardId);
          if (card) Object.assign(card, schedule);
        }
        return;
      }
      case 'preset-delete':
        this.presets.delete(event.presetId);
        for (const deck of this.decks.values()) if (deck.presetId === event.presetId) deck.presetId = DEFAULT_PRESET_ID;
        return;
      case 'plan-save':
        this.plans.set(event.plan.id, event.plan);
        return;
      case 'plan-delete':
        this.plans.delete(event.planId);
        return;
      case 'deck-preset': {
        const deck = this.decks.get(event.deckId);
        if (deck) deck.presetId = event.presetId;
        return;
      }
      case 'project-save':
        this.projects.set(event.project.id, event.project);
        // A renamed project keeps its stories: they name it anew, as an edit of theirs.
        for (const noteId of event.renamed ?? []) {
          const note = this.notes.get(noteId);
          if (!note) continue;
          note.fields = { ...note.fields, Project: event.project.name };
          note.modified = event.at;
          if (note.origin) note.origin = { ...note.origin, editedLocally: true };
        }
        return;
      case 'project-delete':
        this.projects.delete(event.projectId);
        return;
    }
  }
}

/** A schedule put on a card whole: what another app kept with the old one (decay, retention) goes with it. */
function setSchedule(card: CardRecord, schedule: Schedule): void {
  delete card.decay;
  delete card.desiredRetention;
  Object.assign(card, schedule);
}

export function scheduleOf(card: CardRecord): Schedule {
  return {
    state: card.state,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduledDays,
    learningSteps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    lastReview: card.lastReview,
    ...(card.decay !== undefined ? { decay: card.decay } : {}),
    ...(card.desiredRetention !== undefined ? { desiredRetention: card.desiredRetention } : {}),
  };
}
