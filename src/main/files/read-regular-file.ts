// Reads a file named by the learner, refusing anything that is not a plain file of bounded size.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../shared/errors';

/**
 * The bytes of a regular file of at most `maxBytes`. Opened without blocking and checked through the
 * open descriptor: a FIFO would otherwise hold the service until someone writes to it, /dev/zero would
 * grow memory until the process dies, and a name swapped between a check and the read proves nothing.
 */
export function readRegularFile(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new AppError('not_found', `No file at ${path}.`, { file: path });
    if (code === 'EISDIR') throw new AppError('invalid_input', `${path} is a folder; choose a file inside it.`, { file: path });
    throw new AppError('invalid_input', `${path} cannot be opened (${code ?? (error as Error).message}).`, { file: path });
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new AppError('invalid_input', `${path} is a folder; choose a file inside it.`, { file: path });
    if (!stat.isFile()) throw new AppError('invalid_input', `${path} is not a regular file (a device, pipe or socket); choose a deck file.`, { file: path });
    if (stat.size > maxBytes) throw new AppError('invalid_input', `${path} is ${stat.size} bytes; Interleave imports files of at most ${maxBytes} bytes.`, { file: path });
    // Read to the end, whatever fstat said, but never past the limit (the file may grow meanwhile).
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stat.size - length, 64 * 1024), maxBytes + 1 - length));
      const n = chunk.length === 0 ? 0 : readSync(fd, chunk, 0, chunk.length, length);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new AppError('invalid_input', `${path} grew past ${maxBytes} bytes while it was read.`, { file: path });
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
}
