// A calendar of the last year: one square per study day, darker for more reviews, with month and weekday labels and the streaks.
import type { Heatmap as HeatmapData } from '../../shared/statistics';

const dayCount = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
const SIZE = 11;
const GAP = 2;
const CELL = SIZE + GAP;
/** Room for the weekday names on the left and the month names on top. */
const LEFT = 30;
const TOP = 16;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Every other weekday, as calendars do: all seven do not fit beside 11-pixel rows. Rows start on Sunday. */
const WEEKDAYS: [number, string][] = [
  [1, 'Mon'],
  [3, 'Wed'],
  [5, 'Fri'],
];

/** A month's name over the week column where the month starts, unless it would crowd the one before. */
function monthLabels(dates: string[], firstWeekday: number): { column: number; name: string }[] {
  const labels: { column: number; name: string }[] = [];
  dates.forEach((date, i) => {
    const month = Number(date.slice(5, 7)) - 1;
    const startsMonth = i === 0 || date.slice(5, 7) !== dates[i - 1]!.slice(5, 7);
    if (!startsMonth) return;
    const column = Math.floor((i + firstWeekday) / 7);
    const previous = labels.at(-1);
    if (previous && column - previous.column < 3) {
      // The year's first, partial month gives way to the first whole one.
      if (labels.length === 1 && i > 0) labels.pop();
      else return;
    }
    labels.push({ column, name: MONTHS[month]! });
  });
  return labels;
}

export function Heatmap({ heatmap }: { heatmap: HeatmapData }) {
  const days = heatmap.days;
  // Columns are weeks; the first column starts on the weekday of the first day shown.
  const firstWeekday = days.length ? new Date(`${days[0]!.date}T12:00:00`).getDay() : 0;
  const weeks = Math.ceil((days.length + firstWeekday) / 7);
  const level = (reviews: number) => (reviews === 0 ? 0 : Math.min(4, Math.ceil((reviews / Math.max(1, heatmap.maxReviews)) * 4)));
  return (
    <figure className="chart stat heatmap" data-testid="chart-heatmap">
      <figcaption>
        Daily reviews over the last year: studied on {dayCount(heatmap.studiedDays)}; current streak {dayCount(heatmap.currentStreak)}, longest {dayCount(heatmap.longestStreak)}
      </figcaption>
      <svg width={LEFT + weeks * CELL} height={TOP + 7 * CELL} role="img" aria-label="Reviews per day over the last year">
        {monthLabels(
          days.map((day) => day.date),
          firstWeekday,
        ).map(({ column, name }) => (
          <text key={`${column}-${name}`} className="heat-label" x={LEFT + column * CELL} y={TOP - 5} data-testid="heat-month">
            {name}
          </text>
        ))}
        {WEEKDAYS.map(([row, name]) => (
          <text key={name} className="heat-label" x={0} y={TOP + row * CELL + SIZE - 2} data-testid="heat-weekday">
            {name}
          </text>
        ))}
        {days.map((day, i) => {
          const slot = i + firstWeekday;
          return (
            <rect
              key={day.day}
              x={LEFT + Math.floor(slot / 7) * CELL}
              y={TOP + (slot % 7) * CELL}
              width={SIZE}
              height={SIZE}
              rx={2}
              className={`heat-${level(day.reviews)}`}
            >
              <title>{`${day.date}: ${day.reviews} review${day.reviews === 1 ? '' : 's'}`}</title>
            </rect>
          );
        })}
      </svg>
      <p className="heat-scale muted" aria-hidden="true">
        Less
        {[0, 1, 2, 3, 4].map((n) => (
          <svg key={n} width={SIZE} height={SIZE}>
            <rect width={SIZE} height={SIZE} rx={2} className={`heat-${n}`} />
          </svg>
        ))}
        More
      </p>
    </figure>
  );
}
