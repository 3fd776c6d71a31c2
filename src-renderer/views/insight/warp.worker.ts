/**
 * The space-warping view's trainer, off the UI thread: a WarpLoop fed by the view's
 * commands, posting snapshots back.
 */

import type { WarpCommand, WarpEvent } from '../../../src-shared/analysis/warp-protocol';
import { WarpLoop } from '../../../src-shared/analysis/warp-loop';
import { createWasmKernelsSync } from '../../../src-shared/kernels/wasm-kernels';

/** The parts of a dedicated worker's global scope used here (the renderer's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: WarpEvent): void;
  onmessage: ((event: MessageEvent<WarpCommand>) => void) | null;
}

const scope = self as unknown as WorkerScope;

const loop = new WarpLoop({
  post: (event) => scope.postMessage(event),
  schedule: (tick, ms) => setTimeout(tick, ms),
  now: () => performance.now(),
  // The lab's WebAssembly SIMD kernels, as in training workers; a worker may compile synchronously.
  makeKernels: () => createWasmKernelsSync({ initialBytes: 8 * 2 ** 20 }),
});

scope.onmessage = (event) => loop.handle(event.data);
