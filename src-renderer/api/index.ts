/**
 * The API the views use. On the desktop the preload script has put `window.neuralLab` in
 * place (IPC); in a browser there is none, and the same object is built over HTTP and a
 * WebSocket. Either way its type is the contract's NeuralLabApi.
 */

import { createApi } from '../../src-shared/api/client';
import type { NeuralLabApi } from '../../src-shared/api/contract';
import { createWebTransport } from './web-transport';

declare global {
  interface Window {
    /** set by the preload script in the desktop app */
    readonly neuralLab?: NeuralLabApi;
  }
}

let api: NeuralLabApi | undefined;

export function getApi(): NeuralLabApi {
  api ??= window.neuralLab ?? createApi(createWebTransport());
  return api;
}

export type { NeuralLabApi } from '../../src-shared/api/contract';
