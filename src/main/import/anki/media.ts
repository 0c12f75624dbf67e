// A package's media: the media map (JSON in legacy packages, protobuf in the latest) names the numbered entries.
import { createHash } from 'node:crypto';
import type { ImportedMedia } from '../../../core/import/bundle';
import type { MediaContent, MediaSink } from '../media-sink';
import { decodeMediaEntries } from './anki-proto';
import { LimitExceeded, type ExtractionBudget } from './budget';
import { checkMediaName, showName } from './media-name';
import { ProblemExamples } from './problem-examples';
import { errorText } from './error-text';
import type { ZipEntries } from './zip-entries';
import { zstdDecompress, zstdDecompressMedia } from './zstd';

interface Listed {
  /** The zip entry holding the file: its position in the list, as text. */
  entry: string;
  name: string;
  sha1?: Uint8Array;
}

/**
 * The package's media files; `skipped` counts the files named in `problems` that were left out.
 * Entries the map does not list, or lists under a refused name, are discarded from the sink.
 */
export function readMedia(zip: ZipEntries, zstd: boolean, budget: ExtractionBudget, problems: string[], sink: MediaSink): { media: ImportedMedia[]; skipped: number } {
  const used = new Set<string>();
  try {
    return readListed(zip, zstd, budget, problems, sink, used);
  } finally {
    for (const [entry, content] of zip.media) if (!used.has(entry)) sink.discard(content);
  }
}

function readListed(zip: ZipEntries, zstd: boolean, budget: ExtractionBudget, problems: string[], sink: MediaSink, used: Set<string>): { media: ImportedMedia[]; skipped: number } {
  const file = budget.file;
  const mapBytes = zip.entries.get('media');
  if (!mapBytes) {
    const why = zip.unreadable.get('media');
    if (why) problems.push(`${file}: the media map ("media") could not be unpacked (${why}); no media was imported`);
    // Older AnkiDroid versions wrote packages without a media map: then there simply is no media.
    return { media: [], skipped: 0 };
  }
  let listed: Listed[];
  try {
    listed = zstd ? latestList(zstdDecompress(mapBytes, 'media', budget)) : legacyList(mapBytes);
  } catch (error) {
    if (error instanceof LimitExceeded) throw error;
    problems.push(`${file}: the media map ("media") could not be read (${errorText(error)}); no media was imported`);
    return { media: [], skipped: 0 };
  }

  const { maxEntries } = budget.limits;
  let skipped = 0;
  if (listed.length > maxEntries) {
    skipped += listed.length - maxEntries;
    // Each listed file needs an entry of its own, so a longer list cannot be honest.
    problems.push(`${file}: the media map lists ${listed.length} files, more than the ${maxEntries} entries an archive may have; only the first ${maxEntries} were looked for`);
    listed = listed.slice(0, maxEntries);
  }
  for (const item of listed) budget.mediaNames.set(item.entry, item.name);
  const media: ImportedMedia[] = [];
  const taken = new Set<string>();
  const refused = new ProblemExamples();
  const missing = new ProblemExamples();
  const mismatched = new ProblemExamples();
  for (const item of listed) {
    const checked = checkMediaName(item.name);
    if ('problem' in checked) {
      refused.add(`${showName(item.name)} (${checked.problem})`);
      continue;
    }
    if (taken.has(checked.name)) {
      refused.add(`${showName(checked.name)} (listed twice; the first copy was kept)`);
      continue;
    }
    const stored = zip.media.get(item.entry);
    if (!stored) {
      const why = zip.unreadable.get(item.entry);
      missing.add(`"${item.entry}" ${showName(checked.name)}${why ? ` (${why})` : ''}`);
      continue;
    }
    let content: MediaContent;
    try {
      // The compressed copy is released from the total as it is replaced by the unpacked one.
      if (zstd) budget.releaseMedia(stored.stored?.size ?? stored.bytes?.length ?? 0);
      used.add(item.entry);
      content = zstd ? zstdDecompressMedia(stored, item.entry, budget, sink) : stored;
    } catch (error) {
      if (error instanceof LimitExceeded) {
        for (const done of media) sink.discard(done);
        throw error;
      }
      missing.add(`"${item.entry}" ${showName(checked.name)} (${errorText(error)})`);
      continue;
    }
    const sha1 = content.stored?.sha1 ?? createHash('sha1').update(content.bytes ?? new Uint8Array(0)).digest('hex');
    if (item.sha1?.length === 20 && sha1 !== Buffer.from(item.sha1).toString('hex')) {
      mismatched.add(`"${item.entry}" ${showName(checked.name)}`);
    }
    taken.add(checked.name);
    media.push({ name: checked.name, ...content });
  }
  if (refused.count) problems.push(`${file}: ${refused.count} media name(s) refused and their files skipped: ${refused}`);
  if (missing.count) problems.push(`${file}: ${missing.count} media file(s) listed in the media map could not be read: ${missing}`);
  if (mismatched.count) {
    problems.push(`${file}: ${mismatched.count} media file(s) do not match their checksum in the media map and were imported as found: ${mismatched}`);
  }
  return { media, skipped: skipped + refused.count + missing.count };
}

/** Legacy packages: JSON `{"0": "name.jpg", …}`, the key naming the zip entry. */
function legacyList(bytes: Uint8Array): Listed[] {
  const map: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new Error('it is not a JSON object');
  const listed: Listed[] = [];
  for (const [entry, name] of Object.entries(map)) {
    if (!/^\d+$/.test(entry)) throw new Error(`its key ${showName(entry)} is not an entry number`);
    if (typeof name !== 'string') throw new Error(`entry "${entry}" has no file name`);
    listed.push({ entry, name });
  }
  return listed;
}

/** Latest packages: a protobuf MediaEntries list; the n-th entry is stored as zip entry "n". */
function latestList(bytes: Uint8Array): Listed[] {
  return decodeMediaEntries(bytes).map((item, index) => ({ entry: String(index), name: item.name, sha1: item.sha1 }));
}

