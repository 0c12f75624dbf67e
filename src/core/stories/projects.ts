// Plans naming, changing and dropping the learner's flagship projects: checked, and carrying their results.
import type { Collection } from '../collection/collection';
import { contentHash } from '../collection/content-hash';
import type { ProjectDeleteEvent, ProjectSaveEvent } from '../collection/events';
import type { ProjectRecord } from '../collection/types';
import { deckSlug } from '../deck-format/parse';
import { projectKey } from '../notes/story';

/**
 * Two or three projects told well beat eight told thinly; five leaves room for a side project
 * without turning the list into a CV.
 */
export const MAX_PROJECTS = 5;

export class ProjectProblem extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly code: 'invalid_input' | 'not_found' | 'conflict' = 'invalid_input',
  ) {
    super(message);
  }
}

export interface ProjectInput {
  id?: string | undefined;
  name: string;
  scope?: string | undefined;
  numbers?: string | undefined;
}

/** The story notes whose Project field names `name` (compared as `projectKey` does). */
export function storiesNaming(col: Collection, name: string): string[] {
  const key = projectKey(name);
  const ids: string[] = [];
  for (const note of col.notes.values()) if (note.type === 'story' && projectKey(note.fields.Project ?? '') === key) ids.push(note.id);
  return ids;
}

/**
 * A new project (no `id`) or a change to one. Names are unique as stories compare them. Renaming
 * moves the stories that named the old name to the new one in the same journal line, so no story
 * is left behind under a name no project has.
 */
export function planSaveProject(col: Collection, input: ProjectInput, at: number): ProjectSaveEvent {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new ProjectProblem('A project needs a name.', 'name');
  const existing = input.id !== undefined ? col.projects.get(input.id) : undefined;
  if (input.id !== undefined && !existing) throw new ProjectProblem(`No project with id "${input.id}".`, 'id', 'not_found');
  for (const other of col.projects.values()) {
    if (other.id !== existing?.id && projectKey(other.name) === projectKey(name)) {
      throw new ProjectProblem(`You already have a project named “${other.name}”.`, 'name', 'conflict');
    }
  }
  if (!existing && col.projects.size >= MAX_PROJECTS) {
    throw new ProjectProblem(`Name at most ${MAX_PROJECTS} flagship projects: two or three told the same way in every round serve you better than many.`, 'name', 'conflict');
  }
  const project: ProjectRecord = {
    id: existing?.id ?? newProjectId(col, name, at),
    name,
    scope: (input.scope ?? existing?.scope ?? '').trim(),
    numbers: (input.numbers ?? existing?.numbers ?? '').trim(),
    created: existing?.created ?? at,
    modified: at,
  };
  const renamed = existing && projectKey(existing.name) !== projectKey(name) ? storiesNaming(col, existing.name) : [];
  return { type: 'project-save', at, project, ...(renamed.length ? { renamed } : {}) };
}

export function planDeleteProject(col: Collection, projectId: string, at: number): ProjectDeleteEvent | null {
  return col.projects.has(projectId) ? { type: 'project-delete', at, projectId } : null;
}

function newProjectId(col: Collection, name: string, at: number): string {
  const slug = deckSlug(name).slice(0, 40).replace(/-+$/, '') || 'project';
  let salt = 0;
  let id: string;
  do id = `${slug}-${contentHash([name, at, salt++]).slice(0, 6)}`;
  while (col.projects.has(id));
  return id;
}
