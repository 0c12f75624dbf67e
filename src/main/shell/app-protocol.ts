// `app://interleave/`: serves the renderer's files and the collection's media, never anything outside them.
import { readFileSync } from 'node:fs';
import { protocol } from 'electron';
import { contentType, fileInside, isMediaName, MEDIA_CSP, mediaContentType } from '../files/contained-path';

/** Must run before the app is ready: makes `app:` a secure, standard scheme so 'self' in the CSP means it. */
export function registerSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function appProtocolResponse(url: string, rendererDir: string, mediaDir: string): Response {
  const parsed = new URL(url);
  if (parsed.host !== 'interleave') return new Response('Not found', { status: 404 });
  const isMedia = parsed.pathname.startsWith('/media/');
  let name = isMedia ? parsed.pathname.slice('/media/'.length) : parsed.pathname === '/' ? 'index.html' : parsed.pathname.slice(1);
  if (isMedia) {
    try {
      name = decodeURIComponent(name);
    } catch {
      return new Response('Not found', { status: 404 });
    }
    if (!isMediaName(name)) return new Response('Not found', { status: 404 });
    name = encodeURIComponent(name);
  }
  const file = fileInside(isMedia ? mediaDir : rendererDir, name);
  if (!file) return new Response('Not found', { status: 404 });
  const headers: Record<string, string> = { 'Content-Type': isMedia ? mediaContentType(file) : contentType(file) };
  if (isMedia) Object.assign(headers, { 'Content-Security-Policy': MEDIA_CSP, 'X-Content-Type-Options': 'nosniff' });
  return new Response(readFileSync(file), { status: 200, headers });
}

export function handleAppProtocol(rendererDir: string, mediaDir: string): void {
  protocol.handle('app', (request) => appProtocolResponse(request.url, rendererDir, mediaDir));
}
