// The notes seen today, as the queue kept between answers grows them: each answer's version shares the table of the one before, and every version answers as it did.
import { describe, expect, it } from 'vitest';
import { NotesSeen } from '../../../src/core/queue/notes-seen';

describe('the notes seen today', () => {
  it('holds what it was made of, once each, in the order seen', () => {
    const seen = NotesSeen.of(['b', 'a', 'b']);
    expect([...seen]).toEqual(['b', 'a']);
    expect(seen.size).toBe(2);
    expect(seen.has('a')).toBe(true);
    expect(seen.has('c')).toBe(false);
  });

  it('grows by a note per answer while every earlier version still says what it said', () => {
    const versions = [NotesSeen.of(['n0'])];
    for (let i = 1; i <= 50; i++) versions.push(versions.at(-1)!.with(`n${i % 30}`));
    versions.forEach((version, v) => {
      const expected = [...new Set(Array.from({ length: v + 1 }, (_, i) => `n${i % 30}`))];
      expect([...version], `version ${v}`).toEqual(expected);
      expect(version.size).toBe(expected.length);
      for (let i = 0; i < 30; i++) expect(version.has(`n${i}`), `version ${v}, n${i}`).toBe(expected.includes(`n${i}`));
    });
  });

  it('keeps two versions grown from the same one apart (a queue worked out twice from one queue)', () => {
    const base = NotesSeen.of(['a']).with('b');
    const left = base.with('x');
    const right = base.with('y');
    expect([...left]).toEqual(['a', 'b', 'x']);
    expect([...right]).toEqual(['a', 'b', 'y']);
    expect([...base]).toEqual(['a', 'b']);
    expect(right.with('x').has('x')).toBe(true);
    expect(left.has('y')).toBe(false);
  });

  it('is the same version when the note was already seen', () => {
    const seen = NotesSeen.of(['a', 'b']);
    expect(seen.with('a')).toBe(seen);
  });
});
