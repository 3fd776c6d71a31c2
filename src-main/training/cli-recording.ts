import type { Trainer } from '../../src-shared/engine/trainer';
import type { EpochReport, StepReport, TrainConfig } from '../../src-shared/engine/types';
import type { NormalisationKind } from '../../src-shared/data/normalize';
import type { StepRow } from '../../src-shared/training/messages';
import { savedState, weightSparsity } from '../../src-shared/training/run-loop';
import type { EpochMetrics, RunDataSpec, RunSplitSpec } from '../../src-shared/training/records';
import { defaultDatabasePath, LabStore, prepareDatabase, type NewDataset } from '../store';
import { RunRecorder } from './recorder';

/** Where a CLI run's samples came from: toy data as the app would rebuild it, or an imported image dataset. */
export type RecordedData =
  | Extract<RunDataSpec, { kind: 'toy' }>
  | { kind: 'images'; dataset: NewDataset; normalisation: NormalisationKind };

export interface RecordedRunSpec {
  name: string;
  config: TrainConfig;
  data: RecordedData;
  split: RunSplitSpec;
  /** checkpoint after every this many epochs (default 1), and the initial weights as epoch 0… */
  checkpointEvery?: number;
  /** …an epoch's at most once per this many milliseconds (default 0: every one; see TrainingServiceOptions) */
  checkpointMinIntervalMs?: number;
}

/** Steps are written at least this often (ms) within long epochs, so the app sees the run move. */
const FLUSH_INTERVAL_MS = 1000;

/**
 * A run the CLI trains in its own process, recorded in the lab database like the app's
 * runs (origin 'cli'): config, per-step and per-epoch metrics (weight sparsity included),
 * the initial weights, a checkpoint per epoch and the final state. Writes go through RunRecorder, the same path as worker messages.
 * A CLI killed midway leaves its run 'running' with a dead owner process; the app marks
 * it interrupted on its next start, resumable from the last checkpoint.
 */
export class RecordedRun {
  readonly runId: number;
  private readonly recorder: RunRecorder;
  private readonly checkpointEvery: number;
  private readonly checkpointMinIntervalMs: number;
  private lastCheckpoint = performance.now();
  private steps: StepRow[] = [];
  private lastFlush = performance.now();
  private epochsDone = 0;
  private stepsDone = 0;

  /** Opens (creating if needed) the database at `path` and records a new running run. */
  static open(path: string, spec: RecordedRunSpec, options: { createFolder?: boolean } = {}): RecordedRun {
    return new RecordedRun(new LabStore(path, { createFolder: options.createFolder }), spec);
  }

  private constructor(private readonly store: LabStore, spec: RecordedRunSpec) {
    try {
      const data: RunDataSpec = spec.data.kind === 'toy'
        ? spec.data
        : { kind: 'dataset', datasetId: store.findOrCreateDataset(spec.data.dataset).id, normalisation: spec.data.normalisation };
      this.runId = store.createRun({ name: spec.name, config: spec.config, data, split: spec.split, origin: 'cli', status: 'running' }).id;
    } catch (error) {
      store.close();
      throw error;
    }
    this.recorder = new RunRecorder(store, this.runId);
    this.checkpointEvery = spec.checkpointEvery ?? 1;
    this.checkpointMinIntervalMs = spec.checkpointMinIntervalMs ?? 0;
  }

  /** Before the first step: the initial weights as the epoch-0 checkpoint (as the app's runs keep them). */
  start(trainer: Trainer): void {
    if (this.checkpointEvery <= 0 || trainer.finished) return;
    this.recorder.record({ type: 'checkpoint', runId: this.runId, ...savedState(trainer) });
    this.lastCheckpoint = performance.now();
  }

  /** One mini-batch (from Trainer.runEpoch's callback). */
  step(report: StepReport): void {
    this.steps.push({ epoch: report.epoch + 1, step: report.step, dataLoss: report.dataLoss, regLoss: report.regLoss, loss: report.loss, accuracy: report.accuracy });
    this.stepsDone = report.step;
    if (performance.now() - this.lastFlush >= FLUSH_INTERVAL_MS) this.flush(null);
  }

  /** One finished epoch: its metrics, then a checkpoint when one is due (not after the last epoch: `finish` saves that state). */
  epoch(report: EpochReport, trainer: Trainer): void {
    const { epoch: _completed, diverged: _diverged, ...numbers } = report;
    this.epochsDone = trainer.epoch;
    this.stepsDone = trainer.step;
    this.flush({ ...numbers, epoch: report.epoch, step: trainer.step, weights: weightSparsity(trainer.layerWeights().map((layer) => layer.w)) });
    const due = this.checkpointEvery > 0 && trainer.epoch % this.checkpointEvery === 0 && !trainer.finished
      && performance.now() - this.lastCheckpoint >= this.checkpointMinIntervalMs;
    if (due) {
      this.recorder.record({ type: 'checkpoint', runId: this.runId, ...savedState(trainer) });
      this.lastCheckpoint = performance.now();
    }
  }

  /** Records the final state and status (done or diverged) and closes the database. */
  finish(trainer: Trainer): void {
    try {
      this.flush(null);
      const type = trainer.stopReason === 'diverged' ? 'diverged' : 'done';
      this.recorder.record({ type, runId: this.runId, ...savedState(trainer) });
    } finally {
      this.store.close();
    }
  }

  /** Marks the run failed with `error`'s message and closes the database. */
  fail(error: unknown): void {
    try {
      this.flush(null);
      this.recorder.record({ type: 'failed', runId: this.runId, error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.store.close();
    }
  }

  /** Writes the steps since the last flush (and an epoch's numbers) in one transaction. */
  private flush(epochReport: EpochMetrics | null): void {
    const now = performance.now();
    this.recorder.record({
      type: 'progress', runId: this.runId,
      epoch: this.epochsDone, epochs: 0, step: this.stepsDone, stepsPerEpoch: 0,
      trainSeconds: (now - this.lastFlush) / 1000,
      samplesPerSecond: epochReport?.samplesPerSecond ?? 0, etaSeconds: null,
      steps: this.steps, epochReports: epochReport ? [epochReport] : [],
    });
    this.steps = [];
    this.lastFlush = now;
  }
}

/**
 * The CLI's recording of one run: in the database given with --db (which must open), or
 * else in the app's default database, created if needed. When the default one cannot be
 * opened the run still trains, unrecorded, after a one-line warning on stderr.
 */
export async function openCliRun(dbOption: string | undefined, spec: RecordedRunSpec): Promise<RecordedRun | null> {
  // Refuses a damaged or foreign file (the app, not the CLI, moves such a file aside) and backs up one about to be migrated.
  if (dbOption !== undefined) {
    await prepareDatabase(dbOption, { setAsideUnusable: false });
    return RecordedRun.open(dbOption, spec);
  }
  const path = defaultDatabasePath();
  try {
    await prepareDatabase(path, { setAsideUnusable: false });
    return RecordedRun.open(path, spec, { createFolder: true });
  } catch (error) {
    console.error(`lab: warning: this run is not recorded (${(error as Error).message}); use --db PATH to choose a database`);
    return null;
  }
}
