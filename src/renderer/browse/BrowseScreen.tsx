// The card browser: search, a virtualized table of any size, selection, bulk changes with undo, and a side panel.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BrowserColumn, BrowserRow, DeckNode, SearchResult } from '../../shared/dto';
import { useApi } from '../app/api-context';
import { flattenDecks } from '../app/deck-list';
import { describeError, ErrorBanner } from '../app/errors';
import { BulkBar } from './BulkBar';
import { CardInfoPanel } from './CardInfoPanel';
import { columnLabel, formatCell } from './columns';
import { NoteEditor } from '../editor/NoteEditor';

const PAGE = 200;
const ROW_HEIGHT = 34;
const COLUMNS: BrowserColumn[] = ['question', 'deck', 'tags', 'due', 'interval', 'stability', 'difficulty', 'retrievability', 'reviews', 'lapses', 'added'];


export function BrowseScreen({ initialQuery }: { initialQuery: string }) {
  const api = useApi();
  const [query, setQuery] = useState(initialQuery);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [rows, setRows] = useState<Map<string, BrowserRow>>(new Map());
  const [sort, setSort] = useState<{ column: BrowserColumn; order: 'asc' | 'desc' }>({ column: 'added', order: 'asc' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [panel, setPanel] = useState<'edit' | 'info'>('edit');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [decks, setDecks] = useState<DeckNode[]>([]);
  const loading = useRef(new Set<number>());
  const scroller = useRef<HTMLDivElement>(null);

  const run = useCallback(
    async (text: string, keepSelection = false) => {
      try {
        const found = await api.search({ query: text, sort: sort.column, order: sort.order, limit: PAGE });
        setResult(found);
        setRows(new Map(found.rows.map((row) => [row.cardId, row])));
        loading.current.clear();
        setError(null);
        if (!keepSelection) {
          setSelected(new Set());
          setActive(found.ids[0] ?? null);
        }
      } catch (caught) {
        setError(caught);
      }
    },
    [api, sort],
  );

  useEffect(() => {
    void run(query);
    api.listDecks({}).then((list) => setDecks(flattenDecks(list.decks)), setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sort]);

  const ids = result?.ids ?? [];
  const virtualizer = useVirtualizer({ count: ids.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();

  // Rows arrive a page at a time as they scroll into view.
  useEffect(() => {
    if (!result || items.length === 0) return;
    const first = Math.floor(items[0]!.index / PAGE);
    const last = Math.floor(items[items.length - 1]!.index / PAGE);
    for (let page = first; page <= last; page++) {
      if (loading.current.has(page)) continue;
      const pageIds = ids.slice(page * PAGE, (page + 1) * PAGE);
      if (pageIds.every((id) => rows.has(id))) continue;
      loading.current.add(page);
      api.browseRows({ cardIds: pageIds }).then(
        (fetched) => setRows((current) => new Map([...current, ...fetched.map((row) => [row.cardId, row] as const)])),
        setError,
      );
    }
  }, [items, result, ids, rows, api]);

  const select = (index: number, event: React.MouseEvent) => {
    const id = ids[index]!;
    setActive(id);
    if (event.shiftKey && anchor !== null) {
      const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
      setSelected(new Set(ids.slice(from, to + 1)));
    } else if (event.ctrlKey || event.metaKey) {
      const next = new Set(selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setSelected(next);
      setAnchor(index);
    } else {
      setSelected(new Set([id]));
      setAnchor(index);
    }
  };

  const targets = useMemo(() => (selected.size > 0 ? [...selected] : active ? [active] : []), [selected, active]);

  const refresh = useCallback(async () => {
    await run(query, true);
  }, [run, query]);

  const undo = useCallback(async () => {
    try {
      const result = await api.undo({});
      setNotice(result.action ? `Undid “${result.action}”.` : result.cardId ? `Undid an answer on ${result.cardId}.` : 'Nothing to undo.');
      await refresh();
    } catch (caught) {
      setError(caught);
    }
  }, [api, refresh]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === 'z' && !typing) {
        event.preventDefault();
        void undo();
      } else if (mod && event.key.toLowerCase() === 'a' && !typing) {
        event.preventDefault();
        setSelected(new Set(ids));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ids, undo]);

  const queryError = error && describeError(error);
  return (
    <section className="browse" data-testid="browse">
      <form
        className="search-bar"
        onSubmit={(event) => {
          event.preventDefault();
          void run(query);
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
        <span className="muted" data-testid="result-count">
          {result ? `${result.total} card${result.total === 1 ? '' : 's'}` : ''}
          {selected.size > 1 ? ` · ${selected.size} selected` : ''}
        </span>
      </form>
      {queryError ? <ErrorBanner error={error} onDismiss={() => setError(null)} /> : null}
      {notice && (
        <p className="notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      <BulkBar
        targets={targets}
        decks={decks}
        onDone={async (label) => {
          setNotice(`Done: ${label}. Ctrl/Cmd+Z undoes it.`);
          await refresh();
        }}
        onUndo={() => void undo()}
        onError={setError}
      />
      <div className="browse-body">
        <div className="browse-table" role="grid" aria-rowcount={ids.length}>
          <div className="browse-row header" role="row">
            {COLUMNS.map((column) => (
              <button
                key={column}
                type="button"
                role="columnheader"
                className={`cell ${column}`}
                data-testid={`sort-${column}`}
                onClick={() => setSort((current) => ({ column, order: current.column === column && current.order === 'asc' ? 'desc' : 'asc' }))}
              >
                {columnLabel(column)}
                {sort.column === column ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}
              </button>
            ))}
          </div>
          <div ref={scroller} className="browse-scroll" data-testid="browse-rows">
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const id = ids[item.index]!;
                const row = rows.get(id);
                const classes = ['browse-row', selected.has(id) ? 'selected' : '', id === active ? 'active' : '', row?.suspended ? 'suspended' : '', row?.flag ? `flag-${row.flag}` : '']
                  .filter(Boolean)
                  .join(' ');
                return (
                  <div
                    key={id}
                    role="row"
                    className={classes}
                    data-card-id={id}
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                    onClick={(event) => select(item.index, event)}
                  >
                    {COLUMNS.map((column) => (
                      <span key={column} className={`cell ${column}`} role="gridcell">
                        {row ? formatCell(row, column) : '…'}
                      </span>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
        {active && (
          <aside className="browse-panel" data-testid="browse-panel">
            <div className="panel-tabs">
              <button type="button" className={panel === 'edit' ? 'active' : ''} onClick={() => setPanel('edit')}>
                Edit note
              </button>
              <button type="button" className={panel === 'info' ? 'active' : ''} data-testid="tab-info" onClick={() => setPanel('info')}>
                Card info
              </button>
            </div>
            {panel === 'edit' ? (
              <NoteEditor key={rows.get(active)?.noteId ?? active} noteId={rows.get(active)?.noteId ?? null} onSaved={() => void refresh()} />
            ) : (
              <CardInfoPanel key={active} cardId={active} />
            )}
          </aside>
        )}
      </div>
    </section>
  );
}
