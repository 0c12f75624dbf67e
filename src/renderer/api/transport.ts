// How the renderer reaches the service: one call function per transport, one typed client over it.
import type { Api, Method } from '../../shared/contract';
import { AppError, type Envelope } from '../../shared/errors';

export interface Transport {
  call(method: Method, input: unknown): Promise<Envelope<unknown>>;
  /** URL of a file in the collection's media folder. */
  mediaUrl(name: string): string;
}

/** The API as the screens use it: typed methods that throw AppError with the service's code. */
export function createClient(transport: Transport): Api {
  // Each method is made on first use: the window need not load the contract's schemas to list them.
  const made = new Map<string, (input: unknown) => Promise<unknown>>();
  return new Proxy({} as Api, {
    get(_target, method) {
      if (typeof method !== 'string') return undefined;
      let call = made.get(method);
      if (!call) {
        call = async (input: unknown) => {
          const reply = await transport.call(method as Method, input ?? {});
          if (!reply.ok) throw AppError.fromBody(reply.error);
          return reply.result;
        };
        made.set(method, call);
      }
      return call;
    },
  });
}
