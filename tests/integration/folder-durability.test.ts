// Every file and folder the store relies on has its folder flushed after it appears, and every answer its line: what no kill test can show.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openTestService } from '../helpers/service';
import { tempFolder } from '../helpers/temp-folder';

/**
 * The calls that make a name appear in a folder, and the flushes of folders, in the order the
 * store made them. A SIGKILL cannot lose what the kernel holds, so only a power cut loses a name
 * whose folder was never flushed: a kill test passes either way, this record does not.
 */
const disk = vi.hoisted(() => {
  const events: { kind: 'appeared' | 'folder flushed' | 'written' | 'file flushed'; path: string }[] = [];
  const openFolders = new Map<number, string>();
  const openFiles = new Map<number, string>();
  return { events, openFolders, openFiles };
});

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const appeared = (path: unknown) => disk.events.push({ kind: 'appeared', path: String(path) });
  return {
    ...fs,
    openSync: (path: import('node:fs').PathLike, flags: import('node:fs').OpenMode = 'r', mode?: import('node:fs').Mode) => {
      const existed = fs.existsSync(path);
      const fd = fs.openSync(path, flags, mode);
      if (!existed && fs.existsSync(path)) appeared(path);
      if (fs.fstatSync(fd).isDirectory()) disk.openFolders.set(fd, String(path));
      else disk.openFiles.set(fd, String(path));
      return fd;
    },
    closeSync: (fd: number) => {
      disk.openFolders.delete(fd);
      disk.openFiles.delete(fd);
      return fs.closeSync(fd);
    },
    fsyncSync: (fd: number) => {
      fs.fsyncSync(fd);
      const folder = disk.openFolders.get(fd);
      if (folder !== undefined) disk.events.push({ kind: 'folder flushed', path: folder });
      const file = disk.openFiles.get(fd);
      if (file !== undefined) disk.events.push({ kind: 'file flushed', path: file });
    },
    fdatasyncSync: (fd: number) => {
      fs.fdatasyncSync(fd);
      const file = disk.openFiles.get(fd);
      if (file !== undefined) disk.events.push({ kind: 'file flushed', path: file });
    },
    writeSync: (fd: number, ...rest: unknown[]) => {
      const written = (fs.writeSync as (fd: number, ...args: unknown[]) => number)(fd, ...rest);
      const file = disk.openFiles.get(fd);
      if (file !== undefined) disk.events.push({ kind: 'written', path: file });
      return written;
    },
    mkdirSync: (path: import('node:fs').PathLike, options?: import('node:fs').MakeDirectoryOptions) => {
      const missing: string[] = [];
      for (let at = String(path); !fs.existsSync(at); at = dirname(at)) missing.unshift(at);
      const result = fs.mkdirSync(path, options);
      missing.forEach(appeared);
      return result;
    },
    renameSync: (from: import('node:fs').PathLike, to: import('node:fs').PathLike) => {
      fs.renameSync(from, to);
      appeared(to);
    },
    linkSync: (from: import('node:fs').PathLike, to: import('node:fs').PathLike) => {
      fs.linkSync(from, to);
      appeared(to);
    },
    createWriteStream: (path: import('node:fs').PathLike, options?: Parameters<typeof fs.createWriteStream>[1]) => {
      const stream = fs.createWriteStream(path, options);
      stream.once('open', () => appeared(path));
      return stream;
    },
  };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const { existsSync: exists } = await vi.importActual<typeof import('node:fs')>('node:fs');
  return {
    ...fs,
    open: async (path: import('node:fs').PathLike, flags?: string | number, mode?: import('node:fs').Mode) => {
      const existed = exists(path);
      const handle = await fs.open(path, flags, mode);
      if (!existed) disk.events.push({ kind: 'appeared', path: String(path) });
      return handle;
    },
    rename: async (from: import('node:fs').PathLike, to: import('node:fs').PathLike) => {
      await fs.rename(from, to);
      disk.events.push({ kind: 'appeared', path: String(to) });
    },
  };
});

/** Names that appeared under `root`, still exist, and whose folder was not flushed after they appeared. */
function unflushed(root: string): string[] {
  const out: string[] = [];
  disk.events.forEach((event, i) => {
    if (event.kind !== 'appeared' || !event.path.startsWith(root) || !existsSync(event.path)) return;
    // A later appearance of the same name is judged on its own.
    if (disk.events.slice(i + 1).some((later) => later.kind === 'appeared' && later.path === event.path)) return;
    const folder = dirname(event.path);
    if (!disk.events.slice(i + 1).some((later) => later.kind === 'folder flushed' && later.path === folder)) {
      out.push(`${event.path.slice(root.length + 1)}${statSync(event.path).isDirectory() ? '/' : ''}`);
    }
  });
  return out;
}

describe('a new data folder', () => {
  it('flushes every file and folder it relies on into its folder (the folder itself, lock, journal, snapshot, backups) and every answer before acknowledging it', async () => {
    disk.events.length = 0;
    const root = tempFolder('durable');
    // Two levels that do not exist yet: the app's own folder is often new on a first start.
    const dataDir = join(root, 'Interleave', 'data');
    const { service } = openTestService({ dataDir });
    expect(existsSync(join(dataDir, 'interleave.lock'))).toBe(true);
    expect(existsSync(join(dataDir, 'journal.jsonl'))).toBe(true);
    expect(unflushed(root)).toEqual([]);

    // An answer is acknowledged only once its line is flushed, and (the first time) the journal's name.
    for (let i = 0; i < 3; i++) {
      const next = await service.nextCard({});
      await service.answer({ cardId: next.card!.cardId, rating: 'good' });
      const journal = disk.events.filter((event) => event.path === join(dataDir, 'journal.jsonl')).map((event) => event.kind);
      expect(journal.lastIndexOf('file flushed')).toBeGreaterThan(journal.lastIndexOf('written'));
      expect(unflushed(root)).toEqual([]);
    }

    await service.store.snapshot();
    expect(existsSync(join(dataDir, 'snapshot.json'))).toBe(true);
    expect(unflushed(root)).toEqual([]);

    const backup = await service.store.backupNow(10);
    expect(existsSync(backup.path)).toBe(true);
    expect(unflushed(root)).toEqual([]);
    await service.close();
  });
});
