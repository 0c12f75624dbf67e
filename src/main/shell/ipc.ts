// The IPC transport's main side: one channel, the sender checked, every payload validated before the service.
import { ipcMain } from 'electron';
import type { ApiHandlers } from '../../shared/contract';
import { AppError, type Envelope } from '../../shared/errors';
import { validateWindowCall } from '../../shared/validate';
import { isTrustedFrame } from './security';

export const API_CHANNEL = 'interleave:api';

export async function handleCall(handlers: ApiHandlers, trusted: boolean, method: unknown, input: unknown): Promise<Envelope<unknown>> {
  if (!trusted) return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the Interleave window.' } };
  try {
    const call = validateWindowCall(method, input);
    const handler = handlers[call.method] as (input: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(call.input) };
  } catch (error) {
    return { ok: false, error: error instanceof AppError ? error.toBody() : { code: 'internal', message: (error as Error).message || String(error) } };
  }
}

/** `afterCall` runs once each call has been answered (the menu follows what undo would take back). */
export function registerApi(handlers: () => ApiHandlers, afterCall?: () => void): void {
  ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown) => {
    const reply = await handleCall(handlers(), isTrustedFrame(event.senderFrame), method, input);
    afterCall?.();
    return reply;
  });
}
