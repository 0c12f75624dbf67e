// Where inline code sits in Markdown text, so importers leave card syntax inside `code` alone.

export type Span = readonly [start: number, end: number];

/**
 * Offsets [start, end) of inline code spans (backticks included), in order. As in CommonMark a span
 * opens with a run of backticks and closes with the next run of the same length; a run with no
 * partner is literal text. Linear in the text: each run's partner is found from a table, not a search.
 */
export function codeSpans(text: string): Span[] {
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let at = text.indexOf('`'); at >= 0; at = text.indexOf('`', at)) {
    let end = at;
    while (text[end] === '`') end++;
    starts.push(at);
    lengths.push(end - at);
    at = end;
  }
  const partner = new Array<number>(starts.length).fill(-1);
  const nextOfLength = new Map<number, number>();
  for (let k = starts.length - 1; k >= 0; k--) {
    partner[k] = nextOfLength.get(lengths[k]!) ?? -1;
    nextOfLength.set(lengths[k]!, k);
  }
  const spans: Span[] = [];
  for (let k = 0; k < starts.length; ) {
    const close = partner[k]!;
    if (close < 0) {
      k++;
      continue;
    }
    spans.push([starts[k]!, starts[close]! + lengths[close]!]);
    k = close + 1;
  }
  return spans;
}

/** Whether `offset` falls inside one of `spans` (sorted, as codeSpans returns them). */
export function insideSpans(spans: readonly Span[], offset: number): boolean {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = spans[mid]!;
    if (offset < start) high = mid - 1;
    else if (offset >= end) low = mid + 1;
    else return true;
  }
  return false;
}

/** The first occurrence of `needle` at or after `from` that is not inside code, or -1. */
export function indexOutsideCode(text: string, needle: string, spans: readonly Span[], from = 0): number {
  for (let at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (!insideSpans(spans, at)) return at;
  }
  return -1;
}
