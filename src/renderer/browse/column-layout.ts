// Which browser columns are shown, how narrow each may get, and how wide the side panel is.
import { BROWSER_COLUMNS, type BrowserColumn } from '../../shared/dto';

/**
 * The narrowest width (rem) at which a column's title, with its sort arrow, and its usual values
 * show whole; and its share of any room left over. Below the sum of the minimums the table scrolls
 * sideways instead of squeezing every column to an ellipsis.
 */
const WIDTHS: Record<BrowserColumn, { min: number; grow: number }> = {
  question: { min: 15, grow: 4 },
  deck: { min: 8, grow: 1.5 },
  tags: { min: 7, grow: 1.5 },
  due: { min: 7.5, grow: 1 },
  interval: { min: 6, grow: 0.5 },
  stability: { min: 6.5, grow: 0.5 },
  difficulty: { min: 6.5, grow: 0.5 },
  retrievability: { min: 5.5, grow: 0.5 },
  reviews: { min: 6, grow: 0.5 },
  lapses: { min: 5.5, grow: 0.5 },
  added: { min: 7.5, grow: 1 },
};

/** What a learner first sees: enough to find a card and judge it, and whole beside the panel at 1280 px. */
export const DEFAULT_COLUMNS: readonly BrowserColumn[] = ['question', 'deck', 'due', 'interval', 'retrievability'];

/** Widths the learner dragged a column to, in CSS pixels; a column not named keeps its flexible width. */
export type ColumnWidths = Partial<Record<BrowserColumn, number>>;

export const COLUMN_MIN_PX = 48;
export const COLUMN_MAX_PX = 1200;

/** The question names the row, so it is always shown. */
export const ALWAYS_SHOWN: BrowserColumn = 'question';

/** The CSS grid columns for the header and every row, and the width below which the table scrolls. */
export function gridTemplate(columns: readonly BrowserColumn[], widths: ColumnWidths = {}): { template: string; minWidth: string } {
  const template = columns.map((column) => (widths[column] !== undefined ? `${widths[column]}px` : `minmax(${WIDTHS[column].min}rem, ${WIDTHS[column].grow}fr)`)).join(' ');
  const rem = columns.reduce((sum, column) => sum + (widths[column] === undefined ? WIDTHS[column].min : 0), 0);
  const px = columns.reduce((sum, column) => sum + (widths[column] ?? 0), 0);
  return { template, minWidth: px ? `calc(${rem}rem + ${px}px)` : `${rem}rem` };
}

/** Columns read back from storage, in the learner's order: unknown names and repeats dropped, the question always there. */
export function parseColumns(stored: string | null): BrowserColumn[] {
  let names: unknown;
  try {
    names = stored === null ? null : JSON.parse(stored);
  } catch {
    names = null;
  }
  if (!Array.isArray(names)) return [...DEFAULT_COLUMNS];
  const known = new Set<string>(BROWSER_COLUMNS);
  const chosen = [...new Set(names.filter((name): name is BrowserColumn => typeof name === 'string' && known.has(name)))];
  return chosen.includes(ALWAYS_SHOWN) ? chosen : [ALWAYS_SHOWN, ...chosen];
}

/** `column` shown (at the end) or hidden, the others keeping their order; the question cannot be hidden. */
export function toggleColumn(columns: readonly BrowserColumn[], column: BrowserColumn): BrowserColumn[] {
  if (column === ALWAYS_SHOWN) return [...columns];
  return columns.includes(column) ? columns.filter((name) => name !== column) : [...columns, column];
}

/** `column` moved `by` places (−1 left, +1 right), or to the place of `before` when dragged there. */
export function moveColumn(columns: readonly BrowserColumn[], column: BrowserColumn, to: number | { before: BrowserColumn | null }): BrowserColumn[] {
  const rest = columns.filter((name) => name !== column);
  const from = columns.indexOf(column);
  if (from < 0) return [...columns];
  const at = typeof to === 'number' ? Math.max(0, Math.min(rest.length, from + to)) : to.before === null ? rest.length : Math.max(0, rest.indexOf(to.before));
  return [...rest.slice(0, at), column, ...rest.slice(at)];
}

/** Widths read back from storage: only known columns, whole pixels within bounds. */
export function parseWidths(stored: string | null): ColumnWidths {
  try {
    const value: unknown = stored === null ? null : JSON.parse(stored);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const widths: ColumnWidths = {};
    for (const column of BROWSER_COLUMNS) {
      const width = (value as Record<string, unknown>)[column];
      if (typeof width === 'number' && Number.isFinite(width)) widths[column] = clampColumnWidth(width);
    }
    return widths;
  } catch {
    return {};
  }
}

export function clampColumnWidth(width: number): number {
  return Math.round(Math.min(COLUMN_MAX_PX, Math.max(COLUMN_MIN_PX, width)));
}

export interface PanelLayout {
  /** In CSS pixels. */
  width: number;
  open: boolean;
}

export const PANEL_MIN = 280;
export const PANEL_MAX = 760;
export const DEFAULT_PANEL: PanelLayout = { width: 380, open: true };

export function clampPanelWidth(width: number): number {
  return Math.round(Math.min(PANEL_MAX, Math.max(PANEL_MIN, width)));
}

export function parsePanel(stored: string | null): PanelLayout {
  try {
    const value: unknown = stored === null ? null : JSON.parse(stored);
    if (value && typeof value === 'object') {
      const { width, open } = value as Record<string, unknown>;
      return {
        width: typeof width === 'number' && Number.isFinite(width) ? clampPanelWidth(width) : DEFAULT_PANEL.width,
        open: typeof open === 'boolean' ? open : DEFAULT_PANEL.open,
      };
    }
  } catch {
    // Unreadable: the defaults.
  }
  return { ...DEFAULT_PANEL };
}
