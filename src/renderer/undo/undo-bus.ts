// Undo from anywhere (Ctrl/Cmd+Z, an Undo button, the Edit menu, an import's summary): one call, one message, every screen told.
import type { Api } from '../../shared/contract';
import type { UndoResult } from '../../shared/dto';
import { describeError } from '../app/describe-error';
import { showToast } from './toast';

type Listener = (result: UndoResult) => void | Promise<void>;

const listeners = new Set<Listener>();
let running = false;

/** Screens that show what an undo changes (study, browse, the deck list) refresh from here. */
export function onUndone(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const RATINGS: Record<string, string> = { again: 'Again', hard: 'Hard', good: 'Good', easy: 'Easy' };

/** The message after an undo: what it took back, in the words the learner used. */
export function undoneMessage(result: UndoResult): string {
  if (result.label === null) return 'Nothing to undo.';
  // An answer is named by its button, as the learner pressed it.
  if (result.rating) return `Undid “${RATINGS[result.rating] ?? result.rating}”.`;
  return `Undid “${result.label}”.`;
}

/**
 * Takes back the last change (or, with `seq`, that one: an import from its summary), says what it
 * took back, and tells the screens. A second request while one runs is ignored: a held Ctrl+Z
 * must not undo more than the learner saw.
 */
export async function undoLast(api: Api, seq?: number): Promise<UndoResult | null> {
  if (running) return null;
  running = true;
  try {
    const result = await api.undo(seq === undefined ? {} : { seq });
    showToast(undoneMessage(result));
    for (const listener of listeners) await listener(result);
    return result;
  } catch (error) {
    showToast(describeError(error), { kind: 'warning' });
    return null;
  } finally {
    running = false;
  }
}

/** The keys that mean undo: Ctrl+Z, or Cmd+Z on a Mac; never with Shift (redo) or Alt. */
export function isUndoKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
}

/** Typing in a field: Ctrl/Cmd+Z there undoes the typing, not a change to the collection. */
export function isTyping(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'range', 'file'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

/** The Edit menu of the desktop app asks for an undo with this window event. */
export const MENU_UNDO_EVENT = 'interleave:undo';
