/**
 * A helper thread of the gemm thread pool: instantiates the kernel module on the shared
 * memory it was given and claims chunks of every gemm (src-shared/kernels/gemm-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runGemmPoolWorker } from '../../src-shared/kernels/gemm-pool';
import { instantiateKernels, type SimdFlavor, type WasmMemory, type WasmModule } from '../../src-shared/kernels/wasm-kernels';
import { enableRelaxedSimd } from './relaxed-simd';

export interface GemmPoolWorkerData {
  flavor: SimdFlavor;
  module: WasmModule;
  memory: WasmMemory;
  /** byte offset of the control block */
  control: number;
  /** byte offset of this helper's work area */
  work: number;
}

const data = workerData as GemmPoolWorkerData;
if (data.flavor === 'relaxed') enableRelaxedSimd();
const exports = instantiateKernels({ flavor: data.flavor, module: data.module, memory: data.memory, shared: true });
parentPort!.postMessage('ready');
runGemmPoolWorker(exports, data.memory, data.control, data.work);
