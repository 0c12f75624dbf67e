// The append-only journal: one checksummed JSON line per event, flushed to disk before it counts.
import { isAscii } from 'node:buffer';
import { closeSync, existsSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync, writev } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import CRC32 from 'crc-32';
import type { JournalEvent, SequencedEvent } from '../../core/collection/events';
import { syncFolder } from './durable-folder';
import { preparedPieces, type PreparedLine } from './prepared-line';

export const JOURNAL_FILE = 'journal.jsonl';

/** Each line is `JSON<TAB>crc32-hex<LF>`. JSON.stringify never emits a raw tab, so the last tab splits. */
export function encodeLine(seq: number, event: JournalEvent): string {
  const json = JSON.stringify({ seq, ...event });
  return `${json}\t${crcHex(json)}\n`;
}

function crcHex(text: string): string {
  return (CRC32.str(text) >>> 0).toString(16).padStart(8, '0');
}

export interface JournalDamage {
  /** 1-based line number within the part read. */
  line: number;
  byte: number;
  problem: string;
}

export interface ScanResult {
  /** How many events were read. */
  count: number;
  /** Byte offset just past the last good line. */
  goodEnd: number;
  lastSeq: number;
  /** The final line was incomplete or garbled (a write cut short): it is not part of the journal. */
  torn: { byte: number; bytes: number; problem: string } | null;
  /** A bad line followed by more lines: real damage, reported and never written over. */
  damage: JournalDamage | null;
}

export interface ReadResult extends ScanResult {
  events: SequencedEvent[];
}

const CHUNK = 8 * 1024 * 1024;

/**
 * Reads the journal from byte `from` (where the event numbered `expectSeq` must start) to its end,
 * in chunks, handing each event to `onEvent` without keeping them: a million reviews fit in a
 * bounded amount of memory. A bad line that is the last thing in the file is a torn write; a bad
 * line with good lines after it, or a break in the sequence numbers, is damage.
 */
