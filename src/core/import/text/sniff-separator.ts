// Guesses the field separator of delimited text that does not declare one.
import Papa from 'papaparse';

// Anki's order (tab, pipe, semicolon, comma: the ones flashcard files use), which breaks ties.
const CANDIDATES = ['\t', '|', ';', ','];
const SAMPLE_ROWS = 100;
const SAMPLE_CHARS = 64 * 1024;

/**
 * Anki takes the first of its separators that occurs anywhere in the first 8 KB, which misreads a comma
 * file whose text has a semicolon in it. Here each candidate splits a sample of rows, and the one that
 * gives the most rows the same number (two or more) of fields wins; ties go to Anki's order. When none
 * splits rows at all, the first candidate present is taken, and tab when none is.
 */
export function sniffSeparator(body: string): string {
  const sample = body.slice(0, SAMPLE_CHARS);
  let best: { separator: string; share: number } | null = null;
  for (const separator of CANDIDATES) {
    if (!sample.includes(separator)) continue;
    const counts = fieldCounts(sample, separator);
    const { count, share } = modal(counts);
    if (count < 2) continue;
    if (!best || share > best.share) best = { separator, share };
  }
  return best?.separator ?? CANDIDATES.find((candidate) => sample.includes(candidate)) ?? '\t';
}

/** The most common field count among rows and the share of rows that have it (ties: the larger count). */
export function modal(counts: number[]): { count: number; share: number } {
  const tally = new Map<number, number>();
  for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
  let count = 0;
  let times = 0;
  for (const [n, seen] of tally) {
    if (seen > times || (seen === times && n > count)) {
      count = n;
      times = seen;
    }
  }
  return { count, share: counts.length ? times / counts.length : 0 };
}

function fieldCounts(sample: string, separator: string): number[] {
  const counts: number[] = [];
  Papa.parse<string[]>(sample, {
    delimiter: separator,
    newline: '\n',
    preview: SAMPLE_ROWS,
    skipEmptyLines: true,
    step: (result) => {
      const row = result.data;
      if (row[0]?.startsWith('#')) return;
      counts.push(row.length);
    },
  });
  return counts;
}
