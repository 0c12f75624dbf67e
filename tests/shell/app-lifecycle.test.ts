// The Electron app's start and quit, with 'electron' stubbed: one instance, a hardened window, a saved collection.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electron } from './electron-stub';

vi.mock('electron', async () => (await import('./electron-stub')).electronModule());

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  electron.reset();
  vi.resetModules();
  const dir = mkdtempSync(join(tmpdir(), 'shell-app-'));
  process.env.INTERLEAVE_TEST_USERDATA = dir;
  process.env.INTERLEAVE_DATA = join(dir, 'data');
  process.env.INTERLEAVE_DECKS = join(import.meta.dirname, '../fixtures/decks');
});

afterEach(async () => {
  // Quit, so the data folder's lock is released for the next test.
  const quit = electron.appListeners.get('before-quit');
  if (quit) quit({ preventDefault: () => undefined });
  await tick();
  delete process.env.INTERLEAVE_DATA;
  delete process.env.INTERLEAVE_DECKS;
});

describe('the desktop app', () => {
  it('leaves at once when another instance is running', async () => {
    electron.singleInstance = false;
    await import('../../src/main/shell/main');
    expect(electron.quit).toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('opens one sandboxed window on the app protocol, with the API behind one IPC channel', async () => {
    await import('../../src/main/shell/main');
    await tick();
    expect(electron.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(electron.windows).toHaveLength(1);
    const win = electron.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(win.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    // Spelling is checked where the system does it; on Linux it would mean downloading dictionaries.
    expect(win.options.webPreferences.spellcheck).toBe(process.platform !== 'linux');
    expect(win.url).toBe('app://interleave/index.html');
    expect([...electron.ipcHandlers.keys()]).toEqual(['interleave:api']);
    expect(electron.protocolHandlers.has('app')).toBe(true);
    expect(electron.session.permissionRequest).not.toBeNull();
    expect(electron.menu).not.toBeNull();
    // A call from the window reaches the real service on the data folder.
    const reply = await electron.ipcHandlers.get('interleave:api')!({ senderFrame: { url: 'app://interleave/index.html', parent: null } }, 'listDecks', {});
    expect(reply.ok).toBe(true);
    expect(reply.result.decks[0].name).toBe('Sample');
  });

  it('has File > Import… open a file dialog and take the window to the import screen with that file', async () => {
    await import('../../src/main/shell/main');
    await tick();
    const menu = electron.menu as { template: { label?: string; submenu?: { label?: string; click?: () => unknown }[] }[] };
    const file = menu.template.find((item) => item.label === 'File')!;
    const labels = file.submenu!.map((item) => item.label).filter(Boolean);
    expect(labels).toEqual(expect.arrayContaining(['Import…', 'Export…', 'Open Data Folder']));
    await file.submenu!.find((item) => item.label === 'Import…')!.click!();
    await tick();
    const scripts = electron.windows[0]!.webContents.scripts as string[];
    expect(scripts).toHaveLength(1);
    // The window is given a token and the file's name, never its path.
    const match = /^location\.hash = "#\/import\?file=([0-9a-f]{32})&name=Anki%20Deck\.apkg"$/.exec(scripts[0]!);
    expect(match).not.toBeNull();
    const call = electron.ipcHandlers.get('interleave:api')!;
    const frame = { senderFrame: { url: 'app://interleave/index.html', parent: null } };
    const started = await call(frame, 'startImport', { file: match![1], dryRun: true });
    expect(started.ok).toBe(true);
    let job = (await call(frame, 'importJob', { jobId: started.result.jobId })).result;
    while (job.state === 'running') {
      await tick();
      job = (await call(frame, 'importJob', { jobId: started.result.jobId })).result;
    }
    // The token stood for the picked path: the service looked for exactly that file.
    expect(job.error.message).toContain('/home/me/Anki Deck.apkg');
  });

  it('names in the Edit menu what Undo will take back, following every change made in the window', async () => {
    await import('../../src/main/shell/main');
    await tick();
    type Item = { label?: string; role?: string; enabled?: boolean; accelerator?: string; registerAccelerator?: boolean; click?: () => unknown };
    const undoItem = () => {
      const menu = electron.menu as { template: { label?: string; submenu?: Item[] }[] };
      return menu.template.find((item) => item.label === 'Edit')!.submenu!.find((item) => item.label?.startsWith('Undo'))!;
    };
    expect(undoItem()).toMatchObject({ label: 'Undo', enabled: false });
    const call = electron.ipcHandlers.get('interleave:api')!;
    const frame = { senderFrame: { url: 'app://interleave/index.html', parent: null } };
    await call(frame, 'suspend', { cardIds: ['s-code/1'] });
    expect(undoItem()).toMatchObject({ label: 'Undo suspend 1 card', enabled: true, accelerator: 'CmdOrCtrl+Z' });
    // The window's own Ctrl/Cmd+Z does the work (and leaves typing in a field to the field): the menu only shows the key.
    expect(undoItem().registerAccelerator).toBe(false);
    await call(frame, 'editNote', { noteId: 's-bias-variance', fields: { Front: 'Changed' } });
    expect(undoItem().label).toBe('Undo edit note');
    // Choosing it asks the window to undo, as its Ctrl/Cmd+Z would.
    undoItem().click!();
    expect(electron.windows[0]!.webContents.scripts.at(-1)).toBe('window.dispatchEvent(new Event("interleave:undo"))');
    await call(frame, 'undo', {});
    await call(frame, 'undo', {});
    expect(undoItem()).toMatchObject({ label: 'Undo', enabled: false });
  });

  it('refuses a path named by the window, for import and export alike', async () => {
    await import('../../src/main/shell/main');
    await tick();
    const call = electron.ipcHandlers.get('interleave:api')!;
    const frame = { senderFrame: { url: 'app://interleave/index.html', parent: null } };
    for (const [method, input] of [
      ['importFile', { path: '/etc/passwd' }],
      ['startImport', { path: '/dev/zero', dryRun: true }],
      ['exportTo', { format: 'md', path: '/tmp/x.md' }],
    ] as const) {
      const reply = await call(frame, method, input);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(reply.error.message).toContain('cannot name a file on disk');
    }
    // A token the app never handed out (say, one written into a link in a card) leads nowhere.
    const guessed = await call(frame, 'startImport', { file: 'f'.repeat(32), dryRun: true });
    let job = (await call(frame, 'importJob', { jobId: guessed.result.jobId })).result;
    while (job.state === 'running') {
      await tick();
      job = (await call(frame, 'importJob', { jobId: guessed.result.jobId })).result;
    }
    expect(job).toMatchObject({ state: 'failed', error: { code: 'not_found' } });
  });

  it('offers to take over a lock left by another host name, and takes it only when the learner says so', async () => {
    const data = process.env.INTERLEAVE_DATA!;
    mkdirSync(data, { recursive: true });
    const lock = join(data, 'interleave.lock');
    writeFileSync(lock, JSON.stringify({ pid: 4242, host: 'old-name', processStart: null, since: Date.UTC(2026, 2, 1), purpose: 'the desktop app', token: 'theirs' }));
    // Quit: nothing opened, the lock left as it was.
    electron.messageBoxResponse = 1;
    await import('../../src/main/shell/main');
    await tick();
    expect(electron.messageBoxes).toHaveLength(1);
    expect(electron.messageBoxes[0]!.buttons).toEqual(['Take over', 'Quit']);
    expect(electron.messageBoxes[0]!.detail).toContain('on host "old-name"');
    expect(electron.windows).toHaveLength(0);
    expect(electron.exit).toHaveBeenCalledWith(3);
    expect(readFileSync(lock, 'utf8')).toContain('old-name');
    // Take over: the app opens the collection, holding the lock itself.
    electron.reset();
    vi.resetModules();
    electron.messageBoxResponse = 0;
    await import('../../src/main/shell/main');
    await tick();
    expect(electron.windows).toHaveLength(1);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('makes the daily backup at start', async () => {
    await import('../../src/main/shell/main');
    const backups = join(process.env.INTERLEAVE_DATA!, 'backups');
    for (let i = 0; i < 100 && !(existsSync(backups) && readdirSync(backups).some((name) => name.startsWith('backup-'))); i++) await tick();
    expect(readdirSync(backups).filter((name) => name.startsWith('backup-'))).toHaveLength(1);
  });

  it('shows the window a backup that failed, and why, and writes it to the log: never swallowed', async () => {
    // A file where the backups folder should be: the backup at start fails.
    mkdirSync(process.env.INTERLEAVE_DATA!, { recursive: true });
    writeFileSync(join(process.env.INTERLEAVE_DATA!, 'backups'), 'not a folder');
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await import('../../src/main/shell/main');
      for (let i = 0; i < 100 && log.mock.calls.length === 0; i++) await tick();
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Backup failed: ENOTDIR/));
      const call = electron.ipcHandlers.get('interleave:api')!;
      const status = await call({ senderFrame: { url: 'app://interleave/index.html', parent: null } }, 'status', {});
      expect(status.result.backupFailure).toEqual({ at: expect.any(Number), message: expect.stringContaining('ENOTDIR') });
    } finally {
      log.mockRestore();
    }
  });

  it('saves the collection and releases the folder when quitting, after remembering the window', async () => {
    await import('../../src/main/shell/main');
    await tick();
    electron.windows[0]!.listeners.get('close')!();
    expect(existsSync(join(process.env.INTERLEAVE_TEST_USERDATA!, 'window-state.json'))).toBe(true);
    const event = { preventDefault: vi.fn() };
    electron.appListeners.get('before-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    // Closing waits for the backup made at start and the snapshot, as long as the disk takes.
    await vi.waitFor(() => expect(electron.quit).toHaveBeenCalled(), { timeout: 10_000 });
    expect(existsSync(join(process.env.INTERLEAVE_DATA!, 'snapshot.json'))).toBe(true);
    expect(existsSync(join(process.env.INTERLEAVE_DATA!, 'interleave.lock'))).toBe(false);
  });
});
