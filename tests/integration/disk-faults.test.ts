// A real full disk and a real read-only folder: codes and words of their own, nothing left behind, reading still works, clean stops.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { DataLock, LOCK_FILE } from '../../src/main/store/lock';
import { refusal } from '../helpers/refusal';
import { cli, CLI_ENV as env, ROOT as root } from '../helpers/cli';
import { openTestService } from '../helpers/service';
import { CAN_MOUNT, MOUNT_SKIP_REASON, smallDisk } from '../helpers/small-disk';
import { tempFolder } from '../helpers/temp-folder';

const NOW = '2026-03-02T10:00:00Z';
const FULL = 'The disk holding your data is full: nothing was lost; free space and try again';

/** Files a write in progress leaves: temporary snapshots, lock contents, media, backups. */
function temporaries(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name.endsWith('.tmp') || entry.name.endsWith('.partial')) found.push(join(at, entry.name));
      if (entry.isDirectory()) walk(join(at, entry.name));
    }
  };
  walk(dir);
  return found;
}

describe.skipIf(!CAN_MOUNT)(`a full disk (${CAN_MOUNT ? 'a 6 MB tmpfs' : MOUNT_SKIP_REASON})`, () => {
  it('refuses an answer with disk_full, saying nothing was lost, leaves no temporary, and answers again once space is freed', async () => {
    const disk = smallDisk(6);
    const dataDir = join(disk.dir, 'data');
    const { service } = openTestService({ dataDir });
    await service.answer({ cardId: 's-code/1', rating: 'good' });
    const filler = disk.fill();
    // The journal's last page may still hold a line or two; answer until the disk refuses.
    let answered = 0;
    let answer: AppError | null = null;
    while (!answer && answered < 100) {
      answer = await service.answer({ cardId: 's-bias-variance/1', rating: 'again' }).then(
        () => (answered++, null),
        (error: unknown) => error as AppError,
      );
    }
    expect(answer).toBeInstanceOf(AppError);
    if (!answer) return;
    expect(answer.code).toBe('disk_full');
    expect(answer.message).toContain(FULL);
    const snapshot = await refusal(service.store.snapshot());
    expect(snapshot.code).toBe('disk_full');
    expect(temporaries(dataDir)).toEqual([]);
    // Closing on a full disk still ends cleanly and lets go of the folder: the journal holds everything.
    await service.close();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    rmSync(filler);
    const again = openTestService({ dataDir });
    expect((await again.service.getCard({ cardId: 's-code/1' })).history).toHaveLength(1);
    expect((await again.service.getCard({ cardId: 's-bias-variance/1' })).history).toHaveLength(answered);
    await again.service.answer({ cardId: 's-bias-variance/1', rating: 'good' });
    await again.service.close();
  });

  it('opens a completely full disk read-only: decks, search and stats work, writes are refused, and no lock temporary is left', async () => {
    const disk = smallDisk(6);
    const dataDir = join(disk.dir, 'data');
    const first = openTestService({ dataDir });
    await first.service.answer({ cardId: 's-code/1', rating: 'good' });
    await first.service.close();
    disk.fill();
    const { service } = openTestService({ dataDir });
    const status = await service.status({});
    expect(status.ok).toBe(true);
    expect(status.readOnly).toMatchObject({ code: 'disk_full', message: expect.stringContaining('full') });
    expect((await service.listDecks({})).decks.map((deck) => deck.name)).toEqual(['Sample']);
    expect((await service.search({ query: '-is:new' })).total).toBe(1);
    expect((await service.stats({})).cards.total).toBe(16);
    const write = await refusal(service.answer({ cardId: 's-bias-variance/1', rating: 'good' }));
    expect(write.code).toBe('disk_full');
    await service.close();
    expect(temporaries(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('lets browser mode stop cleanly on SIGTERM when the disk filled up under it', async () => {
    const disk = smallDisk(6);
    const dataDir = join(disk.dir, 'data');
    const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/web/main.ts'), '--port', '0', '--data', dataDir, '--now', NOW], { cwd: root, env });
    let out = '';
    let err = '';
    server.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const url = await new Promise<URL>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Open: (\S+)/.exec(out);
        if (match) resolve(new URL(match[1]!));
      });
      void exited.then((code) => reject(new Error(`browser mode exited with ${code}: ${err}`)));
    });
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    // An answer the snapshot does not hold yet, so stopping has to try to write one.
    const reply = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: Number(url.port), path: '/api/answer', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Interleave-Token': token, Host: url.host } },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ cardId: 's-code/1', rating: 'good' }));
    });
    expect(JSON.parse(reply)).toMatchObject({ ok: true });
    disk.fill();
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).not.toMatch(/Unhandled|at .*\.ts:\d+/);
    expect(out).toContain('Stopped (SIGTERM)');
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    expect(temporaries(dataDir)).toEqual([]);
  });
});

