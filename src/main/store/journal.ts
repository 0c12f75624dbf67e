// The append-only journal: one checksummed JSON line per event, flushed to disk before it counts.
import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import CRC32 from 'crc-32';
import type { JournalEvent, SequencedEvent } from '../../core/collection/events';

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

export interface ReadResult {
  events: SequencedEvent[];
  /** Byte offset just past the last good line. */
  goodEnd: number;
  lastSeq: number;
  /** The final line was incomplete or garbled (a write cut short): it is not part of the journal. */
  torn: { byte: number; bytes: number; problem: string } | null;
  /** A bad line followed by more lines: real damage, reported and never written over. */
  damage: JournalDamage | null;
}

/**
 * Parses journal bytes starting at `baseOffset` (where `firstLine` is the line number there).
 * A bad line that is the last thing in the file is a torn write; a bad line with good lines after
 * it, or a break in the sequence numbers, is damage.
 */
export function parseJournal(bytes: Buffer, baseOffset: number, expectSeq: number, firstLine = 1): ReadResult {
  const events: SequencedEvent[] = [];
  let pos = 0;
  let line = firstLine;
  let lastSeq = expectSeq - 1;
  while (pos < bytes.length) {
    const newline = bytes.indexOf(0x0a, pos);
    const end = newline < 0 ? bytes.length : newline;
    const problem = newline < 0 ? 'the line has no end (the write was cut short)' : null;
    const parsed = problem ? { error: problem } : decodeLine(bytes.toString('utf8', pos, end));
    if ('error' in parsed || parsed.seq !== lastSeq + 1) {
      const message = 'error' in parsed ? parsed.error : `sequence number ${parsed.seq} follows ${lastSeq}`;
      const rest = bytes.subarray(newline < 0 ? bytes.length : newline + 1);
      const onlyTailLeft = newline < 0 || rest.every((b) => b === 0 || b === 0x0a);
      if (onlyTailLeft && 'error' in parsed) {
        return { events, goodEnd: baseOffset + pos, lastSeq, torn: { byte: baseOffset + pos, bytes: bytes.length - pos, problem: message }, damage: null };
      }
      return { events, goodEnd: baseOffset + pos, lastSeq, torn: null, damage: { line, byte: baseOffset + pos, problem: message } };
    }
    events.push({ seq: parsed.seq, event: parsed.event });
    lastSeq = parsed.seq;
    pos = end + 1;
    line++;
  }
  return { events, goodEnd: baseOffset + bytes.length, lastSeq, torn: null, damage: null };
}

function decodeLine(text: string): { seq: number; event: JournalEvent } | { error: string } {
  const tab = text.lastIndexOf('\t');
  if (tab < 0) return { error: 'the line has no checksum' };
  const json = text.slice(0, tab);
  if (crcHex(json) !== text.slice(tab + 1)) return { error: 'the checksum does not match the line' };
  try {
    const { seq, ...event } = JSON.parse(json) as { seq: number } & JournalEvent;
    if (!Number.isInteger(seq) || typeof (event as { type?: unknown }).type !== 'string') return { error: 'the line is not a journal event' };
    return { seq, event: event as JournalEvent };
  } catch (error) {
    return { error: `the line is not valid JSON (${(error as Error).message})` };
  }
}

/** Reads the file from `offset` to its end in one buffer. */
export function readFrom(path: string, offset: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.max(0, size - offset);
    const buffer = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const n = readSync(fd, buffer, read, length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Appends events; each append returns only once the line is on disk. */
export class JournalWriter {
  private fd: number;
  private broken: Error | null = null;
  size: number;
  lastSeq: number;

  constructor(path: string, size: number, lastSeq: number) {
    this.fd = openSync(path, 'a');
    this.size = size;
    this.lastSeq = lastSeq;
  }

  /** Writes the event as the next line and flushes it (fdatasync). Returns its sequence number. */
  append(event: JournalEvent): number {
    if (this.broken) throw this.broken;
    const seq = this.lastSeq + 1;
    const buffer = Buffer.from(encodeLine(seq, event), 'utf8');
    try {
      let written = 0;
      while (written < buffer.length) written += writeSync(this.fd, buffer, written, buffer.length - written);
      fdatasyncSync(this.fd);
    } catch (error) {
      // A half-written line must not stay in front of the next one (disk full, I/O error).
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        this.broken = new Error(`The journal could not be written or repaired: ${(error as Error).message}`);
      }
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
