// A calendar of the last year: one square per study day, darker for more reviews, with the streaks.
import type { Heatmap as HeatmapData } from '../../shared/statistics';

const SIZE = 11;
const GAP = 2;

export function Heatmap({ heatmap }: { heatmap: HeatmapData }) {
  const days = heatmap.days;
  // Columns are weeks; the first column starts on the weekday of the first day shown.
  const firstWeekday = days.length ? new Date(`${days[0]!.date}T12:00:00`).getDay() : 0;
  const weeks = Math.ceil((days.length + firstWeekday) / 7);
  const level = (reviews: number) => (reviews === 0 ? 0 : Math.min(4, Math.ceil((reviews / Math.max(1, heatmap.maxReviews)) * 4)));
  return (
    <figure className="chart stat heatmap" data-testid="chart-heatmap">
      <figcaption>
        Daily reviews over the last year: studied on {heatmap.studiedDays} days; current streak {heatmap.currentStreak}, longest {heatmap.longestStreak}
      </figcaption>
      <svg width={weeks * (SIZE + GAP)} height={7 * (SIZE + GAP)} role="img" aria-label="Reviews per day over the last year">
        {days.map((day, i) => {
          const slot = i + firstWeekday;
          return (
            <rect
              key={day.day}
              x={Math.floor(slot / 7) * (SIZE + GAP)}
              y={(slot % 7) * (SIZE + GAP)}
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
    </figure>
  );
}
