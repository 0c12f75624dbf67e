// Error messages on screen are plain sentences: a field's human name, no method names, balanced parentheses.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/renderer/app/describe-error';
import { AppError } from '../../../src/shared/errors';
import { validateCall } from '../../../src/shared/validate';

const preset = {
  id: 'default',
  name: 'Default',
  desiredRetention: 0.9,
  maximumIntervalDays: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  newPerDay: 20,
  reviewsPerDay: 200,
  fuzz: true,
  leechThreshold: 8,
  weights: null,
};

/** What the screen shows for the error the service's validation throws on this call. */
function shown(method: string, input: unknown): string {
  try {
    validateCall(method, input);
  } catch (error) {
    return describeError(error);
  }
  throw new Error('the call was valid');
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

describe('describeError', () => {
  it('names a learning step as people count it, without the method name or the field path', () => {
    const text = shown('savePreset', { ...preset, learningSteps: ['1m', '1d'] });
    expect(text).toMatch(/^Learning step 2: a step is a number followed by m or h/);
    expect(text).not.toMatch(/savePreset|learningSteps|field/);
    expect(text).toMatch(/\.$/);
    expect(balanced(text)).toBe(true);
  });

  it('says range and type problems in words after the field’s label', () => {
    expect(shown('savePreset', { ...preset, desiredRetention: 0.5 })).toBe('Desired retention: must be at least 0.7.');
    expect(shown('savePreset', { ...preset, newPerDay: 2.5 })).toBe('New cards per day: must be a whole number.');
    expect(shown('savePreset', { ...preset, name: '' })).toBe('Name: cannot be empty.');
    expect(shown('updateSettings', { backupsToKeep: 0 })).toBe('Daily backups to keep: must be at least 1.');
    expect(shown('updateSettings', { theme: 'blue' })).toBe('Theme: must be one of "light", "dark", "system".');
  });

  it('keeps a search error’s own position and adds no second, unbalanced note of where', () => {
    const error = new AppError('invalid_input', 'Search: prop:r< needs a number after it at 6', { field: 'query', column: 7 });
    expect(describeError(error)).toBe('Search: prop:r< needs a number after it at 6.');
  });

  it('leaves the service’s own sentences alone', () => {
    expect(describeError(new AppError('not_found', 'No deck with id "x".', { field: 'deckId' }))).toBe('No deck with id "x".');
    expect(describeError(new AppError('conflict', 'The default preset cannot be deleted.', { field: 'presetId' }))).toBe('The default preset cannot be deleted.');
  });

  it('drops a method name from a window refusal and starts the sentence with a capital', () => {
    const error = new AppError('forbidden', 'startImport: a window cannot name a file on disk; drop it on the window.', { field: 'path', method: 'startImport' });
    expect(describeError(error)).toBe('A window cannot name a file on disk; drop it on the window.');
  });

  it('adds a line and column in words when the message does not say them', () => {
    const error = new AppError('parse_error', 'deck.md: a note needs a question', { file: 'deck.md', line: 12, column: 3 });
    expect(describeError(error)).toBe('deck.md: a note needs a question (line 12, column 3).');
    const named = new AppError('parse_error', 'Unexpected end of the file', { file: '/home/me/deck.md', line: 40 });
    expect(describeError(named)).toBe('Unexpected end of the file (/home/me/deck.md, line 40).');
  });

  it('labels a note field problem with the field’s own name', () => {
    expect(describeError(new AppError('invalid_input', 'needs some text', { field: 'fields.Front' }))).toBe('Front: needs some text.');
  });

  it('turns plain errors into sentences too', () => {
    expect(describeError(new Error('Failed to fetch'))).toBe('Failed to fetch.');
    expect(describeError('offline')).toBe('Offline.');
  });
});
