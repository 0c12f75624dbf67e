// The browser's selection: what clicks and keys choose, and what survives a change to the rows.
import { describe, expect, it } from 'vitest';
import { extendTo, keepPresent, moveIndex, NOTHING, selectAll, selectOnly, targetsOf, toggle } from '../../../src/renderer/browse/selection';

const ids = ['a/1', 'b/1', 'c/1', 'd/1', 'e/1'];
const chosen = (selection: { selected: ReadonlySet<string> }) => [...selection.selected].sort();

describe('choosing rows', () => {
  it('a plain click or arrow chooses one row, which becomes active and the anchor', () => {
    expect(selectOnly(ids, 2)).toEqual({ active: 'c/1', anchor: 2, selected: new Set(['c/1']) });
  });

  it('Shift extends from the anchor in either direction, and the anchor stays put', () => {
    const down = extendTo(selectOnly(ids, 1), ids, 3);
    expect(chosen(down)).toEqual(['b/1', 'c/1', 'd/1']);
    expect(down).toMatchObject({ active: 'd/1', anchor: 1 });
    const backUp = extendTo(down, ids, 0);
    expect(chosen(backUp)).toEqual(['a/1', 'b/1']);
    expect(backUp).toMatchObject({ active: 'a/1', anchor: 1 });
  });

  it('Shift with no anchor yet chooses just that row', () => {
    expect(extendTo(NOTHING, ids, 2)).toEqual(selectOnly(ids, 2));
  });

  it('Ctrl/Cmd toggles one row in or out and makes it the anchor', () => {
    const two = toggle(selectOnly(ids, 0), ids, 3);
    expect(chosen(two)).toEqual(['a/1', 'd/1']);
    expect(two).toMatchObject({ active: 'd/1', anchor: 3 });
    expect(chosen(toggle(two, ids, 0))).toEqual(['d/1']);
  });

  it('select all keeps the active row where it was', () => {
    const all = selectAll(selectOnly(ids, 2), ids);
    expect(all.selected.size).toBe(5);
    expect(all.active).toBe('c/1');
  });
});

describe('what a bulk change acts on', () => {
  it('the selection, or the active card when nothing is selected, or nothing at all', () => {
    expect(targetsOf(extendTo(selectOnly(ids, 0), ids, 1)).sort()).toEqual(['a/1', 'b/1']);
    expect(targetsOf({ active: 'c/1', anchor: 2, selected: new Set() })).toEqual(['c/1']);
    expect(targetsOf(NOTHING)).toEqual([]);
  });
});

describe('after the rows change', () => {
  it('cards no longer in the result leave the selection', () => {
    const before = extendTo(selectOnly(ids, 1), ids, 3);
    const after = keepPresent(before, ['a/1', 'b/1', 'd/1']);
    expect(chosen(after)).toEqual(['b/1', 'd/1']);
    expect(after.active).toBe('d/1');
  });

  it('a deleted active card leaves nothing active, so no panel or bulk bar points at it', () => {
    expect(keepPresent(selectOnly(ids, 2), ['a/1', 'b/1', 'd/1', 'e/1'])).toEqual(NOTHING);
  });

  it('after a new sort the range starts again from where the active card now is', () => {
    expect(keepPresent(selectOnly(ids, 0), [...ids].reverse()).anchor).toBe(4);
  });
});

describe('movement keys', () => {
  it('Up and Down move one row and stop at the ends', () => {
    expect(moveIndex('ArrowDown', 2, 5, 10)).toBe(3);
    expect(moveIndex('ArrowUp', 2, 5, 10)).toBe(1);
    expect(moveIndex('ArrowDown', 4, 5, 10)).toBe(4);
    expect(moveIndex('ArrowUp', 0, 5, 10)).toBe(0);
  });

  it('Home and End go to the first and last rows; Page Up and Down move a screenful', () => {
    expect(moveIndex('Home', 3, 5, 2)).toBe(0);
    expect(moveIndex('End', 0, 5, 2)).toBe(4);
    expect(moveIndex('PageDown', 0, 5, 2)).toBe(2);
    expect(moveIndex('PageUp', 1, 5, 2)).toBe(0);
  });

  it('with no active row, the first key lands on the first row (or the last, going up)', () => {
    expect(moveIndex('ArrowDown', null, 5, 2)).toBe(0);
    expect(moveIndex('ArrowUp', null, 5, 2)).toBe(4);
  });

  it('an empty table has nowhere to go', () => {
    expect(moveIndex('ArrowDown', null, 0, 2)).toBeNull();
  });
});
