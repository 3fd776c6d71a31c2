/** Pause, resume, cancel and delete, with the outcome told in a toast. */

import type { NeuralLabApi } from '../../../src-shared/api/contract';
import { showToast } from '../../state/toasts';
import type { Run } from '../../state/types';

export type RunCommand = 'pause' | 'resume' | 'cancel';

const verbs: Record<RunCommand, string> = { pause: 'pause', resume: 'resume', cancel: 'cancel' };

export async function runControl(api: NeuralLabApi, run: Pick<Run, 'id' | 'name'>, command: RunCommand): Promise<Run | null> {
  const call = command === 'pause' ? api.pauseRun : command === 'resume' ? api.resumeRun : api.cancelRun;
  const result = await call({ id: run.id });
  if (!result.ok) {
    showToast(`Could not ${verbs[command]} "${run.name}": ${result.error.message}`, 'error');
    return null;
  }
  return result.value;
}

export async function deleteRun(api: NeuralLabApi, run: Pick<Run, 'id' | 'name'>): Promise<boolean> {
  const result = await api.deleteRun({ id: run.id });
  if (!result.ok) {
    showToast(`Could not delete "${run.name}": ${result.error.message}`, 'error');
    return false;
  }
  showToast(`Deleted "${run.name}"`, 'ok');
  return true;
}
