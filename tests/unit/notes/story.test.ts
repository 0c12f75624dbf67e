// The story note type: a prompt, the learner's Situation/Task/Action/Result/evidence, studied as key points.
import { describe, expect, it } from 'vitest';
import type { NoteRecord } from '../../../src/core/collection/types';
import { parseDeck, type ParsedDeck } from '../../../src/core/deck-format/parse';
import { serializeDeck } from '../../../src/core/deck-format/serialize';
import { NOTE_TYPES, noteProblem } from '../../../src/core/notes/note-types';
import { questionText } from '../../../src/core/notes/question-text';
import { isAnswered, projectKey, storyPoints } from '../../../src/core/notes/story';
import { renderCard } from '../../../src/core/render/card-html';
import { spaceRating, suggestRating } from '../../../src/shared/grading';

const file = `---
deck: Interview Stories
---

## bq-abandoned-direction
type: story
tags: topic::changing-course round::behavioral level::core

### Prompt
Tell me about a time you abandoned a promising direction.

### Guidance
- The evidence that changed your mind, and when you saw it
- What you salvaged

## my-abandoned-direction
type: story
tags: topic::changing-course round::behavioral round::presentation level::core

### Prompt
Tell me about a time you abandoned a promising direction.

### Situation
Sparse-attention project, month 3 of 6.

### Task
Decide whether to keep funding it.

### Action
- Ran the ablation against a tuned dense baseline
- Wrote a one-page memo to the team

### Result
Stopped it; moved two people to retrieval.

### Evidence
Dense baseline within 0.2 BLEU at half the cost.

### Project
Atlas

### Source
My notes
`;

function parsed(): ParsedDeck {
  const result = parseDeck(file);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.deck;
}

const record = (fields: Record<string, string>): NoteRecord => ({ id: 'n', deckId: 'd', type: 'story', fields, tags: [], created: 0, modified: 0, origin: null });

describe('a story note in a deck file', () => {
  it('parses a prompt waiting for its story and an answered one with every part', () => {
    const [waiting, answered] = parsed().notes;
    expect(waiting).toMatchObject({ type: 'story', fields: { Prompt: 'Tell me about a time you abandoned a promising direction.' } });
    expect(answered!.fields).toMatchObject({ Situation: 'Sparse-attention project, month 3 of 6.', Project: 'Atlas', Evidence: 'Dense baseline within 0.2 BLEU at half the cost.' });
  });

  it('makes no card while it waits and one card once any part of the story is written', () => {
    const [waiting, answered] = parsed().notes;
    expect(NOTE_TYPES.story.cardOrds(waiting!.fields)).toEqual([]);
    expect(NOTE_TYPES.story.cardOrds(answered!.fields)).toEqual([1]);
    expect(isAnswered({ Prompt: 'P', Guidance: '- g' })).toBe(false);
    expect(isAnswered({ Prompt: 'P', Result: '   ' })).toBe(false);
    expect(isAnswered({ Prompt: 'P', Result: 'Shipped.' })).toBe(true);
  });

  it('says what is wrong: a story needs a prompt, and has only its own fields', () => {
    expect(noteProblem('story', { Situation: 'x' })).toEqual({ field: 'Prompt', problem: 'a story note needs a non-empty "Prompt" field' });
    expect(noteProblem('story', { Prompt: 'P', Answer: 'x' })?.problem).toBe(
      'a story note has no field "Answer" (its fields: Prompt, Guidance, Situation, Task, Action, Result, Evidence, Project, Source)',
    );
    const result = parseDeck('---\ndeck: D\n---\n## s\ntype: story\n### Prompt\n\n### Situation\nx\n');
    expect(result.ok ? [] : result.problems).toEqual([{ line: 6, column: 5, message: 'card "s": a story note needs a non-empty "Prompt" field' }]);
  });

  it('comes back the same through the native format, waiting or answered', () => {
    const deck = parsed();
    const again = parseDeck(serializeDeck(deck));
    expect(again.ok && again.deck.notes.map(({ line: _, ...note }) => note)).toEqual(deck.notes.map(({ line: _, ...note }) => note));
    expect(serializeDeck(deck)).toContain('## my-abandoned-direction\ntype: story\n');
  });

  it('is found and listed by its prompt', () => {
    expect(questionText(record({ Prompt: 'Tell me about **a conflict**.', Situation: 'x' }), 1)).toBe('Tell me about a conflict.');
  });
});

describe('a story card', () => {
  it('asks the prompt and answers with the learner’s points, each labelled with its part, in S, T, A, R, evidence order', () => {
    const answered = parsed().notes[1]!;
    const sides = renderCard(record(answered.fields), 1);
    expect(sides.front).toContain('Tell me about a time you abandoned a promising direction.');
    expect(storyPoints(answered.fields).map((point) => point.part)).toEqual(['Situation', 'Task', 'Action', 'Action', 'Result', 'Evidence']);
    expect(sides.keyPoints).toHaveLength(6);
    expect(sides.keyPoints![0]).toBe('<span class="story-part">Situation</span><p>Sparse-attention project, month 3 of 6.</p>\n');
    expect(sides.keyPoints![3]).toContain('Wrote a one-page memo to the team');
  });

  it('names the project above the points and keeps the guidance and source after them', () => {
    const sides = renderCard(record({ ...parsed().notes[1]!.fields, Guidance: '- What you salvaged' }), 1);
    expect(sides.back).toMatch(/<hr id="answer"><div class="story-project">Project: <p>Atlas<\/p>\n<\/div>/);
    expect(sides.back).toMatch(/<div class="extra story-guidance after-points">.*What a strong answer shows.*What you salvaged.*<\/div><div class="source">Source: <p>My notes<\/p>\n<\/div>$/s);
  });

  it('shows a prompt still waiting as waiting, with its guidance and no points to tick', () => {
    const sides = renderCard(record(parsed().notes[0]!.fields), 1);
    expect(sides.keyPoints).toBeUndefined();
    expect(sides.back).toContain('No story yet');
    expect(sides.back).toContain('What you salvaged');
  });

  it('is graded by its points as a key-points card is: all good, half hard, fewer again, none ticked leaves Space on Good', () => {
    const total = renderCard(record(parsed().notes[1]!.fields), 1).keyPoints!.length;
    expect(suggestRating(total, total)).toBe('good');
    expect(suggestRating(3, total)).toBe('hard');
    expect(suggestRating(2, total)).toBe('again');
    expect(spaceRating(0, total)).toBe('good');
  });
});

describe('project names', () => {
  it('compare without case or extra spaces, so “Atlas ” and “atlas” are one project', () => {
    expect(projectKey(' Atlas  retrieval ')).toBe(projectKey('atlas retrieval'));
    expect(projectKey('Atlas')).not.toBe(projectKey('Atlas 2'));
  });
});