describe.skipIf(!CAN_MOUNT)(`a read-only data folder (${CAN_MOUNT ? 'a tmpfs mounted read-only' : MOUNT_SKIP_REASON})`, () => {
  it('can be checked and browsed with a banner, and refuses writes with a message naming the folder', async () => {
    const disk = smallDisk(6);
    const dataDir = join(disk.dir, 'data');
    const first = openTestService({ dataDir });
    await first.service.answer({ cardId: 's-code/1', rating: 'good' });
    await first.service.close();
    disk.readOnly();
    try {
      const before = readdirSync(dataDir).sort();
      const { service } = openTestService({ dataDir });
      const status = await service.status({});
      expect(status.readOnly).toMatchObject({ code: 'read_only', message: expect.stringContaining(dataDir) });
      expect((await service.listDecks({})).decks.map((deck) => deck.name)).toEqual(['Sample']);
      expect((await service.search({ query: 'is:review OR is:learn' })).total).toBe(1);
      expect((await service.stats({})).cards.total).toBe(16);
      expect((await service.getCard({ cardId: 's-code/1' })).history).toHaveLength(1);
      expect((await service.check({})).ok).toBe(true);
      const write = await refusal(service.answer({ cardId: 's-bias-variance/1', rating: 'good' }));
      expect(write.code).toBe('read_only');
      expect(write.message).toContain(`${dataDir} cannot be written`);
      await service.close();
      expect(readdirSync(dataDir).sort()).toEqual(before);

      const decks = cli(dataDir, 'decks');
      expect(decks.code).toBe(0);
      expect(decks.out).toContain('Sample');
      expect(decks.err).toMatch(/read-only/);
      expect(cli(dataDir, '--json', 'check').json()).toMatchObject({ ok: true });
      const answer = cli(dataDir, '--json', 'answer', 's-bias-variance/1', 'good');
      expect(answer.code).toBe(5);
      expect(answer.json().error).toMatchObject({ code: 'read_only' });
    } finally {
      disk.writable();
    }
  });
});

describe('a lock left by another host name', () => {
  const foreignLock = (dir: string) =>
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, host: 'old-name', processStart: null, since: Date.UTC(2026, 2, 1), purpose: 'the desktop app', token: 'theirs' }));

  it('is never taken silently: the message says what to do, and --take-over-lock takes it once asked', () => {
    const dataDir = tempFolder('cli');
    expect(cli(dataDir, 'decks').code).toBe(0);
    foreignLock(dataDir);
    const refused = cli(dataDir, 'decks');
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('on host "old-name"');
    expect(refused.err).toContain(`this machine is "${hostname()}"`);
    expect(refused.err).toContain('--take-over-lock');
    const taken = cli(dataDir, '--json', '--take-over-lock', 'decks');
    expect(taken.code).toBe(0);
    expect(taken.json().decks[0].name).toBe('Sample');
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('is taken over only when asked, and a live holder on this machine never is', () => {
    const dir = tempFolder('lock');
    mkdirSync(dir, { recursive: true });
    foreignLock(dir);
    expect(() => DataLock.acquire(dir, 'test', Date.now())).toThrow(/old-name/);
    const taken = DataLock.acquire(dir, 'test', Date.now(), {}, { takeOverFromOtherHost: true });
    expect(() => DataLock.acquire(dir, 'other', Date.now(), {}, { takeOverFromOtherHost: true })).toThrow(/in use by process/);
    taken.release();
  });
});
