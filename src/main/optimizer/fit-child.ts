// The child process that runs a fit: fsrs-rs works beside the app, and a crash in it cannot take the app down.
import { evaluateFit, FitCancelled, refitAll, type FitOutcome, type FitRequest } from './fit';
import { HistoryAssembly, type HistoryPart, type HistorySizes } from './history-parts';

/**
 * To the child: the request whole, or without its history (the sizes of its columns) and then the
 * history in parts; perhaps 'cancel' at any time. From it: progress, then the outcome or an error.
 */
export type ChildRequest = FitRequest | (Omit<FitRequest, 'history'> & { sizes: HistorySizes }) | { part: HistoryPart } | 'cancel';

export type ChildReply =
  | { kind: 'progress'; share: number; phase: string }
  | { kind: 'evaluated'; outcome: FitOutcome }
  | { kind: 'refitted'; weights: number[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

let stop = false;
const send = (reply: ChildReply) => {
  if (process.connected) process.send?.(reply);
};

let pending: { request: Omit<FitRequest, 'history'>; history: HistoryAssembly } | null = null;

process.on('message', (message: ChildRequest) => {
  if (message === 'cancel') {
    stop = true;
    return;
  }
  if ('sizes' in message) {
    const { sizes, ...request } = message;
    pending = { request, history: new HistoryAssembly(sizes) };
  } else if ('part' in message) {
    if (!pending) return send({ kind: 'failed', message: 'a part of the history came before its request' });
    try {
      pending.history.add(message.part);
    } catch (error) {
      pending = null;
      return send({ kind: 'failed', message: (error as Error).message });
    }
  } else return run(message);
  const history = pending.history.history;
  if (history) {
    run({ ...pending.request, history });
    pending = null;
  }
});

function run(request: FitRequest): void {
  const progress = (share: number, phase: string) => {
    send({ kind: 'progress', share, phase });
    return !stop;
  };
  const work: Promise<ChildReply> =
    request.kind === 'refit'
      ? refitAll(request, progress).then((weights) => ({ kind: 'refitted', weights }))
      : evaluateFit(request, progress).then((outcome) => ({ kind: 'evaluated', outcome }));
  work.then(send, (error: unknown) => send(error instanceof FitCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: (error as Error).message }));
}
// The parent going away (the app closed, or crashed) ends the fit too, at once: process.exit would
// wait for fsrs-rs's thread to finish the fit, minutes of a core on a large history.
const parentGone = () => process.kill(process.pid, 'SIGKILL');
process.on('disconnect', parentGone);
// A reply written as the channel closes fails on the closed pipe: the parent is gone all the same.
process.on('error', parentGone);
