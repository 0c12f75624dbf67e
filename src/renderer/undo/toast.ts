// The one message line of the window: what the last action did, and a way to undo it.
import { useSyncExternalStore } from 'react';

export interface Toast {
  id: number;
  message: string;
  /** Offer an Undo button (the change just made is on the undo stack). */
  undo?: boolean;
  kind?: 'done' | 'warning';
}

let current: Toast | null = null;
let nextId = 0;
const listeners = new Set<() => void>();

function publish(toast: Toast | null): void {
  current = toast;
  for (const listener of listeners) listener();
}

/** Shows `message`, replacing whatever the line said before. */
export function showToast(message: string, options: { undo?: boolean; kind?: Toast['kind'] } = {}): void {
  publish({ id: ++nextId, message, ...options });
}

export function clearToast(): void {
  if (current) publish(null);
}

export function useToast(): Toast | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
