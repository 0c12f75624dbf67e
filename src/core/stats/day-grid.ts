// Study days over a span of days, precomputed, so a million instants find their day without a time-zone lookup each.
import { DAY, studyDay, studyDayStart, type Calendar } from '../time/study-day';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * The start of every study day in [first, last], with the UTC offset of each day when it holds all
 * day long. Answers agree with `studyDay`: a day on which the offset changes (a DST night at the
 * day-start hour) is marked irregular and its instants are asked of the calendar one by one.
 */
export class DayGrid {
  readonly first: number;
  readonly last: number;
  private readonly starts: Float64Array;
  private readonly offsets: Float64Array;

  constructor(
    private readonly calendar: Calendar,
    first: number,
    last: number,
  ) {
    this.first = first;
    this.last = Math.max(first, last);
    const count = this.last - this.first + 1;
    this.starts = new Float64Array(count + 1);
    this.offsets = new Float64Array(count);
    for (let k = 0; k <= count; k++) this.starts[k] = studyDayStart(calendar, first + k);
    for (let k = 0; k < count; k++) {
      const start = this.starts[k]!;
      const end = this.starts[k + 1]! - 1;
      const offset = calendar.offsetMinutesAt(start);
      const regular = offset === calendar.offsetMinutesAt(end) && studyDay(calendar, start) === first + k && studyDay(calendar, end) === first + k;
      this.offsets[k] = regular ? offset : Number.NaN;
    }
  }

  /** Instant at which study day `day` begins. */
  startOf(day: number): number {
    const k = day - this.first;
    return k >= 0 && k < this.starts.length ? this.starts[k]! : studyDayStart(this.calendar, day);
  }

  /** The slot found last: the log is mostly in time order, so the next review is usually on the same day. */
  private lastSlot = 0;

  /** Position of `ms` in the grid, or -1 when it falls outside it. */
  private slot(ms: number): number {
    const count = this.offsets.length;
    const starts = this.starts;
    let k = this.lastSlot;
    if (ms >= starts[k]! && ms < starts[k + 1]!) return k;
    if (!(ms >= starts[0]!) || ms >= starts[count]!) return -1;
    // Days are 23 to 25 hours long: the first guess is right or one off.
    k = Math.min(count - 1, Math.floor((ms - starts[0]!) / DAY));
    while (k > 0 && ms < starts[k]!) k--;
    while (k < count - 1 && ms >= starts[k + 1]!) k++;
    this.lastSlot = k;
    return k;
  }

  /** Study day containing `ms`, the same as `studyDay(calendar, ms)`. */
  dayOf(ms: number): number {
    const k = this.slot(ms);
    if (k < 0 || Number.isNaN(this.offsets[k]!)) return studyDay(this.calendar, ms);
    return this.first + k;
  }

  /**
   * `dayOf` of the first `count` instants of `times`, written to `out`: the same answers with the
   * current day's bounds kept in locals, so a log in time order costs two comparisons a review.
   */
  daysOf(times: ArrayLike<number>, count: number, out: Int32Array): void {
    const starts = this.starts;
    const offsets = this.offsets;
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    let day = 0;
    for (let i = 0; i < count; i++) {
      const ms = times[i]!;
      if (ms >= from && ms < to) {
        out[i] = day;
        continue;
      }
      const k = this.slot(ms);
      if (k < 0 || Number.isNaN(offsets[k]!)) {
        out[i] = studyDay(this.calendar, ms);
        continue;
      }
      day = this.first + k;
      from = starts[k]!;
      to = starts[k + 1]!;
      out[i] = day;
    }
  }

  /** Local clock hour (0-23) of `ms`. */
  localHourOf(ms: number): number {
    return this.localHourOn(this.dayOf(ms), ms);
  }

  /** Local clock hour (0-23) of `ms`, whose study day `day` the caller already knows. */
  localHourOn(day: number, ms: number): number {
    const k = day - this.first;
    const known = k >= 0 && k < this.offsets.length ? this.offsets[k]! : Number.NaN;
    const offset = Number.isNaN(known) ? this.calendar.offsetMinutesAt(ms) : known;
    // Whole hours since 1970 stay small integers, so the remainder is integer arithmetic.
    const hour = Math.floor((ms + offset * MINUTE) / HOUR) % 24;
    return hour < 0 ? hour + 24 : hour;
  }
}