export function scanJournal(path: string, from: number, expectSeq: number, onEvent: (event: SequencedEvent) => void, options: ScanOptions = {}): ScanResult {
  const steps = scanJournalInSteps(path, from, expectSeq, onEvent, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

export interface ScanOptions {
  /** Stop after the event with this sequence number. */
  untilSeq?: number;
  /** Bytes read per piece (per step of scanJournalInSteps). */
  chunkBytes?: number;
  /**
   * Hand each event as parsed, its `seq` still in it, for a caller that only applies or records it
   * (a replay): a copy of a million events without it costs a noticeable part of the replay.
   */
  eventsWithSeq?: boolean;
}

/**
 * As scanJournal, a piece of `chunkBytes` at a time: each `next()` reads one piece and hands on
 * its events, so a caller can replay a journal of a million events between other work.
 */
export function* scanJournalInSteps(
  path: string,
  from: number,
  expectSeq: number,
  onEvent: (event: SequencedEvent) => void,
  { untilSeq = Number.POSITIVE_INFINITY, chunkBytes = CHUNK, eventsWithSeq = false }: ScanOptions = {},
): Generator<void, ScanResult> {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let lastSeq = expectSeq - 1;
    let count = 0;
    let line = 1;
    let lineStart = from; // file offset of the first byte of `pending`
    // The start of a line that goes on in the next piece, in pieces: a line of tens of megabytes
    // (an import) is put together once, not copied again with every piece.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let offset = from;
    const chunk = Buffer.allocUnsafe(chunkBytes);
    while (true) {
      if (offset > from) yield;
      const n = offset < size ? readSync(fd, chunk, 0, Math.min(chunkBytes, size - offset), offset) : 0;
      offset += n;
      const atEnd = n === 0 || offset >= size;
      const fresh = chunk.subarray(0, n);
      if (pendingBytes > 0 && !atEnd && fresh.indexOf(0x0a) < 0) {
        pending.push(Buffer.from(fresh));
        pendingBytes += n;
        continue;
      }
      const bytes = pendingBytes > 0 ? Buffer.concat([...pending, fresh]) : fresh;
      // Reviews are plain ASCII: their text is then a copy of the bytes, nothing to decode.
      const ascii = isAscii(bytes);
      let pos = 0;
      while (pos < bytes.length) {
        const newline = bytes.indexOf(0x0a, pos);
        if (newline < 0 && !atEnd) break; // the rest of this line is in the next chunk
        const end = newline < 0 ? bytes.length : newline;
        const parsed = newline < 0 ? { error: 'the line has no end (the write was cut short)' } : decodeLineBytes(bytes, pos, end, { ascii, withSeq: eventsWithSeq });
        if ('error' in parsed || parsed.seq !== lastSeq + 1) {
          const message = 'error' in parsed ? parsed.error : `sequence number ${parsed.seq} follows ${lastSeq}`;
          const byte = lineStart + pos;
          const restStart = newline < 0 ? size : byte + (end - pos) + 1;
          if ('error' in parsed && onlyBlankAfter(fd, restStart, size)) {
            return { count, goodEnd: byte, lastSeq, torn: { byte, bytes: size - byte, problem: message }, damage: null };
          }
          return { count, goodEnd: byte, lastSeq, torn: null, damage: { line, byte, problem: message } };
        }
        onEvent({ seq: parsed.seq, event: parsed.event });
        count++;
        lastSeq = parsed.seq;
        pos = end + 1;
        line++;
        if (lastSeq >= untilSeq) return { count, goodEnd: lineStart + pos, lastSeq, torn: null, damage: null };
      }
      pending = pos < bytes.length ? [Buffer.from(bytes.subarray(pos))] : [];
      pendingBytes = bytes.length - pos;
      lineStart += pos;
      if (atEnd) return { count, goodEnd: lineStart, lastSeq, torn: null, damage: null };
    }
  } finally {
    closeSync(fd);
  }
}

/** Zeros and newlines only from `start` to the end: what a filesystem leaves after a cut-off write. */
function onlyBlankAfter(fd: number, start: number, size: number): boolean {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(0, size - start)));
  for (let at = start; at < size; ) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - at), at);
    if (n === 0) break;
    for (let i = 0; i < n; i++) if (buffer[i] !== 0 && buffer[i] !== 0x0a) return false;
    at += n;
  }
  return true;
}

