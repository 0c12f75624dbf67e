// Which notes a journal event reads or changes when applied: with none, or a few named ones, it applies to a collection whose notes are still being read.
import type { JournalEvent } from './events';

/** Notes an event reads or changes in place: its cards' notes and notes by id. */
export interface NamedNotes {
  readonly ofCards: readonly string[];
  readonly notes: readonly string[];
}

const NONE: NamedNotes = { ofCards: [], notes: [] };

/**
 * The notes applying the event (Collection.apply) reads or changes: none, a few named ones (each
 * changed in place), or null when it may add, replace or remove notes. An event that names none
 * touches only cards, decks, presets, settings, plans, projects, the undo stack and what the review
 * history records of it, so it can be applied to a snapshot's head before its notes are in; one
 * that names a few, once those are read. Every type is placed here, one way or the other.
 */
export function notesNeeded(event: JournalEvent): NamedNotes | null {
  switch (event.type) {
    case 'review':
      // A leech tags its note.
      return event.leech ? { ofCards: [event.cardId], notes: [] } : NONE;
    case 'undo':
      // Taking back a leech puts the note's tags back.
      return event.restore.noteTags !== undefined ? { ofCards: [event.cardId], notes: [] } : NONE;
    case 'project-save':
      // A renamed project names it anew in its stories.
      return event.renamed?.length ? { ofCards: [], notes: event.renamed } : NONE;
    case 'bulk':
      // Suspending, burying, a deck's preset or limits: cards and decks only. A line that carries
      // notes (moving cards carries the moved cards' notes) is read with everything in.
      return event.notes.length > 0 || event.removedNotes.length > 0 ? null : NONE;
    case 'undo-bulk':
      return event.notes.length > 0 || event.createdNotes.length > 0 ? null : NONE;
    case 'suspend':
    case 'bury':
    case 'settings':
    case 'preset-save':
    case 'undo-preset':
    case 'preset-delete':
    case 'deck-preset':
    case 'plan-save':
    case 'plan-delete':
    case 'project-delete':
      return NONE;
    case 'upsert':
    case 'import':
    case 'note-edit':
      return null;
    default: {
      // A type this version does not know (a newer app's line) is read with everything in.
      const unclassified: never = event;
      void unclassified;
      return null;
    }
  }
}

/** Whether the event names no note at all. */
export function namesNoNote(needed: NamedNotes): boolean {
  return needed.ofCards.length === 0 && needed.notes.length === 0;
}
