// Rolling daily backups of the snapshot and the journal, verified when made and before a restore.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gunzipSync, createGzip } from 'node:zlib';
import { makeFolder, syncFolder } from './durable-folder';
import { syncFile, writeFileDurably } from './snapshot-file';

export const BACKUPS_DIR = 'backups';
const MANIFEST = 'manifest.json';

export interface BackupManifest {
  createdAt: number;
  /** Journal position covered by the backed-up snapshot. */
  seq: number;
  files: Record<string, { bytes: number; sha256: string }>;
}

export interface BackupEntry {
  name: string;
  path: string;
  manifest: BackupManifest;
  bytes: number;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, '-').replace('Z', '');
}

/** Backups newest first; folders without a readable manifest are not offered. */
export function listBackups(dataDir: string): BackupEntry[] {
  const root = join(dataDir, BACKUPS_DIR);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    // Missing, or not a readable folder: no backup to offer. Making one then fails, and says why.
    return [];
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const path = join(root, name);
    try {
      const manifest = JSON.parse(readFileSync(join(path, MANIFEST), 'utf8')) as BackupManifest;
      const bytes = Object.keys(manifest.files).reduce((sum, file) => sum + statSync(join(path, `${file}.gz`)).size, 0);
      entries.push({ name, path, manifest, bytes });
    } catch {
      // incomplete (interrupted while being written) or damaged: not a backup to offer
    }
  }
  return entries.sort((a, b) => b.manifest.createdAt - a.manifest.createdAt);
}

async function gzipFile(source: string, target: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const input = createReadStream(source);
  input.on('data', (chunk) => {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  });
  await pipeline(input, createGzip({ level: 6 }), createWriteStream(target));
  syncFile(target);
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Copies the given files (already durable on disk) into a new backup folder. The folder gets its
 * final name only once every file and the manifest are written, so a crash never leaves a half
 * backup that looks whole.
 */
export async function createBackup(dataDir: string, files: Record<string, string>, seq: number, now: number): Promise<BackupEntry> {
  const root = join(dataDir, BACKUPS_DIR);
  makeFolder(root);
  const name = `backup-${stamp(now)}`;
  const temp = join(root, `.${name}.partial`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  const manifest: BackupManifest = { createdAt: now, seq, files: {} };
  const path = join(root, name);
  try {
    for (const [file, source] of Object.entries(files)) manifest.files[file] = await gzipFile(source, join(temp, `${file}.gz`));
    writeFileDurably(join(temp, MANIFEST), JSON.stringify(manifest, null, 2));
    syncFolder(temp);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  syncFolder(root);
  return { name, path, manifest, bytes: Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0) };
}

/** Keeps the newest `keep` backups and deletes the rest. */
export function pruneBackups(dataDir: string, keep: number): void {
  for (const entry of listBackups(dataDir).slice(keep)) rmSync(entry.path, { recursive: true, force: true });
}

/** The backup's files, unpacked and checked against the manifest's hashes; throws on any mismatch. */
export function readBackup(entry: BackupEntry): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const [file, expected] of Object.entries(entry.manifest.files)) {
    const content = gunzipSync(readFileSync(join(entry.path, `${file}.gz`)), { maxOutputLength: Math.max(1, expected.bytes) });
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (sha256 !== expected.sha256) throw new Error(`backup ${entry.name}: ${file} does not match its checksum`);
    out[file] = content;
  }
  return out;
}

/** Moves files aside into `damaged/<time>/` so a restore never destroys what it replaces. */
export function moveAside(dataDir: string, files: string[], now: number): string {
  // A folder of its own every time: two moves in the same millisecond (or under a fixed --now)
  // must not rename one journal over the other.
  let target = join(dataDir, 'damaged', stamp(now));
  for (let n = 2; existsSync(target); n++) target = join(dataDir, 'damaged', `${stamp(now)}-${n}`);
  makeFolder(target);
  for (const file of files) if (existsSync(join(dataDir, file))) renameSync(join(dataDir, file), join(target, file));
  syncFolder(target);
  syncFolder(dataDir);
  return target;
}
