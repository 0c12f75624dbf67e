// The story prompts as a list: waiting ones (not studied until answered) or answered ones, by round.
import { useMemo, useState } from 'react';
import type { StoriesView, StoryPrompt } from '../../shared/dto';
import { navigate } from '../app/route';

type Shown = 'waiting' | 'answered' | 'all';

/** `round::behavioral` → "behavioral". */
export const roundName = (tag: string) => tag.replace(/^round::/, '').replace(/-/g, ' ');

export function StoryState({ prompt }: { prompt: StoryPrompt }) {
  return prompt.answered ? <span className="story-badge answered">Answered</span> : <span className="story-badge waiting">Waiting</span>;
}

export function PromptList({ stories }: { stories: StoriesView }) {
  // The learner's work list first: what still waits for a story.
  const [shown, setShown] = useState<Shown>(stories.waiting > 0 ? 'waiting' : 'all');
  const [round, setRound] = useState('');
  const rounds = useMemo(() => [...new Set(stories.prompts.flatMap((prompt) => prompt.rounds))].sort(), [stories]);
  const listed = stories.prompts.filter(
    (prompt) => (shown === 'all' || (shown === 'answered') === prompt.answered) && (!round || prompt.rounds.includes(round)),
  );
  const choices: { value: Shown; label: string }[] = [
    { value: 'waiting', label: `Waiting (${stories.waiting})` },
    { value: 'answered', label: `Answered (${stories.answered})` },
    { value: 'all', label: `All (${stories.prompts.length})` },
  ];

  return (
    <>
      <div className="prompt-filters">
        <div className="segmented" role="group" aria-label="Which prompts">
          {choices.map((choice) => (
            <button key={choice.value} type="button" aria-pressed={shown === choice.value} className={shown === choice.value ? 'active' : ''} data-testid={`show-${choice.value}`} onClick={() => setShown(choice.value)}>
              {choice.label}
            </button>
          ))}
        </div>
        <label className="inline-field">
          <span>Round</span>
          <select value={round} data-testid="round-filter" onChange={(event) => setRound(event.target.value)}>
            <option value="">Every round</option>
            {rounds.map((tag) => (
              <option key={tag} value={tag}>
                {roundName(tag)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {shown === 'waiting' && stories.waiting > 0 && (
        <p className="muted stories-hint">A waiting prompt is not studied. Open it, write your Situation, Task, Action, Result and evidence beside the guidance, and it joins your reviews.</p>
      )}
      {listed.length === 0 ? (
        <p className="muted" data-testid="no-prompts">
          {shown === 'waiting' ? 'Every prompt holds your story.' : 'No prompts here yet.'}
        </p>
      ) : (
        <ul className="prompt-list" data-testid="prompt-list">
          {listed.map((prompt) => (
            <li key={prompt.noteId} data-testid={`prompt-${prompt.noteId}`}>
              <button type="button" className="prompt-open" onClick={() => navigate({ screen: 'story', noteId: prompt.noteId })}>
                <span className="prompt-text">{prompt.prompt}</span>
                <span className="prompt-meta muted">
                  {prompt.rounds.map(roundName).join(' · ')}
                  {prompt.project && <> · project: {prompt.project}</>}
                </span>
              </button>
              <StoryState prompt={prompt} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
