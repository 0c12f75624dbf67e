// Where an import's media files go while a package is read: to temporary files in the data folder, written as they are unpacked.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportedMedia } from '../../core/import/bundle';

/** One file being unpacked: its bytes arrive a chunk at a time. */
export interface MediaWriter {
  write(chunk: Uint8Array): void;
  /** The file is whole: its content as the bundle carries it. */
  finish(): MediaContent;
  /** Something went wrong: nothing of it is kept. */
  abort(): void;
}

/** A media file's content: in memory (small imports, tests) or in a temporary file of the data folder. */
export type MediaContent = Pick<ImportedMedia, 'bytes' | 'stored'>;

export interface MediaSink {
  begin(): MediaWriter;
  /** Removes every temporary file this sink made (after the import, or when it failed). */
  discard(content: MediaContent): void;
}

/** Keeps media in memory: for bytes read in tests and for small archives. */
export const memorySink: MediaSink = {
  begin() {
    const chunks: Uint8Array[] = [];
    let size = 0;
    return {
      write: (chunk) => {
        if (chunk.length) chunks.push(chunk.slice());
        size += chunk.length;
      },
      finish: () => {
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const chunk of chunks) (bytes.set(chunk, at), (at += chunk.length));
        return { bytes };
      },
      abort: () => (chunks.length = 0),
    };
  },
  discard: () => undefined,
};

/** Temporary media files are hidden (never a media name) and carry the import's token, so a failed import can remove all of its own. */
export const MEDIA_TEMP = /^\.import-[0-9a-f]+(-\d+)?\.tmp$/;

/**
 * Writes each file to `.import-<token>-<n>.tmp` in `folder` (the collection's media folder, so the
 * finished file is linked into place without a copy), hashing it on the way; flushed when finished.
 * Memory holds one chunk at a time whatever the file's size.
 */
export function fileSink(folder: string, token = randomBytes(6).toString('hex')): MediaSink & { token: string } {
  let count = 0;
  return {
    token,
    begin() {
      mkdirSync(folder, { recursive: true });
      const path = join(folder, `.import-${token}-${++count}.tmp`);
      const fd = openSync(path, 'wx');
      const hash = createHash('sha1');
      let size = 0;
      let open = true;
      const close = () => {
        if (open) closeSync(fd);
        open = false;
      };
      return {
        write(chunk) {
          for (let done = 0; done < chunk.length; ) done += writeSync(fd, chunk, done, chunk.length - done);
          hash.update(chunk);
          size += chunk.length;
        },
        finish() {
          fsyncSync(fd);
          close();
          return { stored: { path, size, sha1: hash.digest('hex') } };
        },
        abort() {
          close();
          rmSync(path, { force: true });
        },
      };
    },
    discard(content) {
      if (content.stored) rmSync(content.stored.path, { force: true });
    },
  };
}
