// Remembers the window's size and position between launches, and never restores it off-screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileDurably } from '../store/snapshot-file';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT: WindowState = { width: 1100, height: 800, maximized: false };
const FILE = 'window-state.json';

/**
 * The saved state if it is sane and at least partly on one of today's displays (a monitor may have
 * been unplugged since); otherwise a default size centred by the system.
 */
export function restoreWindowState(folder: string, displays: Area[]): WindowState {
  let saved: Partial<WindowState>;
  try {
    saved = JSON.parse(readFileSync(join(folder, FILE), 'utf8')) as Partial<WindowState>;
  } catch {
    return { ...DEFAULT };
  }
  const width = Number(saved.width);
  const height = Number(saved.height);
  if (!Number.isFinite(width) || !Number.isFinite(height) || width < 400 || height < 300) return { ...DEFAULT };
  const state: WindowState = { width: Math.round(width), height: Math.round(height), maximized: saved.maximized === true };
  if (Number.isFinite(saved.x) && Number.isFinite(saved.y)) {
    const x = Math.round(saved.x!);
    const y = Math.round(saved.y!);
    const visible = displays.some((d) => x + 100 > d.x && y + 50 > d.y && x + 100 < d.x + d.width && y < d.y + d.height - 50);
    if (visible) Object.assign(state, { x, y });
  }
  return state;
}

export function saveWindowState(folder: string, state: WindowState): void {
  try {
    writeFileDurably(join(folder, FILE), JSON.stringify(state));
  } catch {
    // Losing the window position is not worth an error at quit.
  }
}
