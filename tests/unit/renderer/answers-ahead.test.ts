// The window asks for its first screen's data before its code has loaded: each answer is taken once, and only while nothing else was asked.
import { describe, expect, it } from 'vitest';
import type { Method } from '../../../src/shared/contract';
import { createClient, type Transport } from '../../../src/renderer/api/transport';

/** A transport that records each call and answers with the method's name and how many times it was asked. */
function recording() {
  const calls: string[] = [];
  const transport: Transport = {
    call: async (method: Method, input: unknown) => {
      calls.push(`${method} ${JSON.stringify(input)}`);
      return { ok: true, result: `${method} #${calls.filter((call) => call.startsWith(`${method} `)).length}` };
    },
    mediaUrl: (name) => name,
  };
  return { calls, transport };
}

describe('answers asked for ahead', () => {
  it('are asked for at once, and each taken by the first call of its method', async () => {
    const { calls, transport } = recording();
    const api = createClient(transport, ['status', 'listDecks']);
    expect(calls).toEqual(['status {}', 'listDecks {}']);
    expect(await api.listDecks({})).toBe('listDecks #1');
    expect(await api.status({})).toBe('status #1');
    // Taken once: the next call asks again.
    expect(await api.status({})).toBe('status #2');
    expect(calls).toEqual(['status {}', 'listDecks {}', 'status {}']);
  });

  it('are dropped by any other call first, which may change what they would say', async () => {
    const { calls, transport } = recording();
    const api = createClient(transport, ['status', 'listDecks']);
    await api.status({});
    await api.rebuildFromJournal({});
    expect(await api.listDecks({})).toBe('listDecks #2');
    expect(calls).toEqual(['status {}', 'listDecks {}', 'rebuildFromJournal {}', 'listDecks {}']);
  });

  it('answer only a call without input', async () => {
    const { calls, transport } = recording();
    const api = createClient(transport, ['nextCard']);
    expect(await api.nextCard({ deckId: 'd' })).toBe('nextCard #2');
    expect(calls).toEqual(['nextCard {}', 'nextCard {"deckId":"d"}']);
  });

  it('give the failure of the service to the call that takes them', async () => {
    const transport: Transport = { call: async () => ({ ok: false, error: { code: 'data_damaged', message: 'The snapshot is damaged.' } }), mediaUrl: (name) => name };
    const api = createClient(transport, ['listDecks']);
    await expect(api.listDecks({})).rejects.toMatchObject({ code: 'data_damaged', message: 'The snapshot is damaged.' });
  });
});
