// Disk faults reported in their own words on any machine: the system's error injected where the store writes.
import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { refusal } from '../helpers/refusal';
import { openTestService } from '../helpers/service';

/** Which system error the next journal flush or snapshot write meets (null: none). */
const fault = vi.hoisted(() => ({ journal: null as string | null, snapshot: null as string | null }));

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected by the test, write`), { code });
}

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    fdatasyncSync: (fd: number) => {
      if (fault.journal) throw systemError(fault.journal);
      fs.fdatasyncSync(fd);
    },
  };
});

vi.mock('node:fs/promises', async (importOriginal) => {
  const fsp = await importOriginal<typeof import('node:fs/promises')>();
  const open = (async (...args: Parameters<typeof fsp.open>) => {
    const handle = await fsp.open(...args);
    if (!fault.snapshot) return handle;
    const code = fault.snapshot;
    // The file exists, half written, when the disk gives out.
    return Object.assign(Object.create(handle) as object, {
      writeFile: async (data: string | Uint8Array) => {
        await handle.writeFile(typeof data === 'string' ? data.slice(0, 100) : data.subarray(0, 100));
        throw systemError(code);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    });
  }) as typeof fsp.open;
  return { ...fsp, default: { ...fsp, open }, open };
});

describe('a disk fault while answering', () => {
  it.each([
    ['ENOSPC', 'disk_full', 'The disk holding your data is full: nothing was lost; free space and try again'],
    ['EDQUOT', 'disk_full', 'The disk holding your data is full'],
    ['EROFS', 'read_only', 'cannot be written'],
    ['EIO', 'disk_error', 'reported an error (EIO)'],
  ])('%s becomes %s with its own words, and the answer is not recorded', async (code, expected, words) => {
    const { service } = openTestService();
    try {
      fault.journal = code;
      const error = await refusal(service.answer({ cardId: 's-code/1', rating: 'good' }));
      expect(error.code).toBe(expected);
      expect(error.message).toContain(words);
      fault.journal = null;
      expect((await service.getCard({ cardId: 's-code/1' })).history).toEqual([]);
      await service.answer({ cardId: 's-code/1', rating: 'good' });
    } finally {
      fault.journal = null;
      await service.close();
    }
  });
});

describe('a disk fault while writing the snapshot', () => {
  it('is disk_full, removes the half-written temporary, and does not stop the folder from closing', async () => {
    const { service, dataDir } = openTestService();
    try {
      await service.answer({ cardId: 's-code/1', rating: 'good' });
      fault.snapshot = 'ENOSPC';
      const error = await refusal(service.store.snapshot());
      expect(error.code).toBe('disk_full');
      expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      await service.close();
      expect(service.store.closeProblem).toMatch(/nothing was lost/);
    } finally {
      fault.snapshot = null;
    }
  });
});
