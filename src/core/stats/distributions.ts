// How the reviewed cards' memory is spread: stability, difficulty and current retrievability histograms.
import type { Bin, Distribution, Distributions } from '../../shared/statistics';
import { CardState } from '../collection/types';
import { StatsScope, type StatsContext } from './stats-context';

/** Roughly logarithmic: a day matters at 2 days, a month at a year. */
const STABILITY_EDGES = [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 540, 730, 1095];
const DIFFICULTY_EDGES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const RETRIEVABILITY_EDGES = Array.from({ length: 21 }, (_, k) => k / 20);

/** Cards that have been reviewed: new cards have no memory state to show. */
export function distributions(context: StatsContext): Distributions {
  const scope = StatsScope.of(context);
  const stability = new Histogram(STABILITY_EDGES, true);
  const difficulty = new Histogram(DIFFICULTY_EDGES, false);
  const retrievability = new Histogram(RETRIEVABILITY_EDGES, false);
  const cards = scope.cards;
  const retrievabilities = scope.retrievabilities;
  for (let i = 0; i < cards.length; i++) {
    const card = cards[i]!;
    if (card.state === CardState.New || card.lastReview === null) continue;
    stability.add(card.stability);
    difficulty.add(card.difficulty);
    const r = retrievabilities[i]!;
    if (!Number.isNaN(r)) retrievability.add(r);
  }
  return {
    stability: stability.result((from, to) => (to === null ? `${from}d+` : `${from}-${to}d`)),
    difficulty: difficulty.result((from, to) => `${from}-${to}`),
    retrievability: retrievability.result((from, to) => `${Math.round(from * 100)}-${Math.round((to ?? 1) * 100)}%`),
  };
}

/** Counts over fixed edges; values below the first edge go to the first bin, above the last to the last. */
class Histogram {
  private readonly counts: Float64Array;
  private sum = 0;
  private n = 0;

  constructor(
    private readonly edges: readonly number[],
    /** Whether the last bin runs on without an upper edge (else the last edge closes it). */
    private readonly openEnded: boolean,
  ) {
    this.counts = new Float64Array(openEnded ? edges.length : edges.length - 1);
  }

  add(value: number): void {
    const edges = this.edges;
    let k = 0;
    // Binary search for the last edge <= value.
    let lo = 0;
    let hi = edges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! <= value) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    this.counts[Math.min(k, this.counts.length - 1)]!++;
    this.sum += value;
    this.n++;
  }

  result(label: (from: number, to: number | null) => string): Distribution {
    const bins: Bin[] = [];
    for (let k = 0; k < this.counts.length; k++) {
      const from = this.edges[k]!;
      const to = this.edges[k + 1] ?? null;
      bins.push({ from, to, label: label(from, to), count: this.counts[k]! });
    }
    return { bins, count: this.n, mean: this.n > 0 ? this.sum / this.n : null };
  }
}

export type { Bin, Distribution, Distributions };
