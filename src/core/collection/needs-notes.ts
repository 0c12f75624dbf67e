// Which journal events read or change a note when applied: the others apply to a collection whose notes are still being read.
import type { JournalEvent } from './events';

/**
 * Whether applying the event reads or changes a note (Collection.apply). One that does not touches
 * only cards, decks, presets, settings, plans, projects, the undo stack and what the review history
 * records of it, so it can be applied to a snapshot's head before its notes are in. Every type is
 * named: a new one must be placed here, on one side or the other.
 */
export function needsNotes(event: JournalEvent): boolean {
  switch (event.type) {
    case 'review':
      // A leech tags its note.
      return event.leech === true;
    case 'undo':
      // Taking back a leech puts the note's tags back.
      return event.restore.noteTags !== undefined;
    case 'project-save':
      // A renamed project names it anew in its stories.
      return (event.renamed?.length ?? 0) > 0;
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
      return false;
    case 'bulk':
      // Suspending, burying, moving cards, a deck's preset or limits: cards and decks only.
      return event.notes.length > 0 || event.removedNotes.length > 0;
    case 'undo-bulk':
      return event.notes.length > 0 || event.createdNotes.length > 0;
    case 'upsert':
    case 'import':
    case 'note-edit':
      return true;
    default: {
      // A type this version does not know (a newer app's line) is read with everything in.
      const unclassified: never = event;
      return unclassified !== undefined;
    }
  }
}
