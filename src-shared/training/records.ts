/**
 * What the experiment store keeps, as the rest of the app sees it. Plain data (ids are
 * SQLite integer keys, times are milliseconds since 1970), so the same types travel
 * from the store through the contract to the renderer.
 */

import type { NormalizationKind } from '../data/normalize';
import type { LossReport, TrainConfig } from '../engine/types';
import type { ToyKind } from '../toy/datasets';
import type { LayerHealth } from '../analysis/layer-health';

/**
 * queued: waiting for a free worker slot. running: a worker is training it.
 * paused: stopped by the user with its exact state saved; resumable.
 * interrupted: the app stopped while it was running (crash, forced quit); resumable
 * from its last checkpoint. done / cancelled / failed / diverged: final.
 */
export type RunStatus = 'queued' | 'running' | 'paused' | 'done' | 'cancelled' | 'failed' | 'diverged' | 'interrupted';

export const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'paused', 'done', 'cancelled', 'failed', 'diverged', 'interrupted'];

/** Statuses after which a run never trains again. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['done', 'cancelled', 'failed', 'diverged'];

/** Statuses from which `resume` continues a run from its saved state. */
export const RESUMABLE_RUN_STATUSES: readonly RunStatus[] = ['paused', 'interrupted', 'failed'];

/**
 * Where a run's samples come from, stored with the run so it can be rebuilt on resume.
 * toy: generated from its seed, nothing to load. dataset: an image dataset in the
 * store's `datasets` table, loaded by the dataset service; the normalisation's statistics
 * are fitted on the run's training split (see src-shared/data/normalize.ts).
 */
export type RunDataSpec =
  | { kind: 'toy'; toy: ToyKind; samples: number; noise: number; seed: number; classes?: number }
  | { kind: 'dataset'; datasetId: number; normalization: NormalizationKind };

/** Stratified train/val/test split of a dataset (see src-shared/data/split.ts). */
export interface RunSplitSpec {
  val: number;
  test: number;
  seed: number;
}

export type RunOrigin = 'app' | 'cli';

export interface DatasetRecord {
  id: number;
  name: string;
  /** where it came from: 'toy', 'folder', 'idx', 'builtin', … */
  source: string;
  /** how it was read (folder path, size, grayscale, toy parameters, …) */
  options: Record<string, unknown>;
  /** hash of the decoded content, to notice when a folder changed */
  contentHash: string | null;
  /** what the import found (counts per class, skipped files, …) */
  report: Record<string, unknown> | null;
  createdAt: number;
}

export interface ExperimentRecord {
  id: number;
  name: string;
  notes: string;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  /** number of runs in this experiment */
  runCount: number;
}

export interface RunRecord {
  id: number;
  experimentId: number | null;
  name: string;
  config: TrainConfig;
  seed: number;
  datasetId: number | null;
  data: RunDataSpec;
  split: RunSplitSpec;
  appVersion: string;
  origin: RunOrigin;
  status: RunStatus;
  /** runs started together for comparison (same config, seed and split) share a group */
  twinGroup: string | null;
  /** completed epochs and mini-batches, as of the last progress written */
  epochsDone: number;
  stepsDone: number;
  error: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
  /** time spent training (pauses and queueing excluded), seconds */
  trainSeconds: number;
  /** metrics of the last completed epoch, for sorting and lists */
  summary: RunSummary;
  /** how many samples each split holds and what always answering its most common class scores; null until training first starts */
  splits: RunSplitCounts | null;
}

/**
 * The last completed epoch's numbers. Losses are kept apart the way the lab shows them
 * everywhere: the data loss, and the penalty λR(W) (the total, their sum, is never summarised).
 */
export interface RunSummary {
  trainDataLoss: number | null;
  /** λR(W) at the end of the epoch */
  trainPenalty: number | null;
  trainAccuracy: number | null;
  valDataLoss: number | null;
  valAccuracy: number | null;
}

export const NO_EPOCH_SUMMARY: RunSummary = { trainDataLoss: null, trainPenalty: null, trainAccuracy: null, valDataLoss: null, valAccuracy: null };

