// The fields each note type has, in order: shared so the editor and the core agree on them.
import type { NoteTypeName } from './dto';

export const NOTE_TYPE_FIELDS: Record<NoteTypeName, readonly string[]> = {
  basic: ['Front', 'Back', 'Source'],
  reverse: ['Front', 'Back', 'Source'],
  cloze: ['Text', 'Extra', 'Source'],
  keypoints: ['Question', 'Points', 'Notes', 'Source'],
};
