// How the renderer reaches the service: one call function per transport, one typed client over it.
import type { Api, Method } from '../../shared/contract';
import { AppError, type Envelope } from '../../shared/errors';

export interface Transport {
  call(method: Method, input: unknown): Promise<Envelope<unknown>>;
  /** URL of a file in the collection's media folder. */
  mediaUrl(name: string): string;
}

function isEmpty(input: unknown): boolean {
  return input === undefined || (typeof input === 'object' && input !== null && Object.keys(input).length === 0);
}

/**
 * The API as the screens use it: typed methods that throw AppError with the service's code.
 *
 * `ahead`: methods asked for at once, with no input, before the window's code has even loaded (what
 * the first screen shows: the service works on them while the page starts). The first call of each
 * takes that answer; any other call first drops the answers still waiting, since it may change what
 * they would say.
 */
export function createClient(transport: Transport, ahead: readonly Method[] = []): Api {
  const early = new Map<string, Promise<Envelope<unknown>>>();
  for (const method of ahead) {
    const reply = transport.call(method, {});
    reply.catch(() => undefined); // a failure is the taker's to show; none may be left unhandled
    early.set(method, reply);
  }
  // Each method is made on first use: the window need not load the contract's schemas to list them.
  const made = new Map<string, (input: unknown) => Promise<unknown>>();
  return new Proxy({} as Api, {
    get(_target, method) {
      if (typeof method !== 'string') return undefined;
      let call = made.get(method);
      if (!call) {
        call = async (input: unknown) => {
          const taken = isEmpty(input) ? early.get(method) : undefined;
          if (taken) early.delete(method);
          else early.clear();
          const reply = await (taken ?? transport.call(method as Method, input ?? {}));
          if (!reply.ok) throw AppError.fromBody(reply.error);
          return reply.result;
        };
        made.set(method, call);
      }
      return call;
    },
  });
}
