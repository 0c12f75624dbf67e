// Files named by untrusted paths (URLs, archive entries) resolved only if they stay inside their folder.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

/** The real path of an existing file `relative` names inside `root`, or null when it would leave it. */
export function fileInside(root: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || !existsSync(root)) return null;
  const realRoot = realpathSync(root);
  const candidate = normalize(join(realRoot, decoded));
  if (!candidate.startsWith(realRoot + sep)) return null;
  if (!existsSync(candidate) || !statSync(candidate).isFile()) return null;
  // A symbolic link inside the folder may still point outside it.
  const real = realpathSync(candidate);
  return real.startsWith(realRoot + sep) ? real : null;
}

/** A media name is one path component: no separators, no `..`, nothing hidden, no NUL. */
export function isMediaName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[/\\\0]/.test(name) && name !== '.' && name !== '..' && !name.startsWith('.');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** What a media file may be served as: pictures and sound only; anything else is opaque bytes. */
const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/**
 * Media come from untrusted packages, on the app's own origin: a file named `x.js` or `x.html`
 * must never be served as script or page, or 'self' in the CSP would cover it.
 */
export function mediaContentType(file: string): string {
  return MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Media opened on its own (an SVG, say) may draw but never run anything. */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
