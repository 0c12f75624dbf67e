// A story note's answer: the learner's Situation, Task, Action, Result and evidence, read as key points.
import { STORY_PARTS } from '../../shared/note-fields';
import { parseKeyPoints } from './key-points';

export type StoryPart = (typeof STORY_PARTS)[number];

/** One point of a story: the part it belongs to and its Markdown. */
export interface StoryPoint {
  part: StoryPart;
  text: string;
}

/** The parts that hold text: a prompt with none is waiting for the learner's story. */
export function writtenParts(fields: Record<string, string>): StoryPart[] {
  return STORY_PARTS.filter((part) => (fields[part] ?? '').trim() !== '');
}

/**
 * A story is answered once the learner has written any part of it. The built-in prompts ship with
 * guidance only, so the question bank starts with every prompt waiting and none scheduled.
 */
export function isAnswered(fields: Record<string, string>): boolean {
  return writtenParts(fields).length > 0;
}

/**
 * The points the learner ticks while studying, in S, T, A, R, evidence order: each item of a part
 * written as a Markdown list, or the whole part when it is prose (one part, one point).
 */
export function storyPoints(fields: Record<string, string>): StoryPoint[] {
  return writtenParts(fields).flatMap((part) => {
    const text = fields[part]!.trim();
    const items = parseKeyPoints(text);
    return (items.length > 0 ? items : [text]).map((item) => ({ part, text: item }));
  });
}

/** How a project name is compared: stories naming "Atlas " and "atlas" tell the same project. */
export function projectKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
