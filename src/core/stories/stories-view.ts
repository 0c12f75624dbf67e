// The learner's story prompts, waiting or answered, and the flagship projects each story is told about.
import type { FlagshipProject, StoriesView, StoryPrompt } from '../../shared/dto';
import type { Collection } from '../collection/collection';
import type { NoteRecord } from '../collection/types';
import { cardId } from '../notes/note-types';
import { questionText } from '../notes/question-text';
import { projectKey, writtenParts } from '../notes/story';

export function storyPrompt(col: Collection, note: NoteRecord): StoryPrompt {
  const parts = writtenParts(note.fields).length;
  const id = cardId(note.id, 1);
  return {
    noteId: note.id,
    deckId: note.deckId,
    deckName: col.decks.get(note.deckId)?.name ?? '',
    prompt: questionText(note, 1, 200),
    rounds: note.tags.filter((tag) => tag.startsWith('round::')),
    project: (note.fields.Project ?? '').trim(),
    answered: parts > 0,
    parts,
    cardId: col.cards.has(id) ? id : null,
  };
}

/**
 * Every story note (of the decks in `deckIds`, when given), how many wait for the learner's story,
 * and for each flagship project the stories whose Project field names it. Names no project has are
 * listed apart rather than dropped, so a typo or a project still to be named is seen.
 */
export function storiesView(col: Collection, deckIds?: ReadonlySet<string>): StoriesView {
  const prompts: StoryPrompt[] = [];
  for (const note of col.notes.values()) {
    if (note.type !== 'story' || (deckIds && !deckIds.has(note.deckId))) continue;
    prompts.push(storyPrompt(col, note));
  }
  const projects = [...col.projects.values()].sort((a, b) => a.created - b.created || a.name.localeCompare(b.name));
  const byKey = new Map<string, { project: FlagshipProject; noteIds: string[] }>();
  for (const project of projects) byKey.set(projectKey(project.name), { project: { ...project }, noteIds: [] });
  const unlisted = new Map<string, { name: string; noteIds: string[] }>();
  for (const prompt of prompts) {
    if (!prompt.project) continue;
    const key = projectKey(prompt.project);
    const listed = byKey.get(key);
    if (listed) listed.noteIds.push(prompt.noteId);
    else {
      const other = unlisted.get(key) ?? { name: prompt.project, noteIds: [] };
      other.noteIds.push(prompt.noteId);
      unlisted.set(key, other);
    }
  }
  const answered = prompts.filter((prompt) => prompt.answered).length;
  return { prompts, waiting: prompts.length - answered, answered, projects: [...byKey.values()], unlisted: [...unlisted.values()] };
}
