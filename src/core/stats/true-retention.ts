// True retention: how often review cards were actually recalled, young and mature, next to the target.
import type { RetentionPeriod, RetentionRow, TrueRetention } from '../../shared/statistics';
import { CardState } from '../collection/types';
import { defaultPreset, DEFAULT_PRESET_ID } from '../scheduling/presets';
import { passCount, type PassCount } from './pass-count';
import { ReviewKind } from './review-kind';
import { StatsScope, type StatsContext } from './stats-context';

/** Each period is that many study days ending today. */
export const RETENTION_PERIODS: readonly { period: RetentionPeriod; days: number }[] = [
  { period: 'today', days: 1 },
  { period: 'week', days: 7 },
  { period: 'month', days: 30 },
  { period: 'year', days: 365 },
];

/**
 * Only answers to cards in the review state count: learning steps are not tests of memory. A pass
 * is any rating but Again. Young and mature go by the interval the card was answered on.
 */
export function trueRetention(context: StatsContext): TrueRetention {
  const scope = StatsScope.of(context);
  const { today, col } = scope;
  const log = col.history;
  const inScope = scope.logCardInScope;
  const kinds = scope.reviewKinds;
  const longest = Math.max(...RETENTION_PERIODS.map((p) => p.days));
  // Counts by days ago (0 = today) and maturity; the periods are sums of these.
  const young = new Float64Array(longest);
  const youngPassed = new Float64Array(longest);
  const mature = new Float64Array(longest);
  const maturePassed = new Float64Array(longest);
  const days = scope.reviewDays;
  for (let i = 0; i < log.length; i++) {
    const ago = today - days[i]!;
    if (ago < 0 || ago >= longest || log.removed[i] || log.prior[i] !== CardState.Review || !inScope[log.card[i]!]) continue;
    const passed = log.rating[i]! > 1 ? 1 : 0;
    if (kinds[i] === ReviewKind.Mature) {
      mature[ago]!++;
      maturePassed[ago]! += passed;
    } else {
      young[ago]!++;
      youngPassed[ago]! += passed;
    }
  }
  const rows = RETENTION_PERIODS.map(({ period, days }) => {
    let y = 0;
    let yp = 0;
    let m = 0;
    let mp = 0;
    for (let ago = 0; ago < days; ago++) {
      y += young[ago]!;
      yp += youngPassed[ago]!;
      m += mature[ago]!;
      mp += maturePassed[ago]!;
    }
    return { period, days, young: passCount(y, yp), mature: passCount(m, mp), all: passCount(y + m, yp + mp) };
  });
  const preset = scope.deckId !== undefined ? col.presetOf(scope.deckId) : (col.presets.get(DEFAULT_PRESET_ID) ?? defaultPreset());
  return { desiredRetention: preset.desiredRetention, rows };
}

export type { RetentionPeriod, RetentionRow, TrueRetention };
