/**
 * The kernels a Node process (CLI, training worker) trains with, chosen at run time:
 * the native BLAS kernels when their addon is built and loads (and NEURAL_LAB_NATIVE does
 * not turn them off), else WebAssembly SIMD on as many threads as asked (default:
 * defaultKernelThreads()), relaxed SIMD where V8 has it.
 */
import type { Kernels } from '../../src-shared/engine/kernels';
import { createWasmKernelsSync } from '../../src-shared/kernels/wasm-kernels';
import { loadNativeAddon, nativeDisabledByEnv, nativeKernels, NATIVE_ENV } from './native-kernels';
import { enableRelaxedSimd } from './relaxed-simd';
import { createThreadedKernels, defaultKernelThreads, type ThreadedKernelsOptions } from './threaded-kernels';

export { defaultKernelThreads };

/** Which implementation a NodeKernels runs on. */
export type KernelPath = 'native' | 'wasm';

export interface NodeKernels extends Kernels {
  readonly path: KernelPath;
  readonly threads: number;
  /** why the native path is not in use (undefined when it is) */
  readonly fallbackReason?: string;
  /** Stops any helper threads; the kernels must not be used afterwards. */
  close(): void;
}

export interface NodeKernelsOptions extends ThreadedKernelsOptions {
  /** false: WebAssembly only (default: native when available and not turned off by NEURAL_LAB_NATIVE) */
  native?: boolean;
}

export async function createNodeKernels(options: NodeKernelsOptions = {}): Promise<NodeKernels> {
  const threads = options.threads ?? defaultKernelThreads();
  let fallbackReason: string | undefined;
  if (options.native === false) fallbackReason = 'the WebAssembly kernels were asked for';
  else if (nativeDisabledByEnv()) fallbackReason = `${NATIVE_ENV}=${process.env[NATIVE_ENV]} turns the native kernels off`;
  else {
    const native = loadNativeAddon();
    if ('addon' in native) return { ...nativeKernels(native.addon, { threads }), path: 'native' };
    fallbackReason = native.reason;
  }
  if (threads > 1) return { ...(await createThreadedKernels({ ...options, threads })), path: 'wasm', fallbackReason };
  if (options.flavor !== 'simd') enableRelaxedSimd();
  return { ...createWasmKernelsSync({ flavor: options.flavor }), path: 'wasm', fallbackReason };
}
