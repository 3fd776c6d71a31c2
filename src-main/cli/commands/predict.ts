/** `lab predict`: not built yet; its issue replaces this placeholder. */
import { UsageError } from '../args';

export const summary = 'classify images with a trained model';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('"predict" is not available yet (it arrives with model export); "train" is');
}
