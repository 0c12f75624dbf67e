// Interval fuzz spreads cards answered alike, and the interval a button shows is the one its answer gives.
import { describe, expect, it } from 'vitest';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { newSchedule, previewAll, review } from '../../../src/core/scheduling/scheduler';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const NOW = Date.UTC(2026, 2, 2, 10, 0);
const calendar = fixedOffsetCalendar(0, 4);
const preset = { ...defaultPreset(), fuzz: true };
const cardIds = Array.from({ length: 20 }, (_, i) => `deck-note-${i}/1`);

describe('interval fuzz', () => {
  it('gives twenty new cards answered Easy at the same moment different intervals', () => {
    const intervals = cardIds.map((id) => review(newSchedule(NOW - 60_000), 4, NOW, preset, calendar, id).scheduledDays);
    // Easy on a new card is about a week: fuzz spreads it over several days, one card to the next.
    expect(Math.min(...intervals)).toBeGreaterThanOrEqual(3);
    expect(new Set(intervals).size).toBeGreaterThanOrEqual(3);
  });

  it('gives the same card the same interval each time it is asked (the seed is the card, not the clock)', () => {
    const first = review(newSchedule(NOW - 60_000), 4, NOW, preset, calendar, cardIds[0]!);
    const again = review(newSchedule(NOW - 60_000), 4, NOW, preset, calendar, cardIds[0]!);
    expect(again).toEqual(first);
  });

  it('previews for every button exactly the schedule that answering with it gives', () => {
    for (const id of cardIds) {
      const before = { ...newSchedule(NOW - 60_000) };
      const previews = previewAll(before, NOW, preset, calendar, id);
      ([1, 2, 3, 4] as const).forEach((rating, i) => expect(previews[i]).toEqual(review(before, rating, NOW, preset, calendar, id)));
      // And for a review card, where fuzz applies to every rating but Again.
      const reviewed = review(before, 4, NOW, preset, calendar, id);
      const later = reviewed.due + 86_400_000;
      const next = previewAll(reviewed, later, preset, calendar, id);
      ([1, 2, 3, 4] as const).forEach((rating, i) => expect(next[i]).toEqual(review(reviewed, rating, later, preset, calendar, id)));
    }
  });
});