/** Bytes of the file from `from` to its end (torn tails; a byte before a position). */
export function readBytes(path: string, from: number, length = Number.POSITIVE_INFINITY): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const total = Math.max(0, Math.min(length, size - from));
    const buffer = Buffer.alloc(total);
    let read = 0;
    while (read < total) {
      const n = readSync(fd, buffer, read, total - read, from + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Every event from `from` on, kept in memory: the tail after a snapshot, to be applied and recorded
 * (so each event keeps its `seq`, as a replay hands it: no copy of every line without it).
 */
export function readJournal(path: string, from: number, expectSeq: number): ReadResult {
  const events: SequencedEvent[] = [];
  const result = scanJournal(path, from, expectSeq, (event) => events.push(event), { eventsWithSeq: true });
  return { ...result, events };
}

/** One line's event, or what is wrong with it (a checksum that does not match, text that is not JSON). */
export function decodeLine(text: string): { seq: number; event: JournalEvent } | { error: string } {
  const bytes = Buffer.from(text, 'utf8');
  return decodeLineBytes(bytes, 0, bytes.length);
}

/**
 * As decodeLine, for the line's bytes from `start` to `end`: the checksum is taken over the bytes
 * as they are on disk (the same CRC-32 of the same UTF-8 the writer took over its text), before
 * anything is decoded, so a replay spends no time on a checksum in JavaScript or on text it drops.
 */
export function decodeLineBytes(bytes: Buffer, start: number, end: number, { ascii = false, withSeq = false } = {}): { seq: number; event: JournalEvent } | { error: string } {
  const tab = bytes.lastIndexOf(0x09, end - 1);
  if (tab < start) return { error: 'the line has no checksum' };
  // A plain view of the bytes (a Buffer's subarray costs more, a million times over).
  const json = new Uint8Array(bytes.buffer, bytes.byteOffset + start, tab - start);
  if ((crc32(json) >>> 0).toString(16).padStart(8, '0') !== bytes.toString('latin1', tab + 1, end)) return { error: 'the checksum does not match the line' };
  try {
    const parsed = JSON.parse(bytes.toString(ascii ? 'latin1' : 'utf8', start, tab)) as { seq: number } & JournalEvent;
    if (withSeq && parsed !== null && typeof parsed === 'object') return journalEvent(parsed.seq, parsed);
    const { seq, ...event } = parsed;
    return journalEvent(seq, event);
  } catch (error) {
    return { error: `the line is not valid JSON (${(error as Error).message})` };
  }
}

function journalEvent(seq: unknown, event: { type?: unknown }): { seq: number; event: JournalEvent } | { error: string } {
  if (!Number.isInteger(seq) || typeof event.type !== 'string') return { error: 'the line is not a journal event' };
  return { seq: seq as number, event: event as JournalEvent };
}

const SEQ_PREFIX = /^\{"seq":(\d+),/;

/**
 * Checks the journal's lines up to byte `until` without decoding them: each line's checksum and its
 * sequence number. Asynchronous, in chunks, so it can run in the background while the learner
 * studies; opening never reads the part a snapshot covers, so damage there is found only this way.
 */
export async function verifyJournal(path: string, until: number, chunkBytes = CHUNK): Promise<JournalDamage | null> {
  const handle = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(1, until)));
    const line = new LineCheck();
    let offset = 0;
    let number = 1;
    while (offset < until) {
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, until - offset), offset);
      if (bytesRead === 0) break;
      // Lines are checked as bytes, a piece at a time: a line of tens of megabytes (an install, an
      // import) is never put together, copied or decoded, and a character cut by a chunk is never garbled.
      let from = 0;
      for (let newline = chunk.indexOf(0x0a, 0); newline >= 0 && newline < bytesRead; newline = chunk.indexOf(0x0a, from)) {
        line.add(chunk, from, newline);
        const problem = line.problem(number);
        if (problem) return { line: number, byte: line.start, problem };
        number++;
        line.reset(offset + newline + 1);
        from = newline + 1;
      }
      line.add(chunk, from, bytesRead);
      offset += bytesRead;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** A tab and eight hex digits: how every line ends before its newline. */
const CHECKSUM_BYTES = 9;
const HEAD_BYTES = 32;

/**
 * One journal line read in pieces: the CRC-32 of its bytes so far, all but the last nine (which
 * may be the tab and the checksum), its first bytes (the sequence number) and whether a tab came
 * anywhere, which is all the checks need. The verdicts are those of the line decoded whole: no
 * tab, no checksum; a checksum that is not that of the bytes before the line's last tab; a
 * sequence number out of turn.
 */
class LineCheck {
  start = 0;
  private crc = 0;
  private fed = 0;
  private tab = false;
  private readonly held = Buffer.alloc(2 * CHECKSUM_BYTES);
  private heldLength = 0;
  private readonly head = Buffer.alloc(HEAD_BYTES);
  private headLength = 0;

  reset(start: number): void {
    this.start = start;
    this.crc = 0;
    this.fed = 0;
    this.tab = false;
    this.heldLength = 0;
    this.headLength = 0;
  }

  /** Bytes `from` to `to` of `bytes`, the line's next piece. */
  add(bytes: Buffer, from: number, to: number): void {
    if (to <= from) return;
    if (this.headLength < HEAD_BYTES) this.headLength += bytes.copy(this.head, this.headLength, from, Math.min(to, from + HEAD_BYTES - this.headLength));
    if (to - from >= CHECKSUM_BYTES) {
      // What was held and all but the last nine bytes of this piece are the line's body for sure.
      this.feed(this.held, 0, this.heldLength);
      this.feed(bytes, from, to - CHECKSUM_BYTES);
      this.heldLength = bytes.copy(this.held, 0, to - CHECKSUM_BYTES, to);
      return;
    }
    this.heldLength += bytes.copy(this.held, this.heldLength, from, to);
    const over = this.heldLength - CHECKSUM_BYTES;
    if (over > 0) {
      this.feed(this.held, 0, over);
      this.held.copy(this.held, 0, over, this.heldLength);
      this.heldLength = CHECKSUM_BYTES;
    }
  }

  private feed(bytes: Buffer, from: number, to: number): void {
    if (to <= from) return;
    const piece = new Uint8Array(bytes.buffer, bytes.byteOffset + from, to - from);
    if (!this.tab && piece.indexOf(0x09) >= 0) this.tab = true;
    this.crc = crc32(piece, this.crc);
    this.fed += to - from;
  }

  /** What is wrong with the whole line, expected to be event number `expect`; null when nothing. */
  problem(expect: number): string | null {
    const held = this.held.subarray(0, this.heldLength);
    const lastTab = held.lastIndexOf(0x09);
    if (lastTab < 0 && !this.tab) return 'the line has no checksum';
    // The checksum is eight hex digits after the last tab: anything else never matches it.
    if (lastTab !== 0 || this.heldLength !== CHECKSUM_BYTES) return 'the checksum does not match the line';
    if ((this.crc >>> 0).toString(16).padStart(8, '0') !== held.toString('latin1', 1)) return 'the checksum does not match the line';
    const seq = SEQ_PREFIX.exec(this.head.toString('utf8', 0, Math.min(this.headLength, this.fed)));
    return !seq || Number(seq[1]) !== expect ? `the sequence number should be ${expect}` : null;
  }
}

/** Appends events; each append returns only once the line is on disk. */
export class JournalWriter {
  private fd: number;
  private broken: Error | null = null;
  size: number;
  lastSeq: number;

  constructor(path: string, size: number, lastSeq: number) {
    const created = !existsSync(path);
    this.fd = openSync(path, 'a');
    // The first line's fdatasync saves its bytes, not the journal's name in the folder.
    if (created) syncFolder(dirname(path));
    this.size = size;
    this.lastSeq = lastSeq;
  }

  /** Writes the event as the next line and flushes it (fdatasync). Returns its sequence number. */
  append(event: JournalEvent): number {
    return this.write((seq) => Buffer.from(encodeLine(seq, event), 'utf8'));
  }

  /**
   * As append, for an event serialised beforehand (a large import): only its number and checksum are
   * added now. Its bytes are written and flushed beside the event loop (tens of megabytes take
   * hundreds of milliseconds); the caller makes sure nothing else is appended until it resolves.
   */
  async appendPrepared(prepared: PreparedLine): Promise<number> {
    if (this.broken) throw this.broken;
    const seq = this.lastSeq + 1;
    const pieces = preparedPieces(seq, prepared).filter((piece) => piece.length > 0);
    let length = 0;
    for (const piece of pieces) length += piece.length;
    try {
      for (let queue = pieces; queue.length > 0; ) {
        let written = await new Promise<number>((resolve, reject) => writev(this.fd, queue.slice(0, 1024), (error, bytes) => (error ? reject(error) : resolve(bytes))));
        // A short write: drop what went out, keep the rest of a piece that was cut.
        while (queue.length > 0 && written >= queue[0]!.length) written -= queue.shift()!.length;
        if (written > 0) queue = [queue[0]!.subarray(written), ...queue.slice(1)];
      }
      await new Promise<void>((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve())));
    } catch (error) {
      this.repair(error);
      throw error;
    }
    this.size += length;
    this.lastSeq = seq;
    return seq;
  }

  /** A half-written line must not stay in front of the next one (disk full, I/O error). */
  private repair(error: unknown): void {
    try {
      ftruncateSync(this.fd, this.size);
    } catch {
      this.broken = new Error(`The journal could not be written or repaired: ${(error as Error).message}`);
    }
  }

  private write(line: (seq: number) => Buffer): number {
    if (this.broken) throw this.broken;
    const seq = this.lastSeq + 1;
    const buffer = line(seq);
    try {
      for (let written = 0; written < buffer.length; ) written += writeSync(this.fd, buffer, written, buffer.length - written);
      fdatasyncSync(this.fd);
    } catch (error) {
      this.repair(error);
      throw error;
    }
    this.size += buffer.length;
    this.lastSeq = seq;
    return seq;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}
