// @vitest-environment jsdom
// On the study screen, what a key-points or story answer shows after its points: the Source, and a story's guidance.
import { describe, expect, it } from 'vitest';
import type { NoteRecord } from '../../../src/core/collection/types';
import { renderCard } from '../../../src/core/render/card-html';
import { splitSource } from '../../../src/renderer/study/source-last';

const story: NoteRecord = {
  id: 's',
  deckId: 'd',
  type: 'story',
  fields: { Prompt: 'Tell me about a conflict.', Guidance: '- Name the disagreement', Action: 'Met them 1:1.', Project: 'Atlas', Source: 'My notes' },
  tags: [],
  created: 0,
  modified: 0,
  origin: null,
};

describe('splitting an answer around its points', () => {
  it('moves a story’s guidance and Source after the points, in that order, and keeps the project above them', () => {
    const { body, source } = splitSource(renderCard(story, 1).back);
    expect(body).toContain('story-project');
    expect(body).not.toContain('Name the disagreement');
    expect(source.indexOf('Name the disagreement')).toBeLessThan(source.indexOf('My notes'));
  });

  it('leaves an answer without a trailing Source whole', () => {
    expect(splitSource('<p>a</p><div class="extra">b</div>')).toEqual({ body: '<p>a</p><div class="extra">b</div>', source: '' });
  });
});
