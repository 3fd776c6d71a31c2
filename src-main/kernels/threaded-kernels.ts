/**
 * Node-side factory for the fast kernels: WebAssembly SIMD on one thread, or a pool of
 * worker threads sharing one WebAssembly memory (protocol in src-shared/kernels/gemm-pool.ts).
 *
 *   const kernels = await createThreadedKernels({ threads: defaultKernelThreads() });
 *   … kernels.allocate(n), kernels.gemm(…) …
 *   kernels.close();
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CONTROL_BYTES, PoolRunner } from '../../src-shared/kernels/gemm-pool';
import {
  compileWasmKernels, instantiateKernels, kernelsOver, SharedHeap, type SimdFlavor,
  type WasmKernels, WORK_BYTES,
} from '../../src-shared/kernels/wasm-kernels';
import type { GemmPoolWorkerData } from './gemm-pool-worker';
import { enableRelaxedSimd } from './relaxed-simd';

/** Threads for one training run: all cores on a two-core machine, else leave one for the app. */
export function defaultKernelThreads(cores = availableParallelism()): number {
  return cores > 2 ? cores - 1 : Math.max(1, cores);
}

export interface ThreadedKernelsOptions {
  /** total threads, the caller included (default: defaultKernelThreads()) */
  threads?: number;
  /** 'auto' (default): relaxed SIMD when the runtime can */
  flavor?: SimdFlavor | 'auto';
  /**
   * The helper thread's entry (gemm-pool-worker). Default: the .ts file next to this one,
   * loaded through tsx; a bundled build passes its own module path (a .js file).
   */
  workerUrl?: URL | string;
}

const DEFAULT_WORKER = new URL('./gemm-pool-worker.ts', import.meta.url);

/**
 * Starts a worker on `url`. A .ts entry goes through tsx's loader (Node 20 does not pass
 * `--import tsx` hooks on to workers, so the worker imports it itself).
 */
export function startWorker(url: URL | string, workerData: unknown): Worker {
  const href = String(url);
  if (!href.endsWith('.ts')) return new Worker(url, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = href.startsWith('file:') ? href : pathToFileURL(href).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export async function createThreadedKernels(options: ThreadedKernelsOptions = {}): Promise<WasmKernels> {
  const threads = Math.max(1, Math.floor(options.threads ?? defaultKernelThreads()));
  if (options.flavor !== 'simd') enableRelaxedSimd();
  const setup = await compileWasmKernels({ flavor: options.flavor, shared: true });
  const heap = new SharedHeap(setup.memory);
  const control = heap.reserve(CONTROL_BYTES);
  const works = Array.from({ length: threads }, () => heap.reserve(WORK_BYTES));
  const exports = instantiateKernels(setup);

  const workerUrl = options.workerUrl ?? DEFAULT_WORKER;
  const workers: Worker[] = [];
  const stopAll = () => { for (const w of workers) void w.terminate(); };
  try {
    await Promise.all(Array.from({ length: threads - 1 }, (_, i) => new Promise<void>((resolve, reject) => {
      const data: GemmPoolWorkerData = {
        flavor: setup.flavor, module: setup.module, memory: setup.memory, control, work: works[i + 1],
      };
      const worker = startWorker(workerUrl, data);
      workers.push(worker);
      worker.unref();
      worker.once('message', () => resolve());
      worker.once('error', (error) => reject(new Error(`gemm helper thread failed to start: ${error.message}`)));
      worker.once('exit', (code) => reject(new Error(`gemm helper thread exited with code ${code} before it started`)));
    })));
  } catch (error) {
    stopAll();
    throw error;
  }
  return kernelsOver(setup, heap, new PoolRunner(exports, setup.memory, control, threads, works[0], stopAll));
}
