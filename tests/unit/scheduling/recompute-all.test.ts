// Recomputing every card from the review log: each card's reviews in the order they happened.
import { describe, expect, it } from 'vitest';
import type { ReviewEvent } from '../../../src/core/collection/events';
import { newCard } from '../../../src/core/collection/new-card';
import { ReviewLog } from '../../../src/core/history/review-log';
import { fastReplay } from '../../../src/core/scheduling/fast-replay';
import { defaultPreset } from '../../../src/core/scheduling/presets';
import { recomputeAll } from '../../../src/core/scheduling/recompute-all';
import { newSchedule } from '../../../src/core/scheduling/scheduler';
import { fixedOffsetCalendar } from '../../../src/core/time/study-day';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 10, 0);
const calendar = fixedOffsetCalendar(0, 4);
const preset = defaultPreset();
const card = newCard('x', 1, 'd', 0, T0 - DAY);

function review(at: number, rating: 1 | 2 | 3 | 4): ReviewEvent {
  return { type: 'review', at, cardId: card.id, rating, durationMs: 1000, prior: 0, after: newSchedule(at) };
}

describe('recomputing a card from its history', () => {
  it('replays its reviews in time order, though a merge import appended older ones after newer ones', () => {
    // Studied on two machines: here on days 0 and 6, there on days 2 and 15, merged in afterwards.
    const merged = new ReviewLog();
    merged.append(1, review(T0, 3));
    merged.append(2, review(T0 + 6 * DAY, 3));
    merged.append(3, review(T0 + 2 * DAY, 1));
    merged.append(3, review(T0 + 15 * DAY, 4));
    const [recomputed] = recomputeAll(merged, () => card, () => preset, calendar);
    const inTimeOrder = fastReplay([T0, T0 + 2 * DAY, T0 + 6 * DAY, T0 + 15 * DAY], [3, 1, 3, 4], card.created, preset, calendar, card.id);
    expect(recomputed!.schedule).toEqual(inTimeOrder);
  });

  it('leaves a history already in time order as it is, reviews at the same instant in journal order', () => {
    const log = new ReviewLog();
    log.append(1, review(T0, 1));
    log.append(2, review(T0, 3));
    log.append(3, review(T0 + DAY, 3));
    const [recomputed] = recomputeAll(log, () => card, () => preset, calendar);
    expect(recomputed!.schedule).toEqual(fastReplay([T0, T0, T0 + DAY], [1, 3, 3], card.created, preset, calendar, card.id));
  });
});
