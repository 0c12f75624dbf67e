// The syllabus, built into the app, so statistics can name the built-in topics as people read them.
import { topicTitles } from '../../core/stats/topic-titles';

let titles: Promise<Map<string, string>> | null = null;

/**
 * The built-in topics' names, read once from the syllabus the build embeds (`?raw`). Where the
 * sources run unbuilt (the CLI under tsx), the import fails and topics keep their tags.
 */
export function builtinTopicTitles(): Promise<Map<string, string>> {
  titles ??= import('../../../docs/syllabus.md?raw').then(
    (module: { default: string }) => topicTitles(module.default),
    () => new Map<string, string>(),
  );
  return titles;
}
