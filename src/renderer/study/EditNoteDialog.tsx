// Edits the note behind the current card; Ctrl/Cmd+Enter saves, Escape cancels. History is kept.
import { useEffect, useRef, useState } from 'react';
import type { NoteView } from '../../shared/dto';
import { NOTE_TYPE_FIELDS } from '../../shared/note-fields';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';

export function EditNoteDialog({ noteId, onClose }: { noteId: string; onClose: (saved: boolean) => void }) {
  const api = useApi();
  const [note, setNote] = useState<NoteView | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [tags, setTags] = useState('');
  const [error, setError] = useState<unknown>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    api.getNote({ noteId }).then((loaded) => {
      setNote(loaded);
      setFields(loaded.fields);
      setTags(loaded.tags.join(' '));
    }, setError);
  }, [api, noteId]);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const save = async () => {
    try {
      await api.editNote({ noteId, fields, tags: tags.split(/\s+/).filter(Boolean) });
      onClose(true);
    } catch (caught) {
      setError(caught);
    }
  };

  const names = note ? (note.type === 'anki' ? Object.keys(note.fields) : [...NOTE_TYPE_FIELDS[note.type]]) : [];
  return (
    <dialog
      ref={dialog}
      className="edit-dialog"
      data-testid="edit-dialog"
      onCancel={(event) => {
        event.preventDefault();
        onClose(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void save();
        }
        event.stopPropagation();
      }}
    >
      <h2>Edit note</h2>
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {note &&
        names.map((name, i) => (
          <label key={name} className="field">
            <span>{name}</span>
            <textarea
              autoFocus={i === 0}
              value={fields[name] ?? ''}
              rows={name === 'Source' ? 1 : 4}
              onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
            />
          </label>
        ))}
      <label className="field">
        <span>Tags</span>
        <input value={tags} onChange={(event) => setTags(event.target.value)} />
      </label>
      <footer>
        <button type="button" onClick={() => onClose(false)}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          Save <kbd>Ctrl+Enter</kbd>
        </button>
      </footer>
    </dialog>
  );
}
