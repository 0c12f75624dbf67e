// The browser's table: one tab stop, arrow keys over a virtualized grid of any length, sortable headers, sideways scrolling.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, type CSSProperties, type KeyboardEvent, type MouseEvent, type Ref } from 'react';
import type { BrowserColumn, BrowserRow } from '../../shared/dto';
import { clampColumnWidth, gridTemplate, type ColumnWidths } from './column-layout';
import { columnLabel, formatCell } from './columns';
import { extendTo, isMoveKey, moveIndex, selectAll, selectOnly, toggle, type Selection } from './selection';
import type { Sort } from './use-browse-rows';
import { sanitize } from '../render/sanitize';

const ROW_HEIGHT = 34;
const OVERSCAN = 20;
/** Cells whose text is often longer than the column: the whole text shows on hover. */
const LONG = new Set<BrowserColumn>(['question', 'deck', 'tags']);

export interface BrowseTableHandle {
  focus(): void;
}

export function BrowseTable({
  ids,
  rows,
  columns,
  widths,
  sort,
  selection,
  onSort,
  onMoveColumn,
  onResizeColumn,
  onSelect,
  onOpen,
  onDelete,
  onShortcut,
  stale = false,
  onRange,
  ref,
}: {
  ids: readonly string[];
  rows: ReadonlyMap<string, BrowserRow>;
  columns: readonly BrowserColumn[];
  widths: ColumnWidths;
  sort: Sort;
  /** A header dragged onto another (lands before it), or moved with Alt+← / Alt+→. */
  onMoveColumn: (column: BrowserColumn, to: number | { before: BrowserColumn | null }) => void;
  /** A column's edge dragged, or Alt+Shift+← / → on its header: its new width in pixels. */
  onResizeColumn: (column: BrowserColumn, width: number) => void;
  selection: Selection;
  onSort: (column: BrowserColumn) => void;
  /** A new selection the learner asked for (the screen may first ask about unsaved edits). */
  onSelect: (next: Selection) => void;
  /** Enter or a double click: edit the active card's note. */
  onOpen: () => void;
  /** The Delete key: delete the selected cards' notes, after asking. */
  onDelete: () => void;
  /** Anki's keys on the selected cards: Ctrl/Cmd+J suspends or unsuspends, Ctrl/Cmd+1…7 sets or clears a flag. */
  onShortcut: (shortcut: { kind: 'suspend' } | { kind: 'flag'; flag: number }) => void;
  /** The rows are from a search that is no longer the one in the box (it could not be read): shown greyed. */
  stale?: boolean;
  /** Rows `first` to `last` are in view and need their contents. */
  onRange: (first: number, last: number) => void;
  ref?: Ref<BrowseTableHandle>;
}) {
  const grid = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const activeIndex = useMemo(() => (selection.active === null ? -1 : ids.indexOf(selection.active)), [ids, selection.active]);

  // The active row is always rendered, so aria-activedescendant always names an element.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return activeIndex >= 0 && !indexes.includes(activeIndex) ? [...indexes, activeIndex].sort((a, b) => a - b) : indexes;
    },
    [activeIndex],
  );
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => grid.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // The sticky header sits above the first row inside the scroller, and covers whatever scrolls
    // under it: a row brought into view must land below it.
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    rangeExtractor,
  });
  const items = virtualizer.getVirtualItems();
  // The rows in view (with the overscan) and the active row, which may be far from them, need contents.
  const first = virtualizer.range ? Math.max(0, virtualizer.range.startIndex - OVERSCAN) : null;
  const last = virtualizer.range ? Math.min(ids.length - 1, virtualizer.range.endIndex + OVERSCAN) : null;
  useEffect(() => {
    if (first !== null && last !== null && last >= first) onRange(first, last);
    if (activeIndex >= 0) onRange(activeIndex, activeIndex);
  }, [first, last, activeIndex, onRange]);

  useImperativeHandle(ref, () => ({ focus: () => grid.current?.focus() }), []);

  const layout = gridTemplate(columns, widths);
  const widthOf = (column: BrowserColumn) => header.current?.querySelector<HTMLElement>(`[data-column="${column}"]`)?.getBoundingClientRect().width ?? 120;
  const dragged = useRef<BrowserColumn | null>(null);
  const style = { '--browse-columns': layout.template, '--browse-min-width': layout.minWidth } as CSSProperties;

  const click = (index: number, event: MouseEvent) => {
    if (event.shiftKey) onSelect(extendTo(selection, ids, index));
    else if (event.ctrlKey || event.metaKey) onSelect(toggle(selection, ids, index));
    else onSelect(selectOnly(ids, index));
  };

  const sortButtons = () => [...(header.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  const focusHeader = () => {
    const buttons = sortButtons();
    (buttons[columns.indexOf(sort.column)] ?? buttons[0])?.focus();
  };

  const onGridKey = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the sort headers are theirs (onHeaderKey).
    if (event.target !== event.currentTarget) return;
    const mod = event.ctrlKey || event.metaKey;
    const from = activeIndex >= 0 ? activeIndex : null;
    if (isMoveKey(event.key) && !mod) {
      event.preventDefault();
      // Up from the first row reaches the sort headers, as in a grid whose header is its first row.
      if (event.key === 'ArrowUp' && from === 0 && !event.shiftKey) return focusHeader();
      const page = Math.max(1, Math.floor((event.currentTarget.clientHeight - ROW_HEIGHT) / ROW_HEIGHT) - 1);
      const to = moveIndex(event.key, from, ids.length, page);
      if (to === null) return;
      virtualizer.scrollToIndex(to, { align: 'auto' });
      onSelect(event.shiftKey ? extendTo(selection, ids, to) : selectOnly(ids, to));
    } else if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelect(selectAll(selection, ids));
    } else if (event.key === ' ' && from !== null) {
      event.preventDefault();
      onSelect(toggle(selection, ids, from));
    } else if (event.key === 'Enter' && from !== null) {
      event.preventDefault();
      onOpen();
    } else if (event.key === 'Delete' || (event.key === 'Backspace' && event.metaKey)) {
      // Delete alone, Ctrl+Delete as in Anki, or Cmd+Backspace on a Mac: each asks first.
      event.preventDefault();
      onDelete();
    } else if (mod && event.key.toLowerCase() === 'j' && from !== null) {
      event.preventDefault();
      onShortcut({ kind: 'suspend' });
    } else if (mod && /^Digit[1-7]$/.test(event.code) && from !== null) {
      event.preventDefault();
      onShortcut({ kind: 'flag', flag: Number(event.code.slice(5)) });
    }
  };

  const onHeaderKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = sortButtons();
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    const column = columns[at];
    if (column && event.altKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
      event.preventDefault();
      const step = event.key === 'ArrowLeft' ? -1 : 1;
      if (event.shiftKey) onResizeColumn(column, clampColumnWidth(widthOf(column) + step * 16));
      else {
        onMoveColumn(column, step);
        // The header keeps the focus as it moves.
        window.setTimeout(() => header.current?.querySelector<HTMLButtonElement>(`[data-column="${column}"] button`)?.focus());
      }
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      const next = buttons[Math.min(buttons.length - 1, Math.max(0, at + (event.key === 'ArrowLeft' ? -1 : 1)))];
      next?.focus();
      next?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? buttons[0] : buttons[buttons.length - 1])?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'Escape') {
      event.preventDefault();
      grid.current?.focus();
    }
  };

  return (
    <div
      ref={grid}
      className={`browse-table ${stale ? 'stale' : ''}`}
      aria-disabled={stale || undefined}
      role="grid"
      tabIndex={0}
      aria-label="Cards"
      aria-multiselectable="true"
      aria-rowcount={ids.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeIndex >= 0 ? `browse-row-${activeIndex}` : undefined}
      data-testid="browse-rows"
      style={style}
      onKeyDown={onGridKey}
    >
      <div ref={header} className="browse-row header" role="row" aria-rowindex={1} onKeyDown={onHeaderKey}>
        {columns.map((column) => (
          <div
            key={column}
            role="columnheader"
            data-column={column}
            className={`cell ${column}`}
            aria-sort={sort.column === column ? (sort.order === 'asc' ? 'ascending' : 'descending') : undefined}
            draggable
            onDragStart={(event) => {
              dragged.current = column;
              event.dataTransfer.setData('text/x-interleave-column', column);
              event.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(event) => {
              if (dragged.current && dragged.current !== column) {
                event.preventDefault();
                event.stopPropagation();
              }
            }}
            onDrop={(event) => {
              const moving = dragged.current;
              dragged.current = null;
              if (!moving || moving === column) return;
              event.preventDefault();
              event.stopPropagation();
              // Dropped on a column to its right: it lands after it; to its left: before it.
              const right = columns.indexOf(moving) < columns.indexOf(column);
              onMoveColumn(moving, { before: right ? (columns[columns.indexOf(column) + 1] ?? null) : column });
            }}
          >
            {/* Not a tab stop of its own: the table is one; Up from the first row reaches the headers. */}
            <button type="button" tabIndex={-1} data-testid={`sort-${column}`} onClick={() => onSort(column)} title="Click to sort · drag to move · Alt+←/→ move · Alt+Shift+←/→ resize">
              <span className="label">{columnLabel(column)}</span>
              {sort.column === column ? (sort.order === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
            <span
              className="column-resizer"
              aria-hidden="true"
              data-testid={`resize-${column}`}
              onPointerDown={(event) => {
                event.preventDefault();
                event.stopPropagation();
                const start = event.clientX;
                const from = widthOf(column);
                const target = event.currentTarget;
                target.setPointerCapture(event.pointerId);
                const move = (moved: PointerEvent) => onResizeColumn(column, clampColumnWidth(from + moved.clientX - start));
                const end = () => {
                  target.removeEventListener('pointermove', move);
                  target.removeEventListener('pointerup', end);
                };
                target.addEventListener('pointermove', move);
                target.addEventListener('pointerup', end);
              }}
            />
          </div>
        ))}
      </div>
      <div className="browse-rows" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const id = ids[item.index]!;
          const row = rows.get(id);
          const selected = selection.selected.has(id);
          const classes = ['browse-row', selected ? 'selected' : '', item.index === activeIndex ? 'active' : '', row?.suspended ? 'suspended' : '', row?.buried ? 'buried' : '', row?.flag ? `flag-${row.flag}` : '']
            .filter(Boolean)
            .join(' ');
          return (
            <div
              key={id}
              id={`browse-row-${item.index}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={selected}
              className={classes}
              data-card-id={id}
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start - ROW_HEIGHT}px)` }}
              onClick={(event) => click(item.index, event)}
              onDoubleClick={onOpen}
            >
              {columns.map((column) => {
                const text = row ? formatCell(row, column) : '…';
                return (
                  <span key={column} className={`cell ${column}`} role="gridcell" title={LONG.has(column) ? text : undefined}>
                    {column === 'question' && row && <RowMarks row={row} />}
                    {column === 'question' && row ? <QuestionLine html={row.questionHtml} /> : text}
                  </span>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Sanitised question lines, by their HTML: rows scroll in and out, the same lines come back. */
const cleanLines = new Map<string, string>();

/** The question with its formulas drawn, as on the card, on one line. */
function QuestionLine({ html }: { html: string }) {
  let clean = cleanLines.get(html);
  if (clean === undefined) {
    clean = sanitize(html);
    if (cleanLines.size > 2000) cleanLines.clear();
    cleanLines.set(html, clean);
  }
  return <span className="question-line" dangerouslySetInnerHTML={{ __html: clean }} />;
}

const FLAG_NAMES = ['', 'red', 'orange', 'green', 'blue', 'pink', 'turquoise', 'purple'];

/** Suspended, buried and flagged, as marks before the question: seen at a glance, and read out. */
function RowMarks({ row }: { row: BrowserRow }) {
  if (!row.suspended && !row.buried && !row.flag) return null;
  return (
    <span className="marks" data-testid="row-marks">
      {row.suspended && (
        <span className="mark" title="Suspended">
          <span aria-hidden="true">⏸</span>
          <span className="visually-hidden">suspended, </span>
        </span>
      )}
      {row.buried && (
        <span className="mark" title="Buried until tomorrow">
          <span aria-hidden="true">⤓</span>
          <span className="visually-hidden">buried, </span>
        </span>
      )}
      {row.flag > 0 && (
        <span className="mark flag" title={`${FLAG_NAMES[row.flag]} flag`}>
          <span aria-hidden="true">⚑</span>
          <span className="visually-hidden">{FLAG_NAMES[row.flag]} flag, </span>
        </span>
      )}
    </span>
  );
}
