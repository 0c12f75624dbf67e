// The machine's local time zone as the core's Calendar: the one place the study day meets the OS clock.
import type { Calendar } from '../../core/time/study-day';

const QUARTER_HOUR = 900_000;
const offsets = new Map<number, number>();

/**
 * UTC offsets change only on quarter-hour boundaries (DST, zone rules), so one lookup per quarter
 * hour is kept: the queue asks for thousands of due dates per call and a Date for each is waste.
 */
function offsetAt(ms: number): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  let offset = offsets.get(bucket);
  if (offset === undefined) {
    // getTimezoneOffset is minutes to add to local time to get UTC; the core wants the reverse.
    offset = -new Date(bucket * QUARTER_HOUR).getTimezoneOffset();
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(bucket, offset);
  }
  return offset;
}

export function systemCalendar(dayStartHour: number): Calendar {
  return { dayStartHour, offsetMinutesAt: offsetAt };
}
