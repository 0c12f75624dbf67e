// Every review in compact columns: a million of them in tens of megabytes, per card and per day at hand.
import type { JournalEvent, ReviewEvent } from '../collection/events';
import type { CardState } from '../collection/types';

const FORMAT = 1;
const RUN_SLACK = 86_400_000;

/** One review as read back from the columns. */
export interface LoggedReview {
  index: number;
  seq: number;
  cardId: string;
  at: number;
  rating: 1 | 2 | 3 | 4;
  prior: CardState;
  durationMs: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  due: number;
}

/**
 * The review history derived from the journal (reviews minus the ones undone), kept as typed-array
 * columns in journal order. Each card's reviews are chained so a card's history costs its length,
 * not the log's. It is a cache: the journal stays the truth, and the log can always be rebuilt.
 */
export class ReviewLog {
  length = 0;
  /** Reviews taken back by an undo: kept in place, skipped when read. */
  removedCount = 0;
  /** The journal sequence number up to which this log is complete. */
  coversSeq = 0;
  /**
   * Names the snapshot this log was saved with. A sequence number alone cannot tell two timelines
   * apart (a restore, then as many new answers as the backup lacked), so the cache must match both.
   */
  coversTag = '';
  readonly cardIds: string[] = [];
  private readonly cardIndex = new Map<string, number>();
  private capacity = 0;
  seq = new Uint32Array(0);
  at = new Float64Array(0);
  card = new Int32Array(0);
  rating = new Uint8Array(0);
  prior = new Uint8Array(0);
  removed = new Uint8Array(0);
  duration = new Uint32Array(0);
  stability = new Float32Array(0);
  difficulty = new Float32Array(0);
  scheduledDays = new Float32Array(0);
  due = new Float64Array(0);
  /** Index of the same card's next review, or -1. */
  private nextOfCard = new Int32Array(0);
  private firstOfCard: number[] = [];
  private lastOfCard: number[] = [];
  /**
   * Stretches of the log in time order. An import appends old reviews after today's, which starts a
   * new stretch; "reviews since" then skips whole stretches instead of stopping at the first old one.
   */
  private runStart: number[] = [];
  private runMaxAt: number[] = [];
  /** An import's rows written out ahead of its commit, by the reviews they were made from (see `stageSteps`). */
  private readonly staged = new WeakMap<readonly ReviewEvent[], StagedRows>();

  private noteTime(i: number, at: number): void {
    const last = this.runStart.length - 1;
    if (last < 0 || at < this.runMaxAt[last]! - RUN_SLACK) {
      this.runStart.push(i);
      this.runMaxAt.push(at);
    } else if (at > this.runMaxAt[last]!) this.runMaxAt[last] = at;
  }

