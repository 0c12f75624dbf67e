// Browser mode's transport: POST /api/<method> with the launch secret from the URL the server printed.
import type { Method } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import type { Transport } from './transport';

const KEY = 'interleave.token';

/** The launch secret: from `#token=…` in the address, or the one kept for this tab (a reload). */
export function launchToken(): string | null {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  return match ? match[1]! : sessionStorage.getItem(KEY);
}

/**
 * Keeps the secret for this tab and takes it out of the address bar and history. Both wait on the
 * browser's own process (a busy one makes that a tenth of a second or more): the window does this
 * once its first calls and its code are on their way.
 */
export function keepLaunchToken(token: string): void {
  if (!/token=/.test(window.location.hash)) return;
  sessionStorage.setItem(KEY, token);
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

export function httpTransport(token: string): Transport {
  return {
    async call(method: Method, input: unknown): Promise<Envelope<unknown>> {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Interleave-Token': token },
          body: JSON.stringify(input ?? {}),
        });
      } catch (error) {
        return { ok: false, error: { code: 'internal', message: `The Interleave server cannot be reached (${(error as Error).message}). Is "npm run web" still running?` } };
      }
      try {
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The server answered ${response.status} without a readable reply.` } };
      }
    },
    mediaUrl: (name) => `/media/${encodeURIComponent(name)}?t=${encodeURIComponent(token)}`,
  };
}
