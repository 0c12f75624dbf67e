// The questions a deck change asks: a name, a place in the tree, its options, or whether to delete it and what goes with it.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { DeckDeletion, DeckNode, Preset } from '../../shared/dto';
import { AppError } from '../../shared/errors';
import { useApi } from '../app/api-context';
import { describeError } from '../app/describe-error';
import { SEPARATOR_TEXT } from './deck-tree-text';

export type DeckQuestion =
  | { kind: 'create'; parentId: string | null }
  | { kind: 'rename'; deck: DeckNode }
  | { kind: 'move'; deck: DeckNode }
  | { kind: 'options'; deck: DeckNode }
  | { kind: 'delete'; deck: DeckNode };

type Change = Parameters<ReturnType<typeof useApi>['changeDeck']>[0]['change'];

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

/** Shown while mounted; `onDone` gets the change's label once it is made, `onCancel` when the learner lets it be. */
export function DeckDialog({ question, decks, onDone, onCancel }: { question: DeckQuestion; decks: DeckNode[]; onDone: (label: string) => void; onCancel: () => void }) {
  const api = useApi();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const deck = question.kind === 'create' ? null : question.deck;
  const [name, setName] = useState(question.kind === 'rename' ? question.deck.name : '');
  const [parentId, setParentId] = useState<string>(question.kind === 'create' ? (question.parentId ?? '') : deck ? parentOf(deck, decks) : '');
  const [presets, setPresets] = useState<Preset[]>([]);
  const [presetId, setPresetId] = useState(deck?.presetId ?? '');
  const [newPerDay, setNewPerDay] = useState(deck?.newPerDay === null || deck?.newPerDay === undefined ? '' : String(deck.newPerDay));
  const [reviewsPerDay, setReviewsPerDay] = useState(deck?.reviewsPerDay === null || deck?.reviewsPerDay === undefined ? '' : String(deck.reviewsPerDay));
  const [deletion, setDeletion] = useState<DeckDeletion | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    // The field to type in, or for a delete the safe answer, has the focus.
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  useEffect(() => {
    if (question.kind === 'options') api.listPresets({}).then(setPresets, (caught: unknown) => setError({ field: null, text: describeError(caught) }));
    if (question.kind === 'delete') api.deckDeletion({ deckId: question.deck.id }).then(setDeletion, (caught: unknown) => setError({ field: null, text: describeError(caught) }));
  }, [api, question]);
  // The delete question's focus lands once its counts are there.
  useEffect(() => {
    if (deletion) dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [deletion]);

  const limit = (text: string, field: string, max: number): number | null | undefined => {
    if (text.trim() === '') return null;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) {
      setError({ field, text: `Write a whole number from 0 to ${max.toLocaleString()}, or leave it empty to use the preset’s.` });
      return undefined;
    }
    return value;
  };

  const change = (): Change | null => {
    switch (question.kind) {
      case 'create':
        return { action: 'create', name: parentId ? `${decks.find((d) => d.id === parentId)?.name ?? ''}${SEPARATOR_TEXT}${name}` : name };
      case 'rename':
        return { action: 'rename', deckId: question.deck.id, name };
      case 'move':
        return { action: 'move', deckId: question.deck.id, parentId: parentId || null };
      case 'delete':
        return { action: 'delete', deckId: question.deck.id };
      case 'options': {
        const newLimit = limit(newPerDay, 'newPerDay', 9999);
        if (newLimit === undefined) return null;
        const reviewLimit = limit(reviewsPerDay, 'reviewsPerDay', 99_999);
        if (reviewLimit === undefined) return null;
        return { action: 'options', deckId: question.deck.id, presetId, newPerDay: newLimit, reviewsPerDay: reviewLimit };
      }
    }
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    const planned = change();
    if (!planned || busy) return;
    setBusy(true);
    try {
      const result = await api.changeDeck({ change: planned });
      onDone(result.changed ? result.label : '');
    } catch (caught) {
      // The service names the input at fault (change.name): say it beside that field.
      const field = caught instanceof AppError && caught.where?.field ? caught.where.field.replace(/^change\./, '') : null;
      setError({ field, text: caught instanceof AppError ? caught.message : describeError(caught) });
      setBusy(false);
    }
  };

  const problem = (field: string | null) =>
    error && error.field === field ? (
      <span className="field-error" role="alert" id={`${id}-${field ?? 'form'}-error`} data-testid="deck-dialog-error">
        {error.text}
      </span>
    ) : null;
  const describedBy = (field: string) => (error?.field === field ? `${id}-${field}-error` : undefined);

  const title = {
    create: 'New deck',
    rename: `Rename ${deck?.name}`,
    move: `Move ${deck?.name}`,
    options: `Options of ${deck?.name}`,
    delete: `Delete ${deck?.name}?`,
  }[question.kind];

  let body: ReactNode;
  if (question.kind === 'create' || question.kind === 'rename') {
    body = (
      <>
        <label className="field">
          <span>Name</span>
          <input
            data-autofocus
            data-testid="deck-name"
            value={name}
            maxLength={500}
            aria-invalid={error?.field === 'name'}
            aria-describedby={describedBy('name')}
            onChange={(event) => setName(event.target.value)}
          />
          {problem('name')}
          <small className="muted">“::” makes levels: “Interview::Systems” is Systems inside Interview.</small>
        </label>
        {question.kind === 'create' && <ParentPicker decks={decks} value={parentId} onChange={setParentId} label="Inside" />}
      </>
    );
  } else if (question.kind === 'move') {
    const below = (other: DeckNode) => other.id === question.deck.id || other.name.startsWith(question.deck.name + SEPARATOR_TEXT);
    body = (
      <>
        <ParentPicker decks={decks.filter((other) => !below(other))} value={parentId} onChange={setParentId} label="Put it inside" autoFocus />
        {problem('parentId')}
        <p className="muted">You can also drag a deck onto another in the list.</p>
      </>
    );
  } else if (question.kind === 'options') {
    const preset = presets.find((p) => p.id === presetId);
    body = (
      <>
        <label className="field">
          <span>Preset</span>
          <select data-autofocus data-testid="deck-preset" value={presetId} onChange={(event) => setPresetId(event.target.value)}>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <small className="muted">Retention, steps and intervals come from the preset (Settings).</small>
        </label>
        <div className="form-grid two">
          <label className="field">
            <span>New cards per day</span>
            <input
              type="number"
              min={0}
              max={9999}
              data-testid="deck-new-per-day"
              placeholder={preset ? `${preset.newPerDay} (the preset’s)` : ''}
              value={newPerDay}
              aria-invalid={error?.field === 'newPerDay'}
              aria-describedby={describedBy('newPerDay')}
              onChange={(event) => setNewPerDay(event.target.value)}
            />
            {problem('newPerDay')}
          </label>
          <label className="field">
            <span>Maximum reviews per day</span>
            <input
              type="number"
              min={0}
              max={99999}
              data-testid="deck-reviews-per-day"
              placeholder={preset ? `${preset.reviewsPerDay} (the preset’s)` : ''}
              value={reviewsPerDay}
              aria-invalid={error?.field === 'reviewsPerDay'}
              aria-describedby={describedBy('reviewsPerDay')}
              onChange={(event) => setReviewsPerDay(event.target.value)}
            />
            {problem('reviewsPerDay')}
          </label>
        </div>
        <small className="muted">Leave a limit empty to use the preset’s. A parent deck’s limit also caps the decks inside it.</small>
      </>
    );
  } else {
    body = deletion ? (
      <p data-testid="deck-deletion">
        {deletion.cards === 0
          ? `${deletion.name} is empty${deletion.decks > 1 ? ` (with ${plural(deletion.decks - 1, 'deck')} inside)` : ''}.`
          : `${plural(deletion.cards, 'card')} (${plural(deletion.notes, 'note')}) go with it${deletion.decks > 1 ? `, and the ${plural(deletion.decks - 1, 'deck')} inside it` : ''}. ${
              deletion.reviews === 0 ? 'None of them has been reviewed yet.' : `Their ${plural(deletion.reviews, 'review')} leave your statistics.`
            }`}{' '}
        Undo (Ctrl+Z) brings everything back.
      </p>
    ) : (
      <p className="muted">Counting what goes with it…</p>
    );
  }

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog deck-dialog"
      data-testid="deck-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      // Keys answer the dialog, never the deck list behind it.
      onKeyDown={(event) => event.stopPropagation()}
    >
      {/* Checked here, so a wrong number gets a sentence beside its field rather than the browser's bubble. */}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <h2 id={`${id}-title`}>{title}</h2>
        {body}
        {problem(null)}
        <footer>
          {question.kind === 'delete' ? (
            <>
              <button type="submit" className="danger" data-testid="deck-confirm" disabled={!deletion || busy}>
                Delete {plural(deletion?.cards ?? 0, 'card')}
              </button>
              {/* The safe answer has the focus: Enter alone never deletes. */}
              <button type="button" data-autofocus onClick={onCancel}>
                Keep it
              </button>
            </>
          ) : (
            <>
              <button type="submit" className="primary" data-testid="deck-confirm" disabled={busy}>
                {{ create: 'Create', rename: 'Rename', move: 'Move', options: 'Save' }[question.kind]}
              </button>
              <button type="button" onClick={onCancel}>
                Cancel
              </button>
            </>
          )}
        </footer>
      </form>
    </dialog>
  );
}

function parentOf(deck: DeckNode, decks: DeckNode[]): string {
  const at = deck.name.lastIndexOf(SEPARATOR_TEXT);
  if (at < 0) return '';
  const parent = deck.name.slice(0, at);
  return decks.find((other) => other.name === parent)?.id ?? '';
}

function ParentPicker({ decks, value, onChange, label, autoFocus = false }: { decks: DeckNode[]; value: string; onChange: (id: string) => void; label: string; autoFocus?: boolean }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select data-autofocus={autoFocus || undefined} data-testid="deck-parent" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">No deck: the top level</option>
        {decks.map((deck) => (
          <option key={deck.id} value={deck.id}>
            {deck.name}
          </option>
        ))}
      </select>
    </label>
  );
}