  private grow(min: number): void {
    const capacity = Math.max(min, this.capacity * 2, 1024);
    const resize = <T extends Uint32Array | Float64Array | Int32Array | Uint8Array | Float32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.length) as never);
      return next;
    };
    this.seq = resize(this.seq, (n) => new Uint32Array(n));
    this.at = resize(this.at, (n) => new Float64Array(n));
    this.card = resize(this.card, (n) => new Int32Array(n));
    this.rating = resize(this.rating, (n) => new Uint8Array(n));
    this.prior = resize(this.prior, (n) => new Uint8Array(n));
    this.removed = resize(this.removed, (n) => new Uint8Array(n));
    this.duration = resize(this.duration, (n) => new Uint32Array(n));
    this.stability = resize(this.stability, (n) => new Float32Array(n));
    this.difficulty = resize(this.difficulty, (n) => new Float32Array(n));
    this.scheduledDays = resize(this.scheduledDays, (n) => new Float32Array(n));
    this.due = resize(this.due, (n) => new Float64Array(n));
    this.nextOfCard = resize(this.nextOfCard, (n) => new Int32Array(n));
    this.capacity = capacity;
  }

  /**
   * The card's column index, or undefined. Staging an import enters the indices its new cards will
   * have before they have them; such an entry counts only once the card is there at that index
   * (an import dropped before its commit leaves entries that never do, and are overwritten).
   */
  private knownCard(cardId: string): number | undefined {
    const index = this.cardIndex.get(cardId);
    return index !== undefined && this.cardIds[index] === cardId ? index : undefined;
  }

  private indexOfCard(cardId: string): number {
    let index = this.knownCard(cardId);
    if (index === undefined) {
      index = this.cardIds.length;
      this.cardIds.push(cardId);
      this.cardIndex.set(cardId, index);
      // Set, not pushed: staged rows may have filled these in further already (see stageSteps).
      this.firstOfCard[index] = -1;
      this.lastOfCard[index] = -1;
    }
    return index;
  }

  /** The card's place in `cardIds` (its column index), or -1 when it has no review in the log. */
  cardIndexOf(cardId: string): number {
    return this.knownCard(cardId) ?? -1;
  }

  get activeCount(): number {
    return this.length - this.removedCount;
  }

  /**
   * What one journal event does to the history. The single rule for both the live collection and a
   * rebuild from the journal, so the two cannot disagree (imported reviews were once forgotten here).
   */
  record(seq: number, event: JournalEvent): void {
    switch (event.type) {
      case 'review':
        this.append(seq, event);
        return;
      case 'undo':
        this.remove(event.target);
        return;
      case 'import': {
        // An imported review has every field append reads; no copy of a hundred thousand of them.
        const reviews = event.reviews as ReviewEvent[];
        if (!this.linkStaged(seq, reviews)) this.appendAll(seq, reviews);
        return;
      }
      case 'undo-bulk':
        if (event.reviewsLeave) this.removeAll(event.target);
        return;
      default:
        return;
    }
  }

  /**
   * Makes room for `count` more reviews without changing what the log holds: a large import makes
   * room before it commits, so that copying the columns is not part of the moment it lands.
   */
  reserve(count: number): void {
    if (this.length + count > this.capacity) this.grow(this.length + count);
  }

  /**
   * As reserve, a few columns per `next()`: making room in a log of a million reviews copies tens of
   * megabytes, which an import does before it lands, the event loop free between steps. Rows in the
   * log change in place only in `removed` (an undo) and `nextOfCard` (an answer joins its card's
   * chain), so those two are copied in the last step, with the rows of any answer appended
   * meanwhile; if the log had to grow on its own meanwhile, the copies are dropped.
   */
  *reserveSteps(count: number): Generator<void, void> {
    if (this.length + count <= this.capacity) return;
    // Room too for the answers that come in while it copies.
    const capacity = Math.max(this.length + count + ANSWERS_WHILE_COPYING, this.capacity * 2, 1024);
    const from = this.length;
    const columns = this.seq;
    const copied: Partial<Record<MovedColumn, TypedColumn>> = {};
    for (const name of MOVED_COLUMNS) {
      const column = this[name] as TypedColumn;
      const next = new (column.constructor as new (n: number) => TypedColumn)(capacity);
      next.set(column.subarray(0, from) as never);
      copied[name] = next;
      yield;
    }
    if (this.seq !== columns) return;
    const length = this.length;
    for (const name of MOVED_COLUMNS) {
      const next = copied[name]!;
      next.set((this[name] as TypedColumn).subarray(from, length) as never, from);
      (this as unknown as Record<MovedColumn, TypedColumn>)[name] = next;
    }
    const whole = <T extends Uint8Array | Int32Array>(column: T, next: T): T => {
      next.set(column.subarray(0, length) as never);
      return next;
    };
    this.removed = whole(this.removed, new Uint8Array(capacity));
    this.nextOfCard = whole(this.nextOfCard, new Int32Array(capacity));
    this.capacity = capacity;
  }

  /**
   * The reviews of one journal line (an import: a hundred thousand of them), as append would add
   * them one by one. Applied while the app waits, so the columns grow once and a card's place is
   * looked up once for the run of its reviews, which an import lists together.
   */
  appendAll(seq: number, events: readonly ReviewEvent[]): void {
    this.reserve(events.length);
    let cardId: string | null = null;
    let card = -1;
    for (const event of events) {
      if (event.cardId !== cardId) {
        cardId = event.cardId;
        card = this.indexOfCard(cardId);
      }
      this.put(this.length++, seq, card, event);
    }
  }

  /**
   * Writes an import's rows ahead of its commit, a slice per `next()`, past the log's length: the
   * log holds and shows only its first `length` rows, so nothing it shows changes, and an import
   * refused or failed before its commit leaves them to be overwritten. When the import lands
   * (`record`) they are linked with a step per card, not per review: the sequence number filled in,
   * the cards' chains joined, the length set. That keeps the commit to a few milliseconds instead of
   * the tens that writing a hundred thousand rows takes. They are written for the log as it is now:
   * if anything is appended before the commit (an answer writes over the first of them), they no
   * longer fit and the import is taken row by row as before (`appendAll`), with the same result.
   */
  *stageSteps(events: readonly ReviewEvent[]): Generator<void, void> {
    this.staged.delete(events);
    const n = events.length;
    this.reserve(n);
    const base = this.length;
    const cardBase = this.cardIds.length;
    const rows: StagedRows = { base, cardBase, count: n, columns: this.seq, cards: [], first: [], last: [], newIds: [], lastRunMaxAt: null, runStart: [], runMaxAt: [] };
    // Card index -> its place in rows.cards; a new card gets (and is entered with) the index it will have.
    const slotOf = new Map<number, number>();
    // The time stretches as noteTime would extend them, starting from the log's last one.
    const lastRun = this.runStart.length - 1;
    let runMaxAt = lastRun >= 0 ? this.runMaxAt[lastRun]! : Number.NaN;
    let inStaged = false;
    let cardId: string | null = null;
    let slot = -1;
    for (let k = 0; k < n; k++) {
      const event = events[k]!;
      const i = base + k;
      if (event.cardId !== cardId) {
        cardId = event.cardId;
        let card = this.knownCard(cardId);
        if (card === undefined) {
          const entered = this.cardIndex.get(cardId);
          if (entered !== undefined && entered >= cardBase && rows.newIds[entered - cardBase] === cardId) card = entered;
          else {
            card = cardBase + rows.newIds.length;
            rows.newIds.push(cardId);
            this.cardIndex.set(cardId, card);
          }
        }
        slot = slotOf.get(card) ?? -1;
        if (slot < 0) {
          slot = rows.cards.length;
          slotOf.set(card, slot);
          rows.cards.push(card);
          rows.first.push(i);
          rows.last.push(-1);
        }
      }
      // Its sequence number is filled in when the import lands.
      this.writeRow(i, 0, rows.cards[slot]!, event);
      const previous = rows.last[slot]!;
      if (previous >= 0) this.nextOfCard[previous] = i;
      rows.last[slot] = i;
      const at = event.at;
      if (Number.isNaN(runMaxAt) || at < runMaxAt - RUN_SLACK) {
        rows.runStart.push(i);
        rows.runMaxAt.push(at);
        runMaxAt = at;
        inStaged = true;
      } else if (at > runMaxAt) {
        runMaxAt = at;
        if (inStaged) rows.runMaxAt[rows.runMaxAt.length - 1] = at;
        else rows.lastRunMaxAt = at;
      }
      if ((k & (STAGE_SLICE - 1)) === STAGE_SLICE - 1) {
        yield;
        // Something appended meanwhile: the rows would no longer fit, and the next ones could fall on its.
        if (!this.fits(rows, events)) return;
      }
    }
    // New cards' chains begin and end among these rows: entered now, at the indices they will have,
    // where nothing reads them until the cards are there. The cards the log knows are joined at the commit.
    let kept = 0;
    for (let slot = 0; slot < rows.cards.length; slot++) {
      const card = rows.cards[slot]!;
      if (card >= cardBase) {
        this.firstOfCard[card] = rows.first[slot]!;
        this.lastOfCard[card] = rows.last[slot]!;
      } else {
        rows.cards[kept] = card;
        rows.first[kept] = rows.first[slot]!;
        rows.last[kept] = rows.last[slot]!;
        kept++;
      }
    }
    rows.cards.length = rows.first.length = rows.last.length = kept;
    this.staged.set(events, rows);
  }

  /** Whether the rows of these reviews are staged and still fit the log (nothing appended since). */
  hasStaged(events: readonly ReviewEvent[]): boolean {
    const rows = this.staged.get(events);
    return rows !== undefined && this.fits(rows, events);
  }

  private fits(rows: StagedRows, events: readonly ReviewEvent[]): boolean {
    return rows.base === this.length && rows.cardBase === this.cardIds.length && rows.columns === this.seq && rows.count === events.length;
  }

  /** Links rows staged for these reviews at the end of the log; false when there are none that fit. */
  private linkStaged(seq: number, events: readonly ReviewEvent[]): boolean {
    const rows = this.staged.get(events);
    if (!rows) return false;
    this.staged.delete(events);
    if (!this.fits(rows, events)) return false;
    const end = rows.base + rows.count;
    this.seq.fill(seq, rows.base, end);
    // Entered in the index, with their chains, when staged: at these very places.
    for (let from = 0; from < rows.newIds.length; from += PUSH_CHUNK) this.cardIds.push(...rows.newIds.slice(from, from + PUSH_CHUNK));
    for (let slot = 0; slot < rows.cards.length; slot++) {
      const card = rows.cards[slot]!;
      const last = this.lastOfCard[card]!;
      if (last >= 0) this.nextOfCard[last] = rows.first[slot]!;
      else this.firstOfCard[card] = rows.first[slot]!;
      this.lastOfCard[card] = rows.last[slot]!;
    }
    if (rows.lastRunMaxAt !== null) this.runMaxAt[this.runMaxAt.length - 1] = rows.lastRunMaxAt;
    for (let run = 0; run < rows.runStart.length; run++) {
      this.runStart.push(rows.runStart[run]!);
      this.runMaxAt.push(rows.runMaxAt[run]!);
    }
    this.length = end;
    if (rows.count > 0) this.coversSeq = Math.max(this.coversSeq, seq);
    return true;
  }

  append(seq: number, event: ReviewEvent): void {
    if (this.length === this.capacity) this.grow(this.length + 1);
    this.put(this.length++, seq, this.indexOfCard(event.cardId), event);
  }

  /** Row i's columns from the review, at the end of its card's chain (nothing after it yet). */
  private writeRow(i: number, seq: number, card: number, event: ReviewEvent): void {
    this.seq[i] = seq;
    this.at[i] = event.at;
    this.card[i] = card;
    this.rating[i] = event.rating;
    this.prior[i] = event.prior;
    this.removed[i] = 0;
    this.duration[i] = Math.min(0xffffffff, Math.max(0, Math.round(event.durationMs)));
    this.stability[i] = event.after.stability;
    this.difficulty[i] = event.after.difficulty;
    this.scheduledDays[i] = event.after.scheduledDays;
    this.due[i] = event.after.due;
    this.nextOfCard[i] = -1;
  }

  private put(i: number, seq: number, card: number, event: ReviewEvent): void {
    this.writeRow(i, seq, card, event);
    const last = this.lastOfCard[card]!;
    if (last >= 0) this.nextOfCard[last] = i;
    else this.firstOfCard[card] = i;
    this.lastOfCard[card] = i;
    this.noteTime(i, event.at);
    this.coversSeq = Math.max(this.coversSeq, seq);
  }

  /** Takes back the review with that sequence number (an undo); returns whether it was found. */
  remove(seq: number): boolean {
    // Sequence numbers grow along the log: binary search.
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = this.seq[mid]!;
      if (value === seq) {
        if (this.removed[mid]) return false;
        this.removed[mid] = 1;
        this.removedCount++;
        return true;
      }
      if (value < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Takes back every review one journal line brought (an undone import); returns how many. */
  removeAll(seq: number): number {
    // Sequence numbers grow along the log: the first review of that line, then the ones after it.
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.seq[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    let removed = 0;
    for (let i = lo; i < this.length && this.seq[i] === seq; i++) {
      if (this.removed[i]) continue;
      this.removed[i] = 1;
      this.removedCount++;
      removed++;
    }
    return removed;
  }

  /**
   * A card's reviews, oldest first, undone ones left out. The chain is in journal order, which a
   * merge import breaks (it adds older reviews after newer ones), so it is sorted by time when it
   * has to be; reviews at the same instant keep journal order.
   */
  reviewsOf(cardId: string): LoggedReview[] {
    const card = this.knownCard(cardId);
    const out: LoggedReview[] = [];
    if (card === undefined) return out;
    let ordered = true;
    for (let i = this.firstOfCard[card]!; i >= 0; i = this.nextOfCard[i]!) {
      if (this.removed[i]) continue;
      if (out.length && this.at[i]! < out[out.length - 1]!.at) ordered = false;
      out.push(this.read(i));
    }
    return ordered ? out : out.sort((a, b) => a.at - b.at || a.index - b.index);
  }

  read(i: number): LoggedReview {
    return {
      index: i,
      seq: this.seq[i]!,
      cardId: this.cardIds[this.card[i]!]!,
      at: this.at[i]!,
      rating: this.rating[i]! as 1 | 2 | 3 | 4,
      prior: this.prior[i]! as CardState,
      durationMs: this.duration[i]!,
      stability: this.stability[i]!,
      difficulty: this.difficulty[i]!,
      scheduledDays: this.scheduledDays[i]!,
      due: this.due[i]!,
    };
  }

  /**
   * Reviews at or after `from`, newest first. Within a stretch the log is in time order (give or take
   * a clock moved back by less than a day), so each stretch is walked back only until it is a day
   * older than `from`; stretches that end before `from` are skipped whole.
   */
  *since(from: number): Generator<LoggedReview> {
    for (let run = this.runStart.length - 1; run >= 0; run--) {
      if (this.runMaxAt[run]! < from) continue;
      const start = this.runStart[run]!;
      const end = run + 1 < this.runStart.length ? this.runStart[run + 1]! : this.length;
      for (let i = end - 1; i >= start; i--) {
        const at = this.at[i]!;
        if (at < from - RUN_SLACK) break;
        if (at >= from && !this.removed[i]) yield this.read(i);
      }
    }
  }

  /** Compact bytes for the history cache file: a JSON header, then the columns. */
  toBytes(): Uint8Array {
    const pieces = this.toPieces();
    const bytes = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.byteLength, 0));
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.byteLength;
    }
    return bytes;
  }

  /**
   * The bytes of `toBytes` in the pieces they are made of, for writing one after another: the
   * columns as views on the log's own arrays rather than a copy of tens of megabytes. Rows already
   * in the log never change in place except `removed` (an undo), so that column alone is copied:
   * the pieces keep describing this moment while answers and undos go on during the write.
   */
  toPieces(): Uint8Array[] {
    const n = this.length;
    const header = new TextEncoder().encode(JSON.stringify({ format: FORMAT, length: n, coversSeq: this.coversSeq, coversTag: this.coversTag, cardIds: this.cardIds }));
    const columns: ArrayBufferView[] = [
      this.at.subarray(0, n),
      this.due.subarray(0, n),
      this.seq.subarray(0, n),
      this.card.subarray(0, n),
      this.duration.subarray(0, n),
      this.stability.subarray(0, n),
      this.difficulty.subarray(0, n),
      this.scheduledDays.subarray(0, n),
      this.rating.subarray(0, n),
      this.prior.subarray(0, n),
      this.removed.slice(0, n),
    ];
    const headerSize = 8 + header.length + ((8 - ((8 + header.length) % 8)) % 8);
    const head = new Uint8Array(headerSize);
    new DataView(head.buffer).setUint32(0, header.length, true);
    new DataView(head.buffer).setUint32(4, FORMAT, true);
    head.set(header, 8);
    return [head, ...columns.map((column) => new Uint8Array(column.buffer, column.byteOffset, column.byteLength))];
  }

  static fromBytes(bytes: Uint8Array): ReviewLog {
    return ReviewLog.read({
      size: bytes.byteLength,
      read: (into, at) => {
        if (at + into.byteLength > bytes.byteLength) throw new Error('history file is truncated');
        into.set(bytes.subarray(at, at + into.byteLength));
      },
    });
  }

  /**
   * Reads the cache from any byte source: the store hands a file reader, so each column goes from
   * disk straight into its typed array, without the whole file in memory first.
   */
  static read(source: HistorySource, known?: HistoryHeader): ReviewLog {
    const steps = ReviewLog.readInSteps(source, known);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  }

  /**
   * The header of a history cache: what it covers and how long it is, read before its columns.
   * Without `cardIds` only its start is read when it can be (the card ids are most of it).
   */
  static readHeader(source: HistorySource, { cardIds = true }: { cardIds?: boolean } = {}): HistoryHeader {
    const fixed = new Uint8Array(8);
    source.read(fixed, 0);
    const view = new DataView(fixed.buffer);
    const headerLength = view.getUint32(0, true);
    if (view.getUint32(4, true) !== FORMAT) throw new Error('unknown history format');
    if (8 + headerLength > source.size) throw new Error('history file is truncated');
    const columnsAt = 8 + headerLength + ((8 - ((8 + headerLength) % 8)) % 8);
    const header = (cardIds ? null : headerStart(source, headerLength)) ?? wholeHeader(source, headerLength);
    if (columnsAt + header.length * BYTES_PER_REVIEW > source.size) throw new Error('history file is truncated');
    return { ...header, columnsAt };
  }

  /**
   * As read, a column at a time: each `next()` does a bounded piece of the work, so a caller can
   * read a million reviews between other work (opening hands the event loop back in between).
   * The header may be given when the caller read it already (to check what the cache covers).
   */
  static *readInSteps(source: HistorySource, known?: HistoryHeader): Generator<void, ReviewLog> {
    const header = known ?? ReviewLog.readHeader(source);
    const cardIds = header.cardIds ?? ReviewLog.readHeader(source).cardIds!;
    const n = header.length;
    const log = new ReviewLog();
    // Headroom, so the first reviews after opening do not copy every column at once.
    log.grow(n + Math.max(4096, n >> 3));
    let offset = header.columnsAt;
    const take = (target: ArrayBufferView, bytesPer: number) => {
      const size = n * bytesPer;
      if (offset + size > source.size) throw new Error('history file is truncated');
      source.read(new Uint8Array(target.buffer, target.byteOffset, size), offset);
      offset += size;
    };
    const columns: Array<[ArrayBufferView, number]> = [
      [log.at, 8],
      [log.due, 8],
      [log.seq, 4],
      [log.card, 4],
      [log.duration, 4],
      [log.stability, 4],
      [log.difficulty, 4],
      [log.scheduledDays, 4],
      [log.rating, 1],
      [log.prior, 1],
      [log.removed, 1],
    ];
    for (const [column, bytesPer] of columns) {
      take(column, bytesPer);
      yield;
    }
    for (const id of cardIds) log.indexOfCard(id);
    log.length = n;
    log.coversSeq = header.coversSeq;
    log.coversTag = header.coversTag;
    for (let i = 0; i < n; i++) {
      if (log.removed[i]) log.removedCount++;
      const card = log.card[i]!;
      log.nextOfCard[i] = -1;
      const last = log.lastOfCard[card]!;
      if (last >= 0) log.nextOfCard[last] = i;
      else log.firstOfCard[card] = i;
      log.lastOfCard[card] = i;
      log.noteTime(i, log.at[i]!);
      if ((i & 0x3ffff) === 0x3ffff) yield;
    }
    return log;
  }

  /**
   * The reviews at or after `from` that are not undone, in log order, as rows: what a snapshot's
   * head keeps so that today's reviews are at hand before the whole log is read.
   */
  rowsSince(from: number): RecentReviewRow[] {
    const found: LoggedReview[] = [...this.since(from)];
    // `since` walks newest first; the log's own order is kept.
    found.sort((a, b) => a.index - b.index);
    return found.map((r) => [r.seq, r.cardId, r.at, r.rating, r.prior, r.durationMs, r.stability, r.difficulty, r.scheduledDays, r.due]);
  }

  /**
   * A log of only the rows given (from `rowsSince`). Its `since(t)` for any t at or after the `from`
   * they were taken with yields the same reviews as the whole log's: `since` yields exactly the
   * reviews at or after t that are not undone, and every one of those is among the rows.
   */
  static fromRows(rows: readonly RecentReviewRow[]): ReviewLog {
    const log = new ReviewLog();
    for (const [seq, cardId, at, rating, prior, durationMs, stability, difficulty, scheduledDays, due] of rows) {
      log.append(seq, { type: 'review', cardId, at, rating, prior, durationMs, after: { state: prior, due, stability, difficulty, scheduledDays, learningSteps: 0, reps: 0, lapses: 0, lastReview: at } });
    }
    return log;
  }
}

