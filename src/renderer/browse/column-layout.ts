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
export const DEFAULT_COLUMNS: readonly BrowserColumn[] = ['question', 'deck', 'tags', 'due', 'retrievability', 'added'];

/** The question names the row, so it is always shown. */
export const ALWAYS_SHOWN: BrowserColumn = 'question';

/** The CSS grid columns for the header and every row, and the width below which the table scrolls. */
export function gridTemplate(columns: readonly BrowserColumn[]): { template: string; minWidth: string } {
  const template = columns.map((column) => `minmax(${WIDTHS[column].min}rem, ${WIDTHS[column].grow}fr)`).join(' ');
  const min = columns.reduce((sum, column) => sum + WIDTHS[column].min, 0);
  return { template, minWidth: `${min}rem` };
}

/** Columns read back from storage: unknown names dropped, the table's order, the question always there. */
export function parseColumns(stored: string | null): BrowserColumn[] {
  let names: unknown;
  try {
    names = stored === null ? null : JSON.parse(stored);
  } catch {
    names = null;
  }
  if (!Array.isArray(names)) return [...DEFAULT_COLUMNS];
  const chosen = new Set<string>(names.filter((name): name is string => typeof name === 'string'));
  chosen.add(ALWAYS_SHOWN);
  return BROWSER_COLUMNS.filter((column) => chosen.has(column));
}

/** `column` shown or hidden, keeping the table's order; the question cannot be hidden. */
export function toggleColumn(columns: readonly BrowserColumn[], column: BrowserColumn): BrowserColumn[] {
  if (column === ALWAYS_SHOWN) return [...columns];
  const chosen = new Set(columns);
  if (chosen.has(column)) chosen.delete(column);
  else chosen.add(column);
  return BROWSER_COLUMNS.filter((name) => chosen.has(name));
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
