// How readiness figures read on screen: percentages with their band, dates in the learner's own words.

export const percent = (value: number) => `${Math.round(value * 100)}%`;

/** "82% (76–88)": a figure never shown more precisely than the model's own record allows, its band kept within 0–100%. */
export function withBand(value: number, halfWidth: number): string {
  const low = Math.max(0, value - halfWidth);
  const high = Math.min(1, value + halfWidth);
  return `${percent(value)} (${Math.round(low * 100)}–${Math.round(high * 100)})`;
}

export function dateLabel(at: number): string {
  return new Date(at).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function daysLeftLabel(days: number): string {
  if (days <= 0) return 'today';
  return days === 1 ? 'tomorrow' : `in ${days} days`;
}

/** The value a `datetime-local` input shows for an instant, in local time. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