/** Where the history cache is read from: its size, and a reader of bytes at an offset. */
export interface HistorySource {
  size: number;
  read(into: Uint8Array, at: number): void;
}

export interface HistoryHeader {
  length: number;
  coversSeq: number;
  coversTag: string;
  /** Null when only the header's start was read. */
  cardIds: string[] | null;
  /** Byte offset of the first column. */
  columnsAt: number;
}

type HeaderFields = Omit<HistoryHeader, 'columnsAt'>;

function wholeHeader(source: HistorySource, headerLength: number): HeaderFields {
  const headerBytes = new Uint8Array(headerLength);
  source.read(headerBytes, 8);
  const header = JSON.parse(new TextDecoder().decode(headerBytes)) as { length: number; coversSeq: number; coversTag?: string; cardIds: string[] };
  return { length: header.length, coversSeq: header.coversSeq, coversTag: header.coversTag ?? '', cardIds: header.cardIds };
}

/** The fields before the card ids, as toBytes writes them; null when the header does not start that way. */
function headerStart(source: HistorySource, headerLength: number): HeaderFields | null {
  const bytes = new Uint8Array(Math.min(headerLength, 256));
  source.read(bytes, 8);
  const match = /^\{"format":\d+,"length":(\d+),"coversSeq":(\d+),"coversTag":"([0-9a-f]*)","cardIds":\[/.exec(new TextDecoder().decode(bytes));
  return match ? { length: Number(match[1]), coversSeq: Number(match[2]), coversTag: match[3]!, cardIds: null } : null;
}

/** Rows `reserveSteps` adds beyond those asked for. */
const ANSWERS_WHILE_COPYING = 1024;

type TypedColumn = Uint32Array | Float64Array | Int32Array | Uint8Array | Float32Array;

/** The columns whose rows never change once written: copied a few at a time by `reserveSteps`. */
const MOVED_COLUMNS = ['seq', 'at', 'card', 'rating', 'prior', 'duration', 'stability', 'difficulty', 'scheduledDays', 'due'] as const;
type MovedColumn = (typeof MOVED_COLUMNS)[number];

/** Card ids added to `cardIds` per call at a commit (a call takes only so many arguments). */
const PUSH_CHUNK = 8192;

/** Rows staged per `next()` of `stageSteps`: a power of two. */
const STAGE_SLICE = 4096;

/** An import's rows written past the log's length before its commit, for the log as it was then. */
interface StagedRows {
  /** The log's length and number of cards when they were written: they fit only while both stay. */
  base: number;
  cardBase: number;
  count: number;
  /** The sequence column they were written into: a log that grew since has copied only its length. */
  columns: Uint32Array;
  /** Each card the log already knew that they review (its column index), with its first and last row here. */
  cards: number[];
  first: number[];
  last: number[];
  /** Cards with no review in the log yet, in the order their indices are given. */
  newIds: string[];
  /** The log's last time stretch as these rows extend it (null: unchanged), and the stretches they start. */
  lastRunMaxAt: number | null;
  runStart: number[];
  runMaxAt: number[];
}

/** One review as a snapshot's head keeps it: seq, card, time, rating, prior state, duration, stability, difficulty, days, due. */
export type RecentReviewRow = [number, string, number, 1 | 2 | 3 | 4, CardState, number, number, number, number, number];

/** Bytes per review in the cache: two 8-byte columns, six 4-byte ones, three 1-byte ones. */
const BYTES_PER_REVIEW = 8 * 2 + 4 * 6 + 3;
