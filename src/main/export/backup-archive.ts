// The full backup archive: notes, note types, decks, presets, every review, every media file, in one zip.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { ImportBundle } from '../../core/import/bundle';
import { isMediaName } from '../files/contained-path';
import { MEDIA_DIR } from '../import/media-folder';

export const BACKUP_MANIFEST = 'interleave-backup.json';
export const BACKUP_COLLECTION = 'collection.json';
export const BACKUP_FORMAT = { format: 'interleave-backup', version: 1 } as const;

/**
 * Writes the bundle (made with `exact`) and the media folder. The archive is plain JSON and files,
 * so a person can open it too; importing it into an empty collection gives the same schedule.
 */
export function writeBackupArchive(bundle: ImportBundle, dataDir: string, now: number): Uint8Array {
  const files: Zippable = {
    [BACKUP_MANIFEST]: new TextEncoder().encode(JSON.stringify({ ...BACKUP_FORMAT, createdAt: new Date(now).toISOString(), notes: bundle.notes.length })),
    [BACKUP_COLLECTION]: [new TextEncoder().encode(JSON.stringify({ ...bundle, media: [] })), { level: 6 }],
  };
  const mediaDir = join(dataDir, MEDIA_DIR);
  let names: string[] = [];
  try {
    names = readdirSync(mediaDir);
  } catch {
    names = [];
  }
  for (const name of names) {
    // Media is usually compressed already (images, audio): stored, not deflated again.
    if (isMediaName(name)) files[`media/${name}`] = [readFileSync(join(mediaDir, name)), { level: 0 }];
  }
  return zipSync(files);
}
