// One story prompt in the editor: the guidance beside the learner's own Situation, Task, Action, Result and evidence.
import { useEffect, useState } from 'react';
import { useApi } from '../app/api-context';
import { navigate } from '../app/route';
import { NoteEditor } from '../editor/NoteEditor';

/** `noteId` null: a prompt of the learner's own, added to the deck that holds the story prompts. */
export function StoryScreen({ noteId }: { noteId: string | null }) {
  const api = useApi();
  const [deckId, setDeckId] = useState<string | null | undefined>(noteId ? null : undefined);
  useEffect(() => {
    if (noteId) return;
    api.listStories({}).then(
      (stories) => setDeckId(stories.prompts[0]?.deckId ?? null),
      () => setDeckId(null),
    );
  }, [api, noteId]);

  return (
    <section className="story-screen" data-testid="story-screen">
      <button type="button" className="link back-link" data-testid="back-to-stories" onClick={() => navigate({ screen: 'stories', view: 'prompts' })}>
        ← All prompts
      </button>
      <h1>{noteId ? 'Your story' : 'A prompt of your own'}</h1>
      {noteId ? (
        <NoteEditor noteId={noteId} />
      ) : (
        deckId !== undefined && (
          <NoteEditor
            noteId={null}
            initialType="story"
            {...(deckId ? { initialDeckId: deckId } : {})}
            autoFocus
            onSaved={(note) => navigate({ screen: 'story', noteId: note.id })}
          />
        )
      )}
    </section>
  );
}
