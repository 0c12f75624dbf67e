// Writes and edits notes of every type, with a live preview of each card as you type and a duplicate warning.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DeckNode, NotePreview, NoteTypeName, NoteView } from '../../shared/dto';
import { NOTE_TYPE_FIELDS } from '../../shared/note-fields';
import { useApi } from '../app/api-context';
import { DeckOptions } from '../app/DeckOptions';
import { flattenDecks } from '../app/deck-list';
import { ErrorBanner } from '../app/errors';
import { CardFace } from '../study/CardFace';
import { KeyPoints } from '../study/KeyPoints';

const TYPES: { value: NoteTypeName; label: string }[] = [
  { value: 'basic', label: 'Basic' },
  { value: 'reverse', label: 'Basic and reversed' },
  { value: 'cloze', label: 'Cloze' },
  { value: 'keypoints', label: 'Key points' },
];

const HINTS: Record<string, string> = {
  Text: 'Hide parts with {{c1::answer}} or {{c2::answer::hint}}. Math: $x^2$, $$\\sum_i x_i$$',
  Points: 'One point per line: - first point',
  Source: 'Paper or book, e.g. Vaswani et al. (2017)',
};


/** `noteId` null: a new note. */
export function NoteEditor({ noteId, onSaved }: { noteId: string | null; onSaved?: (note: NoteView) => void }) {
  const api = useApi();
  const [note, setNote] = useState<NoteView | null>(null);
  const [type, setType] = useState<NoteTypeName>('basic');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [tags, setTags] = useState('');
  const [deckId, setDeckId] = useState('');
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [preview, setPreview] = useState<NotePreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (noteId) {
      api.getNote({ noteId }).then((loaded) => {
        setNote(loaded);
        if (loaded.type !== 'anki') setType(loaded.type);
        setFields(loaded.fields);
        setTags(loaded.tags.join(' '));
      }, setError);
    } else {
      api.listDecks({}).then((list) => {
        const all = flattenDecks(list.decks);
        setDecks(all);
        setDeckId((current) => current || all[0]?.id || '');
      }, setError);
    }
  }, [api, noteId]);

  // Completion for the tag being typed.
  const lastTag = tags.split(/\s+/).pop() ?? '';
  useEffect(() => {
    api.listTags({ prefix: lastTag, limit: 20 }).then((found) => setKnownTags(found.map((t) => t.tag)), () => undefined);
  }, [api, lastTag]);

  // Live preview, a moment after typing stops.
  useEffect(() => {
    if (note?.type === 'anki') return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      api.previewNote({ type, fields, ...(noteId ? { noteId } : {}) }).then(setPreview, setError);
    }, 150);
    return () => window.clearTimeout(timer.current);
  }, [api, type, fields, noteId, note]);

  const names = useMemo(() => (note?.type === 'anki' ? Object.keys(note.fields) : [...NOTE_TYPE_FIELDS[type]]), [note, type]);

  const save = async () => {
    setError(null);
    const tagList = tags.split(/\s+/).filter(Boolean);
    try {
      const result = noteId
        ? await api.editNote({ noteId, fields, tags: tagList })
        : await api.addNote({ deckId, type, fields: Object.fromEntries(names.map((name) => [name, fields[name] ?? ''])), tags: tagList });
      setSaved(noteId ? 'Saved.' : 'Added. Write the next one.');
      if (!noteId) setFields({});
      onSaved?.(result);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <div
      className="note-editor"
      data-testid="note-editor"
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
            <select value={type} data-testid="editor-type" onChange={(event) => setType(event.target.value as NoteTypeName)}>
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
      {names.map((name) => (
        <label key={name} className="field">
          <span>
            {name}
            {preview?.problem?.field === name && <em className="field-problem"> — {preview.problem.message}</em>}
          </span>
          <textarea
            data-testid={`field-${name}`}
            rows={name === 'Source' ? 1 : name === 'Points' || name === 'Text' ? 5 : 3}
            value={fields[name] ?? ''}
            placeholder={HINTS[name] ?? ''}
            onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
          />
        </label>
      ))}
      <label className="field">
        <span>Tags</span>
        <input list="known-tags" data-testid="editor-tags" value={tags} onChange={(event) => setTags(event.target.value)} placeholder="topic::attention level::core" />
        <datalist id="known-tags">
          {knownTags.map((tag) => (
            <option key={tag} value={[...tags.split(/\s+/).slice(0, -1), tag].join(' ')} />
          ))}
        </datalist>
      </label>
      {preview && preview.duplicates.length > 0 && (
        <p className="notice warning" data-testid="duplicate-warning">
          The same question is already in {preview.duplicates.map((d) => `${d.deckName} (${d.question})`).join('; ')}.
        </p>
      )}
      <div className="editor-actions">
        <button type="button" className="primary" data-testid="editor-save" onClick={() => void save()}>
          {noteId ? 'Save' : 'Add'} <kbd>Ctrl+Enter</kbd>
        </button>
        {saved && <span className="muted">{saved}</span>}
      </div>
      {preview && (
        <div className="editor-preview" data-testid="editor-preview">
          {preview.cards.map((card) => (
            <div key={card.ord} className="preview-card">
              <CardFace html={card.front} />
              <div className="back">
                <CardFace html={card.back} />
                {card.keyPoints && <KeyPoints points={card.keyPoints} ticked={new Set()} onToggle={() => undefined} />}
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
