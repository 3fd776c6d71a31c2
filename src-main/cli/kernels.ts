/**
 * Which kernels the CLI trains with: native BLAS when built (NEURAL_LAB_NATIVE=off turns
 * it off), else WebAssembly SIMD, on `threads` threads (default: all cores on a two-core
 * machine, else all but one).
 */
import { createNodeKernels, type NodeKernels } from '../kernels';

export async function kernelsFor(threads: number | undefined): Promise<NodeKernels> {
  return createNodeKernels({ threads });
}
