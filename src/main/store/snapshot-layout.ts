// The snapshot's layout on disk: one JSON document whose first line is its head (all but the notes) and whose notes follow one to a line.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { CardRecord, NoteRecord } from '../../core/collection/types';
import type { RecentReviewRow } from '../../core/history/review-log';
import type { SnapshotData } from './snapshot-file';

/**
 * Written into the head: how to find the cards and notes without parsing them. The head line is
 * `headBytes` long and ends where the cards array opens; a newline follows, then the body: each
 * card's JSON on a line of its own (a comma ending every line but the last), the line
 * `],"notes":[`, each note's line the same way, and the closing `]}}`. The body is `bodyBytes` long
 * (the cards' lines `cardsBytes` of it) with CRC-32 `bodyCrc`, so its lines can be trusted before
 * they are read: bytes that match are the bytes written, which JSON.parse read back whole.
 */
export interface SnapshotLayout {
  bodyBytes: number;
  bodyCrc: number;
  cardsBytes: number;
  cards: number;
  /** The notes' ids in the order of their lines (the collection's own order). */
  noteIds: string[];
}

/** The reviews of the study day before the snapshot, so today's activity is known before the whole history is read. */
export interface RecentReviews {
  /** Every review of the history at or after this instant that is not undone is among `reviews`. */
  from: number;
  reviews: RecentReviewRow[];
}

/** The head's first bytes: its own length, padded with spaces (JSON whitespace) to a fixed width. */
const LENGTH_KEY = '{"headBytes":';
const LENGTH_WIDTH = 16;
/** How the head line ends: the cards array opens, and its lines follow. */
const CARDS_OPEN = '"cards":[';
/** The line between the cards and the notes. */
const NOTES_OPEN = '],"notes":[';
const BODY_END = ']}}';
/**
 * The body is read this much at a time. Each stretch of card lines becomes a string this long: kept
 * under V8's large-object size, it is made in memory already in use, while a megabyte-long one is
 * given fresh pages every time (which costs more than parsing it on these machines).
 */
const PIECE_BYTES = 96 * 1024;

/** Records per slice encoded at once: a slice's text is young garbage, a whole collection's is tens of megabytes three times over. */
const LINES_SLICE = 1000;

/**
 * One slice of records as lines of JSON (`,` between them, a newline after each; `last` says
 * whether the list ends with it). The slice is stringified whole and a newline put between
 * records: `},{"id":` with its quotes bare is found nowhere inside a string (JSON escapes them), so
 * it is a record ending where the next begins (each starts with its id). Counted to be sure: a
 * slice where it is not is encoded record by record.
 */
function sliceLines(slice: ReadonlyArray<{ id: string }>, last: boolean): Buffer {
  const end = last ? '\n' : ',\n';
  const text = Buffer.from(`${JSON.stringify(slice).slice(1, -1).replaceAll('},{"id":', '},\n{"id":')}${end}`);
  let count = 0;
  for (let at = text.indexOf(0x0a); at >= 0; at = text.indexOf(0x0a, at + 1)) count++;
  return count === slice.length ? text : Buffer.from(`${slice.map((record) => JSON.stringify(record)).join(',\n')}${end}`);
}

/**
 * The snapshot as the bytes of its file, in pieces to be written one after the other (the head
 * line, the cards' lines, the notes'): still one JSON document (anything that reads the file as
 * JSON reads the same data), laid out so that opening can parse the head and the cards alone.
 * `collection` is the last key of the document, and its cards and notes are its last keys. It
 * pauses (yields) after each slice of records, so that a caller can let other work run between
 * slices; the bytes are the same however it is driven.
 */
function* encodeSnapshot(data: SnapshotData): Generator<void, Buffer[]> {
  const { notes, cards, ...rest } = data.collection;
  const encode = function* (records: ReadonlyArray<{ id: string }>, into: Buffer[]): Generator<void, number> {
    let bytes = 0;
    for (let from = 0; from < records.length; from += LINES_SLICE) {
      const piece = sliceLines(records.slice(from, from + LINES_SLICE), from + LINES_SLICE >= records.length);
      into.push(piece);
      bytes += piece.length;
      yield;
    }
    return bytes;
  };
  // Encoded once each: lengths and checksum are taken from the bytes written.
  const body: Buffer[] = [];
  const cardsBytes = yield* encode(cards, body);
  body.push(Buffer.from(`${NOTES_OPEN}\n`));
  yield* encode(notes, body);
  body.push(Buffer.from(BODY_END));
  let bodyBytes = 0;
  let bodyCrc = 0;
  for (const piece of body) {
    bodyBytes += piece.length;
    bodyCrc = crc32(piece, bodyCrc);
  }
  const layout: SnapshotLayout = { bodyBytes, bodyCrc, cardsBytes, cards: cards.length, noteIds: notes.map((note) => note.id) };
  const { headBytes: _, layout: _old, collection: _collection, ...top } = data;
  const whole = JSON.stringify({ ...top, layout, collection: { ...rest, cards: [] } });
  // `..."cards":[]}}` without its `]}}`: the cards' lines go there.
  const open = whole.slice(1, -BODY_END.length);
  const head = (length: number) => `${LENGTH_KEY}${String(length).padEnd(LENGTH_WIDTH)},${open}`;
  const headBytes = Buffer.byteLength(head(0));
  return [Buffer.from(`${head(headBytes)}\n`), ...body];
}

