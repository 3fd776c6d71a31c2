/** `lab export`: not built yet; its issue replaces this placeholder. */
import { UsageError } from '../args';

export const summary = 'write a model as JSON, ONNX or safetensors';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('"export" is not available yet (it arrives with model export); "train" is');
}