/** An epoch's numbers as a summary: what the run record keeps and live progress shows (not finite: null). */
export function epochSummary(report: EpochMetrics): RunSummary {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  return {
    trainDataLoss: finite(report.train.dataLoss),
    trainPenalty: finite(report.train.regLoss),
    trainAccuracy: finite(report.train.accuracy),
    valDataLoss: report.val ? finite(report.val.dataLoss) : null,
    valAccuracy: report.val ? finite(report.val.accuracy) : null,
  };
}

/** One split's size and its majority-class baseline (src-shared/analysis/baseline.ts). */
export interface SplitCount {
  samples: number;
  majorityClass: string;
  /** accuracy of always answering `majorityClass`, in [0, 1] */
  majorityAccuracy: number;
}

export interface RunSplitCounts {
  train: SplitCount;
  /** null when the run holds out no validation samples */
  val: SplitCount | null;
}

/** Below this many validation samples the lab warns that validation accuracy is too coarse to trust. */
export const MIN_TRUSTED_VAL_SAMPLES = 30;

/**
 * 'batch': one value per mini-batch (x axis: step).
 * 'train' / 'val' / 'test': one value per epoch, measured at the epoch's last step.
 */
export type MetricSplit = 'batch' | 'train' | 'val' | 'test';

export interface MetricRow {
  split: MetricSplit;
  name: string;
  /** 1-based epoch the value belongs to */
  epoch: number;
  /** global mini-batch count when the value was measured */
  step: number;
  /** NaN and ±Infinity allowed (a diverged run) */
  value: number;
}

export interface MetricPoint {
  epoch: number;
  step: number;
  value: number;
}

export interface MetricSeries {
  runId: number;
  split: MetricSplit;
  name: string;
  /** points before downsampling */
  total: number;
  /** in step order */
  points: MetricPoint[];
}

export type CheckpointReason = 'epoch' | 'pause' | 'final';

export interface CheckpointRecord {
  id: number;
  runId: number;
  /** completed epochs */
  epoch: number;
  step: number;
  reason: CheckpointReason;
  /** size of the saved trainer state */
  bytes: number;
  createdAt: number;
}

export type ExportFormat = 'json' | 'onnx' | 'safetensors';

export interface ExportRecord {
  id: number;
  runId: number;
  checkpointId: number | null;
  format: ExportFormat;
  path: string;
  bytes: number | null;
  createdAt: number;
}

export type RunSortKey = 'createdAt' | 'name' | 'status' | 'trainDataLoss' | 'valDataLoss' | 'valAccuracy' | 'trainAccuracy' | 'trainSeconds';

export interface RunQuery {
  status?: RunStatus[];
  experimentId?: number;
  /** runs whose experiment carries this tag */
  tag?: string;
  /** case-insensitive match in run name, experiment name or notes */
  text?: string;
  twinGroup?: string;
  sort?: RunSortKey;
  descending?: boolean;
  limit?: number;
  offset?: number;
}

/** One epoch's numbers in the form the store records them. */
export interface EpochMetrics {
  epoch: number;
  step: number;
  train: LossReport;
  val?: LossReport;
  lr: number;
  samplesPerSecond: number;
  /** how sparse the weights are at the epoch's end (recorded as 'train' metrics under WEIGHT_SPARSITY_METRICS' names) */
  weights?: WeightSparsity;
  /** each dense layer's health at the epoch's end (stored as 'train' metrics named by layerHealthMetric) */
  health?: LayerHealth[];
}

/**
 * Shares of the weight matrices' entries (biases excluded) that are exactly zero and near
 * zero (|w| < NEAR_ZERO, src-shared/analysis/histogram.ts), over all layers and over the
 * first layer alone: the lines of the Sparsity view, measured by the training worker.
 */
export interface WeightSparsity {
  zeroFraction: number;
  nearZeroFraction: number;
  firstLayerZeroFraction: number;
  firstLayerNearZeroFraction: number;
}

/** The metric names (split 'train', one value per epoch) a run's weight sparsity is stored under. */
export const WEIGHT_SPARSITY_METRICS: readonly (keyof WeightSparsity)[] = ['zeroFraction', 'nearZeroFraction', 'firstLayerZeroFraction', 'firstLayerNearZeroFraction'];
