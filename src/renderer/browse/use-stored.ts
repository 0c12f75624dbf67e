// A view preference kept in this window's localStorage, not in the collection (see docs/decisions.md).
import { useCallback, useState } from 'react';

export const COLUMNS_KEY = 'interleave.browse.columns';
export const PANEL_KEY = 'interleave.browse.panel';
export const WIDTHS_KEY = 'interleave.browse.widths';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    // Storage can be switched off; the defaults then last for the session.
    return null;
  }
}

/** State read once from `key` through `parse` (which must accept null and junk), written back on every change. */
export function useStored<T>(key: string, parse: (stored: string | null) => T): [T, (next: T) => void] {
  const [value, setValue] = useState(() => parse(read(key)));
  const update = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // As above: the choice holds until the window closes.
      }
    },
    [key],
  );
  return [value, update];
}
