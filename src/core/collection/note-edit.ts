// Plans an edit of a note: checked fields, and the cards a changed cloze or type adds or removes.
import { clozeOrds } from '../notes/cloze';
import { fieldNamesOf, NOTE_TYPES, noteProblem } from '../notes/note-types';
import type { Collection } from './collection';
import type { NoteEditEvent } from './events';
import { newCard } from './new-card';
import type { CardRecord } from './types';

export class NoteEditProblem extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * Merges the changed fields into the note. Native notes are checked against their type; an Anki
 * note keeps its cards, except that a cloze note type gains or loses cards with its cloze numbers.
 * Cards that stay keep their schedule and history.
 */
export function planNoteEdit(col: Collection, noteId: string, fields: Record<string, string>, tags: string[] | undefined, at: number): NoteEditEvent {
  const note = col.notes.get(noteId);
  if (!note) throw new NoteEditProblem(`No note with id "${noteId}".`, 'noteId');
  const noteType = note.noteTypeId ? col.noteTypes.get(note.noteTypeId) : undefined;
  const names = fieldNamesOf(note, noteType);
  const unknown = Object.keys(fields).find((name) => !names.includes(name));
  if (unknown) throw new NoteEditProblem(`A ${noteType?.name ?? note.type} note has no field "${unknown}".`, `fields.${unknown}`);
  const merged: Record<string, string> = {};
  for (const name of names) {
    const value = (fields[name] ?? note.fields[name] ?? '').replace(/\r\n?/g, '\n');
    if (value !== '' || note.type === 'anki') merged[name] = value;
  }
  let ords: number[] | null;
  if (note.type === 'anki') {
    ords = noteType?.kind === 'cloze' ? [...new Set(Object.values(merged).flatMap((value) => safeOrds(value)))].sort((a, b) => a - b) : null;
    if (ords && ords.length === 0) throw new NoteEditProblem('A cloze note needs at least one deletion like {{c1::answer}}.', 'fields');
  } else {
    const problem = noteProblem(note.type, merged);
    if (problem) throw new NoteEditProblem(problem.problem, `fields.${problem.field}`);
    ords = NOTE_TYPES[note.type].cardOrds(merged);
  }
  const existing = (col.cardsByNote.get(noteId) ?? []).map((id) => col.cards.get(id)!);
  const removedCards = ords ? existing.filter((card) => !ords!.includes(card.ord)).map((card) => card.id) : [];
  let position = col.nextPosition;
  const deckId = existing[0]?.deckId ?? note.deckId;
  const addedCards: CardRecord[] = (ords ?? [])
    .filter((ord) => !existing.some((card) => card.ord === ord))
    .map((ord) => newCard(noteId, ord, deckId, position++, at));
  return { type: 'note-edit', at, noteId, fields: merged, tags: tags ? [...new Set(tags)] : note.tags, addedCards, removedCards };
}

function safeOrds(value: string): number[] {
  try {
    return clozeOrds(value);
  } catch {
    return [];
  }
}
