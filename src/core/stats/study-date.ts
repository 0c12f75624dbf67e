// The calendar date a study day is named by, for chart axes and the CLI.
import { DAY } from '../time/study-day';

/**
 * `YYYY-MM-DD` of the local date on which study day `day` begins. On the shifted timeline study
 * days are UTC days, so the UTC date of the day's first shifted instant is that local date.
 */
export function studyDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
