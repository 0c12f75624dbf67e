// Browser mode's HTTP transport: only this machine, only with the launch secret, only the app's own files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebServer } from '../../src/main/web/server';
import { openTestService } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

const TOKEN = 'secret-token-for-tests';
let port = 0;
let close: () => Promise<void>;

beforeAll(async () => {
  const root = tempFolder('web');
  const staticDir = join(root, 'renderer');
  const mediaDir = join(root, 'media');
  mkdirSync(staticDir);
  mkdirSync(mediaDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Interleave</title>');
  writeFileSync(join(root, 'private.txt'), 'not for the web');
  writeFileSync(join(mediaDir, 'payload.js'), 'alert(1)');
  writeFileSync(join(mediaDir, 'page.html'), '<script>alert(1)</script>');
  writeFileSync(join(mediaDir, 'cell.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  const { service } = openTestService();
  const server = createWebServer({ handlers: service, staticDir, mediaDir, token: TOKEN, port: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  close = async () => {
    server.close();
    await service.close();
  };
});

afterAll(() => close());

function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const call = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  send(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Interleave-Token': TOKEN, ...headers }, body: JSON.stringify(input) });

describe('the API over HTTP', () => {
  it('answers a call that carries the launch secret', async () => {
    const reply = await call('listDecks', {});
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, result: { decks: [{ name: 'Sample' }] } });
  });

  it('refuses to let the page name a file on disk to read or write, even with the secret (403)', async () => {
    for (const [method, input] of [
      ['importFile', { path: '/etc/passwd' }],
      ['startImport', { path: '/dev/zero', dryRun: true }],
      ['exportTo', { format: 'md', path: '/tmp/out.md' }],
    ] as const) {
      const reply = await call(method, input);
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body).error.message).toMatch(/cannot name a file on disk/);
    }
  });

  it('refuses a call without the secret or with a wrong one (403)', async () => {
    expect((await call('listDecks', {}, { 'X-Interleave-Token': '' })).status).toBe(403);
    expect((await call('listDecks', {}, { 'X-Interleave-Token': 'guess' })).status).toBe(403);
  });

  it('refuses a page from another origin and a foreign Host header (DNS rebinding) with 403', async () => {
    expect((await call('listDecks', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('listDecks', {}, { Host: `evil.example:${port}` })).status).toBe(403);
    expect((await send('/', { headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await call('listDecks', {}, { Origin: `http://localhost:${port}` })).status).toBe(200);
  });

  it('refuses Host names that only begin or end like this server’s, and a missing or other port', async () => {
    const foreign = [
      `localhost.evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `evil.example.localhost:${port}`,
      `localhost.:${port}`,
      `127.0.0.1.:${port}`,
      'localhost',
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `localhost:${port}0`,
      `127.0.0.1:${port}@evil.example`,
      `127.0.0.1:${port}:${port}`,
    ];
    for (const host of foreign) {
      const reply = await call('listDecks', {}, { Host: host });
      expect(reply.status, host).toBe(403);
      expect(JSON.parse(reply.body).error.message, host).toContain('is not this server');
      expect((await send('/', { headers: { Host: host } })).status, host).toBe(403);
    }
  });

  it('takes this server’s own Host in any letter case (host names ignore case)', async () => {
    for (const host of [`LOCALHOST:${port}`, `LocalHost:${port}`, `localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await call('listDecks', {}, { Host: host })).status, host).toBe(200);
    }
    expect((await call('listDecks', {}, { Host: `LOCALHOST:${port}`, Origin: `http://LOCALHOST:${port}` })).status).toBe(200);
  });

  it('validates the payload and says which field is wrong (400)', async () => {
    const reply = await call('answer', { cardId: 's-code/1', rating: 'perfect' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error).toMatchObject({ code: 'invalid_input', where: { field: 'rating' } });
    expect((await call('noSuchMethod', {})).status).toBe(400);
    expect((await send('/api/listDecks', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Interleave-Token': TOKEN }, body: '{not json' })).status).toBe(400);
  });

  it('keeps the service’s error codes: an unknown card is 404', async () => {
    const reply = await call('getCard', { cardId: 'missing/1' });
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body).error.message).toBe('No card with id "missing/1".');
  });
});

describe('files', () => {
  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const page = await send('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('never serves anything outside the renderer or media folders', async () => {
    for (const path of ['/../private.txt', '/%2e%2e/private.txt', '/..%2fprivate.txt', `/media/..%2fprivate.txt?t=${TOKEN}`, `/media/%2e%2e%2fprivate.txt?t=${TOKEN}`]) {
      expect((await send(path)).status, path).toBe(404);
    }
  });

  it('serves media only with the secret, and so that an SVG opened on its own runs nothing', async () => {
    expect((await send('/media/cell.svg')).status).toBe(403);
    const svg = await send(`/media/cell.svg?t=${TOKEN}`);
    expect(svg.status).toBe(200);
    expect(svg.headers['content-security-policy']).toContain('sandbox');
  });

  it('serves imported media that is not a picture or sound as opaque bytes, so the CSP’s self never covers it', async () => {
    for (const name of ['payload.js', 'page.html']) {
      const reply = await send(`/media/${name}?t=${TOKEN}`);
      expect(reply.headers['content-type']).toBe('application/octet-stream');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});
