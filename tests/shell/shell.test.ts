// The Electron shell's defences, checked in Node with 'electron' replaced by a recording stub.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electron, FakeWebContents } from './electron-stub';

vi.mock('electron', async () => (await import('./electron-stub')).electronModule());

const stubbed = (await import('electron')) as unknown as ReturnType<typeof import('./electron-stub').electronModule>;
const security = await import('../../src/main/shell/security');
const { handleCall, API_CHANNEL } = await import('../../src/main/shell/ipc');
const { appProtocolResponse } = await import('../../src/main/shell/app-protocol');
const { restoreWindowState, saveWindowState } = await import('../../src/main/shell/window-state');

beforeEach(() => electron.reset());

describe('navigation and new windows', () => {
  it('are blocked; web links open in the system browser, other schemes nowhere', () => {
    const contents = new FakeWebContents();
    security.hardenContents(contents as never);
    const navigate = contents.listeners.get('will-navigate')!;
    const event = { preventDefault: vi.fn() };
    navigate(event, 'https://example.org/paper');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.org/paper');
    navigate({ preventDefault: vi.fn() }, 'file:///etc/passwd');
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
    expect(contents.windowOpenHandler!({ url: 'https://example.org' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});

describe('the session', () => {
  it('denies every permission request and check, and sends the strict CSP with every response', () => {
    security.hardenSession(stubbed.session.defaultSession as never);
    const answer = vi.fn();
    electron.session.permissionRequest!(null, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(electron.session.permissionCheck!(null, 'notifications')).toBe(false);
    const done = vi.fn();
    electron.session.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, done);
    const headers = done.mock.calls[0]![0].responseHeaders;
    expect(headers['Content-Security-Policy'][0]).toContain("script-src 'self'");
    expect(headers['Content-Security-Policy'][0]).toContain("default-src 'none'");
    expect(headers['Content-Security-Policy'][0]).not.toContain('unsafe-eval');
  });
});

describe('IPC', () => {
  const handlers = { listDecks: vi.fn(async () => ({ decks: [], today: {} })), answer: vi.fn(async () => ({ ok: 1 })) } as never;

  it('trusts only the top frame of the app’s own origin', () => {
    expect(security.isTrustedFrame({ url: 'app://interleave/index.html', parent: null } as never)).toBe(true);
    expect(security.isTrustedFrame({ url: 'app://interleave/index.html', parent: {} } as never)).toBe(false);
    expect(security.isTrustedFrame({ url: 'https://evil.example/', parent: null } as never)).toBe(false);
    expect(security.isTrustedFrame({ url: 'file:///tmp/x.html', parent: null } as never)).toBe(false);
    expect(security.isTrustedFrame(null)).toBe(false);
  });

  it('refuses calls from untrusted senders before looking at them', async () => {
    expect(await handleCall(handlers, false, 'listDecks', {})).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) });
  });

  it('validates every payload and names the offending field', async () => {
    const reply = await handleCall(handlers, true, 'answer', { cardId: 'x/1', rating: 'perfect' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_input', where: { field: 'rating' } } });
    expect(await handleCall(handlers, true, 'answer', { cardId: 'x/1', rating: 'good', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handleCall(handlers, true, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await handleCall(handlers, true, 'listDecks', {})).toEqual({ ok: true, result: { decks: [], today: {} } });
  });

  it('registers exactly one channel for the whole contract', async () => {
    const { registerApi } = await import('../../src/main/shell/ipc');
    registerApi(() => handlers, '/data');
    expect([...electron.ipcHandlers.keys()]).toEqual([API_CHANNEL]);
    const reply = await electron.ipcHandlers.get(API_CHANNEL)!({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'listDecks', {});
    expect(reply.ok).toBe(false);
  });
});

describe('the app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'shell-'));
  const renderer = join(root, 'renderer');
  const media = join(root, 'media');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  mkdirSync(media);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>ok</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(media, 'cell.png'), 'png');
  writeFileSync(join(media, 'payload.js'), 'alert(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');

  it('serves the renderer and media files, media with a sandboxing CSP', async () => {
    const page = appProtocolResponse('app://interleave/index.html', renderer, media);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect((await appProtocolResponse('app://interleave/assets/app.js', renderer, media).text())).toBe('console.log(1)');
    const image = appProtocolResponse('app://interleave/media/cell.png', renderer, media);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('serves a media file that is not a picture or sound as opaque bytes, never as script', () => {
    const script = appProtocolResponse('app://interleave/media/payload.js', renderer, media);
    expect(script.headers.get('content-type')).toBe('application/octet-stream');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves a file outside its folder', () => {
    for (const url of [
      'app://interleave/../secret.txt',
      'app://interleave/%2e%2e/secret.txt',
      'app://interleave/media/..%2fsecret.txt',
      'app://interleave/media/%2e%2e%2fsecret.txt',
      'app://interleave/media/../renderer/index.html',
      'app://other/index.html',
      'app://interleave/media/.hidden',
    ]) {
      expect(appProtocolResponse(url, renderer, media).status, url).toBe(404);
    }
  });
});

describe('window state', () => {
  it('is restored when on a display, and falls back to a default when off-screen or damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'window-'));
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(restoreWindowState(dir, displays)).toEqual({ width: 1100, height: 800, maximized: false });
    saveWindowState(dir, { x: 100, y: 80, width: 1000, height: 700, maximized: true });
    expect(restoreWindowState(dir, displays)).toEqual({ x: 100, y: 80, width: 1000, height: 700, maximized: true });
    saveWindowState(dir, { x: 5000, y: 80, width: 1000, height: 700, maximized: false });
    expect(restoreWindowState(dir, displays)).toEqual({ width: 1000, height: 700, maximized: false });
    writeFileSync(join(dir, 'window-state.json'), '{"width": "huge"');
    expect(restoreWindowState(dir, displays)).toEqual({ width: 1100, height: 800, maximized: false });
  });
});
