// The packages the import budgets are measured on: one just under the media limit, a bomb past it, and a 300 MB package shaped like a real deck.
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import CRC32 from 'crc-32';
import { unzipSync } from 'fflate';
import type { ImportBundle, ImportedNote } from '../src/core/import/bundle';
import { DEFAULT_LIMITS } from '../src/core/import/bundle';
import { seededRandom } from '../src/core/simulation/seeded-random';
import { writeAnkiPackage } from '../src/main/export/anki-package';
import { crc32Combine } from '../src/main/store/prepared-line';

const MiB = 1024 ** 2;

/** An entry's content: stored bytes, or a raw deflate stream with the CRC and size of what it unpacks to. */
type Content = { stored: Uint8Array } | { deflated: Buffer; crc: number; size: number };

/**
 * Writes a zip a few entries at a time, so a package of hundreds of megabytes is never in memory
 * whole. Sizes must fit in 32 bits (the header can lie about the unpacked size, as a bomb does).
 */
class ZipWriter {
  private fd: number;
  private offset = 0;
  private central: Buffer[] = [];
  private count = 0;

  constructor(private readonly path: string) {
    this.fd = openSync(`${path}.partial`, 'w');
  }

  private write(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
    this.offset += bytes.length;
  }

  add(name: string, content: Content, claimedSize?: number): void {
    const nameBytes = Buffer.from(name, 'utf8');
    const method = 'stored' in content ? 0 : 8;
    const data = 'stored' in content ? content.stored : content.deflated;
    const crc = ('stored' in content ? CRC32.buf(content.stored) : content.crc) >>> 0;
    const size = claimedSize ?? ('stored' in content ? content.stored.length : content.size);
    const header = (signature: number, central: boolean) => {
      const b = Buffer.alloc(central ? 46 : 30);
      let at = 0;
      const u16 = (v: number) => ((at = b.writeUInt16LE(v, at)), undefined);
      const u32 = (v: number) => ((at = b.writeUInt32LE(v >>> 0, at)), undefined);
      u32(signature);
      if (central) u16(20);
      u16(20), u16(0x0800), u16(method), u16(0), u16(0x21), u32(crc), u32(data.length), u32(size), u16(nameBytes.length), u16(0);
      if (central) u16(0), u16(0), u16(0), u32(0), u32(this.offset);
      return b;
    };
    this.central.push(header(0x02014b50, true), nameBytes);
    this.write(header(0x04034b50, false));
    this.write(nameBytes);
    this.write(data);
    this.count++;
  }

  close(): void {
    const start = this.offset;
    for (const part of this.central) this.write(part);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    closeSync(this.fd);
    renameSync(`${this.path}.partial`, this.path);
  }
}

/**
 * `size` zero bytes as a raw deflate stream without ever holding them: one 64 MiB block of zeros
 * deflated with a sync flush, repeated (each piece stands alone), then an empty final block. The CRC
 * is combined from the block's.
 */
