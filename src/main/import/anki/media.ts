// A package's media: the media map (JSON in legacy packages, protobuf in the latest) names the numbered entries.
import { createHash } from 'node:crypto';
import type { ImportedMedia } from '../../../core/import/bundle';
import { decodeMediaEntries } from './anki-proto';
import { LimitExceeded, type ExtractionBudget } from './budget';
import { checkMediaName, showName } from './media-name';
import type { ZipEntries } from './zip-entries';
import { describe } from './zip-entries';
import { zstdDecompress } from './zstd';

interface Listed {
  /** The zip entry holding the file: its position in the list, as text. */
  entry: string;
  name: string;
  sha1?: Uint8Array;
}

/** At most this many names are spelled out in one problem message. */
const SHOWN = 10;

export function readMedia(zip: ZipEntries, zstd: boolean, budget: ExtractionBudget, problems: string[]): ImportedMedia[] {
  const file = budget.file;
  const mapBytes = zip.entries.get('media');
  if (!mapBytes) {
    const why = zip.unreadable.get('media');
    if (why) problems.push(`${file}: the media map ("media") could not be unpacked (${why}); no media was imported`);
    // Older AnkiDroid versions wrote packages without a media map: then there simply is no media.
    return [];
  }
  let listed: Listed[];
  try {
    listed = zstd ? latestList(zstdDecompress(mapBytes, 'media', budget)) : legacyList(mapBytes);
  } catch (error) {
    if (error instanceof LimitExceeded) throw error;
    problems.push(`${file}: the media map ("media") could not be read (${describe(error)}); no media was imported`);
    return [];
  }

  const media: ImportedMedia[] = [];
  const taken = new Set<string>();
  const refused: string[] = [];
  const missing: string[] = [];
  for (const item of listed) {
    const checked = checkMediaName(item.name);
    if ('problem' in checked) {
      refused.push(`${showName(item.name)} (${checked.problem})`);
      continue;
    }
    if (taken.has(checked.name)) {
      problems.push(`${file}: the media map names ${showName(checked.name)} twice; the second copy (entry "${item.entry}") was skipped`);
      continue;
    }
    const stored = zip.entries.get(item.entry);
    if (!stored) {
      const why = zip.unreadable.get(item.entry);
      missing.push(`"${item.entry}" ${showName(checked.name)}${why ? ` (${why})` : ''}`);
      continue;
    }
    let bytes: Uint8Array;
    try {
      bytes = zstd ? zstdDecompress(stored, item.entry, budget) : stored;
    } catch (error) {
      if (error instanceof LimitExceeded) throw error;
      missing.push(`"${item.entry}" ${showName(checked.name)} (${describe(error)})`);
      continue;
    }
    if (item.sha1?.length === 20 && !sameBytes(createHash('sha1').update(bytes).digest(), item.sha1)) {
      problems.push(`${file}: media ${showName(checked.name)} (entry "${item.entry}") does not match the checksum in the media map; it was imported as found`);
    }
    taken.add(checked.name);
    media.push({ name: checked.name, bytes });
  }
  if (refused.length) problems.push(`${file}: ${refused.length} media name(s) refused and their files skipped: ${shortList(refused)}`);
  if (missing.length) problems.push(`${file}: ${missing.length} media file(s) listed in the media map could not be read: ${shortList(missing)}`);
  return media;
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

function shortList(items: string[]): string {
  const shown = items.slice(0, SHOWN).join(', ');
  return items.length > SHOWN ? `${shown}, and ${items.length - SHOWN} more` : shown;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
