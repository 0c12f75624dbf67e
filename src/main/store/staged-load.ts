// The part of a collection read after opening (a snapshot's notes and history, or a whole journal), a slice at a time between other work.
import { performance } from 'node:perf_hooks';
import type { Collection } from '../../core/collection/collection';
import type { SequencedEvent } from '../../core/collection/events';
import type { NoteRecord } from '../../core/collection/types';
import type { ReviewLog } from '../../core/history/review-log';
import type { SnapshotBody } from './snapshot-layout';

/** Notes parsed at once: a few milliseconds of JSON. */
const SLICE_BYTES = 96 * 1024;
/** How long one turn of the event loop reads before it lets other work (a request) in. */
const TURN_MS = 8;

/**
 * Work done a step at a time: by itself in turns of the event loop (`start`), or all that is left
 * at once for whoever cannot wait (`finishNow`). `onEnd` is told once, with the error that stopped
 * it or null; `release` lets go of what it holds (files), whatever the end, cancelling included.
 */
export class BackgroundSteps {
  private timer: NodeJS.Immediate | null = null;
  private finished = false;
  private released = false;
  readonly done: Promise<void>;
  private settle: () => void = () => undefined;

  constructor(
    private readonly steps: Generator<void, void>,
    private readonly onEnd: (error: unknown) => void,
    private readonly release: () => void = () => undefined,
    /** How long one turn works; shorter for work that runs while the learner studies (each hop of a request may wait for one turn). */
    private readonly turnMs = TURN_MS,
  ) {
    this.done = new Promise<void>((resolve) => (this.settle = resolve));
  }

  get isDone(): boolean {
    return this.finished;
  }

  start(): void {
    if (this.finished || this.timer) return;
    const turn = () => {
      this.timer = null;
      const until = performance.now() + this.turnMs;
      while (!this.finished && performance.now() < until) this.step();
      if (!this.finished) this.timer = setImmediate(turn);
    };
    this.timer = setImmediate(turn);
  }

  finishNow(): void {
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    while (!this.finished) this.step();
  }

  /** Stops, without telling `onEnd`: the store is closing or reloading. */
  cancel(): void {
    if (this.finished) return;
    if (this.timer) clearImmediate(this.timer);
    this.timer = null;
    this.finished = true;
    this.steps.return();
    this.letGo();
    this.settle();
  }

  private step(): void {
    let error: unknown = null;
    try {
      if (!this.steps.next().done) return;
    } catch (caught) {
      error = caught;
    }
    this.finished = true;
    this.letGo();
    try {
      this.onEnd(error);
    } finally {
      this.settle();
    }
  }

  private letGo(): void {
    if (!this.released) this.release();
    this.released = true;
  }
}

/**
 * Opening reads the snapshot's head (decks, cards, settings, today's reviews) and hands the
 * collection out at once; this reads the rest into the same collection: the notes in the order
 * of the snapshot, then the review history, which replaces the head's reviews of the day. A note
 * needed early (the first card's) is read on its own (`note`), and its place in the order is kept.
 */
export class StagedLoad extends BackgroundSteps {
  /** Notes by line, as read (early or in order), whether any was read early, and events after the snapshot. */
  private readonly read: { byLine: Array<NoteRecord | undefined>; early: boolean; after: SequencedEvent[] };

  constructor(
    private readonly col: Collection,
    private readonly body: SnapshotBody,
    history: Generator<void, ReviewLog>,
    /** Lets go of the files the history is read from. */
    release: () => void,
    onEnd: (error: unknown) => void,
  ) {
    const read = { byLine: new Array<NoteRecord | undefined>(body.count), early: false, after: [] as SequencedEvent[] };
    super(StagedLoad.run(col, body, history, read), onEnd, () => {
      body.close();
      release();
    });
    this.read = read;
  }

  /** Journal events after the snapshot, applied to the head: the history read later records them too. */
  recordAfter(events: SequencedEvent[]): void {
    this.read.after = events;
  }

  /** The note, read now if its turn has not come yet; undefined when the collection has none with that id. */
  note(noteId: string): NoteRecord | undefined {
    const known = this.col.notes.get(noteId);
    if (known || this.isDone) return known;
    const line = this.body.lineOfNote(noteId);
    if (line < 0) return undefined;
    const [note] = this.body.read(line, line + 1);
    this.read.byLine[line] = note;
    this.read.early = true;
    this.col.notes.set(noteId, note!);
    return note;
  }

  private static *run(col: Collection, body: SnapshotBody, history: Generator<void, ReviewLog>, read: StagedLoad['read']): Generator<void, void> {
    const { byLine } = read;
    for (let from = 0; from < body.count; ) {
      let to = from + 1;
      while (to < body.count && body.bytesOf(from, to + 1) <= SLICE_BYTES) to++;
      const notes = body.read(from, to);
      for (let i = 0; i < notes.length; i++) {
        // A note read early is the object already handed out: it stays the one in the collection.
        if (byLine[from + i]) continue;
        byLine[from + i] = notes[i];
        col.notes.set(notes[i]!.id, notes[i]!);
      }
      from = to;
      yield;
    }
    body.close();
    const log = yield* history;
    for (const { seq, event } of read.after) log.record(seq, event);
    // Notes read early went into the map before their turn: the snapshot's order is put back.
    if (read.early) {
      col.notes.clear();
      for (const note of byLine) col.notes.set(note!.id, note!);
    }
    col.history = log;
  }
}
