// Which topics a note belongs to, read from its tags, for the per-topic weakness table.
import { LEECH_TAG } from '../collection/collection';
import { SEPARATOR } from '../collection/deck-tree';
import type { NoteRecord } from '../collection/types';

export const TOPIC_PREFIX = 'topic::';

/** Notes brought in by an import (Anki or text files), whose tags were not written for this app. */
export function isImportedNote(note: NoteRecord): boolean {
  return note.type === 'anki' || (note.origin?.source.startsWith('import:') ?? false);
}

/**
 * The topic a tag names, or null. Native and built-in notes name their topics with `topic::…`
 * tags; imported notes come with whatever tags their author used, so every tag of theirs counts.
 * Either way a topic is the tag's first two levels (`topic::attention::kv-cache` belongs to
 * `topic::attention`), so sub-sub-topics pool their evidence. The app's own `leech` marker is not
 * a topic.
 */
export function topicOfTag(tag: string, imported: boolean): string | null {
  if (tag === LEECH_TAG || !(imported || tag.startsWith(TOPIC_PREFIX))) return null;
  const first = tag.indexOf(SEPARATOR);
  const second = first < 0 ? -1 : tag.indexOf(SEPARATOR, first + SEPARATOR.length);
  const topic = second < 0 ? tag : tag.slice(0, second);
  return topic === '' ? null : topic;
}

/** The distinct topics of a note's tags, in tag order. */
export function topicsOfNote(note: NoteRecord): string[] {
  const imported = isImportedNote(note);
  const topics: string[] = [];
  for (const tag of note.tags) {
    const topic = topicOfTag(tag, imported);
    if (topic !== null && !topics.includes(topic)) topics.push(topic);
  }
  return topics;
}
