// The application menu: the usual roles, plus the data folder and the keyboard shortcuts.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

export function buildMenu(options: { dataDir: string; isMac: boolean; onShowShortcuts: () => void }): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Data Folder', click: () => void shell.openPath(options.dataDir) },
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', click: options.onShowShortcuts }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
