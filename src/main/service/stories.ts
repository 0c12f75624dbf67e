// The service's story methods: story prompts waiting and answered, and the learner's flagship projects.
import type { Collection } from '../../core/collection/collection';
import { subtreeIds } from '../../core/collection/deck-tree';
import type { JournalEvent } from '../../core/collection/events';
import { planDeleteProject, planSaveProject, ProjectProblem } from '../../core/stories/projects';
import { storiesView } from '../../core/stories/stories-view';
import type { ParsedInput, Results } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { readableText } from './readable-text';

type StoryMethods = 'listStories' | 'listProjects' | 'saveProject' | 'deleteProject';
type Handlers = { [M in StoryMethods]: (input: ParsedInput<M>) => Results[M] };

export interface StoryDeps {
  col(): Collection;
  commit(event: JournalEvent): number;
  now(): number;
}

export function storyHandlers(deps: StoryDeps): Handlers {
  const projectView = (id: string) => ({ ...deps.col().projects.get(id)! });
  return {
    listStories: ({ deckId }) => {
      const col = deps.col();
      if (deckId !== undefined && !col.decks.has(deckId)) throw new AppError('not_found', `No deck with id "${deckId}".`, { field: 'deckId' });
      const view = storiesView(col, deckId !== undefined ? new Set(subtreeIds(col, deckId)) : undefined);
      return { ...view, prompts: view.prompts.map((prompt) => ({ ...prompt, prompt: readableText(prompt.prompt) })) };
    },
    listProjects: () => storiesView(deps.col()).projects.map((entry) => entry.project),
    saveProject: (input) => {
      let event;
      try {
        event = planSaveProject(deps.col(), input, deps.now());
      } catch (error) {
        if (error instanceof ProjectProblem) throw new AppError(error.code, error.message, { field: error.field });
        throw error;
      }
      deps.commit(event);
      return projectView(event.project.id);
    },
    deleteProject: ({ projectId }) => {
      const event = planDeleteProject(deps.col(), projectId, deps.now());
      if (event) deps.commit(event);
      return { deleted: event !== null };
    },
  };
}
