/**
 * Which matrix kernels the CLI trains with: WebAssembly SIMD on `threads` threads
 * (default: all cores on a two-core machine, else all but one).
 */
import type { Kernels } from '../../src-shared/engine/kernels';
import { createNodeKernels } from '../kernels';

export async function kernelsFor(threads: number | undefined): Promise<Kernels> {
  return createNodeKernels({ threads });
}