/** The snapshot's bytes, encoded in one go. */
export function serializeSnapshot(data: SnapshotData): Buffer[] {
  const encoding = encodeSnapshot(data);
  for (;;) {
    const step = encoding.next();
    if (step.done) return step.value;
  }
}

/**
 * The same bytes, a thousand records at a time with a turn of the event loop between slices, so
 * that requests are answered while a large collection is encoded (seconds at 50,000 cards). The
 * records are the live ones, so `changed` is asked after every turn: when the collection moved on
 * meanwhile the encoding stops and null comes back (a snapshot must describe one moment).
 */
export async function serializeSnapshotInSlices(data: SnapshotData, changed: () => boolean): Promise<Buffer[] | null> {
  const encoding = encodeSnapshot(data);
  for (;;) {
    const step = encoding.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
    if (changed()) return null;
  }
}

/** A snapshot whose head and cards were read: the collection without its notes, and the notes still on disk. */
export interface SnapshotHead {
  /** The snapshot with `collection.notes` empty. */
  data: SnapshotData;
  recent: RecentReviews | null;
  body: SnapshotBody;
}

/**
 * Reads the head and the cards of a snapshot written in this layout, and checks the rest of the
 * file against the head (length, checksum, one line per note). Null when the file is not in this
 * layout or does not match it in any way: the caller then reads the whole file as JSON, as every
 * snapshot was read before, which also says where a damaged one is damaged.
 */
export function readSnapshotHead(path: string): SnapshotHead | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  let kept = false;
  try {
    const size = fstatSync(fd).size;
    const start = Buffer.alloc(LENGTH_KEY.length + LENGTH_WIDTH + 1);
    if (readFully(fd, start, 0) < start.length) return null;
    const match = /^\{"headBytes":(\d+) *,$/.exec(start.toString('latin1'));
    if (!match) return null;
    const headBytes = Number(match[1]);
    if (!(headBytes < size)) return null;
    const headBuffer = Buffer.allocUnsafe(headBytes + 1);
    if (readFully(fd, headBuffer, 0) < headBuffer.length || headBuffer[headBytes] !== 0x0a) return null;
    const headText = headBuffer.toString('utf8', 0, headBytes);
    if (!headText.endsWith(CARDS_OPEN)) return null;
    let data: SnapshotData & { layout?: SnapshotLayout; recent?: RecentReviews };
    try {
      data = JSON.parse(headText + BODY_END) as typeof data;
    } catch {
      return null;
    }
    const layout = data.layout;
    if (!layout || !Number.isInteger(layout.bodyBytes) || !Number.isInteger(layout.cardsBytes) || !Array.isArray(layout.noteIds) || headBytes + 1 + layout.bodyBytes !== size) return null;
    let body: ReturnType<typeof readBody>;
    try {
      body = readBody(fd, headBytes + 1, layout);
    } catch (error) {
      if (error instanceof NotThisLayout) return null;
      throw error;
    }
    if (!body) return null;
    data.collection.cards = body.cards;
    data.collection.notes = [];
    kept = true;
    return { data, recent: data.recent ?? null, body: new SnapshotBody(fd, layout.noteIds, body.noteStarts) };
  } finally {
    if (!kept) closeSync(fd);
  }
}

/**
 * Reads the body once, a piece at a time (never all of it in memory): the cards, parsed a stretch
 * of lines at a time; the checksum; and where each note's line starts. Null when anything does not
 * match the head.
 */
