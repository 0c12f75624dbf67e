// Lets a screen holding unsaved work (the note editor) be asked before the window moves to another screen.

/** Calls `leave` now, later (once the learner agrees), or never (they chose to stay). */
export type LeaveGuard = (leave: () => void) => void;

let guard: LeaveGuard | null = null;
/** The address a guard agreed to, so the hash change that follows is not asked about again. */
let agreed: string | null = null;

/** Installs `next` until the returned function removes it; one screen holds work at a time. */
export function setLeaveGuard(next: LeaveGuard): () => void {
  guard = next;
  return () => {
    if (guard === next) guard = null;
  };
}

/** Goes to `hash` once any guard agrees. */
export function leaveTo(hash: string): void {
  if (hash === window.location.hash) return;
  const go = () => {
    agreed = hash;
    window.location.hash = hash;
  };
  if (guard) guard(go);
  else go();
}

/** Whether a hash change may be shown: false while a guard holds work the learner has not let go. */
export function mayShow(hash: string): boolean {
  if (guard && hash !== agreed) return false;
  agreed = null;
  return true;
}
