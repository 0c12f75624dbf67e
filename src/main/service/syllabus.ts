// The syllabus, built into the app, so statistics can name the built-in topics as people read them.
import syllabus from '../../../docs/syllabus.md?raw';
import { topicTitles } from '../../core/stats/topic-titles';

let titles: Map<string, string> | null = null;

/** The built-in topics' names, read once from the syllabus the build embedded. */
export function builtinTopicTitles(): Map<string, string> {
  titles ??= topicTitles(syllabus);
  return titles;
}
