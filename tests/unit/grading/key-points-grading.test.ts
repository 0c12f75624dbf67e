// The key-points grading rule: ticks suggest a rating, and Space never records a lapse the learner did not ask for.
import { describe, expect, it } from 'vitest';
import { spaceRating, suggestRating } from '../../../src/shared/grading';

describe('ticked key points suggest a rating', () => {
  it('suggests nothing while nothing is ticked', () => {
    expect(suggestRating(0, 4)).toBeNull();
  });

  it('suggests Good when every point was recalled', () => {
    expect(suggestRating(4, 4)).toBe('good');
    expect(suggestRating(1, 1)).toBe('good');
  });

  it('suggests Hard when at least half were recalled', () => {
    expect(suggestRating(2, 4)).toBe('hard');
    expect(suggestRating(3, 5)).toBe('hard');
  });

  it('suggests Again when fewer than half were recalled', () => {
    expect(suggestRating(1, 4)).toBe('again');
    expect(suggestRating(2, 5)).toBe('again');
  });

  it('never suggests Easy: ticks cannot tell effortless from effortful recall', () => {
    for (let total = 1; total <= 12; total++) for (let ticked = 0; ticked <= total; ticked++) expect(suggestRating(ticked, total)).not.toBe('easy');
  });
});

describe('Space on the answer side of a key-points card', () => {
  it('answers Good when no point is ticked, as on any other card', () => {
    expect(spaceRating(0, 4)).toBe('good');
    expect(spaceRating(0, 12)).toBe('good');
  });

  it('answers the suggestion once at least one point is ticked', () => {
    expect(spaceRating(1, 4)).toBe('again');
    expect(spaceRating(2, 4)).toBe('hard');
    expect(spaceRating(4, 4)).toBe('good');
  });

  it('answers Good on a card without points', () => {
    expect(spaceRating(0, 0)).toBe('good');
  });
});
