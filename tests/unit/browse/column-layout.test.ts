// The browser's columns: sensible minimum widths, the learner's choice read back safely, the panel's width kept in bounds.
import { describe, expect, it } from 'vitest';
import { clampPanelWidth, DEFAULT_COLUMNS, DEFAULT_PANEL, gridTemplate, PANEL_MAX, PANEL_MIN, parseColumns, parsePanel, toggleColumn } from '../../../src/renderer/browse/column-layout';

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

  it('are read back in the table’s order, unknown names dropped, the question always there', () => {
    expect(parseColumns(JSON.stringify(['lapses', 'shoe-size', 'due', 7]))).toEqual(['question', 'due', 'lapses']);
  });

  it('toggle on and off, keeping the table’s order, and the question cannot be hidden', () => {
    expect(toggleColumn(['question', 'due'], 'deck')).toEqual(['question', 'deck', 'due']);
    expect(toggleColumn(['question', 'deck', 'due'], 'deck')).toEqual(['question', 'due']);
    expect(toggleColumn(['question', 'due'], 'question')).toEqual(['question', 'due']);
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
