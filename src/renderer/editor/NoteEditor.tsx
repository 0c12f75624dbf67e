// Writes and edits notes of every type, with a live preview, a duplicate warning, and a question before unsaved text is lost.
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { DeckNode, NotePreview, NoteTypeName, NoteView } from '../../shared/dto';
import { NOTE_TYPE_FIELDS } from '../../shared/note-fields';
import { useApi } from '../app/api-context';
import { DeckOptions } from '../app/DeckOptions';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { setLeaveGuard } from '../app/leave-guard';
import { ConfirmDialog } from './ConfirmDialog';
import { carryFields, isUnsaved, type Draft } from './draft';
import { EditorPreview } from './EditorPreview';
import { STORY_HINTS, StoryFields } from './StoryFields';

const TYPES: { value: NoteTypeName; label: string }[] = [
  { value: 'basic', label: 'Basic' },
  { value: 'reverse', label: 'Basic and reversed' },
  { value: 'cloze', label: 'Cloze' },
  { value: 'keypoints', label: 'Key points' },
  { value: 'story', label: 'Story' },
];

/** The Add screen starts where the last note was added: its deck and its type. */
const LAST_DECK_KEY = 'interleave.add.deck';
const LAST_TYPE_KEY = 'interleave.add.type';

function remembered(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage switched off: the choice lasts until the screen closes.
  }
}

const HINTS: Record<string, string> = {
  Text: 'Hide parts with {{c1::answer}} or {{c2::answer::hint}}. Math: $x^2$, $$\\sum_i x_i$$',
  Points: 'One point per line: - first point',
  Source: 'Paper or book, e.g. Vaswani et al. (2017)',
  ...STORY_HINTS,
};

/** What a screen holding the editor can ask of it. */
export interface NoteEditorHandle {
  /** Calls `leave` at once if nothing is unsaved, else after the learner saves or discards (never, if they keep editing). */
  confirmLeave(leave: () => void): void;
  /** Focuses the first field, now or as soon as the note has loaded. */
  focus(): void;
}

type Asking = null | { kind: 'leave'; leave: () => void } | { kind: 'type'; next: NoteTypeName; lost: string[] };

/**
 * `noteId` null: a new note, of `initialType` in `initialDeckId` when given. `autoFocus`: the first
 * field takes focus when the editor opens.
 */
