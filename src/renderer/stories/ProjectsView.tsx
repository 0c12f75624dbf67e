// The flagship projects: each with its scope and numbers, and every story and prompt told about it.
import { useState } from 'react';
import type { FlagshipProject, StoriesView, StoryPrompt } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { navigate } from '../app/route';
import { ConfirmDialog } from '../editor/ConfirmDialog';
import { roundName, StoryState } from './PromptList';

interface Draft {
  name: string;
  scope: string;
  numbers: string;
}

const blank: Draft = { name: '', scope: '', numbers: '' };

/** Names, scope and numbers of a project: used to name a new one and to change one. */
function ProjectForm({ initial, submitLabel, onSubmit, onCancel }: { initial: Draft; submitLabel: string; onSubmit: (draft: Draft) => Promise<boolean>; onCancel?: () => void }) {
  const [draft, setDraft] = useState(initial);
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  return (
    <form
      className="project-form"
      data-testid="project-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(draft).then((ok) => ok && !onCancel && setDraft(blank));
      }}
    >
      <label className="field">
        <span>Project name</span>
        <input data-testid="project-name" value={draft.name} onChange={set('name')} placeholder="e.g. Atlas retrieval" />
      </label>
      <label className="field">
        <span>Scope: what it was, the team, your part</span>
        <textarea data-testid="project-scope" rows={2} value={draft.scope} onChange={set('scope')} placeholder="Dense retrieval for 40M documents; team of four; I led evaluation" />
      </label>
      <label className="field">
        <span>Numbers to quote, the same in every round</span>
        <textarea data-testid="project-numbers" rows={2} value={draft.numbers} onChange={set('numbers')} placeholder="+12% recall@10; p95 latency 80 ms; 6 months" />
      </label>
      <div className="editor-actions">
        <button type="submit" className="primary" data-testid="project-save">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function StoryLinks({ noteIds, prompts }: { noteIds: string[]; prompts: Map<string, StoryPrompt> }) {
  if (noteIds.length === 0) return <p className="muted">No story names this project yet: open a prompt and pick the project in its Project field.</p>;
  return (
    <ul className="prompt-list compact">
      {noteIds.map((id) => {
        const prompt = prompts.get(id)!;
        return (
          <li key={id} data-testid={`project-story-${id}`}>
            <button type="button" className="prompt-open" onClick={() => navigate({ screen: 'story', noteId: id })}>
              <span className="prompt-text">{prompt.prompt}</span>
              <span className="prompt-meta muted">{prompt.rounds.map(roundName).join(' · ')}</span>
            </button>
            <StoryState prompt={prompt} />
          </li>
        );
      })}
    </ul>
  );
}

export function ProjectsView({ stories, onChanged }: { stories: StoriesView; onChanged: () => void }) {
  const api = useApi();
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<FlagshipProject | null>(null);
  const prompts = new Map(stories.prompts.map((prompt) => [prompt.noteId, prompt]));

  const save = async (draft: Draft, id?: string): Promise<boolean> => {
    setError(null);
    try {
      await api.saveProject({ ...(id ? { id } : {}), name: draft.name, scope: draft.scope, numbers: draft.numbers });
      setEditing(null);
      onChanged();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };

  return (
    <div className="projects" data-testid="projects">
      <p className="muted stories-hint">
        Name the two or three projects you will talk about in every round. A story is linked to one through its Project field, so that the same project is told with the same scope and
        numbers wherever it comes up.
      </p>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {stories.projects.map(({ project, noteIds }) => {
        const rounds = [...new Set(noteIds.flatMap((id) => prompts.get(id)!.rounds))].sort();
        return (
          <article key={project.id} className="project-card" data-testid={`project-${project.id}`}>
            {editing === project.id ? (
              <ProjectForm initial={project} submitLabel="Save" onSubmit={(draft) => save(draft, project.id)} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <header className="project-header">
                  <h2>{project.name}</h2>
                  <div className="project-actions">
                    <button type="button" className="link" data-testid="project-edit" onClick={() => setEditing(project.id)}>
                      Edit
                    </button>
                    <button type="button" className="link" data-testid="project-delete" onClick={() => setDeleting(project)}>
                      Remove
                    </button>
                  </div>
                </header>
                <dl className="project-facts">
                  <dt>Scope</dt>
                  <dd>{project.scope || <span className="muted">Not written yet</span>}</dd>
                  <dt>Numbers</dt>
                  <dd>{project.numbers || <span className="muted">Not written yet</span>}</dd>
                  <dt>Rounds</dt>
                  <dd>{rounds.length ? rounds.map(roundName).join(' · ') : <span className="muted">None yet</span>}</dd>
                </dl>
                <h3>
                  {noteIds.length} {noteIds.length === 1 ? 'story' : 'stories'} told about it
                </h3>
                <StoryLinks noteIds={noteIds} prompts={prompts} />
              </>
            )}
          </article>
        );
      })}
      {stories.unlisted.length > 0 && (
        <section className="project-card unlisted" data-testid="unlisted-projects">
          <h2>Projects named in stories but not on your list</h2>
          {stories.unlisted.map(({ name, noteIds }) => (
            <div key={name} className="unlisted-project">
              <header className="project-header">
                <h3>{name}</h3>
                <button type="button" onClick={() => void save({ name, scope: '', numbers: '' })}>
                  Add to my projects
                </button>
              </header>
              <StoryLinks noteIds={noteIds} prompts={prompts} />
            </div>
          ))}
        </section>
      )}
      <section className="project-card new-project">
        <h2>{stories.projects.length === 0 ? 'Name your first flagship project' : 'Name another project'}</h2>
        <ProjectForm initial={blank} submitLabel="Add project" onSubmit={(draft) => save(draft)} />
      </section>
      {deleting && (
        <ConfirmDialog
          title={`Remove “${deleting.name}” from your projects?`}
          message="Its stories keep their Project field and are listed under projects not on your list."
          choices={[
            {
              label: 'Remove',
              kind: 'danger',
              testId: 'confirm-remove-project',
              onChoose: () => {
                const { id } = deleting;
                setDeleting(null);
                api.deleteProject({ projectId: id }).then(onChanged, setError);
              },
            },
          ]}
          focus="cancel"
          onCancel={() => setDeleting(null)}
        />
      )}
    </div>
  );
}
