// The data folder lock: one holder at a time, a lock never robbed from a live writer, dead ones taken over.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, vi } from 'vitest';
import { BOOT_TOLERANCE_MS, currentBootTime, DataLock, LOCK_FILE, UNREADABLE_GRACE_MS } from '../../src/main/store/lock';
import { tempFolder } from '../helpers/temp-folder';

// Lets one test stand on a file system without hard links (FAT, exFAT, some network shares), and
// records how files come to exist, with what size at that moment.
const fsControl = vi.hoisted(() => ({ hardLinks: true, created: [] as { path: string; how: 'open' | 'link'; bytes: number }[] }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const linkSync: typeof fs.linkSync = (existing, target) => {
    if (!fsControl.hardLinks) throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
    fs.linkSync(existing, target);
    fsControl.created.push({ path: String(target), how: 'link', bytes: fs.statSync(target).size });
  };
  const openSync = ((path: string, flags: string = 'r', mode?: number) => {
    const fd = fs.openSync(path, flags, mode);
    if (flags.includes('x')) fsControl.created.push({ path: String(path), how: 'open', bytes: 0 });
    return fd;
  }) as typeof fs.openSync;
  return { ...fs, linkSync, openSync };
});

const NOW = Date.UTC(2026, 2, 20);
const BOOT = Date.UTC(2026, 2, 19, 8, 0);
const lockPath = (dir: string) => join(dir, LOCK_FILE);
const lockOnDisk = (dir: string) => JSON.parse(readFileSync(lockPath(dir), 'utf8')) as Record<string, unknown>;

/** A pid no process has: one that just exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

/** A lock file of the current format; `boot` is left out as earlier versions did. */
function writeLock(dir: string, fields: { pid: number; processStart?: string | null; boot?: number }) {
  writeFileSync(lockPath(dir), JSON.stringify({ host: hostname(), processStart: null, since: NOW, purpose: 'other', token: 'their-token', ...fields }));
}

/** Sets a file's mtime `ms` into the past of the real clock. */
function age(path: string, ms: number) {
  const then = new Date(Date.now() - ms);
  utimesSync(path, then, then);
}

const acquire = (dir: string, clocks: { wallClock?: () => number; bootTime?: number } = {}) =>
  DataLock.acquire(dir, 'test', NOW, { bootTime: BOOT, ...clocks });

