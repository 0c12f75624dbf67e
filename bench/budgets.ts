// The performance budgets: the one list the benchmark checks and the documentation's table is made from.

export interface Budget {
  /** The benchmark's figure this budget holds (a key of its JSON output). */
  figure: string;
  /** What is measured, as the documentation says it. */
  what: string;
  limit: number;
  unit: 'ms' | 'MB';
}

/** On a 2-core machine, 50,000 cards and 1,000,000 past reviews (the hostile inputs: on their own). */
export const BUDGETS: Budget[] = [
  { figure: 'answerP99Ms', what: 'answer a card, durable on disk (p99)', limit: 2, unit: 'ms' },
  { figure: 'answerDuringBackupP99Ms', what: 'answer a card while a backup is made (p99)', limit: 2, unit: 'ms' },
  { figure: 'backupMs', what: 'a daily backup (the journal since the day before)', limit: 3000, unit: 'ms' },
  { figure: 'openMs', what: 'open the collection, replay the journal, first due card ready', limit: 1000, unit: 'ms' },
  { figure: 'recomputeMs', what: 'recompute every card from history after a parameter change', limit: 6000, unit: 'ms' },
  { figure: 'searchMaxMs', what: 'search over all cards (slowest of the browser’s queries)', limit: 50, unit: 'ms' },
  { figure: 'statsMs', what: 'every statistic over a year', limit: 500, unit: 'ms' },
  { figure: 'apkgImportMs', what: 'import a 10,000-note Anki package with 100,000 reviews', limit: 3000, unit: 'ms' },
  { figure: 'apkgImportPeakRssMb', what: 'memory while importing that package', limit: 500, unit: 'MB' },
  {
    figure: 'importPeakRssMb',
    what: 'memory of the process reading an import, whatever the file (a media file just under its limit, a bomb, 300 MB of media)',
    limit: 400,
    unit: 'MB',
  },
  { figure: 'importOtherRequestsMaxMs', what: 'any other request while a 300 MB package is imported (slowest)', limit: 100, unit: 'ms' },
  { figure: 'csvImportMs', what: 'import a 10,000-row CSV file', limit: 1000, unit: 'ms' },
  { figure: 'decksShownP50Ms', what: 'a cold start of the window to the decks shown, in Chromium (p50)', limit: 1000, unit: 'ms' },
  { figure: 'keyToPaintP95Ms', what: 'key press to next card painted, in Chromium (p95)', limit: 50, unit: 'ms' },
  { figure: 'keyToPaintOptimizingP95Ms', what: 'key press to next card painted while the optimizer fits every review (p95)', limit: 50, unit: 'ms' },
  { figure: 'readinessMs', what: 'readiness on a date for every card, per round and topic', limit: 200, unit: 'ms' },
  { figure: 'planSimulationMs', what: 'readiness with the plan: today’s plan and 90 days simulated over every card', limit: 5000, unit: 'ms' },
  { figure: 'optimizer100kMs', what: 'fit FSRS weights to 100,000 reviews and score both weight sets', limit: 10000, unit: 'ms' },
  { figure: 'peakRssMb', what: 'memory of the main process', limit: 400, unit: 'MB' },
  { figure: 'hostileQueryMaxMs', what: 'a hostile search query of up to 200,000 characters (slowest)', limit: 2000, unit: 'ms' },
  { figure: 'hostileGlobMs', what: 'seven wildcards against a 50,000-character field', limit: 1000, unit: 'ms' },
  { figure: 'hostileTemplateMaxMs', what: 'a hostile Anki card template or field (slowest)', limit: 5000, unit: 'ms' },
  { figure: 'hostileTextFileMaxMs', what: 'a hostile 20,000-line text or Markdown import (slowest)', limit: 5000, unit: 'ms' },
];

export interface Verdict {
  budget: Budget;
  /** The figure measured (the median of the runs); null when it could not be measured here. */
  value: number | null;
  within: boolean;
}

/** Each budget against the figures; one not measured (no Chromium, say) is reported, never failed. */
export function verdicts(figures: Record<string, number>): Verdict[] {
  return BUDGETS.map((budget) => {
    const value = figures[budget.figure] ?? null;
    return { budget, value, within: value === null || value <= budget.limit };
  });
}

/** The median of each figure over several runs (figures missing from a run are left out of it). */
export function medians(runs: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  const keys = new Set(runs.flatMap((run) => Object.keys(run)));
  for (const key of keys) {
    const values = runs.map((run) => run[key]).filter((value): value is number => typeof value === 'number' && !Number.isNaN(value)).sort((a, b) => a - b);
    if (values.length === 0) continue;
    const middle = values.length >> 1;
    out[key] = values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
  }
  return out;
}

function limitText(budget: Budget): string {
  return budget.unit === 'ms' && budget.limit >= 1000 ? `${budget.limit / 1000} s` : `${budget.limit} ${budget.unit}`;
}

/** The Markdown table of the budgets, as docs/architecture.md shows it (a test keeps the two equal). */
export function budgetTable(): string {
  return ['| what | budget |', '| --- | --- |', ...BUDGETS.map((budget) => `| ${budget.what} | under ${limitText(budget)} |`)].join('\n');
}
