import type { MetricRow } from '../../src-shared/training/records';
import type { WorkerMessage } from '../../src-shared/training/messages';
import type { LabStore } from '../store';
import { divergenceMessage } from '../../src-shared/engine/trainer';
import { makeToyDataset } from '../../src-shared/toy/datasets';
import { toyDataHash } from '../../src-shared/training/replay';

/** Default spacing of full resumable states among epoch checkpoints (see RunRecorder). */
export const FULL_STATE_INTERVAL_MS = 10_000;

/** The per-step numbers kept for every mini-batch (split 'batch'). */
const STEP_METRICS = ['loss', 'dataLoss', 'regLoss', 'accuracy'] as const;

/**
 * Writes what a training session reports into the store: the one place where worker
 * messages become rows, used by the training service (messages from workers) and by
 * the CLI (the same messages, produced in-process). Progress is one transaction per
 * message; checkpoints and final states are durable.
 */
export class RunRecorder {
  /** when the last full state was written (performance.now()), null before the first */
  private lastFullState: number | null = null;

  /**
   * `fullStateIntervalMs`: an epoch checkpoint keeps its full resumable state only this long
   * after the previous one (default 10 s); between, it keeps its weights snapshot alone. A
   * 1.7 M-parameter Adam state is 20 MB: written every epoch it would hold main's thread and
   * the disk for nothing, since only the newest state is ever kept. A crash resumes from a
   * state at most this old; pause and the end always save theirs.
   */
  constructor(private readonly store: LabStore, readonly runId: number, private readonly fullStateIntervalMs = FULL_STATE_INTERVAL_MS) {}

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
      case 'kernels':
        store.replays.recordProvenance(runId, { datasetHash: datasetHash(store, runId), appVersion: store.requireRun(runId).appVersion, kernel: message.kernel, threads: message.threads });
        return;
      case 'splits':
        store.recordRunSplits(runId, message.splits);
        return;
      case 'input':
        store.setRunModelInput(runId, message.input);
        return;
      case 'checkpoint': {
        const now = performance.now();
        const full = this.lastFullState === null || now - this.lastFullState >= this.fullStateIntervalMs;
        if (full) this.lastFullState = now;
        store.saveCheckpoint(runId, { epoch: message.epoch, step: message.step, reason: 'epoch', state: full ? message.state : new Uint8Array(0), snapshot: message.snapshot });
        return;
      }
      case 'done':
      case 'diverged':
        store.finishRun(runId, message.type, {
          error: message.type === 'diverged' ? divergenceMessage(message.step) : null,
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

/** The content hash of a run's data: its image dataset's, or one of the toy points its spec generates. */
function datasetHash(store: LabStore, runId: number): string | null {
  const { data } = store.requireRun(runId);
  if (data.kind === 'dataset') return store.getDataset(data.datasetId)?.contentHash ?? null;
  const points = makeToyDataset(data.toy, { samples: data.samples, noise: data.noise, seed: data.seed, classes: data.classes });
  return toyDataHash(points.x, points.labels);
}
