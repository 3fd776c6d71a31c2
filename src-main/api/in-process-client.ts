import { createApi } from '../../src-shared/api/client';
import type { NeuralLabApi } from '../../src-shared/api/contract';
import type { ApiRouter, CallContext } from './router';

/**
 * The typed API over a lab in this process (tests, scripts): the same NeuralLabApi object
 * the renderer gets from its transport, with every call going through the router as it
 * would from a window (validation, error mapping), so results come back typed by the
 * contract and nobody casts them.
 */
export function inProcessClient(router: ApiRouter, transport: CallContext['transport'] = 'web'): NeuralLabApi {
  return createApi({
    kind: transport,
    invoke: (channel, request) => router.invoke(channel, request, { transport }),
    subscribe: (event, listener) => router.subscribe((name, payload) => {
      if (name === event) listener(payload);
    }),
  });
}
