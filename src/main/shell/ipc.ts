// The IPC transport's main side: one channel, the sender checked, every payload validated before the service.
import { ipcMain } from 'electron';
import type { ApiHandlers } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import { errorBody } from '../service/error-body';
import { validateWindowCall } from '../../shared/validate';
import { isTrustedFrame } from './security';

export const API_CHANNEL = 'interleave:api';

export async function handleCall(handlers: ApiHandlers, trusted: boolean, method: unknown, input: unknown, dataDir = 'the data folder'): Promise<Envelope<unknown>> {
  if (!trusted) return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the Interleave window.' } };
  try {
    const call = validateWindowCall(method, input);
    const handler = handlers[call.method] as (input: unknown) => Promise<unknown>;
    return { ok: true, result: await handler(call.input) };
  } catch (error) {
    return { ok: false, error: errorBody(error, dataDir) };
  }
}

/** `afterCall` runs once each call has been answered (the menu follows what undo would take back). */
export function registerApi(handlers: () => ApiHandlers, dataDir: string, afterCall?: () => void): void {
  ipcMain.handle(API_CHANNEL, async (event, method: unknown, input: unknown) => {
    const reply = await handleCall(handlers(), isTrustedFrame(event.senderFrame), method, input, dataDir);
    afterCall?.();
    return reply;
  });
}
