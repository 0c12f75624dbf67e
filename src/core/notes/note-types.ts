// The note types: their fields, which are required, and which cards each note makes.
import type { NoteTypeName } from '../../shared/dto';
import { NOTE_TYPE_FIELDS } from '../../shared/note-fields';
import { clozeOrds } from './cloze';
import { parseKeyPoints } from './key-points';
import { isAnswered } from './story';

export interface NoteTypeSpec {
  name: NoteTypeName;
  fields: readonly string[];
  required: readonly string[];
  /** The card ordinals a note with these fields makes (empty when it makes none). */
  cardOrds(fields: Record<string, string>): number[];
  /** The field whose text identifies the question, for duplicate checks and search. */
  questionField: string;
}

export const NOTE_TYPES: Record<NoteTypeName, NoteTypeSpec> = {
  basic: {
    name: 'basic',
    fields: NOTE_TYPE_FIELDS.basic,
    required: ['Front', 'Back'],
    cardOrds: () => [1],
    questionField: 'Front',
  },
  reverse: {
    name: 'reverse',
    fields: NOTE_TYPE_FIELDS.reverse,
    required: ['Front', 'Back'],
    cardOrds: () => [1, 2],
    questionField: 'Front',
  },
  cloze: {
    name: 'cloze',
    fields: NOTE_TYPE_FIELDS.cloze,
    required: ['Text'],
    cardOrds: (fields) => clozeOrds(fields.Text ?? ''),
    questionField: 'Text',
  },
  keypoints: {
    name: 'keypoints',
    fields: NOTE_TYPE_FIELDS.keypoints,
    required: ['Question', 'Points'],
    cardOrds: () => [1],
    questionField: 'Question',
  },
  // A prompt makes its card once the learner writes their story: until then it is listed, not scheduled.
  story: {
    name: 'story',
    fields: NOTE_TYPE_FIELDS.story,
    required: ['Prompt'],
    cardOrds: (fields) => (isAnswered(fields) ? [1] : []),
    questionField: 'Prompt',
  },
};

export const NOTE_TYPE_NAMES = Object.keys(NOTE_TYPES) as NoteTypeName[];

export function isNoteType(name: string): name is NoteTypeName {
  return Object.prototype.hasOwnProperty.call(NOTE_TYPES, name);
}

/** What is wrong with a note's fields, or null when it is a valid note of its type. */
export function noteProblem(type: NoteTypeName, fields: Record<string, string>): { field: string; problem: string } | null {
  const spec = NOTE_TYPES[type];
  for (const name of Object.keys(fields)) {
    if (!spec.fields.includes(name)) {
      return { field: name, problem: `a ${type} note has no field "${name}" (its fields: ${spec.fields.join(', ')})` };
    }
  }
  for (const name of spec.required) {
    if (!(fields[name] ?? '').trim()) return { field: name, problem: `a ${type} note needs a non-empty "${name}" field` };
  }
  if (type === 'cloze') {
    try {
      if (clozeOrds(fields.Text ?? '').length === 0) {
        return { field: 'Text', problem: 'a cloze note needs at least one deletion like {{c1::answer}}' };
      }
    } catch (error) {
      return { field: 'Text', problem: (error as Error).message };
    }
  }
  if (type === 'keypoints' && parseKeyPoints(fields.Points ?? '').length === 0) {
    return { field: 'Points', problem: 'a key-points note lists its points as a Markdown list ("- point")' };
  }
  return null;
}

/** The fields a note has, in order: its native type's, or its Anki note type's. */
export function fieldNamesOf(note: { type: NoteTypeName | 'anki'; fields: Record<string, string> }, noteType?: { fields: string[] }): string[] {
  if (note.type !== 'anki') return [...NOTE_TYPES[note.type].fields];
  return noteType ? [...noteType.fields] : Object.keys(note.fields);
}

export function cardId(noteId: string, ord: number): string {
  return `${noteId}/${ord}`;
}
