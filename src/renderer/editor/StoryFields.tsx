// A story note in the editor: the prompt, the guidance beside the learner's own points, and the project it is told about.
import { useEffect, useState, type ReactNode } from 'react';
import type { FlagshipProject } from '../../shared/dto';
import { STORY_PARTS } from '../../shared/note-fields';
import { useApi } from '../app/api-context';

/** What each part of a story holds, as placeholders. */
export const STORY_HINTS: Record<string, string> = {
  Prompt: 'Tell me about a time you…',
  Guidance: 'What a strong answer shows, one point per line: - point',
  Situation: 'Where and when, and what was at stake: a sentence or two',
  Task: 'What you were responsible for',
  Action: 'What you did (I, not we), one point per line starting with -',
  Result: 'What changed, with numbers',
  Evidence: 'The figures, links or artefacts that back it up',
};

/** Guidance as the list it is written as (Markdown list items, one per line), for reading beside the story. */
function guidanceItems(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-*+]|\d{1,3}[.)])\s+/, '').trim())
    .filter(Boolean);
}

export function StoryFields({
  fields,
  box,
  onChange,
}: {
  fields: Record<string, string>;
  /** The editor's own labelled text area for a field, `rows` tall. */
  box: (name: string, rows: number) => ReactNode;
  onChange: (name: string, value: string) => void;
}) {
  const api = useApi();
  const [projects, setProjects] = useState<FlagshipProject[]>([]);
  const guidance = guidanceItems(fields.Guidance ?? '');
  // The guidance is read as a list; writing it (or a prompt of one's own without any) opens the text.
  const [editingGuidance, setEditingGuidance] = useState(guidance.length === 0);
  useEffect(() => {
    api.listProjects({}).then(setProjects, () => undefined);
  }, [api]);
  const written = STORY_PARTS.filter((part) => (fields[part] ?? '').trim() !== '').length;

  return (
    <>
      {box('Prompt', 2)}
      <div className="story-columns">
        <div className="story-guidance-column" data-testid="story-guidance">
          <h2>What a strong answer shows</h2>
          {editingGuidance ? (
            box('Guidance', 10)
          ) : (
            <>
              <ul className="story-guidance-list">
                {guidance.map((item, index) => (
                  <li key={index}>{item}</li>
                ))}
              </ul>
              <button type="button" className="link" data-testid="edit-guidance" onClick={() => setEditingGuidance(true)}>
                Edit the guidance
              </button>
            </>
          )}
        </div>
        <div className="story-own-column" data-testid="story-own">
          <h2>Your story</h2>
          {STORY_PARTS.map((part) => box(part, part === 'Action' ? 4 : 2))}
        </div>
      </div>
      <label className="field">
        <span>Project</span>
        <input list="flagship-projects" data-testid="field-Project" value={fields.Project ?? ''} onChange={(event) => onChange('Project', event.target.value)} placeholder="One of your flagship projects" />
        <datalist id="flagship-projects">
          {projects.map((project) => (
            <option key={project.id} value={project.name} />
          ))}
        </datalist>
      </label>
      {projects.length === 0 && <p className="muted stories-hint">Name your flagship projects under Stories ▸ Flagship projects to pick them here.</p>}
      {box('Source', 1)}
      <p className={`story-state ${written ? 'answered' : 'waiting'}`} data-testid="story-state">
        {written
          ? `Answered: studied as key points, ${written} of ${STORY_PARTS.length} parts written.`
          : 'Waiting for your story: it is listed under Stories and not studied until you write any part of it.'}
      </p>
    </>
  );
}
