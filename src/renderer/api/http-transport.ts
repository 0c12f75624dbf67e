// Browser mode's transport: POST /api/<method> with the launch secret from the URL the server printed.
import type { Method } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import type { Transport } from './transport';

const KEY = 'interleave.token';

/** Takes `#token=…` from the address (then removes it from the bar and history), or the one stored for this tab. */
export function launchToken(): string | null {
  const match = /token=([\w-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1]!;
  }
  return sessionStorage.getItem(KEY);
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
