// The Electron app: one instance, one hardened window, the service behind IPC, saved on quit.
import { basename, join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session } from 'electron';
import { AppError } from '../../shared/errors';
import { builtinDecksDir, importLimitsFrom } from '../runtime-options';
import { StudyService } from '../service/study-service';
import { ForeignLockError } from '../store/lock';
import { handleAppProtocol, registerSchemePrivileges } from './app-protocol';
import { registerApi } from './ipc';
import { buildMenu } from './menu';
import { APP_ORIGIN, hardenContents, hardenSession } from './security';
import { restoreWindowState, saveWindowState } from './window-state';

const SHORTCUTS = [
  'Space or Enter: show the answer (then: answer with the suggested rating)',
  '1 2 3 4: Again, Hard, Good, Easy',
  'Shift+1…9: tick a key point',
  'Ctrl/Cmd+Z: undo the last change (answer, suspend, edit, deck change, import…)',
  'E: edit the note · S: suspend the card · B: bury it until tomorrow',
  'Esc: back to the decks · ↑/↓ and Enter on the deck list',
].join('\n');

registerSchemePrivileges();

let service: StudyService | null = null;
let mainWindow: BrowserWindow | null = null;
let quitting = false;

function createWindow(userData: string): BrowserWindow {
  const state = restoreWindowState(
    userData,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = new BrowserWindow({
    ...state,
    minWidth: 480,
    minHeight: 400,
    show: false,
    title: 'Interleave',
    backgroundColor: '#f7f7f5',
    // Written out here, not built elsewhere, so a reviewer (or a scanner) sees them at the window.
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise open a link in a new window on some versions.
      disableBlinkFeatures: 'Auxclick',
      // macOS and Windows check spelling with the system's own dictionaries; on Linux Chromium
      // would download Hunspell dictionaries from Google's servers, and the app stays offline.
      spellcheck: process.platform !== 'linux',
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => {
    win.show();
    // The one line `npm start` prints once the app is there.
    console.log('Interleave is open.');
  });
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    saveWindowState(userData, { ...bounds, maximized: win.isMaximized() });
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** Moves the window to a screen by its hash route (the renderer listens for hash changes). */
function showScreen(hash: string): void {
  if (!mainWindow) return;
  void mainWindow.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
}

async function pickAndImport(): Promise<void> {
  if (!mainWindow) return;
  const choice = await dialog.showOpenDialog(mainWindow, {
    title: 'Import into Interleave',
    properties: ['openFile'],
    filters: [
      { name: 'Decks and backups', extensions: ['apkg', 'colpkg', 'csv', 'tsv', 'txt', 'md', 'markdown', 'interleave'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const path = choice.filePaths[0];
  // The window gets a token for the file, never its path: see StudyService.offerPickedFile.
  if (!choice.canceled && path && service) showScreen(`#/import?file=${service.offerPickedFile(path)}&name=${encodeURIComponent(basename(path))}`);
}

/** Asks whether to take over a lock another host name left; true when the learner chose to. */
function confirmTakeOver(error: ForeignLockError): boolean {
  const choice = dialog.showMessageBoxSync({
    type: 'warning',
    title: 'Interleave',
    message: `Your collection is locked by Interleave on “${error.holderHost}”`,
    detail: error.message.replace('run the command again with --take-over-lock (in the app: the Take over button)', 'press Take over'),
    buttons: ['Take over', 'Quit'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return choice === 0;
}

function start(): void {
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  const userData = app.getPath('userData');
  const dataDir = process.env.INTERLEAVE_DATA ?? userData;
  const open = (takeOverLock: boolean) =>
    StudyService.open({
      dataDir,
      builtinDecksDir: builtinDecksDir(import.meta.dirname) ?? join(process.resourcesPath, 'decks'),
      purpose: 'the desktop app',
      importLimits: importLimitsFrom({}),
      ...(takeOverLock ? { takeOverLock: true } : {}),
    });
  try {
    try {
      service = open(false);
    } catch (error) {
      // A lock from another host name is never taken silently: the learner reads why and decides.
      if (!(error instanceof ForeignLockError) || !confirmTakeOver(error)) throw error;
      service = open(true);
    }
  } catch (error) {
    if (!(error instanceof ForeignLockError)) dialog.showErrorBox('Interleave cannot open your collection', error instanceof AppError ? error.message : String(error));
    app.exit(error instanceof AppError && error.code === 'data_locked' ? 3 : 1);
    return;
  }
  handleAppProtocol(join(import.meta.dirname, '../renderer'), join(dataDir, 'media'));
  let shownUndo: string | null | undefined;
  /** The menu names what Undo would take back; rebuilt only when that changes. */
  const refreshMenu = () => {
    const undoLabel = service?.undoLabel() ?? null;
    if (undoLabel === shownUndo) return;
    shownUndo = undoLabel;
    Menu.setApplicationMenu(
      buildMenu({
        dataDir,
        isMac: process.platform === 'darwin',
        undoLabel,
        // The window undoes, as for its own Ctrl/Cmd+Z, so the screen shows what came back.
        onUndo: () => void mainWindow?.webContents.executeJavaScript('window.dispatchEvent(new Event("interleave:undo"))'),
        onImport: () => void pickAndImport(),
        onExport: () => showScreen('#/export'),
        onShowShortcuts: () => void dialog.showMessageBox({ type: 'info', title: 'Keyboard shortcuts', message: 'Keyboard shortcuts', detail: SHORTCUTS }),
      }),
    );
  };
  registerApi(() => service!, dataDir, refreshMenu);
  refreshMenu();
  mainWindow = createWindow(userData);
  void service.prepareDeckList();
  // Now, and each day at a pause while the app stays open. A failure goes to the log and to the
  // window (`status().backupFailure`, a banner on Home): never swallowed.
  service.startDailyBackups({ log: (line) => console.error(line) });
  setTimeout(() => void service?.warmUp(), 1500);
}

if (!app.requestSingleInstanceLock()) {
  // Another Interleave is running: it gets focus (second-instance) and this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (error: unknown) => dialog.showErrorBox('Interleave failed to start', String(error)));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitting || !service) return;
    // Write the snapshot and release the lock before the process ends.
    event.preventDefault();
    quitting = true;
    void service.close().finally(() => app.quit());
  });
}
