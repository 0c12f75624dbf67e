// A stand-in for the 'electron' module: records what the shell asks of Electron, so its settings can be checked in Node.
import { vi } from 'vitest';

type Handler = (...args: any[]) => any;

export class FakeWebContents {
  listeners = new Map<string, Handler>();
  scripts: string[] = [];
  executeJavaScript(code: string) {
    this.scripts.push(code);
    return Promise.resolve();
  }
  windowOpenHandler: Handler | null = null;
  on(event: string, handler: Handler) {
    this.listeners.set(event, handler);
    return this;
  }
  setWindowOpenHandler(handler: Handler) {
    this.windowOpenHandler = handler;
  }
}

function makeState() {
  return {
  windows: [] as FakeBrowserWindow[],
  ipcHandlers: new Map<string, Handler>(),
  appListeners: new Map<string, Handler>(),
  protocolHandlers: new Map<string, Handler>(),
  privileged: [] as unknown[],
  menu: null as unknown,
  quit: vi.fn(),
  exit: vi.fn(),
  openExternal: vi.fn(async () => undefined),
  errorBox: vi.fn(),
  /** The button the learner presses in the next synchronous message box (its index), and what it showed. */
  messageBoxResponse: 1,
  messageBoxes: [] as { message: string; detail?: string; buttons: string[] }[],
  singleInstance: true,
  session: {
    permissionRequest: null as Handler | null,
    permissionCheck: null as Handler | null,
    headers: null as Handler | null,
  },
  reset() {
    this.windows.length = 0;
    this.ipcHandlers.clear();
    this.appListeners.clear();
    this.protocolHandlers.clear();
    this.privileged.length = 0;
    this.menu = null;
    this.quit.mockClear();
    this.exit.mockClear();
    this.openExternal.mockClear();
    this.errorBox.mockClear();
    this.messageBoxResponse = 1;
    this.messageBoxes.length = 0;
    this.singleInstance = true;
  },
  };
}

// One recording shared by every copy of this module (vi.resetModules makes new copies).
const holder = globalThis as unknown as { __electronStub?: ReturnType<typeof makeState> };
export const electron = (holder.__electronStub ??= makeState());

export class FakeBrowserWindow {
  options: any;
  url: string | null = null;
  webContents = new FakeWebContents();
  listeners = new Map<string, Handler>();
  constructor(options: any) {
    this.options = options;
    electron.windows.push(this);
  }
  loadURL(url: string) {
    this.url = url;
    return Promise.resolve();
  }
  once(event: string, handler: Handler) {
    this.listeners.set(event, handler);
  }
  on(event: string, handler: Handler) {
    this.listeners.set(event, handler);
  }
  maximize() {}
  show() {}
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  restore() {}
  focus() {}
  getNormalBounds() {
    return { x: 10, y: 20, width: 900, height: 700 };
  }
}

export function electronModule() {
  return {
    app: {
      getPath: () => process.env.INTERLEAVE_TEST_USERDATA ?? '/nonexistent',
      requestSingleInstanceLock: () => electron.singleInstance,
      quit: electron.quit,
      exit: electron.exit,
      whenReady: () => Promise.resolve(),
      on: (event: string, handler: Handler) => electron.appListeners.set(event, handler),
    },
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showErrorBox: electron.errorBox,
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showMessageBoxSync: (options: { message: string; detail?: string; buttons: string[] }) => {
        electron.messageBoxes.push(options);
        return electron.messageBoxResponse;
      },
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/me/Anki Deck.apkg'] })),
    },
    ipcMain: { handle: (channel: string, handler: Handler) => electron.ipcHandlers.set(channel, handler) },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: (menu: unknown) => (electron.menu = menu) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
      handle: (scheme: string, handler: Handler) => electron.protocolHandlers.set(scheme, handler),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Handler) => (electron.session.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Handler) => (electron.session.permissionCheck = handler),
        webRequest: { onHeadersReceived: (handler: Handler) => (electron.session.headers = handler) },
      },
    },
    shell: { openExternal: electron.openExternal, openPath: vi.fn(async () => '') },
  };
}
