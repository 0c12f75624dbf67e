// The browser's columns: sensible minimum widths, the learner's choice read back safely, the panel's width kept in bounds.
import { describe, expect, it } from 'vitest';
import {
  clampPanelWidth,
  COLUMN_MIN_PX,
  DEFAULT_COLUMNS,
  DEFAULT_PANEL,
  gridTemplate,
  moveColumn,
  PANEL_MAX,
  PANEL_MIN,
  parseColumns,
  parsePanel,
  parseWidths,
  toggleColumn,
} from '../../../src/renderer/browse/column-layout';

describe('column widths', () => {
  it('every column has a minimum, and the table is as wide as their sum before it scrolls sideways', () => {
    const layout = gridTemplate(['question', 'due', 'added']);
    expect(layout.template).toBe('minmax(15rem, 4fr) minmax(7.5rem, 1fr) minmax(7.5rem, 1fr)');
    expect(layout.minWidth).toBe('30rem');
  });

  it('the default columns fit whole beside the default panel in a 1280 px window', () => {
    // 1280 px less the page's padding (2 × 20), the splitter (12) and the panel.
    const room = 1280 - 40 - 12 - DEFAULT_PANEL.width;
    expect(parseFloat(gridTemplate(DEFAULT_COLUMNS).minWidth) * 16).toBeLessThanOrEqual(room);
  });
});

describe('the chosen columns', () => {
  it('start as the defaults when nothing, or something unreadable, is stored', () => {
    expect(parseColumns(null)).toEqual(DEFAULT_COLUMNS);
    expect(parseColumns('{not json')).toEqual(DEFAULT_COLUMNS);
    expect(parseColumns('"due"')).toEqual(DEFAULT_COLUMNS);
  });

  it('are by default the question, its deck, when it is due, its interval and its recall', () => {
    expect(DEFAULT_COLUMNS).toEqual(['question', 'deck', 'due', 'interval', 'retrievability']);
  });

  it('are read back in the learner’s order, unknown names and repeats dropped, the question always there', () => {
    expect(parseColumns(JSON.stringify(['lapses', 'shoe-size', 'due', 7, 'due']))).toEqual(['question', 'lapses', 'due']);
    expect(parseColumns(JSON.stringify(['due', 'question']))).toEqual(['due', 'question']);
  });

  it('toggle on (at the end) and off, the others keeping their order, and the question cannot be hidden', () => {
    expect(toggleColumn(['question', 'due'], 'deck')).toEqual(['question', 'due', 'deck']);
    expect(toggleColumn(['question', 'deck', 'due'], 'deck')).toEqual(['question', 'due']);
    expect(toggleColumn(['question', 'due'], 'question')).toEqual(['question', 'due']);
  });

  it('move one place with the keys, or before another column when dragged onto it', () => {
    expect(moveColumn(['question', 'deck', 'due'], 'due', -1)).toEqual(['question', 'due', 'deck']);
    expect(moveColumn(['question', 'deck', 'due'], 'question', -1)).toEqual(['question', 'deck', 'due']);
    expect(moveColumn(['question', 'deck', 'due'], 'question', { before: 'due' })).toEqual(['deck', 'question', 'due']);
    expect(moveColumn(['question', 'deck', 'due'], 'question', { before: null })).toEqual(['deck', 'due', 'question']);
  });

  it('keep the widths they were dragged to, in bounds, and flexible widths for the others', () => {
    expect(parseWidths(JSON.stringify({ question: 300.6, due: 1, shoe: 40 }))).toEqual({ question: 301, due: COLUMN_MIN_PX });
    expect(parseWidths('[')).toEqual({});
    expect(gridTemplate(['question', 'due'], { question: 300 })).toEqual({ template: '300px minmax(7.5rem, 1fr)', minWidth: 'calc(7.5rem + 300px)' });
  });
});

describe('the side panel', () => {
  it('keeps a stored width within bounds and falls back to the default on junk', () => {
    expect(parsePanel(JSON.stringify({ width: 500, open: false }))).toEqual({ width: 500, open: false });
    expect(parsePanel(JSON.stringify({ width: 5, open: true })).width).toBe(PANEL_MIN);
    expect(parsePanel(JSON.stringify({ width: 99999 })).width).toBe(PANEL_MAX);
    expect(parsePanel('null')).toEqual(DEFAULT_PANEL);
    expect(parsePanel('[')).toEqual(DEFAULT_PANEL);
  });

  it('resizes in whole pixels between its minimum and maximum', () => {
    expect(clampPanelWidth(400.4)).toBe(400);
    expect(clampPanelWidth(-10)).toBe(PANEL_MIN);
  });
});
