// Reads Interleave's own backup archive back into a bundle, with the same limits as any other archive.
import { z } from 'zod';
import { ImportError, type ImportBundle, type ImportLimits } from '../../core/import/bundle';
import { presetSchema } from '../../shared/contract';
import { BACKUP_COLLECTION, BACKUP_FORMAT, BACKUP_MANIFEST } from '../export/backup-archive';
import { ExtractionBudget } from './anki/budget';
import { checkMediaName } from './anki/media-name';
import { readZipEntries, type EntryUse, type ZipEntries } from './anki/zip-entries';
import type { ByteSource } from './byte-source';
import { memorySink, type MediaSink } from './media-sink';

const schedule = z.object({
  state: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  due: z.number().finite(),
  stability: z.number().finite(),
  difficulty: z.number().finite(),
  scheduledDays: z.number().finite(),
  learningSteps: z.number().int().min(0),
  reps: z.number().int().min(0),
  lapses: z.number().int().min(0),
  lastReview: z.number().finite().nullable(),
  decay: z.number().finite().positive().optional(),
  desiredRetention: z.number().finite().gt(0).lt(1).optional(),
});

/** A backup is untrusted like any file: its collection must have exactly the shape a bundle has. */
const bundleSchema = z.object({
  decks: z.array(z.object({ name: z.string().min(1).max(1000), description: z.string().max(10_000) })).max(100_000),
  noteTypes: z
    .array(
      z.object({
        key: z.string().min(1).max(300),
        name: z.string().max(300),
        kind: z.enum(['normal', 'cloze']),
        fields: z.array(z.string().max(300)).max(200),
        templates: z.array(z.object({ name: z.string().max(300), front: z.string(), back: z.string() })).max(200),
        css: z.string(),
      }),
    )
    .max(10_000),
  notes: z
    .array(
      z.object({
        key: z.string().min(1).max(300),
        deckName: z.string().min(1).max(1000),
        type: z.enum(['basic', 'reverse', 'cloze', 'keypoints', 'story', 'anki']),
        noteTypeKey: z.string().max(300).optional(),
        fields: z.record(z.string().max(300), z.string()),
        format: z.enum(['markdown', 'html']),
        tags: z.array(z.string().max(300)).max(1000),
        created: z.number().finite().optional(),
        modified: z.number().finite().optional(),
        cards: z
          .array(
            z.object({
              ord: z.number().int().min(1).max(10_000),
              suspended: z.boolean(),
              buried: z.boolean(),
              flag: z.number().int().min(0).max(7),
              deckName: z.string().min(1).max(1000).optional(),
              position: z.number().int().min(0).optional(),
              schedule: schedule.optional(),
              reviews: z.array(
                z.object({
                  at: z.number().finite(),
                  rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
                  durationMs: z.number().finite().min(0),
                  intervalDays: z.number().finite().optional(),
                  prior: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
                  after: schedule.optional(),
                }),
              ),
            }),
          )
          .max(10_000),
      }),
    )
    .max(5_000_000),
  presets: z.array(presetSchema).max(1000).optional(),
  deckPresets: z.record(z.string(), z.string()).optional(),
});

/** True when the zip carries Interleave's backup manifest (read from the central directory only). */
export async function isBackupArchive(source: ByteSource): Promise<boolean> {
  const name = new TextEncoder().encode(BACKUP_MANIFEST);
  // The manifest's name appears in the zip's directory; a cheap scan of the last 64 KiB finds it.
  const start = Math.max(0, source.size - 65_536);
  const tail = source.read(start, source.size - start);
  outer: for (let i = 0; i + name.length <= tail.length; i++) {
    for (let j = 0; j < name.length; j++) if (tail[i + j] !== name[j]) continue outer;
    return true;
  }
  return false;
}

export function readBackupArchive(source: ByteSource, fileName: string, limits: ImportLimits, sink: MediaSink = memorySink): ImportBundle {
  const budget = new ExtractionBudget(limits, fileName);
  const use = (name: string): EntryUse => (name === BACKUP_MANIFEST || name === BACKUP_COLLECTION ? 'memory' : name.startsWith('media/') ? 'media' : 'skip');
  const zip = readZipEntries(source, use, budget, sink);
  try {
    return readBackupEntries(zip, fileName, sink);
  } catch (error) {
    for (const content of zip.media.values()) sink.discard(content);
    throw error;
  }
}

function readBackupEntries(zip: ZipEntries, fileName: string, sink: MediaSink): ImportBundle {
  const manifestBytes = zip.entries.get(BACKUP_MANIFEST);
  const collectionBytes = zip.entries.get(BACKUP_COLLECTION);
  if (!manifestBytes || !collectionBytes) throw new ImportError(`${fileName}: the backup has no ${manifestBytes ? BACKUP_COLLECTION : BACKUP_MANIFEST}`, { file: fileName });
  let manifest: { format?: string; version?: number };
  let raw: unknown;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as typeof manifest;
    raw = JSON.parse(new TextDecoder().decode(collectionBytes));
  } catch (error) {
    throw new ImportError(`${fileName}: the backup's JSON cannot be read (${(error as Error).message})`, { file: fileName, entry: BACKUP_COLLECTION });
  }
  if (manifest?.format !== BACKUP_FORMAT.format || manifest.version !== BACKUP_FORMAT.version) {
    throw new ImportError(`${fileName}: not an Interleave backup of a known version (${String(manifest?.format)} ${String(manifest?.version)})`, { file: fileName });
  }
  const checked = bundleSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new ImportError(`${fileName}, ${BACKUP_COLLECTION}: ${issue.path.join('.') || '(top)'}: ${issue.message}`, { file: fileName, entry: BACKUP_COLLECTION });
  }
  const bundle = checked.data as unknown as ImportBundle;
  const problems: string[] = [];
  const media: ImportBundle['media'] = [];
  let mediaSkipped = 0;
  for (const [entry, content] of zip.media) {
    const checked = checkMediaName(entry.slice('media/'.length));
    if ('problem' in checked) {
      problems.push(`${fileName}, ${entry}: ${checked.problem}; not imported`);
      sink.discard(content);
      mediaSkipped++;
    } else media.push({ name: checked.name, ...content });
  }
  for (const [entry, why] of zip.unreadable) problems.push(`${fileName}, ${entry}: ${why}`);
  return { ...bundle, format: 'interleave-backup', media, problems, ...(mediaSkipped ? { mediaSkipped } : {}) };
}
