/** `lab bench`: not built yet; its issue replaces this placeholder. */
import { UsageError } from '../args';

export const summary = 'measure training speed on the standard workloads';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('"bench" is not available yet (it arrives with the fast kernels); "train" is');
}
