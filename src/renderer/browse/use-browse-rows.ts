// The browser's result: every matching id at once, and row contents a page at a time as they come into view.
import { useCallback, useRef, useState } from 'react';
import type { BrowserColumn, BrowserRow, SearchResult } from '../../shared/dto';
import type { Api } from '../../shared/contract';

export const PAGE = 200;

export interface Sort {
  column: BrowserColumn;
  order: 'asc' | 'desc';
}

export function useBrowseRows(api: Api, onError: (error: unknown) => void) {
  const [result, setResult] = useState<SearchResult | null>(null);
  const [rows, setRows] = useState<Map<string, BrowserRow>>(new Map());
  const loading = useRef(new Set<number>());

  /** Asks the service; nothing shown changes until `show`, so the caller can still decide not to. */
  const fetch = useCallback((query: string, sort: Sort) => api.search({ query, sort: sort.column, order: sort.order, limit: PAGE }), [api]);

  const show = useCallback((found: SearchResult) => {
    setResult(found);
    setRows(new Map(found.rows.map((row) => [row.cardId, row])));
    loading.current.clear();
  }, []);

  /** Loads the pages holding rows `first` to `last` that are not here yet. */
  const loadRange = useCallback(
    (first: number, last: number) => {
      if (!result) return;
      for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
        if (loading.current.has(page)) continue;
        const pageIds = result.ids.slice(page * PAGE, (page + 1) * PAGE);
        if (pageIds.every((id) => rows.has(id))) continue;
        loading.current.add(page);
        api.browseRows({ cardIds: pageIds }).then((fetched) => setRows((current) => new Map([...current, ...fetched.map((row) => [row.cardId, row] as const)])), onError);
      }
    },
    [api, result, rows, onError],
  );

  return { result, ids: result?.ids ?? EMPTY, rows, fetch, show, loadRange };
}

const EMPTY: string[] = [];
