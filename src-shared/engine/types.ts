/**
 * The engine's data types. A run's config (TrainConfig and its parts) is declared once,
 * as zod schemas with their bounds in config.ts; its types here are derived from them.
 */
import type { z } from 'zod';
import type { RngState } from '../random';
import type { activationKind, augmentationSpec, hiddenLayerSpec, lossKind, modelSpec, optimizerSpec, regularizerSpec, scheduleSpec, trainConfig } from './config';

export type ActivationKind = z.infer<typeof activationKind>;
export type HiddenLayerSpec = z.infer<typeof hiddenLayerSpec>;
export type ModelSpec = z.infer<typeof modelSpec>;
export type LossKind = z.infer<typeof lossKind>;
export type RegularizerSpec = z.infer<typeof regularizerSpec>;
export type OptimizerSpec = z.infer<typeof optimizerSpec>;
export type ScheduleSpec = z.infer<typeof scheduleSpec>;
export type AugmentationSpec = z.infer<typeof augmentationSpec>;
export type TrainConfig = z.infer<typeof trainConfig>;

/**
 * Where training samples come from. Images stay uint8 in memory; `fillBatch` turns the
 * chosen rows into float32 (normalised) only for the batch being trained.
 */
export interface SampleSource {
  /** number of samples */
  readonly length: number;
  /** values per sample (flattened H×W×C, or 2 for toy data) */
  readonly inputSize: number;
  /** class index of each sample, [length] */
  readonly labels: Int32Array;
  /** Writes samples `indices[0..count)` as rows of `out` ([count × inputSize]). */
  fillBatch(indices: ArrayLike<number>, count: number, out: Float32Array | Float64Array): void;
  /**
   * Every sample, ready for the network, as one contiguous buffer [length × inputSize]
   * when the source holds them that way: evaluation then reads batches in place.
   */
  readonly rows?: Float32Array;
}

/** Loss split the way the lab shows it: data loss and λ·R(W) apart. */
export interface LossReport {
  dataLoss: number;
  regLoss: number;
  /** dataLoss + regLoss */
  loss: number;
  accuracy: number;
}

export interface StepReport extends LossReport {
  /** epoch being trained, 0-based */
  epoch: number;
  /** global mini-batch count, 1-based after the first step */
  step: number;
  /** true when this step finished the epoch */
  epochEnd: boolean;
  diverged: boolean;
}

export interface EpochReport {
  /** epochs completed so far (1 after the first) */
  epoch: number;
  train: LossReport;
  val?: LossReport;
  lr: number;
  /** training samples through forward + backward + update, per second, for this epoch */
  samplesPerSecond: number;
  diverged: boolean;
}

/** One dense layer's parameters as the outside world sees them. W is [inputs × units], row-major. */
export interface LayerWeights {
  inputs: number;
  units: number;
  activation: ActivationKind | 'none';
  w: Float32Array;
  b: Float32Array;
}

export type StopReason = 'done' | 'diverged';

/**
 * Everything a paused run needs to continue exactly where it stopped. Plain data; see
 * state.ts for its exact binary encoding.
 */
export interface TrainerState {
  config: TrainConfig;
  /** epochs completed */
  epoch: number;
  /** mini-batches trained so far */
  step: number;
  /** sample order of the current epoch, [train length] */
  order: Int32Array;
  /** samples of `order` already trained this epoch (0 at an epoch boundary) */
  position: number;
  /** RNG state after the last draw */
  rng: RngState;
  /** parameter values in Network.parameters() order: W1, b1, W2, b2, … */
  params: Float32Array[];
  /** optimiser slots, per parameter in the same order, slotCount(config.optimizer) each */
  slots: Float32Array[];
  diverged: boolean;
  /** the divergence rule's memory (see trainer.ts); null before the first step */
  lossWatch: LossWatch | null;
}

/** Data loss of the first step, and the running mean of the data loss since (about the last 10 steps). */
export interface LossWatch {
  reference: number;
  smoothed: number;
}
