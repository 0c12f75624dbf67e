// The learner's study days: local calendar days that begin at a chosen hour, not UTC midnights.

const MINUTE = 60_000;
const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * How the core learns about local time without reading the clock or the environment: the caller
 * (src/main) passes the UTC offset in effect at any instant, and the hour the study day begins.
 */
export interface Calendar {
  dayStartHour: number;
  /** Minutes to add to UTC to get local time at that instant (UTC+2 gives 120). */
  offsetMinutesAt(ms: number): number;
}

export function fixedOffsetCalendar(offsetMinutes: number, dayStartHour = 4): Calendar {
  return { dayStartHour, offsetMinutesAt: () => offsetMinutes };
}

/**
 * A timeline on which UTC days are the learner's study days. ts-fsrs counts elapsed days by UTC
 * calendar date, so every instant we hand it goes through this shift and every due date it returns
 * comes back through `fromShifted`.
 */
export function toShifted(calendar: Calendar, ms: number): number {
  return ms + calendar.offsetMinutesAt(ms) * MINUTE - calendar.dayStartHour * HOUR;
}

export function fromShifted(calendar: Calendar, shifted: number): number {
  // The offset at the target instant is what matters; one correction step settles DST changes.
  const guess = shifted - calendar.offsetMinutesAt(shifted) * MINUTE + calendar.dayStartHour * HOUR;
  return shifted - calendar.offsetMinutesAt(guess) * MINUTE + calendar.dayStartHour * HOUR;
}

/** Index of the study day containing `ms` (0 = the study day that began on 1970-01-01). */
export function studyDay(calendar: Calendar, ms: number): number {
  return Math.floor(toShifted(calendar, ms) / DAY);
}

/** The instant at which study day `day` begins. */
export function studyDayStart(calendar: Calendar, day: number): number {
  return fromShifted(calendar, day * DAY);
}
