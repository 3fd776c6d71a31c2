/**
 * Which matrix kernels the CLI trains with. The reference kernels for now; the fast
 * WebAssembly kernels (and --threads) plug in here when they land.
 */
import { referenceKernels, type Kernels } from '../../src-shared/engine/kernels';

export async function kernelsFor(_threads: number | undefined): Promise<Kernels> {
  return referenceKernels;
}
