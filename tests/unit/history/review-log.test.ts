// The review log: columns that take reviews and undos in journal order, and survive a round trip to bytes.
import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../../src/core/collection/events';
import { ReviewLog } from '../../../src/core/history/review-log';
import { newSchedule } from '../../../src/core/scheduling/scheduler';

function review(cardId: string, at: number, rating: 1 | 2 | 3 | 4): ReviewEvent {
  return { type: 'review', at, cardId, rating, durationMs: 1200, prior: 0, after: { ...newSchedule(at), stability: 2.5, difficulty: 5.25, scheduledDays: 3, due: at + 3 * 86_400_000 } };
}

describe('the review log', () => {
  it('keeps each card’s reviews in order and leaves undone ones out', () => {
    const log = new ReviewLog();
    log.append(1, review('a/1', 1000, 3));
    log.append(2, review('b/1', 2000, 1));
    log.append(3, review('a/1', 3000, 4));
    expect(log.remove(2)).toBe(true);
    expect(log.remove(2)).toBe(false);
    expect(log.reviewsOf('a/1').map((r) => [r.seq, r.rating])).toEqual([
      [1, 3],
      [3, 4],
    ]);
    expect(log.reviewsOf('b/1')).toEqual([]);
    expect(log.activeCount).toBe(2);
    expect([...log.since(2500)].map((r) => r.seq)).toEqual([3]);
  });

  it('gives a card’s reviews oldest first, though an import appended older ones after newer ones', () => {
    const log = new ReviewLog();
    log.append(1, review('a/1', 5000, 3));
    log.append(2, review('a/1', 1000, 1)); // imported: older, later in the journal
    log.append(2, review('a/1', 5000, 4)); // the same instant as the first: journal order stays
    log.append(2, review('a/1', 3000, 2));
    expect(log.reviewsOf('a/1').map((r) => [r.at, r.rating])).toEqual([
      [1000, 1],
      [3000, 2],
      [5000, 3],
      [5000, 4],
    ]);
  });

  it('takes an import’s reviews all at once exactly as it takes them one by one', () => {
    const before = [review('a/1', 9000, 3), review('z/1', 9500, 2)];
    const imported = [review('a/1', 1000, 1), review('a/1', 3000, 3), review('b/1', 2000, 4), review('a/1', 4000, 2), review('c/1', 500, 3)];
    const one = new ReviewLog();
    const all = new ReviewLog();
    before.forEach((event, i) => (one.append(i + 1, event), all.append(i + 1, event)));
    for (const event of imported) one.append(3, event);
    all.appendAll(3, imported);
    expect(Buffer.from(all.toBytes()).equals(Buffer.from(one.toBytes()))).toBe(true);
    expect(all.reviewsOf('a/1').map((r) => r.at)).toEqual([1000, 3000, 4000, 9000]);
    expect([...all.since(900)].map((r) => r.at)).toEqual([...one.since(900)].map((r) => r.at));
  });

  describe('an import’s rows written ahead of its commit', () => {
    const stage = (log: ReviewLog, events: readonly ReviewEvent[]) => {
      for (const _ of log.stageSteps(events));
    };
    /** Everything a log shows: its bytes, each card's reviews (the chains), and the reviews since any moment (the stretches). */
    const shows = (log: ReviewLog) => ({
      bytes: Buffer.from(log.toBytes()).toString('base64'),
      cards: log.cardIds.map((id) => log.reviewsOf(id)),
      since: [0, 700, 2_500, 9_000, 200_000_000].map((from) => [...log.since(from)].map((r) => r.index)),
    });
    const before = [review('a/1', 100_000_000, 3), review('z/1', 100_000_500, 2), review('a/1', 100_001_000, 3)];
    // Old reviews (a stretch of their own), cards the log knows and cards it does not, one card in two runs.
    const imported = [
      review('a/1', 1000, 1),
      review('a/1', 3000, 3),
      review('b/1', 2000, 4),
      review('a/1', 4000, 2),
      review('c/1', 500, 3),
      review('z/1', 100_002_000, 3),
      ...Array.from({ length: 9000 }, (_, i) => review(`n${i >> 2}/1`, 5000 + i, ((i % 4) + 1) as 1 | 2 | 3 | 4)),
    ];
    const withBefore = () => {
      const log = new ReviewLog();
      before.forEach((event, i) => log.append(i + 1, event));
      return log;
    };

    it('land exactly as the reviews taken one by one', () => {
      const one = withBefore();
      for (const event of imported) one.append(4, event);
      const staged = withBefore();
      stage(staged, imported);
      expect(staged.hasStaged(imported)).toBe(true);
      staged.record(4, { type: 'import', reviews: imported } as never);
      expect(shows(staged)).toEqual(shows(one));
      expect(staged.coversSeq).toBe(4);
      // And the log goes on as before: an answer after the import chains onto the card's last review.
      one.append(5, review('n3/1', 200_000_000, 3));
      staged.append(5, review('n3/1', 200_000_000, 3));
      expect(shows(staged)).toEqual(shows(one));
    });

    it('are linked without reading the reviews again', () => {
      const log = withBefore();
      stage(log, imported);
      let read = 0;
      const watched = new Proxy(imported, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) read++;
          return Reflect.get(target, key, receiver);
        },
      });
      // The staged rows are found by the reviews they were made from.
      for (const _ of log.stageSteps(watched));
      read = 0;
      log.record(4, { type: 'import', reviews: watched } as never);
      expect(read).toBe(0);
      expect(log.length).toBe(before.length + imported.length);
    });

    it('change nothing the log shows until the import lands, and are dropped if it never does', () => {
      const log = withBefore();
      const shown = shows(log);
      stage(log, imported);
      expect(shows(log)).toEqual(shown);
      expect(log.length).toBe(before.length);
      expect(log.cardIndexOf('n0/1')).toBe(-1);
      // The import failed: the next change is an answer, taken as if nothing had been staged.
      const plain = withBefore();
      plain.append(4, review('b/1', 100_003_000, 3));
      log.append(4, review('b/1', 100_003_000, 3));
      expect(shows(log)).toEqual(shows(plain));
    });

    it('no longer fit once an answer lands before the import, which is then taken row by row', () => {
      const one = withBefore();
      one.append(4, review('q/1', 100_003_000, 3));
      for (const event of imported) one.append(5, event);
      const log = withBefore();
      stage(log, imported);
      log.append(4, review('q/1', 100_003_000, 3));
      expect(log.hasStaged(imported)).toBe(false);
      log.record(5, { type: 'import', reviews: imported } as never);
      expect(shows(log)).toEqual(shows(one));
    });

    it('stop being written when an answer lands between two slices, which keeps its own row and chain', () => {
      const one = withBefore();
      one.append(4, review('q/1', 100_003_000, 3));
      for (const event of imported) one.append(5, event);
      const log = withBefore();
      const steps = log.stageSteps(imported);
      steps.next();
      log.append(4, review('q/1', 100_003_000, 3));
      for (let step = steps.next(); !step.done; step = steps.next());
      expect(log.hasStaged(imported)).toBe(false);
      expect(log.reviewsOf('q/1').map((r) => r.seq)).toEqual([4]);
      log.record(5, { type: 'import', reviews: imported } as never);
      expect(shows(log)).toEqual(shows(one));
    });

    it('take slices of a few thousand rows', () => {
      const log = withBefore();
      let slices = 0;
      for (const _ of log.stageSteps(imported)) slices++;
      expect(slices).toBeGreaterThanOrEqual(2);
      expect(log.hasStaged(imported)).toBe(true);
    });
  });

  it('makes room a few columns at a time, keeping an answer and an undo that come in between the steps', () => {
    const fill = (log: ReviewLog) => {
      for (let i = 1; i <= 1500; i++) log.append(i, review(`c${i % 5}/1`, i * 1000, 3));
      return log;
    };
    const plain = fill(new ReviewLog());
    const log = fill(new ReviewLog());
    const columns = log.seq;
    const steps = log.reserveSteps(20_000);
    let taken = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) {
      if (++taken === 3) {
        for (const each of [plain, log]) {
          each.append(1501, review('c2/1', 1_501_000, 4));
          each.remove(7);
        }
      }
    }
    // Copied in several steps, into new columns with the room asked for.
    expect(taken).toBeGreaterThan(3);
    expect(log.seq === columns).toBe(false);
    expect(log.seq.length).toBeGreaterThanOrEqual(21_501);
    expect(Buffer.from(log.toBytes()).equals(Buffer.from(plain.toBytes()))).toBe(true);
    expect(log.reviewsOf('c2/1')).toEqual(plain.reviewsOf('c2/1'));
    expect(log.activeCount).toBe(plain.activeCount);
    // The room is there: an import of that size moves no column again.
    const grown = log.seq;
    log.appendAll(1502, Array.from({ length: 20_000 }, (_, i) => review(`n${i % 999}/1`, i, 3)));
    expect(log.seq === grown).toBe(true);
  });

  it('makes room ahead of a large import without changing what it holds', () => {
    const log = new ReviewLog();
    for (let i = 1; i <= 1500; i++) log.append(i, review(`c${i % 5}/1`, i * 1000, 3));
    const bytes = Buffer.from(log.toBytes());
    const columns = log.seq;
    log.reserve(20_000);
    expect(log.seq === columns).toBe(false);
    expect(log.length).toBe(1500);
    expect(Buffer.from(log.toBytes()).equals(bytes)).toBe(true);
    // The room is there: taking the import moves no column again.
    const grown = log.seq;
    log.appendAll(1501, Array.from({ length: 20_000 }, (_, i) => review(`n${i % 999}/1`, i, 3)));
    expect(log.seq === grown).toBe(true);
  });

  it('round-trips through bytes, including from a Node Buffer that views a shared pool', () => {
    const log = new ReviewLog();
    for (let i = 1; i <= 3000; i++) log.append(i, review(`c${i % 7}/1`, i * 1000, ((i % 4) + 1) as 1 | 2 | 3 | 4));
    log.remove(17);
    log.coversSeq = 3005;
    const bytes = log.toBytes();
    // A Buffer whose bytes sit at an odd offset inside a larger ArrayBuffer.
    const pooled = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(bytes)]).subarray(3);
    const back = ReviewLog.fromBytes(pooled);
    expect(back.length).toBe(3000);
    expect(back.coversSeq).toBe(3005);
    expect(back.activeCount).toBe(2999);
    expect(back.reviewsOf('c3/1')).toEqual(log.reviewsOf('c3/1'));
    expect(() => ReviewLog.fromBytes(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
  });

  it('gives its bytes in pieces that view its columns (no copy of the log), still the bytes of that moment after more answers and an undo', () => {
    const log = new ReviewLog();
    for (let i = 1; i <= 1000; i++) log.append(i, review(`c${i % 5}/1`, i * 1000, 3));
    log.coversSeq = 1000;
    const before = log.toBytes();
    const pieces = log.toPieces();
    // The big columns are the log's own memory, not copies.
    expect(pieces.some((piece) => piece.buffer === log.at.buffer)).toBe(true);
    for (let i = 1001; i <= 3000; i++) log.append(i, review(`c${i % 5}/1`, i * 1000, 2)); // grows the columns
    log.remove(10); // an undo marks an old row in place
    const joined = Buffer.concat(pieces);
    expect(joined.equals(Buffer.from(before))).toBe(true);
    expect(ReviewLog.fromBytes(joined).activeCount).toBe(1000);
  });

  it('tells what its bytes cover from the start of their header alone, and reads the same log from that start', () => {
    const log = new ReviewLog();
    for (let i = 1; i <= 500; i++) log.append(i, review(`c${i % 11}/1`, i * 1000, 3));
    log.coversSeq = 501;
    log.coversTag = '0123abcd';
    const bytes = log.toBytes();
    const source = { size: bytes.length, read: (into: Uint8Array, at: number) => into.set(bytes.subarray(at, at + into.length)) };
    const start = ReviewLog.readHeader(source, { cardIds: false });
    expect(start).toMatchObject({ length: 500, coversSeq: 501, coversTag: '0123abcd', cardIds: null });
    expect(ReviewLog.read(source, start).reviewsOf('c3/1')).toEqual(log.reviewsOf('c3/1'));
  });
});

describe('the recent part of the review log', () => {
  it('gives, for any time at or after where it starts, the same reviews since then as the whole log', () => {
    const log = new ReviewLog();
    let seq = 0;
    for (let i = 0; i < 400; i++) log.append(++seq, review(`c${i % 9}/1`, i * 600_000, ((i % 4) + 1) as 1 | 2 | 3 | 4));
    // An import adds reviews from long ago after today's, and an undo takes one of today's back.
    for (let i = 0; i < 30; i++) log.append(++seq, review(`old${i}/1`, i * 1000, 3));
    log.append(++seq, review('c1/1', 399 * 600_000 + 5, 2));
    expect(log.remove(395)).toBe(true);
    const from = 300 * 600_000;
    const recent = ReviewLog.fromRows(log.rowsSince(from));
    expect(recent.length).toBeLessThan(log.length);
    for (const at of [from, from + 1, 350 * 600_000, 399 * 600_000, 500 * 600_000]) {
      expect([...recent.since(at)].map(({ index: _, ...rest }) => rest).sort((a, b) => a.seq - b.seq)).toEqual(
        [...log.since(at)].map(({ index: _, ...rest }) => rest).sort((a, b) => a.seq - b.seq),
      );
    }
  });
});
