// The part of a snapshot read after opening: the notes and the review history, a slice at a time between other work.
import { performance } from 'node:perf_hooks';
import type { Collection } from '../../core/collection/collection';
import type { NoteRecord } from '../../core/collection/types';
import type { ReviewLog } from '../../core/history/review-log';
import type { SnapshotBody } from './snapshot-layout';

/** Notes parsed at once: a few milliseconds of JSON. */
const SLICE_BYTES = 256 * 1024;
/** How long one turn of the event loop reads before it lets other work (a request) in. */
const TURN_MS = 8;

/**
 * Opening reads the snapshot's head (decks, cards, settings, today's reviews) and hands the
 * collection out at once; this reads the rest into the same collection: the notes in the order
 * of the snapshot, then the review history, which replaces the head's few days of reviews. It goes
 * on in turns of the event loop by itself (`start`), and whoever needs the collection whole
 * before it is done reads the rest at once (`finishNow`). A note needed early (the first card's)
 * is read on its own (`note`) and its place in the order is kept.
 */
export class StagedLoad {
  private readonly steps: Generator<void, void>;
  private timer: NodeJS.Immediate | null = null;
  private finished = false;
  /** Notes by line, as read (early or in order). */
  private readonly byLine: Array<NoteRecord | undefined>;
  private readEarly = false;
  readonly done: Promise<void>;
  private settle: () => void = () => undefined;

  constructor(
    private readonly col: Collection,
    private readonly body: SnapshotBody,
    private readonly history: Generator<void, ReviewLog>,
    /** Lets go of the files the history is read from (called once, whatever the end). */
    private readonly release: () => void,
    /** Told once, when the rest is in (null) or could not be read (the error). */
    private readonly onEnd: (error: unknown) => void,
  ) {
    this.byLine = new Array<NoteRecord | undefined>(body.count);
    this.steps = this.run();
    this.done = new Promise<void>((resolve) => (this.settle = resolve));
  }

  get isDone(): boolean {
    return this.finished;
  }

  /** Reads on in the background, a turn of the event loop at a time. */
  start(): void {
    if (this.finished || this.timer) return;
    const turn = () => {
      this.timer = null;
      const until = performance.now() + TURN_MS;
      while (!this.finished && performance.now() < until) this.step();
      if (!this.finished) this.timer = setImmediate(turn);
    };
    this.timer = setImmediate(turn);
  }

  /** Reads everything left, now. */
  finishNow(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    while (!this.finished) this.step();
  }

  /** Stops reading and lets go of the files (the store is closing or reloading). */
  cancel(): void {
    if (this.finished) return;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.finished = true;
    this.steps.return();
    this.letGo();
    this.settle();
  }

  /** The note, read now if its turn has not come yet; undefined when the collection has none with that id. */
  note(noteId: string): NoteRecord | undefined {
    const known = this.col.notes.get(noteId);
    if (known || this.finished) return known;
    const line = this.body.lineOfNote(noteId);
    if (line < 0) return undefined;
    const [note] = this.body.read(line, line + 1);
    this.byLine[line] = note;
    this.col.notes.set(noteId, note!);
    this.readEarly = true;
    return note;
  }

  private step(): void {
    try {
      if (!this.steps.next().done) return;
      this.finished = true;
      this.onEnd(null);
    } catch (error) {
      this.finished = true;
      this.letGo();
      this.onEnd(error);
    }
    this.settle();
  }

  private letGo(): void {
    this.body.close();
    this.release();
  }

  private *run(): Generator<void, void> {
    const { body, col } = this;
    for (let from = 0; from < body.count; ) {
      let to = from + 1;
      while (to < body.count && body.bytesOf(from, to + 1) <= SLICE_BYTES) to++;
      const notes = body.read(from, to);
      for (let i = 0; i < notes.length; i++) {
        // A note read early is the object already handed out: it stays the one in the collection.
        if (this.byLine[from + i]) continue;
        this.byLine[from + i] = notes[i];
        col.notes.set(notes[i]!.id, notes[i]!);
      }
      from = to;
      yield;
    }
    body.close();
    const history = yield* this.history;
    this.release();
    // Notes read early went into the map before their turn: the snapshot's order is put back.
    if (this.readEarly) {
      col.notes.clear();
      for (const note of this.byLine) col.notes.set(note!.id, note!);
    }
    col.history = history;
  }
}
