// Runs the imports into one data folder one at a time, in the order they were asked for.

/** Per data folder, the promise the next import waits for (settled when the last one queued ends). */
const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `task` once every task queued before it under `key` has finished, failed or been cancelled.
 * `onWait` is called at once when it has to wait, so the job can say why it is not moving.
 */
export function oneAtATime<T>(key: string, task: () => Promise<T>, onWait?: () => void): Promise<T> {
  const before = tails.get(key);
  if (before) onWait?.();
  const result = (before ?? Promise.resolve()).then(() => task());
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // The last one out leaves no entry behind.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return result;
}
