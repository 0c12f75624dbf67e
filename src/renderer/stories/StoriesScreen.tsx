// Stories: the prompts waiting for the learner's story and those answered, and the flagship projects they are told about.
import { useCallback, useEffect, useState } from 'react';
import type { StoriesView } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { ProjectsView } from './ProjectsView';
import { PromptList } from './PromptList';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function StoriesScreen({ view }: { view: 'prompts' | 'projects' }) {
  const api = useApi();
  const [stories, setStories] = useState<StoriesView | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api.listStories({}).then(setStories, setError);
  }, [api]);
  useEffect(load, [load]);

  if (error && !stories) return <ErrorBanner error={error} onDismiss={() => (setError(null), load())} />;
  if (!stories) return <p className="muted">Loading your stories…</p>;

  return (
    <section className="stories" data-testid="stories">
      <header className="home-header">
        <div>
          <h1>Stories</h1>
          <p className="muted" data-testid="stories-summary">
            {stories.prompts.length === 0
              ? 'No story prompts yet.'
              : `${plural(stories.waiting, 'prompt', 'prompts')} waiting for your story · ${plural(stories.answered, 'story', 'stories')} written and studied`}
          </p>
        </div>
        <button type="button" data-testid="new-prompt" onClick={() => navigate({ screen: 'story', noteId: null })}>
          A prompt of your own
        </button>
      </header>
      <nav className="view-tabs" aria-label="Stories">
        <button type="button" aria-current={view === 'prompts' ? 'page' : undefined} className={view === 'prompts' ? 'active' : ''} data-testid="tab-prompts" onClick={() => navigate({ screen: 'stories', view: 'prompts' })}>
          Prompts
        </button>
        <button
          type="button"
          aria-current={view === 'projects' ? 'page' : undefined}
          className={view === 'projects' ? 'active' : ''}
          data-testid="tab-projects"
          onClick={() => navigate({ screen: 'stories', view: 'projects' })}
        >
          Flagship projects ({stories.projects.length})
        </button>
      </nav>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {view === 'prompts' ? <PromptList stories={stories} /> : <ProjectsView stories={stories} onChanged={load} />}
    </section>
  );
}
