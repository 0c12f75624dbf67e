// A new note written in the app: an id of its own, its cards, ready to study.
import type { NoteTypeName } from '../../shared/dto';
import { NOTE_ID } from '../deck-format/parse';
import { NOTE_TYPES, noteProblem } from '../notes/note-types';
import { questionText } from '../notes/question-text';
import type { Collection } from './collection';
import { contentHash } from './content-hash';
import { newCard } from './new-card';
import { NoteEditProblem } from './note-edit';
import type { UpsertEvent } from './events';
import type { NoteRecord } from './types';

/**
 * The id is readable and valid in the native format (so an export keeps it): a slug of the question
 * and a short hash that makes it unique.
 */
export function newNoteId(col: Collection, question: string, at: number): string {
  const slug =
    question
      .toLowerCase()
      .replace(/\$[^$]*\$/g, ' ')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'note';
  let salt = 0;
  let id: string;
  do id = `${slug}-${contentHash([question, at, salt++]).slice(0, 6)}`;
  while (col.notes.has(id) || !NOTE_ID.test(id));
  return id;
}

export function planAddNote(col: Collection, deckId: string, type: NoteTypeName, fields: Record<string, string>, tags: string[], at: number): UpsertEvent {
  if (!col.decks.has(deckId)) throw new NoteEditProblem(`No deck with id "${deckId}".`, 'deckId');
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    const text = value.replace(/\r\n?/g, '\n').trim();
    if (text) clean[name] = text;
  }
  const problem = noteProblem(type, clean);
  if (problem) throw new NoteEditProblem(problem.problem, `fields.${problem.field}`);
  const draft: NoteRecord = { id: '', deckId, type, fields: clean, tags: [...new Set(tags)], created: at, modified: at, origin: null };
  const id = newNoteId(col, questionText(draft, 1, 200), at);
  const note = { ...draft, id };
  let position = col.nextPosition;
  const cards = NOTE_TYPES[type].cardOrds(clean).map((ord) => newCard(id, ord, deckId, position++, at));
  return { type: 'upsert', at, source: 'app', decks: [], notes: [note], cards, removedCards: [] };
}
