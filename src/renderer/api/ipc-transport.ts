// The Electron transport: the preload's bridge, one function per method, forwarded to the main process.
import type { Method } from '../../shared/contract';
import type { Envelope } from '../../shared/errors';
import type { Transport } from './transport';

export type Bridge = Record<Method, (input: unknown) => Promise<Envelope<unknown>>>;

declare global {
  interface Window {
    interleave?: Bridge;
  }
}

export function ipcTransport(bridge: Bridge): Transport {
  return {
    call: (method, input) => bridge[method](input),
    mediaUrl: (name) => `app://interleave/media/${encodeURIComponent(name)}`,
  };
}
