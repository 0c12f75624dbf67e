// An import's memory is bounded by design: media streams to temporary files under limits of their own; only the collection is held whole.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync, zipSync } from 'fflate';
import { ImportError } from '../../../src/core/import/bundle';
import { encodeMediaEntries, encodeMeta } from '../../../src/main/import/anki/anki-proto';
import { openRegularFile } from '../../../src/main/import/byte-source';
import { fileSink } from '../../../src/main/import/media-sink';
import { readImportFile } from '../../../src/main/import/read-import-file';
import { AppError } from '../../../src/shared/errors';
import { basicNote, fixture, json, packageOf, rezip, zstdRaw } from '../../helpers/anki-builder';
import { cli } from '../../helpers/cli';
import { refusal } from '../../helpers/refusal';
import { openTestService } from '../../helpers/service';
import { tempFolder } from '../../helpers/temp-folder';

const MiB = 1024 * 1024;

/** A package with one note and media files of the given sizes (zeros: a few KiB once deflated). */
async function withMedia(sizes: Record<string, number>): Promise<string> {
  const names = Object.keys(sizes);
  const pkg = rezip(await packageOf([basicNote('id:1', names.map((name) => `<img src="${name}">`).join(''), 'back')]), (entries) => {
    entries.media = json(Object.fromEntries(names.map((name, i) => [String(i), name])));
    names.forEach((name, i) => (entries[String(i)] = new Uint8Array(sizes[name]!)));
  });
  // rezip stores entries as they are: deflate them, as Anki does.
  const deflated = zipSync(Object.fromEntries(Object.entries(unzipSync(pkg)).map(([name, bytes]) => [name, [bytes, { level: 6 }]])));
  const file = join(tempFolder('pkg'), 'media.apkg');
  writeFileSync(file, deflated);
  return file;
}

function read(file: string, folder: string, limits = {}) {
  const source = openRegularFile(file, Number.MAX_SAFE_INTEGER);
  return readImportFile('media.apkg', source, { media: fileSink(folder), limits: { maxBytes: 64 * MiB, maxEntries: 1000, ...limits } }).finally(() => source.close());
}

const leftovers = (folder: string) => (existsSync(folder) ? readdirSync(folder) : []);

describe('media while reading a package', () => {
  it('is unpacked to a temporary file of the media folder as it streams, never into the bundle', async () => {
    const file = await withMedia({ 'lecture.mp4': 48 * MiB });
    const folder = join(tempFolder('data'), 'media');
    const bundle = await read(file, folder);
    const [media] = bundle.media;
    expect(media!.name).toBe('lecture.mp4');
    expect(media!.bytes).toBeUndefined();
    expect(media!.stored).toMatchObject({ size: 48 * MiB, sha1: createHash('sha1').update(new Uint8Array(48 * MiB)).digest('hex') });
    expect(media!.stored!.path.startsWith(folder)).toBe(true);
    expect(statSync(media!.stored!.path).size).toBe(48 * MiB);
  });

  it('of a latest package (zstd inside the zip) is unpacked to disk too, its checksum checked against the media list', async () => {
    const content = new Uint8Array(20 * MiB).fill(7);
    const sha1 = createHash('sha1').update(content).digest();
    const pkg = rezip(fixture('llmanki-test-deck-anki21b.apkg'), (entries) => {
      entries.media = zstdRaw(encodeMediaEntries([{ name: 'talk.webm', size: content.length, sha1 }]));
      entries['0'] = zstdRaw(content);
    });
    const file = join(tempFolder('pkg'), 'latest.apkg');
    writeFileSync(file, pkg);
    const folder = join(tempFolder('data'), 'media');
    const source = openRegularFile(file, Number.MAX_SAFE_INTEGER);
    const bundle = await readImportFile('latest.apkg', source, { media: fileSink(folder) }).finally(() => source.close());
    expect(bundle.media).toEqual([{ name: 'talk.webm', stored: { path: expect.stringContaining(folder), size: content.length, sha1: sha1.toString('hex') } }]);
    expect(bundle.problems).toEqual([]);
    // The compressed copy the zip held was removed once unpacked.
    expect(leftovers(folder)).toHaveLength(1);
  });

  it('is refused over the limit for one file, naming the entry and the limit, and nothing is left on disk', async () => {
    const file = await withMedia({ 'small.png': 1 * MiB, 'huge.mp4': 24 * MiB });
    const folder = join(tempFolder('data'), 'media');
    const error = await refusal(read(file, folder, { maxMediaFileBytes: 8 * MiB }), ImportError);
    expect(error.message).toMatch(/the media file (".*" \()?entry "1"\)? is larger than the limit of 8 MiB for one media file; nothing was imported/);
    expect(error.message).toContain('--media-file-limit');
    expect(error.where).toMatchObject({ entry: '1' });
    expect(leftovers(folder)).toEqual([]);
  });

  it('is refused when all of it passes the total limit, and nothing is left on disk', async () => {
    const file = await withMedia({ 'a.mp4': 6 * MiB, 'b.mp4': 6 * MiB });
    const folder = join(tempFolder('data'), 'media');
    const error = await refusal(read(file, folder, { maxMediaBytes: 10 * MiB }), ImportError);
    expect(error.message).toMatch(/the media files together are larger than the limit of 10 MiB/);
    expect(leftovers(folder)).toEqual([]);
  });
});

