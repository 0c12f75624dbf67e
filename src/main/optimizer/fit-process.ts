// Starts a fit in a child process and follows it: progress, cancel, the outcome.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, setPriority } from 'node:os';
import { join } from 'node:path';
import { FitCancelled, type FitOutcome, type FitRequest } from './fit';
import type { ChildReply, ChildRequest } from './fit-child';
import { historyParts, historySizes } from './history-parts';

/**
 * A child process rather than a worker thread: fsrs-rs aborts its whole process on some inputs it
 * rejects (a Rust panic cannot unwind through Node), and a worker thread would take the app with it.
 */
function childScript(): { file: string; execArgv: string[] } {
  // The built `optimizer-worker.js` beside the entry points (this module may be bundled into a
  // chunk one folder below them), or the TypeScript source through tsx when running from source.
  for (const built of [join(import.meta.dirname, 'optimizer-worker.js'), join(import.meta.dirname, '..', 'optimizer-worker.js')]) {
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: join(import.meta.dirname, 'fit-child.ts'), execArgv: ['--import', 'tsx'] };
}

export interface RunningFit<T> {
  outcome: Promise<T>;
  /** Asks the fit to stop at its next progress report (the learner's Cancel). */
  cancel(): void;
  /** Ends the fit's process now (the app is closing): a fit must not go on working without it. */
  stop(): void;
}

type Result<K extends FitRequest['kind']> = K extends 'refit' ? number[] : FitOutcome;

/**
 * The request without its history, then the history's columns a quarter of a megabyte at a time, each once the
 * one before has been written and other work has had its turn: serializing the whole of a million
 * reviews at once holds the app's thread for a tenth of a second.
 */
function sendInParts(child: ChildProcess, { history, ...rest }: FitRequest): void {
  const send = (message: ChildRequest, then?: () => void) => {
    if (child.connected) child.send(message, then && ((error) => error || setImmediate(then)));
  };
  const parts = historyParts(history);
  const next = () => {
    const part = parts.next();
    if (!part.done) send({ part: part.value }, next);
  };
  send({ ...rest, sizes: historySizes(history) }, next);
}

export function fitInChild<K extends FitRequest['kind']>(request: FitRequest & { kind: K }, progress: (share: number, phase: string) => void): RunningFit<Result<K>> {
  const { file, execArgv } = childScript();
  // Electron's fork runs the script with Electron's own Node; `advanced` carries typed arrays whole.
  // fsrs-rs trains on every core it finds; one is left to the app, and the fit runs at low priority,
  // so answering stays smooth while it works.
  const threads = String(Math.max(1, availableParallelism() - 1));
  const child = fork(file, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env: { ...process.env, RAYON_NUM_THREADS: threads } });
  try {
    if (child.pid !== undefined) setPriority(child.pid, 15);
  } catch {
    // Not allowed on this system: the fit runs at normal priority.
  }
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  let settled = false;
  let stopped = false;
  const outcome = new Promise<Result<K>>((resolve, reject) => {
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
      if (child.connected) child.disconnect();
    };
    child.on('message', (reply: ChildReply) => {
      if (reply.kind === 'progress') progress(reply.share, reply.phase);
      else if (reply.kind === 'evaluated') finish(() => resolve(reply.outcome as Result<K>));
      else if (reply.kind === 'refitted') finish(() => resolve(reply.weights as Result<K>));
      else if (reply.kind === 'cancelled') finish(() => reject(new FitCancelled()));
      else finish(() => reject(new Error(reply.message)));
    });
    child.on('error', (error) => finish(() => reject(error)));
    child.on('exit', (code, signal) => {
      if (stopped) return finish(() => reject(new FitCancelled()));
      const panic = /panicked at [^\n]*\n([^\n]*)/.exec(stderr)?.[1];
      finish(() => reject(new Error(`the optimizer stopped unexpectedly (${signal ?? `exit code ${code}`})${panic ? `: ${panic.trim()}` : ''}`)));
    });
  });
  sendInParts(child, request);
  return {
    outcome,
    cancel: () => {
      if (child.connected) child.send('cancel');
    },
    stop: () => {
      stopped = true;
      child.kill('SIGKILL');
    },
  };
}
