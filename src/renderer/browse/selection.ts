// The browser's selection as pure functions of the result ids: clicks and keys both go through them.

export interface Selection {
  /** The card the side panel shows and the keyboard moves from; null when nothing is chosen. */
  active: string | null;
  /** Where a Shift+click or Shift+arrow range starts (a row index). */
  anchor: number | null;
  selected: ReadonlySet<string>;
}

export const NOTHING: Selection = { active: null, anchor: null, selected: new Set() };

/** One row, as a plain click or a plain arrow key chooses it. */
export function selectOnly(ids: readonly string[], index: number): Selection {
  const id = ids[index];
  return id === undefined ? NOTHING : { active: id, anchor: index, selected: new Set([id]) };
}

/** The rows from the anchor to `index`, as Shift+click and Shift+arrow make them; the anchor stays. */
export function extendTo(current: Selection, ids: readonly string[], index: number): Selection {
  if (current.anchor === null || ids[current.anchor] === undefined) return selectOnly(ids, index);
  const [from, to] = current.anchor < index ? [current.anchor, index] : [index, current.anchor];
  return { active: ids[index] ?? null, anchor: current.anchor, selected: new Set(ids.slice(from, to + 1)) };
}

/** One row in or out of the selection, as Ctrl/Cmd+click does; it becomes the anchor. */
export function toggle(current: Selection, ids: readonly string[], index: number): Selection {
  const id = ids[index];
  if (id === undefined) return current;
  const selected = new Set(current.selected);
  if (selected.has(id)) selected.delete(id);
  else selected.add(id);
  return { active: id, anchor: index, selected };
}

export function selectAll(current: Selection, ids: readonly string[]): Selection {
  return { ...current, selected: new Set(ids) };
}

/**
 * The selection after the rows changed under it (a bulk change, an undo, a delete): cards that
 * are no longer in the result drop out, and a vanished active card leaves nothing active rather
 * than a panel pointing at a card that is gone.
 */
export function keepPresent(current: Selection, ids: readonly string[]): Selection {
  const present = new Set(ids);
  const selected = new Set([...current.selected].filter((id) => present.has(id)));
  const active = current.active !== null && present.has(current.active) ? current.active : null;
  // Rows may have moved (a new sort): the range starts again from the active row.
  return { active, anchor: active === null ? null : ids.indexOf(active), selected };
}

/** The cards a bulk change acts on: the selection, or else the active card. */
export function targetsOf(current: Selection): string[] {
  if (current.selected.size > 0) return [...current.selected];
  return current.active ? [current.active] : [];
}

export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

export function isMoveKey(key: string): key is MoveKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';
}

/**
 * The row a movement key goes to from `from` (null: no active row, so the first key lands on the
 * first row, or the last for End), clamped to the table; `page` is the number of rows in view.
 */
export function moveIndex(key: MoveKey, from: number | null, count: number, page: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  if (from === null) return key === 'ArrowUp' || key === 'PageUp' ? last : 0;
  const step = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : key === 'PageUp' ? -Math.max(1, page) : Math.max(1, page);
  return Math.min(last, Math.max(0, from + step));
}
