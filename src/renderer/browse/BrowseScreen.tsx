// The card browser: search, a keyboard grid of any size, selection, bulk changes with undo, and a resizable side panel.
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import type { BrowserColumn, DeckNode } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { flattenDecks } from '../app/deck-list';
import { describeError, ErrorBanner } from '../app/errors';
import { AppError } from '../../shared/errors';
import { ConfirmDialog } from '../editor/ConfirmDialog';
import type { NoteEditorHandle } from '../editor/NoteEditor';
import { BrowsePanel, type PanelTab } from './BrowsePanel';
import { BrowseTable, type BrowseTableHandle } from './BrowseTable';
import { BulkBar } from './BulkBar';
import { ColumnPicker } from './ColumnPicker';
import { moveColumn, parseColumns, parsePanel, parseWidths, toggleColumn } from './column-layout';
import { PanelSplitter } from './PanelSplitter';
import { keepPresent, NOTHING, selectOnly, targetsOf, type Selection } from './selection';
import { useBrowseRows, type Sort } from './use-browse-rows';
import { COLUMNS_KEY, PANEL_KEY, useStored, WIDTHS_KEY } from './use-stored';
import { showToast } from '../undo/toast';
import { onUndone, undoLast } from '../undo/undo-bus';

export function BrowseScreen({ initialQuery }: { initialQuery: string }) {
  const api = useApi();
  const [query, setQuery] = useState(initialQuery);
  const [sort, setSort] = useState<Sort>({ column: 'added', order: 'asc' });
  const [selection, setSelection] = useState<Selection>(NOTHING);
  const [tab, setTab] = useState<PanelTab>('edit');
  const [error, setError] = useState<unknown>(null);
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const [deleting, setDeleting] = useState<string[] | null>(null);
  const [columns, setColumns] = useStored(COLUMNS_KEY, parseColumns);
  const [panel, setPanel] = useStored(PANEL_KEY, parsePanel);
  const [widths, setWidths] = useStored(WIDTHS_KEY, parseWidths);
  const { result, ids, rows, fetch, show, loadRange } = useBrowseRows(api, setError);
  const editor = useRef<NoteEditorHandle>(null);
  const table = useRef<BrowseTableHandle>(null);

  /** Moves to another selection; when that changes the note in the panel, unsaved edits are asked about first. */
  const choose = (next: Selection) => {
    const noteOf = (id: string | null) => (id === null ? null : id === selection.active ? (activeNote ?? id) : (rows.get(id)?.noteId ?? id));
    if (!editor.current || noteOf(next.active) === noteOf(selection.active)) setSelection(next);
    else editor.current.confirmLeave(() => setSelection(next));
  };

  /**
   * `search`: a new query, which starts a new selection (the active card stays if it matches).
   * `refresh`: the same query after a change, keeping whatever is still there.
   */
  const run = async (text: string, mode: 'search' | 'refresh') => {
    try {
      const found = await fetch(text, sort);
      setError(null);
      if (mode === 'refresh') {
        show(found);
        setSelection((current) => keepPresent(current, found.ids));
        return;
      }
      const at = selection.active === null ? -1 : found.ids.indexOf(selection.active);
      const next = selectOnly(found.ids, Math.max(0, at));
      const apply = () => {
        show(found);
        setSelection(next);
      };
      if (at >= 0 || !editor.current) apply();
      else editor.current.confirmLeave(apply);
    } catch (caught) {
      setError(caught);
    }
  };

  const sorted = useRef(false);
  useEffect(() => {
    void run(query, sorted.current ? 'refresh' : 'search');
    sorted.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sort]);
  useEffect(() => {
    api.listDecks({}).then((list) => setDecks(flattenDecks(list.decks)), setError);
  }, [api]);

  // After any undo (Ctrl/Cmd+Z is the window's, the Undo buttons, the Edit menu) the rows show what it put back.
  const refresh = useRef(() => run(query, 'refresh'));
  refresh.current = () => run(query, 'refresh');
  useEffect(() => onUndone(() => refresh.current()), []);
  const undo = () => void undoLast(api);

  const targets = targetsOf(selection);

  // The active card's note, remembered while a refresh reloads its row, so the editor is not
  // torn down (with any unsaved text) and rebuilt by every bulk change or save.
  const knownNote = useRef<{ cardId: string; noteId: string } | null>(null);
  const activeRow = selection.active === null ? undefined : rows.get(selection.active);
  if (activeRow) knownNote.current = { cardId: activeRow.cardId, noteId: activeRow.noteId };
  const activeNote = activeRow?.noteId ?? (knownNote.current && knownNote.current.cardId === selection.active ? knownNote.current.noteId : undefined);

  const remove = async (cardIds: string[]) => {
    setDeleting(null);
    try {
      const done = await api.bulk({ cardIds, change: { action: 'delete' } });
      // The deleted cards are gone: nothing is chosen, and the panel says so rather than offering a blank form.
      setSelection(NOTHING);
      showToast(`Done: ${done.label}.`, { undo: true });
      await run(query, 'refresh');
      table.current?.focus();
    } catch (caught) {
      setError(caught);
    }
  };

  /** Ctrl/Cmd+J and Ctrl/Cmd+1…7 on the selection: a toggle, as in Anki (all already so: undone). */
  const applyShortcut = async (shortcut: { kind: 'suspend' } | { kind: 'flag'; flag: number }) => {
    if (targets.length === 0) return;
    const known = targets.map((id) => rows.get(id)).filter((row) => row !== undefined);
    const change =
      shortcut.kind === 'suspend'
        ? ({ action: known.length > 0 && known.every((row) => row.suspended) ? 'unsuspend' : 'suspend' } as const)
        : ({ action: 'flag', flag: known.length > 0 && known.every((row) => row.flag === shortcut.flag) ? 0 : shortcut.flag } as const);
    try {
      const done = await api.bulk({ cardIds: targets, change });
      showToast(`Done: ${done.label}.`, { undo: true });
      await run(query, 'refresh');
    } catch (caught) {
      setError(caught);
    }
  };

  const openEditor = () => {
    setTab('edit');
    if (!panel.open) setPanel({ ...panel, open: true });
    // After the panel has rendered; the editor waits for its note if that is still loading.
    window.setTimeout(() => editor.current?.focus());
  };

  const onRange = useCallback((first: number, last: number) => loadRange(first, last), [loadRange]);

  // A search the service could not read: said in a sentence, its offending part marked in the query.
  const badQuery = error instanceof AppError && error.where?.field === 'query' && error.where.column !== undefined ? error.where : null;
  const bodyStyle = { '--panel-width': `${panel.width}px` } as CSSProperties;
  return (
    <section className="browse" data-testid="browse">
      <h1 className="visually-hidden">Browse cards</h1>
      <div className="browse-top">
        <form
          className="search-bar"
          onSubmit={(event) => {
            event.preventDefault();
            void run(query, 'search');
          }}
        >
          <input
            data-testid="search-input"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder='Search: deck:ML tag:topic::kv* is:due prop:r<0.8 "exact phrase" -is:suspended'
            aria-label="Search"
            spellCheck={false}
          />
          <button type="submit">Search</button>
          <span className="muted" data-testid="result-count" role="status">
            {badQuery ? 'search not read' : result ? `${result.total} card${result.total === 1 ? '' : 's'}` : ''}
            {selection.selected.size > 1 ? ` · ${selection.selected.size} selected` : ''}
          </span>
        </form>
        <ColumnPicker columns={columns} onToggle={(column: BrowserColumn) => setColumns(toggleColumn(columns, column))} />
      </div>
      {badQuery ? (
        <div className="query-error" role="alert" data-testid="query-error">
          <p>{describeError(error)}</p>
          <p className="query-echo" aria-hidden="true">
            <code>
              {query.slice(0, badQuery.column! - 1)}
              <mark data-testid="query-error-part">{query.slice(badQuery.column! - 1, badQuery.column! - 1 + (badQuery.length ?? 1)) || ' '}</mark>
              {query.slice(badQuery.column! - 1 + (badQuery.length ?? 1))}
            </code>
          </p>
        </div>
      ) : error ? (
        <ErrorBanner error={error} onDismiss={() => setError(null)} />
      ) : null}
      <BulkBar
        targets={targets}
        decks={decks}
        onDone={async (label) => {
          showToast(`Done: ${label}.`, { undo: true });
          await run(query, 'refresh');
        }}
        onDelete={() => setDeleting(targets)}
        onUndo={undo}
        onError={setError}
      />
      {result && result.total === 0 && !error && (
        <p className="no-match muted" data-testid="no-match" role="status">
          No cards match {query.trim() ? `“${query.trim()}”` : 'an empty collection'}.{' '}
          {query.trim() ? 'Try fewer words or a wildcard (relu*), put names with spaces in quotes (deck:"LLMs & RAG"), or clear the search to see every card.' : 'Add notes or import a deck first.'}
        </p>
      )}
      <div className={`browse-body ${panel.open ? '' : 'panel-closed'}`} style={bodyStyle}>
        <BrowseTable
          ref={table}
          ids={ids}
          rows={rows}
          columns={columns}
          widths={widths}
          onMoveColumn={(column, to) => setColumns(moveColumn(columns, column, to))}
          onResizeColumn={(column, width) => setWidths({ ...widths, [column]: width })}
          sort={sort}
          selection={selection}
          onSort={(column) => setSort((current) => ({ column, order: current.column === column && current.order === 'asc' ? 'desc' : 'asc' }))}
          onSelect={choose}
          onOpen={openEditor}
          onDelete={() => targets.length > 0 && setDeleting(targets)}
          onShortcut={(shortcut) => void applyShortcut(shortcut)}
          stale={badQuery !== null}
          onRange={onRange}
        />
        {panel.open ? (
          <>
            <PanelSplitter width={panel.width} onResize={(width) => setPanel({ ...panel, width })} />
            <BrowsePanel
              active={selection.active}
              noteId={activeNote}
              tab={tab}
              onTab={setTab}
              onHide={() => editor.current ? editor.current.confirmLeave(() => setPanel({ ...panel, open: false })) : setPanel({ ...panel, open: false })}
              onSaved={() => void run(query, 'refresh')}
              onEscape={() => table.current?.focus()}
              editor={editor}
            />
          </>
        ) : (
          <button type="button" className="panel-show" data-testid="panel-show" onClick={() => setPanel({ ...panel, open: true })} title="Show the side panel">
            Show panel
          </button>
        )}
      </div>
      {deleting && (
        <ConfirmDialog
          title={deleting.length === 1 ? 'Delete the note of this card?' : `Delete the notes of ${deleting.length} cards?`}
          message="Every card of the note goes with it. Ctrl/Cmd+Z or Undo brings them back."
          choices={[{ label: 'Delete', kind: 'danger', testId: 'confirm-delete', onChoose: () => void remove(deleting) }]}
          onCancel={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
