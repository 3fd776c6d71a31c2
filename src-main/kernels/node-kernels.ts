/**
 * The kernels a Node process (CLI, training worker) trains with: WebAssembly SIMD, on as
 * many threads as asked (default: defaultKernelThreads()), relaxed SIMD where V8 has it.
 */
import type { WasmKernels } from '../../src-shared/kernels/wasm-kernels';
import { createWasmKernelsSync } from '../../src-shared/kernels/wasm-kernels';
import { enableRelaxedSimd } from './relaxed-simd';
import { createThreadedKernels, defaultKernelThreads, type ThreadedKernelsOptions } from './threaded-kernels';

export { defaultKernelThreads };

export async function createNodeKernels(options: ThreadedKernelsOptions = {}): Promise<WasmKernels> {
  const threads = options.threads ?? defaultKernelThreads();
  if (threads > 1) return createThreadedKernels({ ...options, threads });
  if (options.flavour !== 'simd') enableRelaxedSimd();
  return createWasmKernelsSync({ flavour: options.flavour });
}
