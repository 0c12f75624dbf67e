// The bytes of a file to import, read a piece at a time: a package of gigabytes is never held whole in memory.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../shared/errors';

export interface ByteSource {
  readonly size: number;
  /** The file it reads, when it reads one (a child process can then read it too). */
  readonly path?: string;
  /** Up to `length` bytes from `at` (fewer only at the end). */
  read(at: number, length: number): Uint8Array;
  close(): void;
}

/** Bytes already in memory (a file the window sent, a test's package). */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (at, length) => bytes.subarray(at, Math.min(bytes.length, at + length)), close: () => undefined };
}

export function isByteSource(value: Uint8Array | ByteSource): value is ByteSource {
  return !(value instanceof Uint8Array);
}

/**
 * A regular file of at most `maxBytes`, opened without blocking and checked through the open
 * descriptor: a FIFO would otherwise hold the service until someone writes to it, /dev/zero has no
 * end, and a name swapped between a check and the read proves nothing. Its size is fixed when opened.
 */
export function openRegularFile(path: string, maxBytes: number): ByteSource {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not_found', `No file at ${path}.`, { file: path });
    if (code === 'EISDIR') throw new AppError('invalid_input', `${path} is a folder; choose a file inside it.`, { file: path });
    throw new AppError('invalid_input', `${path} cannot be opened (${code ?? (error as Error).message}).`, { file: path });
  }
  let size: number;
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new AppError('invalid_input', `${path} is a folder; choose a file inside it.`, { file: path });
    if (!stat.isFile()) throw new AppError('invalid_input', `${path} is not a regular file (a device, pipe or socket); choose a deck file.`, { file: path });
    if (stat.size > maxBytes) throw new AppError('invalid_input', `${path} is ${stat.size} bytes; Interleave imports files of at most ${maxBytes} bytes.`, { file: path });
    size = stat.size;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let open = true;
  return {
    size,
    path,
    read(at, length) {
      const want = Math.max(0, Math.min(length, size - at));
      const buffer = Buffer.allocUnsafe(want);
      let done = 0;
      while (done < want) {
        const n = readSync(fd, buffer, done, want - done, at + done);
        if (n === 0) break; // the file shrank while being read: what is there is what is read
        done += n;
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, done);
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

/** The whole source in memory: for text files, which are parsed whole (and capped far lower). */
export function readAll(source: ByteSource): Uint8Array {
  return source.read(0, source.size);
}
