// Files the learner names are read only when they are plain files of bounded size.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRegularFile, readAll } from '../../src/main/import/byte-source';
import { tempFolder } from '../helpers/temp-folder';

/** The whole file, read through the checked descriptor. */
function readRegularFile(path: string, maxBytes: number): Buffer {
  const source = openRegularFile(path, maxBytes);
  try {
    return Buffer.from(readAll(source));
  } finally {
    source.close();
  }
}

describe('reading a file the learner named', () => {
  it('gives the bytes of a plain file', () => {
    const file = join(tempFolder(), 'deck.csv');
    writeFileSync(file, 'front,back\n');
    expect(readRegularFile(file, 1024).toString()).toBe('front,back\n');
  });

  it('refuses a file larger than the limit, naming its size', () => {
    const file = join(tempFolder(), 'big.csv');
    writeFileSync(file, 'x'.repeat(2048));
    expect(() => readRegularFile(file, 1024)).toThrow(/big\.csv is 2048 bytes; .* at most 1024 bytes/);
  });

  it('says when there is no such file, or when it is a folder', () => {
    const dir = tempFolder();
    expect(() => readRegularFile(join(dir, 'missing.apkg'), 1024)).toThrow(/No file at .*missing\.apkg/);
    mkdirSync(join(dir, 'decks'));
    expect(() => readRegularFile(join(dir, 'decks'), 1024)).toThrow(/is a folder/);
  });

  it.runIf(existsSync('/dev/zero'))('refuses a device instead of reading it until memory runs out', () => {
    expect(() => readRegularFile('/dev/zero', 1024)).toThrow(/not a regular file/);
  });

  it.runIf(process.platform !== 'win32')('refuses a named pipe at once instead of waiting for a writer', () => {
    const fifo = join(tempFolder(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(() => readRegularFile(fifo, 1024)).toThrow(/not a regular file/);
  });
});
