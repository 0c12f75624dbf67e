// The fields each note type has, in order: shared so the editor and the core agree on them.
import type { NoteTypeName } from './dto';

export const NOTE_TYPE_FIELDS: Record<NoteTypeName, readonly string[]> = {
  basic: ['Front', 'Back', 'Source'],
  reverse: ['Front', 'Back', 'Source'],
  cloze: ['Text', 'Extra', 'Source'],
  keypoints: ['Question', 'Points', 'Notes', 'Source'],
  story: ['Prompt', 'Guidance', 'Situation', 'Task', 'Action', 'Result', 'Evidence', 'Project', 'Source'],
};

/** A story's answer, in the shape interviewers listen for; each part holds text or a Markdown list of points. */
export const STORY_PARTS = ['Situation', 'Task', 'Action', 'Result', 'Evidence'] as const;
