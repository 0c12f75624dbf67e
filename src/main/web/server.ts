// Browser mode's transport: the renderer's files and the API over HTTP on 127.0.0.1, behind a per-launch secret.
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiHandlers } from '../../shared/contract';
import { AppError, type Envelope } from '../../shared/errors';
import { validateWindowCall } from '../../shared/validate';
import { errorBody } from '../service/error-body';
import { contentType, fileInside, isMediaName, MEDIA_CSP, mediaContentType } from '../files/contained-path';
import { SECURITY_HEADERS } from './security-headers';

export const TOKEN_HEADER = 'x-interleave-token';
const MAX_BODY = 16 * 1024 * 1024;
/** importBytes carries a whole file, base64-encoded. */
const MAX_IMPORT_BODY = 300 * 1024 * 1024;


const STATUS: Record<string, number> = {
  invalid_input: 400,
  parse_error: 422,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  data_locked: 423,
  data_damaged: 503,
  disk_full: 507,
  read_only: 409,
  disk_error: 503,
  internal: 500,
};

export interface WebServerOptions {
  handlers: ApiHandlers;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** The collection's media folder. */
  mediaDir: string;
  /** The per-launch secret every API call must carry. */
  token: string;
  port: number;
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sendEnvelope(res: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

function forbid(res: ServerResponse, why: string): void {
  sendEnvelope(res, 403, { ok: false, error: { code: 'forbidden', message: why } });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('invalid_input', `The request body is larger than ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The whole `host:port` must be this server's: 127.0.0.1 or localhost, in any letter case (host
 * names ignore it), with this port. Nothing before or after, so `localhost.evil.example`, a trailing
 * dot or a missing port is refused.
 */
function isThisServer(hostAndPort: string, port: number): boolean {
  const lower = hostAndPort.toLowerCase();
  return lower === `127.0.0.1:${port}` || lower === `localhost:${port}`;
}

export function createWebServer(options: WebServerOptions): Server {
  const { handlers, token } = options;
  let port = options.port;

  const server = createServer((req, res) => {
    void (async () => {
      // DNS rebinding: a foreign page pointing its own host name at 127.0.0.1 sends its Host header.
      const host = req.headers.host ?? '';
      if (!isThisServer(host, port)) return forbid(res, `Host ${JSON.stringify(host)} is not this server.`);
      const origin = req.headers.origin;
      if (origin !== undefined && !(origin.toLowerCase().startsWith('http://') && isThisServer(origin.slice('http://'.length), port))) {
        return forbid(res, `Requests from ${origin} are not allowed.`);
      }
      const url = new URL(req.url ?? '/', `http://${host}`);

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return sendEnvelope(res, 405, { ok: false, error: { code: 'invalid_input', message: 'API calls are POST requests.' } });
        if (!sameSecret(req.headers[TOKEN_HEADER] as string | undefined, token)) return forbid(res, 'Missing or wrong launch secret.');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          return sendEnvelope(res, 415, { ok: false, error: { code: 'invalid_input', message: 'API calls send application/json.' } });
        }
        try {
          const body = await readBody(req, url.pathname === '/api/importBytes' || url.pathname === '/api/startImport' ? MAX_IMPORT_BODY : MAX_BODY);
          let input: unknown;
          try {
            input = body ? JSON.parse(body) : {};
          } catch {
            throw new AppError('invalid_input', 'The request body is not valid JSON.');
          }
          const call = validateWindowCall(url.pathname.slice('/api/'.length), input);
          const handler = handlers[call.method] as (input: unknown) => Promise<unknown>;
          const result = await handler(call.input);
          return sendEnvelope(res, 200, { ok: true, result });
        } catch (error) {
          const body = errorBody(error, dirname(options.mediaDir));
          return sendEnvelope(res, STATUS[body.code] ?? 500, { ok: false, error: body });
        }
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');

      if (url.pathname.startsWith('/media/')) {
        if (!sameSecret(url.searchParams.get('t') ?? undefined, token)) return forbid(res, 'Missing or wrong launch secret.');
        let name: string;
        try {
          name = decodeURIComponent(url.pathname.slice('/media/'.length));
        } catch {
          return send(res, 404, 'Not found', 'text/plain');
        }
        const file = isMediaName(name) ? fileInside(options.mediaDir, encodeURIComponent(name)) : null;
        if (!file) return send(res, 404, 'Not found', 'text/plain');
        return send(res, 200, readFileSync(file), mediaContentType(file), { 'Content-Security-Policy': MEDIA_CSP });
      }

      const file = fileInside(options.staticDir, url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
      if (!file) return send(res, 404, 'Not found', 'text/plain');
      const cache: Record<string, string> = url.pathname.startsWith('/assets/') ? { 'Cache-Control': 'public, max-age=31536000, immutable' } : {};
      return send(res, 200, readFileSync(file), contentType(file), cache);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, `Internal error: ${(error as Error).message}`, 'text/plain');
    });
  });

  server.on('listening', () => {
    port = (server.address() as AddressInfo).port;
  });
  return server;
}
