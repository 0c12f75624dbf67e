// Light, dark or follow the system: applied as a data attribute the stylesheet reads.
import type { Theme } from '../../shared/dto';

let current: Theme = 'system';
const media = window.matchMedia('(prefers-color-scheme: dark)');

function resolve(theme: Theme): 'light' | 'dark' {
  return theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
}

export function applyTheme(theme: Theme): void {
  current = theme;
  document.documentElement.dataset.theme = resolve(theme);
}

media.addEventListener('change', () => applyTheme(current));