export function NoteEditor({
  noteId,
  onSaved,
  autoFocus = false,
  initialType,
  initialDeckId,
  ref,
}: {
  noteId: string | null;
  onSaved?: (note: NoteView) => void;
  autoFocus?: boolean;
  initialType?: NoteTypeName;
  initialDeckId?: string;
  ref?: Ref<NoteEditorHandle>;
}) {
  const api = useApi();
  const [note, setNote] = useState<NoteView | null>(null);
  const [type, setType] = useState<NoteTypeName>(() => {
    if (initialType) return initialType;
    const last = noteId ? null : remembered(LAST_TYPE_KEY);
    return TYPES.some((t) => t.value === last) ? (last as NoteTypeName) : 'basic';
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [tags, setTags] = useState('');
  /** What is saved, to compare the draft with; null for a new note. */
  const [baseline, setBaseline] = useState<Draft | null>(null);
  const [deckId, setDeckId] = useState('');
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [preview, setPreview] = useState<NotePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  /** A field's problem shows once the learner left it or tried to save, not while the note is still empty. */
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const form = useRef<HTMLDivElement>(null);
  const lastFocused = useRef<HTMLElement | null>(null);
  const wantFocus = useRef(autoFocus);

  useEffect(() => {
    if (noteId) {
      api.getNote({ noteId }).then((loaded) => {
        setNote(loaded);
        if (loaded.type !== 'anki') setType(loaded.type);
        setFields(loaded.fields);
        setTags(loaded.tags.join(' '));
        setBaseline({ fields: loaded.fields, tags: loaded.tags.join(' ') });
      }, setError);
    } else {
      api.listDecks({}).then((list) => {
        const all = flattenDecks(list.decks);
        setDecks(all);
        // The deck asked for, else the one the last note went into while it exists, else the first.
        const last = remembered(LAST_DECK_KEY);
        const wanted = initialDeckId && all.some((deck) => deck.id === initialDeckId) ? initialDeckId : all.some((deck) => deck.id === last) ? last! : all[0]?.id;
        setDeckId((current) => current || wanted || '');
      }, setError);
    }
  }, [api, noteId, initialDeckId]);

  // Completion for the tag being typed.
  const lastTag = tags.split(/\s+/).pop() ?? '';
  useEffect(() => {
    api.listTags({ prefix: lastTag, limit: 20 }).then((found) => setKnownTags(found.map((t) => t.tag)), () => undefined);
  }, [api, lastTag]);

  // Live preview, a moment after typing stops; an imported note through its own templates.
  useEffect(() => {
    if (noteId && !note) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      api.previewNote({ type: note?.type === 'anki' ? 'anki' : type, fields, ...(noteId ? { noteId } : {}) }).then(setPreview, setError);
    }, 150);
    return () => window.clearTimeout(timer.current);
  }, [api, type, fields, noteId, note]);

  const names = useMemo(() => (note?.type === 'anki' ? Object.keys(note.fields) : [...NOTE_TYPE_FIELDS[type]]), [note, type]);
  const ready = !noteId || note !== null;
  const unsaved = ready && isUnsaved({ fields, tags }, baseline, names);

  const focusFirst = useCallback(() => {
    const first = form.current?.querySelector<HTMLElement>('textarea');
    if (first) {
      first.focus();
      wantFocus.current = false;
    } else {
      wantFocus.current = true;
    }
  }, []);

  // A focus asked for before the note loaded lands once its fields exist.
  useEffect(() => {
    if (ready && wantFocus.current) focusFirst();
  }, [ready, focusFirst]);

  const save = async (): Promise<boolean> => {
    // Saving fields that have not loaded yet would empty the note.
    if (!ready) return false;
    setError(null);
    setAttempted(true);
    const tagList = tags.split(/\s+/).filter(Boolean);
    try {
      const result = noteId
        ? await api.editNote({ noteId, fields, tags: tagList })
        : await api.addNote({ deckId, type, fields: Object.fromEntries(names.map((name) => [name, fields[name] ?? ''])), tags: tagList });
      setSaved(noteId ? 'Saved.' : 'Added. Write the next one.');
      if (!noteId) {
        remember(LAST_DECK_KEY, deckId);
        remember(LAST_TYPE_KEY, type);
        // The next note starts clean: its problems wait until it is written.
        setAttempted(false);
        setTouched(new Set());
      }
      if (noteId) {
        setNote(result);
        setFields(result.fields);
        setTags(result.tags.join(' '));
        setBaseline({ fields: result.fields, tags: result.tags.join(' ') });
      } else {
        setFields({});
        // The next note starts where this one did.
        focusFirst();
      }
      // Saved: nothing is unsaved now, even before the next render, so a move made by onSaved does not ask.
      unsavedNow.current = false;
      onSaved?.(result);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    }
  };

  // Refs, so a guard installed earlier reads the editor as it is now.
  const unsavedNow = useRef(unsaved);
  unsavedNow.current = unsaved;
  const confirmLeave = useCallback((leave: () => void) => {
    if (unsavedNow.current) setAsking({ kind: 'leave', leave });
    else leave();
  }, []);
  useImperativeHandle(ref, () => ({ confirmLeave, focus: focusFirst }), [confirmLeave, focusFirst]);

  // While something is unsaved, moving to another screen asks first.
  useEffect(() => (unsaved ? setLeaveGuard(confirmLeave) : undefined), [unsaved, confirmLeave]);

  // Keep editing: back to the field the learner was in.
  const keepEditing = () => {
    setAsking(null);
    const field = lastFocused.current;
    window.setTimeout(() => (field?.isConnected ? field : form.current?.querySelector('textarea'))?.focus());
  };

  const changeType = (next: NoteTypeName) => {
    const { lost } = carryFields(fields, NOTE_TYPE_FIELDS[type], NOTE_TYPE_FIELDS[next]);
    if (lost.length) setAsking({ kind: 'type', next, lost });
    else applyType(next);
  };
  const applyType = (next: NoteTypeName) => {
    setFields(carryFields(fields, NOTE_TYPE_FIELDS[type], NOTE_TYPE_FIELDS[next]).fields);
    setType(next);
    setAsking(null);
  };

  const setField = (name: string, value: string) => {
    setFields((current) => ({ ...current, [name]: value }));
    setSaved(null);
  };

  /** A field's labelled text area, with the problem the preview found in it once the learner has left the field or tried to save. */
  const box = (name: string, rows: number) => (
    <label key={name} className="field">
      <span>
        {name}
        {preview?.problem?.field === name && (attempted || touched.has(name)) && (
          <em className="field-problem" data-testid="field-problem">
            {' '}
            — {preview.problem.message}
          </em>
        )}
      </span>
      <textarea
        data-testid={`field-${name}`}
        rows={rows}
        value={fields[name] ?? ''}
        placeholder={HINTS[name] ?? ''}
        onChange={(event) => setField(name, event.target.value)}
        onBlur={() => setTouched((current) => (current.has(name) ? current : new Set([...current, name])))}
      />
    </label>
  );

  const typeLabel = (value: NoteTypeName) => TYPES.find((t) => t.value === value)?.label ?? value;

  return (
    <div
      ref={form}
      className="note-editor"
      data-testid="note-editor"
      onFocus={(event) => {
        if (event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLInputElement) lastFocused.current = event.target;
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void save();
        }
      }}
    >
      {!noteId && (
        <div className="form-grid">
          <label className="field">
            <span>Type</span>
            <select value={type} data-testid="editor-type" onChange={(event) => changeType(event.target.value as NoteTypeName)}>
              {TYPES.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Deck</span>
            <select value={deckId} data-testid="editor-deck" onChange={(event) => setDeckId(event.target.value)}>
              <DeckOptions decks={decks} />
            </select>
          </label>
        </div>
      )}
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {!ready && !error && <p className="muted">Loading the note…</p>}
      {ready && note?.type !== 'anki' && type === 'story' && <StoryFields fields={fields} box={box} onChange={setField} />}
      {ready && (note?.type === 'anki' || type !== 'story') && names.map((name) => box(name, name === 'Source' ? 1 : name === 'Points' || name === 'Text' ? 5 : 3))}
      {ready && (
        <label className="field">
          <span>Tags</span>
          <input list="known-tags" data-testid="editor-tags" value={tags} onChange={(event) => setTags(event.target.value)} placeholder="topic::attention level::core" />
          <datalist id="known-tags">
            {knownTags.map((tag) => (
              <option key={tag} value={[...tags.split(/\s+/).slice(0, -1), tag].join(' ')} />
            ))}
          </datalist>
        </label>
      )}
      {preview && preview.duplicates.length > 0 && (
        <p className="notice warning" data-testid="duplicate-warning">
          The same question is already in {preview.duplicates.map((d) => `${d.deckName} (${d.question})`).join('; ')}.
        </p>
      )}
      <div className="editor-actions">
        <button type="button" className="primary" data-testid="editor-save" disabled={!ready} onClick={() => void save()}>
          {noteId ? 'Save' : 'Add'} <kbd>Ctrl+Enter</kbd>
        </button>
        <span className="muted" role="status" data-testid="editor-status">
          {saved ?? (unsaved && noteId ? 'Unsaved changes' : '')}
        </span>
      </div>
      {preview && <EditorPreview preview={preview} />}
      {asking?.kind === 'leave' && (
        <ConfirmDialog
          title={noteId ? 'Save your changes to this note?' : 'Add the note you are writing?'}
          message={noteId ? 'You changed this note and have not saved it.' : 'What you typed will be lost if you leave without adding it.'}
          choices={[
            {
              label: noteId ? 'Save' : 'Add',
              kind: 'primary',
              testId: 'confirm-save',
              onChoose: () => {
                const { leave } = asking;
                setAsking(null);
                void save().then((ok) => ok && leave());
              },
            },
            {
              label: 'Discard',
              kind: 'danger',
              testId: 'confirm-discard',
              onChoose: () => {
                setAsking(null);
                asking.leave();
              },
            },
          ]}
          cancelLabel="Keep editing"
          onCancel={keepEditing}
        />
      )}
      {asking?.kind === 'type' && (
        <ConfirmDialog
          title={`Change to ${typeLabel(asking.next)}?`}
          message={`${typeLabel(asking.next)} has no place for ${asking.lost.join(' and ')}: what you wrote there will be lost.`}
          choices={[{ label: `Change and lose ${asking.lost.join(', ')}`, kind: 'danger', testId: 'confirm-discard', onChoose: () => applyType(asking.next) }]}
          cancelLabel={`Keep ${typeLabel(type)}`}
          focus="cancel"
          // Focus goes back to the type list, where the learner was.
          onCancel={() => setAsking(null)}
        />
      )}
    </div>
  );
}
