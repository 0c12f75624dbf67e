// The child process that runs a fit: fsrs-rs works beside the app, and a crash in it cannot take the app down.
import { evaluateFit, FitCancelled, refitAll, type FitOutcome, type FitRequest } from './fit';

/** To the child: the request, then perhaps 'cancel'. From it: progress, then the outcome or an error. */
export type ChildReply =
  | { kind: 'progress'; share: number; phase: string }
  | { kind: 'evaluated'; outcome: FitOutcome }
  | { kind: 'refitted'; weights: number[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

let stop = false;
const send = (reply: ChildReply) => process.send?.(reply);

process.on('message', (message: unknown) => {
  if (message === 'cancel') {
    stop = true;
    return;
  }
  const request = message as FitRequest;
  const progress = (share: number, phase: string) => {
    send({ kind: 'progress', share, phase });
    return !stop;
  };
  const work: Promise<ChildReply> =
    request.kind === 'refit'
      ? refitAll(request, progress).then((weights) => ({ kind: 'refitted', weights }))
      : evaluateFit(request, progress).then((outcome) => ({ kind: 'evaluated', outcome }));
  work.then(send, (error: unknown) => send(error instanceof FitCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: (error as Error).message }));
});
// The parent going away (the app closed) ends the fit too.
process.on('disconnect', () => process.exit(0));
