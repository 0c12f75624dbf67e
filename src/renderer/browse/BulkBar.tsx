// The browser's actions on the selected cards; each is one undoable change.
import { useState } from 'react';
import type { DeckNode } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { DeckOptions } from '../app/DeckOptions';

type Ask = null | 'addTags' | 'removeTags' | 'move' | 'setDue' | 'flag';

export function BulkBar({
  targets,
  decks,
  onDone,
  onUndo,
  onError,
}: {
  targets: string[];
  decks: DeckNode[];
  onDone: (label: string) => void | Promise<void>;
  onUndo: () => void;
  onError: (error: unknown) => void;
}) {
  const api = useApi();
  const [ask, setAsk] = useState<Ask>(null);
  const [value, setValue] = useState('');
  const none = targets.length === 0;

  type Change = Parameters<typeof api.bulk>[0]['change'];
  const apply = async (change: Change) => {
    try {
      const result = await api.bulk({ cardIds: targets, change });
      setAsk(null);
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
      <button type="button" disabled={none} data-testid="bulk-add-tags" onClick={() => setAsk('addTags')}>
        Add tags
      </button>
      <button type="button" disabled={none} onClick={() => setAsk('removeTags')}>
        Remove tags
      </button>
      <button type="button" disabled={none} onClick={() => (setAsk('move'), setValue(decks[0]?.id ?? ''))}>
        Move
      </button>
      <button type="button" disabled={none} onClick={() => setAsk('setDue')}>
        Set due
      </button>
      <button type="button" disabled={none} onClick={() => void apply({ action: 'forget' })}>
        Forget
      </button>
      <button type="button" disabled={none} onClick={() => (setAsk('flag'), setValue('1'))}>
        Flag
      </button>
      <button
        type="button"
        disabled={none}
        className="danger"
        onClick={() => {
          if (window.confirm(`Delete the notes of ${targets.length} card(s)? Undo can bring them back.`)) void apply({ action: 'delete' });
        }}
      >
        Delete
      </button>
      <button type="button" className="link" data-testid="bulk-undo" onClick={onUndo} title="Ctrl/Cmd+Z">
        Undo
      </button>
      {ask && (
        <form
          className="bulk-ask"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          {ask === 'move' ? (
            <select value={value} onChange={(event) => setValue(event.target.value)} aria-label="Deck">
              <DeckOptions decks={decks} />
            </select>
          ) : ask === 'flag' ? (
            <select value={value} onChange={(event) => setValue(event.target.value)} aria-label="Flag">
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
            />
          )}
          <button type="submit" className="primary" data-testid="bulk-apply">
            Apply
          </button>
          <button type="button" onClick={() => setAsk(null)}>
            Cancel
          </button>
        </form>
      )}
    </div>
  );
}
