/**
 * Builds the renderer's API object (`window.neuralLab`) over any transport. The preload
 * script uses it with IPC, the web build with HTTP + WebSocket; both get the same object,
 * typed from the contract. This file carries no schemas (the preload bundle stays small):
 * main validates every request, whatever a client sends.
 */

import type { ApiResult } from './result';
import { eventNames, invokeNames, listenerName } from './channels';
import type { NeuralLabApi } from './contract';

/** What a transport must do: carry a request to main and bring its result back, and deliver events. */
export interface ApiTransport {
  readonly kind: 'ipc' | 'web';
  invoke(channel: string, request: unknown): Promise<ApiResult<unknown>>;
  /** Calls `listener` with each payload of `event` until the returned function is called. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export function createApi(transport: ApiTransport): NeuralLabApi {
  const api: Record<string, unknown> = { transport: transport.kind };
  for (const channel of invokeNames) {
    api[channel] = (request?: unknown) => transport.invoke(channel, request ?? {});
  }
  for (const event of eventNames) {
    api[listenerName(event)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${listenerName(event)} needs a function`);
      return transport.subscribe(event, listener);
    };
  }
  // Built from the same name lists the contract's types are checked against (contract.ts).
  return Object.freeze(api) as unknown as NeuralLabApi;
}
