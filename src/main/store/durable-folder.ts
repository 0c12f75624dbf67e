// Folders whose entries survive a power cut: a new name is on disk only once its folder is flushed.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Flushes a folder, so the names created, renamed or linked in it are on disk. Flushing a file
 * (fsync, fdatasync) saves its bytes, not the entry that names it: without this, a power cut soon
 * after a file is created can leave the file's content written and no name pointing at it.
 */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms (Windows) cannot open a folder to flush it; the rename is still atomic there.
  }
}

/** Creates the folder and any missing parents, each flushed into the folder above it. */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let at = folder; !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.push(at);
  if (missing.length === 0) return;
  mkdirSync(folder, { recursive: true });
  // Deepest first: a parent's entry is flushed after the child's, which it holds.
  for (const created of missing) syncFolder(dirname(created));
}
