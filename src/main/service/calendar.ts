// The machine's local time zone as the core's Calendar: the one place the study day meets the OS clock.
import type { Calendar } from '../../core/time/study-day';

export function systemCalendar(dayStartHour: number): Calendar {
  return {
    dayStartHour,
    // getTimezoneOffset is minutes to add to local time to get UTC; the core wants the reverse.
    offsetMinutesAt: (ms) => -new Date(ms).getTimezoneOffset(),
  };
}
