// An event serialised ahead of its commit a piece at a time, so that writing a 30 MB import line never holds the event loop for long.
import { crc32 } from 'node:zlib';
import type { JournalEvent } from '../../core/collection/events';

/** The line without its sequence number: `{"seq":N,` goes in front when it is committed. */
export interface PreparedLine {
  event: JournalEvent;
  /** The JSON of the event after its opening brace, as UTF-8, in pieces. */
  body: Buffer[];
  bytes: number;
  /** CRC-32 of the body alone; combined with the prefix's when the number is known. */
  crc: number;
}

/** Gives the event loop a turn; called between pieces once a slice of time is used up. */
export type Pause = () => Promise<void>;

const PIECE_ITEMS = 200;

/**
 * The same text JSON.stringify({ seq, ...event }) gives, made piece by piece: each top-level value,
 * and each element of the long arrays (notes, cards, reviews), is stringified on its own, with a
 * pause whenever `sliceMs` has passed since the last. Equal bytes: the journal cannot tell.
 */
export async function prepareLine(event: JournalEvent, pause: Pause, sliceMs = 8): Promise<PreparedLine> {
  const body: Buffer[] = [];
  let crc = 0;
  let bytes = 0;
  let slice = performance.now();
  const add = (text: string) => {
    const piece = Buffer.from(text, 'utf8');
    crc = crc32(piece, crc);
    bytes += piece.length;
    body.push(piece);
  };
  const breathe = async () => {
    if (performance.now() - slice < sliceMs) return;
    await pause();
    slice = performance.now();
  };
  let first = true;
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    let text = `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(value) || value.length <= PIECE_ITEMS) {
      add(text + JSON.stringify(value));
      continue;
    }
    text += '[';
    for (let at = 0; at < value.length; at += PIECE_ITEMS) {
      // A slice of the array stringified whole, its brackets dropped: the same text as its items
      // one by one, joined by commas (undefined and functions become null either way), in one call.
      const items = JSON.stringify(value.slice(at, at + PIECE_ITEMS));
      add(text + items.slice(1, -1));
      text = ',';
      await breathe();
    }
    add(']');
  }
  add('}');
  return { event, body, bytes, crc: crc >>> 0 };
}

/** The whole line for sequence number `seq`, in pieces: prefix, body, checksum and newline. */
export function preparedPieces(seq: number, prepared: PreparedLine): Buffer[] {
  const prefix = Buffer.from(`{"seq":${seq}${prepared.bytes > 1 ? ',' : ''}`, 'utf8');
  const crc = crc32Combine(crc32(prefix), prepared.crc, prepared.bytes);
  const tail = Buffer.from(`\t${crc.toString(16).padStart(8, '0')}\n`, 'utf8');
  return [prefix, ...prepared.body, tail];
}

/** The same line as one buffer. */
export function preparedBytes(seq: number, prepared: PreparedLine): Buffer {
  return Buffer.concat(preparedPieces(seq, prepared));
}

function matrixTimes(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i]!;
  return sum >>> 0;
}

function matrixSquare(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = matrixTimes(matrix, matrix[n]!);
}

/**
 * The CRC-32 of A followed by B from the CRCs of A and B and B's length (zlib's crc32_combine):
 * the body's checksum is computed while it is prepared, before its sequence number is known.
 */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320; // the CRC-32 polynomial, reflected
  for (let n = 1, row = 1; n < 32; n++, row = (row << 1) >>> 0) odd[n] = row;
  matrixSquare(even, odd); // one zero bit
  matrixSquare(odd, even); // two
  let crc = crcA >>> 0;
  let length = lengthB;
  do {
    matrixSquare(even, odd);
    if (length % 2) crc = matrixTimes(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    matrixSquare(odd, even);
    if (length % 2) crc = matrixTimes(odd, crc);
    length = Math.floor(length / 2);
  } while (length !== 0);
  return (crc ^ crcB) >>> 0;
}
