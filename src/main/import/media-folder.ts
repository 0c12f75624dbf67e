// The collection's media folder: imported files written under safe, unique names, never outside it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ImportCounts } from '../../shared/dto';
import type { ImportedMedia } from '../../core/import/bundle';
import { isMediaName } from '../files/contained-path';
import { writeFileDurably } from '../store/snapshot-file';
import { checkMediaName } from './anki/media-name';

export const MEDIA_DIR = 'media';

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export interface MediaPlan {
  /** Files to write, by final name. */
  writes: { name: string; bytes: Uint8Array; sha1: string }[];
  /** Names that had to change because a different file already had them: old -> new. */
  renames: Map<string, string>;
  counts: ImportCounts;
  messages: string[];
}

/**
 * Decides what each imported file becomes. A name is checked again here, whoever produced it. The
 * same name with the same content is already there (unchanged); with other content, the new file
 * gets `name-<first 8 of its SHA-1>.ext` and the notes are told about the new name.
 */
export function planMedia(dataDir: string, media: ImportedMedia[]): MediaPlan {
  const folder = join(dataDir, MEDIA_DIR);
  const plan: MediaPlan = { writes: [], renames: new Map(), counts: { added: 0, updated: 0, unchanged: 0, skipped: 0 }, messages: [] };
  const taken = new Map<string, string>();
  for (const file of media) {
    const checked = checkMediaName(file.name);
    if ('problem' in checked) {
      plan.counts.skipped++;
      plan.messages.push(`media ${JSON.stringify(file.name).slice(0, 80)}: ${checked.problem}; not imported`);
      continue;
    }
    const digest = sha1(file.bytes);
    let name = checked.name;
    const path = join(folder, name);
    const existing = taken.get(name) ?? (existsSync(path) ? sha1(readFileSync(path)) : null);
    if (existing === digest) {
      plan.counts.unchanged++;
      continue;
    }
    if (existing !== null) {
      const ext = extname(name);
      const renamed = `${name.slice(0, name.length - ext.length)}-${digest.slice(0, 8)}${ext}`;
      plan.renames.set(name, renamed);
      plan.messages.push(`media "${name}": a different file already has this name; imported as "${renamed}"`);
      name = renamed;
      if (existsSync(join(folder, name))) {
        plan.counts.unchanged++;
        continue;
      }
    }
    taken.set(name, digest);
    plan.writes.push({ name, bytes: file.bytes, sha1: digest });
    plan.counts.added++;
  }
  return plan;
}

/** Writes the planned files, each atomically, each only under a checked one-component name. */
export function writeMedia(dataDir: string, plan: MediaPlan): void {
  const folder = join(dataDir, MEDIA_DIR);
  mkdirSync(folder, { recursive: true });
  for (const file of plan.writes) {
    if (!isMediaName(file.name)) throw new Error(`refusing to write media named ${JSON.stringify(file.name)}`);
    writeFileDurably(join(folder, file.name), Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  }
}
