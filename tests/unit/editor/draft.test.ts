// When the note editor holds unsaved work, and what a change of note type keeps.
import { describe, expect, it } from 'vitest';
import { carryFields, isUnsaved } from '../../../src/renderer/editor/draft';
import { NOTE_TYPE_FIELDS } from '../../../src/shared/note-fields';

const basic = NOTE_TYPE_FIELDS.basic;

describe('unsaved work', () => {
  it('a new note is unsaved once any field holds text, but not for tags alone (they carry over to the next note)', () => {
    expect(isUnsaved({ fields: {}, tags: '' }, null, basic)).toBe(false);
    expect(isUnsaved({ fields: { Front: '  ' }, tags: 'topic::x' }, null, basic)).toBe(false);
    expect(isUnsaved({ fields: { Back: 'an answer' }, tags: '' }, null, basic)).toBe(true);
  });

  it('an existing note is unsaved when a field or its set of tags changed', () => {
    const saved = { fields: { Front: 'Q', Back: 'A' }, tags: 'a b' };
    expect(isUnsaved({ fields: { Front: 'Q', Back: 'A' }, tags: ' a  b ' }, saved, basic)).toBe(false);
    expect(isUnsaved({ fields: { Front: 'Q?', Back: 'A' }, tags: 'a b' }, saved, basic)).toBe(true);
    expect(isUnsaved({ fields: { Front: 'Q', Back: 'A' }, tags: 'a b c' }, saved, basic)).toBe(true);
  });

  it('a field that was missing and is still empty is not a change', () => {
    expect(isUnsaved({ fields: { Front: 'Q', Source: '' }, tags: '' }, { fields: { Front: 'Q' }, tags: '' }, basic)).toBe(false);
  });
});

describe('changing the note type', () => {
  it('carries the question and the answer by position and the source by name, losing nothing', () => {
    const moved = carryFields({ Front: 'What is $x$?', Back: 'It is $y$.', Source: 'Bishop' }, basic, NOTE_TYPE_FIELDS.cloze);
    expect(moved).toEqual({ fields: { Text: 'What is $x$?', Extra: 'It is $y$.', Source: 'Bishop' }, lost: [] });
  });

  it('names the fields with text that the new type has no place for', () => {
    const fields = { Question: 'Why LayerNorm?', Points: '- a\n- b', Notes: 'see Ba et al.', Source: '' };
    const moved = carryFields(fields, NOTE_TYPE_FIELDS.keypoints, basic);
    expect(moved.fields).toEqual({ Front: 'Why LayerNorm?', Back: '- a\n- b' });
    expect(moved.lost).toEqual(['Notes']);
  });

  it('empty fields are never counted as lost', () => {
    expect(carryFields({ Question: 'Q', Notes: ' ' }, NOTE_TYPE_FIELDS.keypoints, basic).lost).toEqual([]);
  });
});
