import type { MetricRow } from '../../src-shared/training/records';
import type { WorkerMessage } from '../../src-shared/training/messages';
import type { LabStore } from '../store';

/** The per-step numbers kept for every mini-batch (split 'batch'). */
const STEP_METRICS = ['loss', 'dataLoss', 'regLoss', 'accuracy'] as const;

/**
 * Writes what a training session reports into the store: the one place where worker
 * messages become rows, used by the training service (messages from workers) and by
 * the CLI (the same messages, produced in-process). Progress is one transaction per
 * message; checkpoints and final states are durable.
 */
export class RunRecorder {
  constructor(private readonly store: LabStore, readonly runId: number) {}

  record(message: WorkerMessage): void {
    const { store, runId } = this;
    switch (message.type) {
      case 'progress': {
        const metrics: MetricRow[] = [];
        for (const s of message.steps) {
          for (const name of STEP_METRICS) metrics.push({ split: 'batch', name, epoch: s.epoch, step: s.step, value: s[name] });
        }
        store.recordProgress(runId, { epochsDone: message.epoch, stepsDone: message.step, trainSeconds: message.trainSeconds, metrics });
        for (const report of message.epochReports) store.recordEpoch(runId, report);
        return;
      }
      case 'checkpoint':
        store.saveCheckpoint(runId, { epoch: message.epoch, step: message.step, reason: 'epoch', state: message.state, snapshot: message.snapshot });
        return;
      case 'done':
      case 'diverged':
        store.finishRun(runId, message.type, {
          error: message.type === 'diverged' ? `training diverged at step ${message.step} (loss or weights not finite)` : null,
          checkpoint: { epoch: message.epoch, step: message.step, reason: 'final', state: message.state, snapshot: message.snapshot },
        });
        return;
      case 'paused':
        store.finishRun(runId, 'paused', { checkpoint: { epoch: message.epoch, step: message.step, reason: 'pause', state: message.state, snapshot: message.snapshot } });
        return;
      case 'cancelled':
        store.finishRun(runId, 'cancelled');
        return;
      case 'failed':
        store.finishRun(runId, 'failed', { error: message.error });
        return;
    }
  }
}