function zeros(size: number): { deflated: Buffer; crc: number; size: number } {
  const block = 64 * MiB;
  const piece = deflateRawSync(Buffer.alloc(block), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const pieceCrc = CRC32.buf(Buffer.alloc(block)) >>> 0;
  const parts: Buffer[] = [];
  let crc = 0;
  let left = size;
  for (; left >= block; left -= block) {
    parts.push(piece);
    crc = crc32Combine(crc, pieceCrc, block);
  }
  const rest = Buffer.alloc(left);
  parts.push(deflateRawSync(rest, { level: 9 })); // the last piece ends the stream
  crc = crc32Combine(crc, CRC32.buf(rest) >>> 0, left);
  return { deflated: Buffer.concat(parts), crc, size };
}

/** The entries of a small package of `notes` written by our own writer (its collection and placeholder). */
async function collectionEntries(notes: ImportedNote[]): Promise<[string, Uint8Array][]> {
  const bundle: ImportBundle = { format: 'bench', decks: [], noteTypes: [], notes, media: [], problems: [] };
  const entries = unzipSync(await writeAnkiPackage(bundle, { now: Date.UTC(2026, 10, 1) }));
  return Object.entries(entries).filter(([name]) => name !== 'media');
}

const note = (key: string, front: string, back: string): ImportedNote => ({
  key,
  deckName: 'Bench::Media',
  type: 'basic',
  fields: { Front: front, Back: back },
  format: 'html',
  tags: [],
  cards: [{ ord: 1, suspended: false, buried: false, flag: 0, reviews: [] }],
});

/** A package a few megabytes long whose one media file unpacks to just under the limit for one file. */
export async function nearCapPackage(path: string): Promise<void> {
  if (existsSync(path)) return;
  const zip = new ZipWriter(path);
  for (const [name, bytes] of await collectionEntries([note('anki:lecture', 'The lecture <video src="lecture.mp4">', 'notes')])) zip.add(name, { stored: bytes });
  zip.add('media', { stored: Buffer.from(JSON.stringify({ 0: 'lecture.mp4' })) });
  zip.add('0', zeros(DEFAULT_LIMITS.maxMediaFileBytes - 16 * MiB));
  zip.close();
}

/** A bomb: a media entry whose header claims a megabyte and that unpacks to eight times the limit for one file. */
export async function bombPackage(path: string): Promise<void> {
  if (existsSync(path)) return;
  const zip = new ZipWriter(path);
  for (const [name, bytes] of await collectionEntries([note('anki:bomb', 'A picture <img src="bomb.png">', 'of nothing')])) zip.add(name, { stored: bytes });
  zip.add('media', { stored: Buffer.from(JSON.stringify({ 0: 'bomb.png' })) });
  zip.add('0', zeros(8 * DEFAULT_LIMITS.maxMediaFileBytes), 1 * MiB);
  zip.close();
}

/**
 * 300 MB shaped like a real deck: 10,000 notes with ten reviews each, about 3,000 pictures and sound
 * files of 20 to 200 KB and three 5 MB videos, all incompressible (as JPEG and MP3 are), stored.
 */
export async function realShapedPackage(path: string): Promise<void> {
  if (existsSync(path)) return;
  const rand = seededRandom(11);
  const media: { name: string; size: number }[] = [];
  for (let i = 0; i < 2900; i++) media.push({ name: `${i % 3 === 0 ? 'sound' : 'figure'}-${i}.${i % 3 === 0 ? 'mp3' : 'jpg'}`, size: Math.floor((20 + rand() * 180) * 1024) });
  for (let i = 0; i < 3; i++) media.push({ name: `lecture-${i}.mp4`, size: 5 * 1000 * 1000 });
  const notes: ImportedNote[] = [];
  const day = 86_400_000;
  for (let i = 0; i < 10_000; i++) {
    const picture = media[i % 2900]!.name;
    let at = Date.UTC(2025, 0, 1) + Math.floor(rand() * 30 * day);
    const reviews = Array.from({ length: 10 }, () => {
      at += Math.floor((1 + rand() * 20) * day);
      return { at, rating: (rand() < 0.1 ? 1 : 3) as 1 | 3, durationMs: 3000 + Math.floor(rand() * 6000) };
    });
    notes.push({
      ...note(`anki:real${i}`, `Term ${i}: what does the figure show? <img src="${picture}">`, `Explanation ${i}, a sentence or two long, as real answers are.${i % 3 === 0 ? ` [sound:${picture}]` : ''}`),
      deckName: `Real::Part ${i % 20}`,
      cards: [{ ord: 1, suspended: false, buried: false, flag: 0, reviews }],
    });
  }
  const zip = new ZipWriter(path);
  for (const [name, bytes] of await collectionEntries(notes)) zip.add(name, { stored: bytes });
  zip.add('media', { stored: Buffer.from(JSON.stringify(Object.fromEntries(media.map((file, i) => [String(i), file.name])))) });
  media.forEach((file, i) => {
    const bytes = Buffer.allocUnsafe(file.size);
    for (let at = 0; at < bytes.length; at += 4) bytes.writeUInt32LE(Math.floor(rand() * 2 ** 32), Math.min(at, bytes.length - 4));
    zip.add(String(i), { stored: bytes });
  });
  zip.close();
}