function readBody(fd: number, bodyStart: number, layout: SnapshotLayout): { cards: CardRecord[]; noteStarts: Float64Array } | null {
  const count = layout.noteIds.length;
  const cardsEnd = bodyStart + layout.cardsBytes;
  const notesStart = cardsEnd + NOTES_OPEN.length + 1;
  // noteStarts[i]: file offset of note i's line; noteStarts[count]: the closing line's.
  const noteStarts = new Float64Array(count + 1);
  noteStarts[0] = notesStart;
  let noteLines = 0;
  const cards: CardRecord[] = [];
  let crc = 0;
  // Byte 0 is kept for the `[` that makes a stretch of card lines one JSON array.
  const chunk = Buffer.allocUnsafe(1 + Math.min(PIECE_BYTES, Math.max(1, layout.bodyBytes)));
  // Bytes at chunk[1…] left from the last piece: the start of a card's line not ended yet.
  let carried = 0;
  for (let at = bodyStart; at < bodyStart + layout.bodyBytes; ) {
    const n = readSync(fd, chunk, 1 + carried, Math.min(chunk.length - 1 - carried, bodyStart + layout.bodyBytes - at), at);
    if (n === 0) return null;
    crc = crc32(chunk.subarray(1 + carried, 1 + carried + n), crc);
    // chunk[1 + i] holds the file's byte pieceStart + i.
    const pieceStart = at - carried;
    const pieceEnd = at + n;
    at = pieceEnd;
    carried = 0;
    if (pieceStart < cardsEnd) {
      const cardsStop = Math.min(pieceEnd, cardsEnd) - pieceStart;
      // The piece's last newline among the cards (as an index into the piece), or -1.
      const found = chunk.lastIndexOf(0x0a, cardsStop);
      const lastNewline = found >= 1 ? found - 1 : -1;
      if (lastNewline >= 0) {
        // Every card line ends in `,\n` but the last, which ends in `\n`: that ending becomes the
        // array's `]`. Read as ASCII when it is (a plain copy), else as UTF-8.
        const end = chunk[lastNewline] === 0x2c ? lastNewline : lastNewline + 1;
        chunk[0] = 0x5b;
        chunk[end] = 0x5d;
        const text = chunk.subarray(0, end + 1);
        for (const card of parsedCards(text)) cards.push(card);
      }
      const rest = cardsStop - (lastNewline + 1);
      if (rest > 0) {
        // A card's line goes on in the next piece (or the cards end inside one: not this layout).
        if (pieceEnd > cardsEnd || rest === chunk.length - 1) return null;
        chunk.copy(chunk, 1, 1 + lastNewline + 1, 1 + cardsStop);
        carried = rest;
        continue;
      }
    }
    for (let i = chunk.indexOf(0x0a, 1 + Math.max(0, notesStart - pieceStart)); i >= 0 && i < 1 + pieceEnd - pieceStart; i = chunk.indexOf(0x0a, i + 1)) {
      if (noteLines >= count) return null;
      noteStarts[++noteLines] = pieceStart + i;
    }
  }
  if (crc !== layout.bodyCrc || noteLines !== count || cards.length !== layout.cards) return null;
  // The closing line is exactly `]}}`: the note lines before it hold the whole array.
  return bodyStart + layout.bodyBytes - noteStarts[count]! === BODY_END.length ? { cards, noteStarts } : null;
}

/** Card lines as one JSON array; a stretch that is not one (bytes not as written) throws NotThisLayout. */
function parsedCards(text: Buffer): CardRecord[] {
  try {
    return JSON.parse(text.toString(isAscii(text) ? 'latin1' : 'utf8')) as CardRecord[];
  } catch {
    throw new NotThisLayout();
  }
}

/** Thrown inside readBody when the file turns out not to be as its head says: the caller reads it whole. */
class NotThisLayout extends Error {}

function readFully(fd: number, into: Buffer, at: number): number {
  let done = 0;
  while (done < into.length) {
    const n = readSync(fd, into, done, into.length - done, at + done);
    if (n === 0) break;
    done += n;
  }
  return done;
}

/** The notes of a snapshot, still on disk, read a stretch of lines at a time. */
export class SnapshotBody {
  private scratch = Buffer.alloc(0);
  private lineOf: Map<string, number> | null = null;
  private lookups = 0;

  constructor(
    private fd: number,
    readonly noteIds: readonly string[],
    private readonly starts: Float64Array,
  ) {}

  get count(): number {
    return this.noteIds.length;
  }

  /** Byte length of the lines of notes `from` to `to` (exclusive). */
  bytesOf(from: number, to: number): number {
    return this.starts[to]! - this.starts[from]!;
  }

  /** Which line holds the note, or -1. */
  lineOfNote(noteId: string): number {
    // The first few are looked for one by one: a map of every id costs more than a few searches.
    if (++this.lookups < 8) return this.noteIds.indexOf(noteId);
    this.lineOf ??= new Map(this.noteIds.map((id, line) => [id, line]));
    return this.lineOf.get(noteId) ?? -1;
  }

  /** Notes `from` to `to` (exclusive), parsed; throws when the lines are not those notes (the file changed). */
  read(from: number, to: number): NoteRecord[] {
    if (this.fd < 0) throw new Error('the snapshot was closed');
    const length = this.bytesOf(from, to);
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(Math.max(length, this.scratch.length * 2));
    const bytes = this.scratch.subarray(0, length);
    if (readFully(this.fd, bytes, this.starts[from]!) < length) throw new Error('the snapshot is shorter than it was');
    // Every line ends with a newline, every one but the last note's with a comma before it.
    const text = bytes.toString('utf8', 0, length - (to === this.count ? 1 : 2));
    const notes = JSON.parse(`[${text}]`) as NoteRecord[];
    if (notes.length !== to - from) throw new Error(`lines ${from + 2} to ${to + 1} do not hold ${to - from} notes`);
    for (let i = 0; i < notes.length; i++) {
      if (notes[i]?.id !== this.noteIds[from + i]) throw new Error(`line ${from + i + 2} does not hold note ${this.noteIds[from + i]}`);
    }
    return notes;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.scratch = Buffer.alloc(0);
  }
}