describe('the data folder lock (interleave.lock)', () => {
  it('is created whole: the lock file names this process and no temporary file is left beside it', () => {
    const dir = tempFolder('lock');
    const lock = acquire(dir);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    expect(lockOnDisk(dir)).toMatchObject({ pid: process.pid, host: hostname(), boot: BOOT, purpose: 'test', token: lock.info.token });
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('never creates the lock file empty: it appears by linking a file already written in full', () => {
    const dir = tempFolder('lock');
    fsControl.created = [];
    const lock = acquire(dir);
    const size = readFileSync(lockPath(dir)).length;
    expect(fsControl.created.filter((file) => file.path === lockPath(dir))).toEqual([{ path: lockPath(dir), how: 'link', bytes: size }]);
    expect(size).toBeGreaterThan(0);
    lock.release();
  });

  it('refuses a second acquire while held, naming the holder, and allows one after release', () => {
    const dir = tempFolder('lock');
    const first = acquire(dir);
    expect(() => acquire(dir)).toThrow(new RegExp(`in use by process ${process.pid} \\(test\\)`));
    first.release();
    acquire(dir).release();
  });

  it('counts an empty lock file younger than the grace period as held: its writer may not have written it yet', () => {
    const dir = tempFolder('lock');
    // An older version's writer between open(path, 'wx') and write(): the file exists, still empty.
    const writer = openSync(lockPath(dir), 'wx');
    try {
      expect(() => acquire(dir)).toThrow(expect.objectContaining({ code: 'data_locked', message: expect.stringMatching(/being opened by another process/) }));
      expect(readFileSync(lockPath(dir), 'utf8')).toBe(''); // still the writer's file
      // A few seconds later by the real clock it would still be held, just under the grace period.
      const mtime = Date.now();
      expect(() => acquire(dir, { wallClock: () => mtime + UNREADABLE_GRACE_MS - 500 })).toThrow(/being opened/);
    } finally {
      closeSync(writer);
    }
  });

  it.each([
    ['empty', ''],
    ['half-written', '{"pid": 12'],
    ['garbled', 'null'],
  ])('takes over a %s lock file older than the grace period, left by a crash', (_kind, content) => {
    const dir = tempFolder('lock');
    writeFileSync(lockPath(dir), content);
    const lock = acquire(dir, { wallClock: () => Date.now() + UNREADABLE_GRACE_MS + 1000 });
    expect(lockOnDisk(dir).token).toBe(lock.info.token);
    lock.release();
  });

  it('takes over a lock of the current format whose process is gone', () => {
    const dir = tempFolder('lock');
    writeLock(dir, { pid: deadPid() });
    const lock = acquire(dir);
    expect(lockOnDisk(dir).token).toBe(lock.info.token);
    lock.release();
  });

  it('takes over a lock written before this boot, though its pid is in use again and its start time unknown (macOS, Windows)', () => {
    const dir = tempFolder('lock');
    // Our own pid stands for the unrelated process that got the holder's pid after the reboot.
    writeLock(dir, { pid: process.pid, processStart: null, boot: BOOT - 3_600_000 });
    const lock = acquire(dir);
    expect(lockOnDisk(dir).token).toBe(lock.info.token);
    lock.release();
  });

  it('still counts a live pid as the holder when the boot times differ by less than the tolerance, or the lock has none', () => {
    const dir = tempFolder('lock');
    writeLock(dir, { pid: process.pid, boot: BOOT - BOOT_TOLERANCE_MS + 1000 });
    expect(() => acquire(dir)).toThrow(/in use by process/);
    writeLock(dir, { pid: process.pid });
    expect(() => acquire(dir)).toThrow(/in use by process/);
    writeLock(dir, { pid: process.pid, boot: BOOT + 3_600_000 }); // the wall clock was set back since
    expect(() => acquire(dir)).toThrow(/in use by process/);
  });

  it.skipIf(!existsSync('/proc/self/stat'))(
    'on Linux, trusts a matching process start time over a boot time the wall clock may have moved',
    () => {
      const dir = tempFolder('lock');
      const stat = readFileSync(`/proc/${process.pid}/stat`, 'utf8');
      const processStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
      writeLock(dir, { pid: process.pid, processStart, boot: BOOT - 3_600_000 });
      expect(() => acquire(dir)).toThrow(/in use by process/);
    },
  );

  it('computes the boot time from uptime, steady from call to call', () => {
    const a = currentBootTime();
    const b = currentBootTime();
    expect(Math.abs(a - b)).toBeLessThanOrEqual(1000);
    expect(a).toBeLessThanOrEqual(Date.now());
  });

  it('works on a file system without hard links, creating the lock file in place', () => {
    const dir = tempFolder('lock');
    fsControl.hardLinks = false;
    try {
      const lock = acquire(dir);
      expect(readdirSync(dir)).toEqual([LOCK_FILE]);
      expect(lockOnDisk(dir).token).toBe(lock.info.token);
      expect(() => acquire(dir)).toThrow(/in use by process/);
      lock.release();
    } finally {
      fsControl.hardLinks = true;
    }
  });

  it('removes a temporary file a crashed acquire left, but not one of an acquire under way', () => {
    const dir = tempFolder('lock');
    const leftover = join(dir, '.interleave.lock.12-aaaaaaaaaaaa.tmp');
    const underWay = join(dir, '.interleave.lock.13-bbbbbbbbbbbb.tmp');
    writeFileSync(leftover, '{}');
    writeFileSync(underWay, '{}');
    age(leftover, 120_000);
    acquire(dir).release();
    expect(readdirSync(dir)).toEqual([underWay.slice(dir.length + 1)]);
  });

  describe('the takeover file, which makes processes taking over a dead lock take turns', () => {
    it('leaves a stale lock alone while another process holds the takeover file', () => {
      const dir = tempFolder('lock');
      writeLock(dir, { pid: deadPid() });
      writeFileSync(join(dir, 'interleave.lock.takeover'), '1');
      expect(() => acquire(dir)).toThrow(/another process keeps taking it/);
      expect(lockOnDisk(dir).token).toBe('their-token');
    });

    it('clears a takeover file its process left more than 10 s ago, then takes over', () => {
      const dir = tempFolder('lock');
      writeLock(dir, { pid: deadPid() });
      writeFileSync(join(dir, 'interleave.lock.takeover'), '1');
      const lock = acquire(dir, { wallClock: () => Date.now() + 11_000 });
      expect(lockOnDisk(dir).token).toBe(lock.info.token);
      expect(existsSync(join(dir, 'interleave.lock.takeover'))).toBe(false);
    });
  });

  it('child processes racing for a free, a dead writer\'s, an old empty or an old garbled lock never hold it at once', async () => {
    const states: ((dir: string) => void)[] = [
      () => undefined,
      (dir) => writeLock(dir, { pid: deadPid() }),
      (dir) => (writeFileSync(lockPath(dir), ''), age(lockPath(dir), 60_000)),
      (dir) => (writeFileSync(lockPath(dir), '{"pid'), age(lockPath(dir), 60_000)),
    ];
    const dirs = states.map((prepare) => {
      const dir = tempFolder('lock-race');
      prepare(dir);
      return dir;
    });
    // Each child, on "go N", tries once for folder N; a holder keeps it 100 ms, checking that the lock
    // file stays its own and that no other holder has put down its marker meanwhile.
    const child = `
      const { DataLock } = await import(${JSON.stringify(join(import.meta.dirname, '../../src/main/store/lock.ts'))});
      const { closeSync, openSync, readFileSync, unlinkSync } = await import('node:fs');
      const { createInterface } = await import('node:readline');
      const dirs = JSON.parse(process.argv[1]);
      console.log('ready');
      for await (const line of createInterface({ input: process.stdin })) {
        const round = Number(line.split(' ')[1]); const dir = dirs[round];
        try {
          const lock = DataLock.acquire(dir, 'race', Date.now());
          try { closeSync(openSync(dir + '/holder', 'wx')); } catch { console.log('TWO HOLDERS ' + round); }
          for (const until = Date.now() + 100; Date.now() < until; ) {
            if (JSON.parse(readFileSync(dir + '/interleave.lock', 'utf8')).token !== lock.info.token) console.log('ROBBED ' + round);
          }
          unlinkSync(dir + '/holder');
          lock.release();
          console.log('HELD ' + round);
        } catch (error) {
          console.log('REFUSED ' + round + ' ' + (error.code ?? error.message));
        }
        console.log('done ' + round);
      }
    `;
    const children = Array.from({ length: 6 }, () => {
      const process_ = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', child, JSON.stringify(dirs)], { cwd: join(import.meta.dirname, '../..') });
      const lines: string[] = [];
      const waiters: { text: string; resolve: () => void }[] = [];
      createInterface({ input: process_.stdout }).on('line', (line) => {
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.text === line)) waiter.resolve();
      });
      const saw = (text: string) => (lines.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve })));
      return { process_, lines, saw };
    });
    try {
      await Promise.all(children.map((c) => c.saw('ready')));
      for (let round = 0; round < dirs.length; round++) {
        for (const c of children) c.process_.stdin.write(`go ${round}\n`);
        await Promise.all(children.map((c) => c.saw(`done ${round}`)));
      }
    } finally {
      for (const c of children) c.process_.stdin.end();
    }
    const lines = children.flatMap((c) => c.lines);
    expect(lines.filter((line) => /^(TWO HOLDERS|ROBBED)/.test(line))).toEqual([]);
    for (let round = 0; round < dirs.length; round++) {
      expect(lines.filter((line) => line === `HELD ${round}`).length, `round ${round}`).toBeGreaterThanOrEqual(1);
    }
    expect(lines.filter((line) => line.startsWith('REFUSED') && !line.endsWith('data_locked'))).toEqual([]);
  }, 30_000);
});
