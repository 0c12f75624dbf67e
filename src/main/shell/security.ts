// The window's defences: what may load, navigate, open windows, ask for permissions, and call the API.
import { shell, type Session, type WebContents, type WebFrameMain } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../web/security-headers';

export const APP_ORIGIN = 'app://interleave';

/** True only for the top frame of a page served by the app's own protocol. */
export function isTrustedFrame(frame: WebFrameMain | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    // Compared by parts: WHATWG URL gives custom schemes an opaque origin ("null").
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Links to the web open in the system browser; nothing else leaves the app. */
export function openExternally(url: string): void {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') void shell.openExternal(parsed.toString());
  } catch {
    /* not a URL: ignore */
  }
}

/** Denies every permission (camera, microphone, notifications, …) and adds the CSP to every response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
}

/** No navigation away from the app, no new windows, no webviews; web links go to the browser. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}
