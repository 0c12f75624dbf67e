// The k smallest items in order, without sorting them all: the queue needs the first few hundred of many thousands.

/** Returns the `k` smallest of `items` by `compare`, in ascending order (a bounded max-heap, O(n log k)). */
export function smallest<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  return smallestInRange(0, items.length, k, (a, b) => compare(items[a]!, items[b]!) || a - b).map((i) => items[i]!);
}

/** The `k` smallest of the integers start..end-1 by `compare`, in ascending order, without listing them all first. */
export function smallestInRange(start: number, end: number, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0 || end <= start) return [];
  if (end - start <= k) {
    const all: number[] = [];
    for (let i = start; i < end; i++) all.push(i);
    return all.sort(compare);
  }
  const heap: number[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i]!, heap[parent]!) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && compare(heap[left]!, heap[largest]!) > 0) largest = left;
      if (right < heap.length && compare(heap[right]!, heap[largest]!) > 0) largest = right;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
      i = largest;
    }
  };
  for (let item = start; item < end; item++) {
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(compare);
}
