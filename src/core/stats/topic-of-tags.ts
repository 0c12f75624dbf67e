// Which topics a note belongs to, read from its tags, for the per-topic weakness table.
import { LEECH_TAG } from '../collection/collection';
import { SEPARATOR } from '../collection/deck-tree';
import type { NoteRecord } from '../collection/types';

export const TOPIC_PREFIX = 'topic::';

/**
 * Native and built-in notes name their topics with `topic::…` tags; imported notes come with
 * whatever tags their author used, so every tag of theirs counts. Either way a topic is the tag's
 * first two levels (`topic::attention::kv-cache` belongs to `topic::attention`), so sub-sub-topics
 * pool their evidence. The app's own `leech` marker is not a topic.
 */
export function topicsOfNote(note: NoteRecord): string[] {
  const imported = note.type === 'anki' || (note.origin?.source.startsWith('import:') ?? false);
  const topics: string[] = [];
  for (const tag of note.tags) {
    if (tag === LEECH_TAG || !(imported || tag.startsWith(TOPIC_PREFIX))) continue;
    const topic = tag.split(SEPARATOR).slice(0, 2).join(SEPARATOR);
    if (topic !== '' && !topics.includes(topic)) topics.push(topic);
  }
  return topics;
}
