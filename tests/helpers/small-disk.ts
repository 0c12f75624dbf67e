// A real, small file system for disk-fault tests: a tmpfs of a few megabytes that can be filled or made read-only.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

function run(...args: string[]): boolean {
  return spawnSync(args[0]!, args.slice(1), { stdio: 'ignore' }).status === 0;
}

/** Whether this machine lets the tests mount a file system (root, or a container that allows it). */
export const CAN_MOUNT = (() => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'mount-probe-'));
  const ok = run('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe);
  if (ok) run('umount', probe);
  rmSync(probe, { recursive: true, force: true });
  return ok;
})();

export const MOUNT_SKIP_REASON = 'needs to mount a small file system (root on Linux): skipped here';

const mounted: string[] = [];

export interface SmallDisk {
  /** The mount point; make data folders inside it. */
  dir: string;
  /** Writes a file until the disk has no room left; returns its path (remove it to free the space). */
  fill(): string;
  readOnly(): void;
  writable(): void;
}

/** Mounts a tmpfs of `megabytes`, unmounted when the test file ends. */
export function smallDisk(megabytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'small-disk-'));
  if (!run('mount', '-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir)) throw new Error(`could not mount a tmpfs on ${dir}`);
  mounted.push(dir);
  let fillers = 0;
  return {
    dir,
    fill() {
      const path = join(dir, `filler-${++fillers}`);
      const fd = openSync(path, 'w');
      const block = Buffer.alloc(64 * 1024, 1);
      try {
        for (let size = block.length; size >= 1; size = Math.floor(size / 2)) {
          try {
            for (;;) writeSync(fd, block, 0, size);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
      return path;
    },
    readOnly() {
      if (!run('mount', '-o', 'remount,ro', dir)) throw new Error(`could not make ${dir} read-only`);
    },
    writable() {
      if (!run('mount', '-o', 'remount,rw', dir)) throw new Error(`could not make ${dir} writable`);
    },
  };
}

afterAll(() => {
  for (const dir of mounted.splice(0)) {
    run('umount', '-l', dir);
    rmSync(dir, { recursive: true, force: true });
  }
});
