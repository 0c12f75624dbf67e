// How the renderer reaches the service: one call function per transport, one typed client over it.
import { methods, type Api, type Method } from '../../shared/contract';
import { AppError, type Envelope } from '../../shared/errors';

export interface Transport {
  call(method: Method, input: unknown): Promise<Envelope<unknown>>;
  /** URL of a file in the collection's media folder. */
  mediaUrl(name: string): string;
}

/** The API as the screens use it: typed methods that throw AppError with the service's code. */
export function createClient(transport: Transport): Api {
  const client = {} as Record<Method, (input: unknown) => Promise<unknown>>;
  for (const method of methods) {
    client[method] = async (input: unknown) => {
      const reply = await transport.call(method, input ?? {});
      if (!reply.ok) throw AppError.fromBody(reply.error);
      return reply.result;
    };
  }
  return client as unknown as Api;
}
