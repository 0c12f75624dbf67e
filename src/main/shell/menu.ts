// The application menu: the usual roles, plus the data folder and the keyboard shortcuts.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  dataDir: string;
  isMac: boolean;
  /** What undo would take back now ("suspend 1 card"), or null when nothing can be. */
  undoLabel: string | null;
  onUndo: () => void;
  onImport: () => void;
  onExport: () => void;
  onShowShortcuts: () => void;
}

export function buildMenu(options: MenuActions): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(options.isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: options.onImport },
        { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: options.onExport },
        { type: 'separator' },
        { label: 'Open Data Folder', click: () => void shell.openPath(options.dataDir) },
        { type: 'separator' },
        options.isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        {
          label: options.undoLabel ? `Undo ${options.undoLabel}` : 'Undo',
          enabled: options.undoLabel !== null,
          accelerator: 'CmdOrCtrl+Z',
          // Shown, not taken: the window's own Ctrl/Cmd+Z undoes the last change, and in a text field the typing.
          registerAccelerator: false,
          click: options.onUndo,
        },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
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
