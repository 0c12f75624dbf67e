// Edits the note behind the current card; Ctrl/Cmd+Enter saves, Escape cancels (asking first when something changed). History is kept.
import { useEffect, useRef, useState } from 'react';
import type { NoteView } from '../../shared/dto';
import { NOTE_TYPE_FIELDS } from '../../shared/note-fields';
import { useApi } from '../app/api-context';
import { ErrorBanner } from '../app/errors';
import { EditorPreview } from '../editor/EditorPreview';
import type { NotePreview } from '../../shared/dto';

const tagList = (text: string) => text.split(/\s+/).filter(Boolean);

/** A note's fields in the order the dialog shows them: an Anki note's own, else its type's. */
const fieldNames = (note: NoteView): string[] => (note.type === 'anki' ? Object.keys(note.fields) : [...NOTE_TYPE_FIELDS[note.type]]);

export function EditNoteDialog({ noteId, onClose }: { noteId: string; onClose: (saved: boolean) => void }) {
  const api = useApi();
  const [note, setNote] = useState<NoteView | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [tags, setTags] = useState('');
  const [error, setError] = useState<unknown>(null);
  /** Asking whether to throw away unsaved changes (an in-app question: window.confirm is blocked in some shells). */
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const firstField = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const escapeHandled = useRef(false);
  const keepButton = useRef<HTMLButtonElement>(null);
  const [preview, setPreview] = useState<NotePreview | null>(null);
  /**
   * What was typed before the note arrived (E then typing at once, on a busy machine): added at the
   * end of the first field, where the caret starts, rather than lost. Ctrl/Cmd+Enter meanwhile saves
   * once the note is there, never a note with empty fields.
   */
  const typedEarly = useRef('');
  const saveWhenLoaded = useRef(false);

  useEffect(() => {
    api.getNote({ noteId }).then((loaded) => {
      const first = fieldNames(loaded)[0];
      setNote(loaded);
      setFields(first !== undefined && typedEarly.current ? { ...loaded.fields, [first]: (loaded.fields[first] ?? '') + typedEarly.current } : loaded.fields);
      typedEarly.current = '';
      setTags(loaded.tags.join(' '));
    }, setError);
  }, [api, noteId]);

  useEffect(() => {
    if (note && saveWhenLoaded.current) {
      saveWhenLoaded.current = false;
      void save();
    }
  });

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  // The cards as they will look, a moment after typing stops (an imported note through its own templates).
  useEffect(() => {
    if (!note) return;
    const timer = window.setTimeout(() => {
      api.previewNote({ type: note.type, fields, noteId }).then(setPreview, () => undefined);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [api, note, fields, noteId]);

  // The caret starts at the end of the first field: an edit usually adds to or fixes the end of it.
  useEffect(() => {
    const field = firstField.current;
    if (!note || !field) return;
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    field.scrollTop = field.scrollHeight;
  }, [note]);

  // Asking: Keep editing takes focus, so Enter (like Esc) is the answer that loses nothing.
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
  }, [confirming]);

  const names = note ? fieldNames(note) : [];
  const dirty = note !== null && (names.some((name) => (fields[name] ?? '') !== (note.fields[name] ?? '')) || tagList(tags).join(' ') !== note.tags.join(' '));

  const save = async () => {
    if (!note) {
      saveWhenLoaded.current = true;
      return;
    }
    try {
      await api.editNote({ noteId, fields, tags: tagList(tags) });
      onClose(true);
    } catch (caught) {
      setError(caught);
    }
  };

  const keepEditing = () => {
    setConfirming(false);
    const back = returnFocus.current;
    (back instanceof HTMLElement && back.isConnected ? back : firstField.current)?.focus();
  };

  /** Esc and Cancel: close at once when nothing changed, else ask; Esc while asking keeps editing. */
  const leave = () => {
    if (confirming) return keepEditing();
    if (!dirty) return onClose(false);
    returnFocus.current = document.activeElement;
    setConfirming(true);
  };

  return (
    <dialog
      ref={dialog}
      className="edit-dialog"
      data-testid="edit-dialog"
      onCancel={(event) => {
        // The browser's own close request (Esc with focus outside the fields): the same question.
        event.preventDefault();
        if (!escapeHandled.current) leave();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          // Handled here, so the dialog never closes itself on a second Esc.
          event.preventDefault();
          escapeHandled.current = true;
          window.setTimeout(() => (escapeHandled.current = false));
          leave();
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void save();
        } else if (!note && !event.ctrlKey && !event.metaKey && !event.altKey) {
          if (event.key.length === 1) typedEarly.current += event.key;
          else if (event.key === 'Backspace') typedEarly.current = typedEarly.current.slice(0, -1);
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
              ref={i === 0 ? firstField : undefined}
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
      {preview && <EditorPreview preview={preview} />}
      {confirming ? (
        <footer className="discard-confirm" role="alertdialog" aria-labelledby="discard-question" data-testid="discard-confirm">
          <span id="discard-question">Discard your changes to this note?</span>
          <button type="button" ref={keepButton} data-testid="keep-editing" onClick={keepEditing}>
            Keep editing <kbd>Esc</kbd>
          </button>
          <button type="button" className="danger" data-testid="discard-changes" onClick={() => onClose(false)}>
            Discard changes
          </button>
        </footer>
      ) : (
        <footer>
          <button type="button" onClick={leave}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="button" className="primary" data-testid="edit-save" onClick={() => void save()}>
            Save <kbd>Ctrl+Enter</kbd>
          </button>
        </footer>
      )}
    </dialog>
  );
}
