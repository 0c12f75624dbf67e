// The browser's actions on the selected cards; each is one undoable change.
import { useRef, useState } from 'react';
import type { DeckNode } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { DeckOptions } from '../app/DeckOptions';

type Ask = null | 'addTags' | 'removeTags' | 'move' | 'setDue' | 'flag';

export function BulkBar({
  targets,
  decks,
  onDone,
  onDelete,
  onUndo,
  onError,
}: {
  targets: string[];
  decks: DeckNode[];
  onDone: (label: string) => void | Promise<void>;
  /** Delete asks first, in the screen's own dialog (the Delete key asks the same way). */
  onDelete: () => void;
  onUndo: () => void;
  onError: (error: unknown) => void;
}) {
  const api = useApi();
  const [ask, setAsk] = useState<Ask>(null);
  const [value, setValue] = useState('');
  const none = targets.length === 0;
  /** The button that opened the value box, which gets focus back when the box closes. */
  const opener = useRef<HTMLButtonElement | null>(null);

  const open = (kind: Ask, event: React.MouseEvent<HTMLButtonElement>, initial = '') => {
    opener.current = event.currentTarget;
    setAsk(kind);
    setValue(initial);
  };
  const close = () => {
    setAsk(null);
    opener.current?.focus();
  };

  type Change = Parameters<typeof api.bulk>[0]['change'];
  const apply = async (change: Change) => {
    try {
      const result = await api.bulk({ cardIds: targets, change });
      if (ask) close();
      setValue('');
      await onDone(result.label);
    } catch (caught) {
      onError(caught);
    }
  };

  const submit = () => {
    const words = value.split(/[\s,]+/).filter(Boolean);
    if (ask === 'addTags' && words.length) void apply({ action: 'addTags', tags: words });
    if (ask === 'removeTags' && words.length) void apply({ action: 'removeTags', tags: words });
    if (ask === 'move' && value) void apply({ action: 'move', deckId: value });
    if (ask === 'flag') void apply({ action: 'flag', flag: Number(value) || 0 });
    if (ask === 'setDue') {
      // "3" or "3-7": days from today.
      const match = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(value.trim());
      if (match) void apply({ action: 'setDue', fromDays: Number(match[1]), toDays: Number(match[2] ?? match[1]) });
      else onError(new Error('Write a number of days, or a range like 3-7.'));
    }
  };

  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      <span className="muted">{none ? 'Select cards to act on them' : `${targets.length} card${targets.length === 1 ? '' : 's'}:`}</span>
      <button type="button" disabled={none} data-testid="bulk-suspend" onClick={() => void apply({ action: 'suspend' })}>
        Suspend
      </button>
      <button type="button" disabled={none} onClick={() => void apply({ action: 'unsuspend' })}>
        Unsuspend
      </button>
      <button type="button" disabled={none} data-testid="bulk-add-tags" onClick={(event) => open('addTags', event)}>
        Add tags
      </button>
      <button type="button" disabled={none} onClick={(event) => open('removeTags', event)}>
        Remove tags
      </button>
      <button type="button" disabled={none} onClick={(event) => open('move', event, decks[0]?.id ?? '')}>
        Move
      </button>
      <button type="button" disabled={none} data-testid="bulk-set-due" onClick={(event) => open('setDue', event)}>
        Set due
      </button>
      <button type="button" disabled={none} onClick={() => void apply({ action: 'forget' })}>
        Forget
      </button>
      <button type="button" disabled={none} onClick={(event) => open('flag', event, '1')}>
        Flag
      </button>
      <button type="button" disabled={none} className="danger" data-testid="bulk-delete" onClick={onDelete}>
        Delete
      </button>
      <button type="button" className="link" data-testid="bulk-undo" onClick={onUndo} title="Ctrl/Cmd+Z">
        Undo
      </button>
      {ask && (
        <form
          className="bulk-ask"
          data-testid="bulk-ask"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              close();
            }
          }}
        >
          {ask === 'move' ? (
            <select autoFocus value={value} onChange={(event) => setValue(event.target.value)} aria-label="Deck">
              <DeckOptions decks={decks} />
            </select>
          ) : ask === 'flag' ? (
            <select autoFocus value={value} onChange={(event) => setValue(event.target.value)} aria-label="Flag">
              {['none', 'red', 'orange', 'green', 'blue', 'pink', 'turquoise', 'purple'].map((name, flag) => (
                <option key={flag} value={flag}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <input
              autoFocus
              data-testid="bulk-value"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              placeholder={ask === 'setDue' ? 'days from today, e.g. 3 or 3-7' : 'tags, separated by spaces'}
              aria-label={ask === 'setDue' ? 'Days from today' : 'Tags'}
            />
          )}
          <button type="submit" className="primary" data-testid="bulk-apply">
            Apply
          </button>
          <button type="button" onClick={close} title="Esc">
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
