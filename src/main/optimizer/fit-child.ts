// The child process that runs a fit: fsrs-rs works beside the app, and a crash in it cannot take the app down.
import { fitAndEvaluate, FitCancelled, type FitOutcome, type FitRequest } from './fit';

/** To the child: the request, then perhaps 'cancel'. From it: progress, then the outcome or an error. */
export type ChildReply =
  | { kind: 'progress'; share: number; phase: string }
  | { kind: 'done'; outcome: FitOutcome }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

let stop = false;
const send = (reply: ChildReply) => process.send?.(reply);

process.on('message', (message: unknown) => {
  if (message === 'cancel') {
    stop = true;
    return;
  }
  fitAndEvaluate(message as FitRequest, (share, phase) => {
    send({ kind: 'progress', share, phase });
    return !stop;
  }).then(
    (outcome) => send({ kind: 'done', outcome }),
    (error: unknown) => send(error instanceof FitCancelled ? { kind: 'cancelled' } : { kind: 'failed', message: (error as Error).message }),
  );
});
// The parent going away (the app closed) ends the fit too.
process.on('disconnect', () => process.exit(0));