describe('the collection while reading a package', () => {
  it('is held in memory under a limit of its own, refused past it by name', async () => {
    const bomb = zipSync({ meta: encodeMeta({ version: 2 }), 'collection.anki21': [new Uint8Array(40 * MiB), { level: 9 }] });
    const file = join(tempFolder('pkg'), 'bomb.apkg');
    writeFileSync(file, bomb);
    const error = await refusal(read(file, join(tempFolder('data'), 'media'), { maxBytes: 16 * MiB }), ImportError);
    expect(error.message).toMatch(/"collection\.anki21" goes past the limit of 16 MiB of decompressed data held in memory/);
  });
});

describe('an import through the service', () => {
  it('links streamed media into place, leaves no temporary file, and refuses by the limits the service was given', async () => {
    const file = await withMedia({ 'lecture.mp4': 12 * MiB });
    const { service, dataDir } = openTestService({ decks: null });
    const summary = await service.importFile({ path: file });
    expect(summary.media).toMatchObject({ added: 1 });
    expect(statSync(join(dataDir, 'media', 'lecture.mp4')).size).toBe(12 * MiB);
    expect(readdirSync(join(dataDir, 'media'))).toEqual(['lecture.mp4']);
    await service.close();

    const limited = openTestService({ decks: null, importLimits: { maxMediaFileBytes: 4 * MiB } });
    const error = await refusal(limited.service.importFile({ path: file }));
    expect(error).toMatchObject({ code: 'parse_error' });
    expect(error.message).toMatch(/larger than the limit of 4 MiB for one media file/);
    expect(leftovers(join(limited.dataDir, 'media'))).toEqual([]);
    expect(readFileSync(join(limited.dataDir, 'journal.jsonl'), 'utf8')).not.toContain('"type":"import"');
    await limited.service.close();
    expect(error).toBeInstanceOf(AppError);
  });
});

describe('the limits from the command line', () => {
  it('are set with --media-file-limit (or INTERLEAVE_MEDIA_FILE_LIMIT), in units a person writes', { timeout: 120_000 }, async () => {
    const file = await withMedia({ 'lecture.mp4': 3 * MiB });
    const data = tempFolder('cli');
    const refused = cli(data, 'import', file, '--media-file-limit', '2MiB');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/larger than the limit of 2 MiB for one media file/);
    expect(cli(data, 'import', file, '--media-file-limit', 'two').err).toContain('--media-file-limit: "two" is not a size');
    const imported = cli(data, '--json', 'import', file, '--media-file-limit', '0.5GB');
    expect(imported.code).toBe(0);
    expect(imported.json().media).toMatchObject({ added: 1 });
  });
});
