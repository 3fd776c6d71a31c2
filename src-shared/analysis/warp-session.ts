/**
 * The live training behind the space-warping view: a small net on a 2-D toy dataset,
 * trained a slice of time at a time (in a Web Worker, or in short slices on the UI
 * thread when workers are unavailable) and read out as snapshots for drawing.
 *
 * Changing the regulariser or λ keeps the current weights and continues from them (the
 * trainer's exact state carries over), so the effect of the penalty shows as it acts;
 * changing the data, the architecture, the learning rate or the seed starts afresh.
 */
import { Trainer } from '../engine/trainer';
import { arraySource } from '../engine/source';
import type { ActivationKind, LayerWeights, RegularizerSpec, SampleSource, TrainConfig } from '../engine/types';
import type { Kernels } from '../engine/kernels';
import { makeToyDataset, toyHasClassCount, type ToyDataset, type ToyKind } from '../toy/datasets';
import type { WarpActivation } from './warp';
import type { FeatureTransform, PointFeatureKind } from '../features/transforms';

export type WarpRegularizer = 'none' | 'l1' | 'l2';

export interface WarpSettings {
  toy: ToyKind;
  /** spiral arms / blobs; ignored by the two-class kinds */
  classes: number;
  samples: number;
  noise: number;
  dataSeed: number;
  /** units per hidden layer */
  width: number;
  /** hidden layers; 0 is the linear classifier */
  depth: number;
  /** a fixed feature transform before the first layer */
  features: PointFeatureKind | 'none';
  activation: ActivationKind;
  regularizer: WarpRegularizer;
  lambda: number;
  learningRate: number;
  /** weight-init and shuffle seed */
  seed: number;
  /** training stops by itself after this many epochs */
  maxEpochs: number;
}

export const defaultWarpSettings: WarpSettings = {
  toy: 'circles',
  classes: 3,
  samples: 300,
  noise: 0.08,
  dataSeed: 1,
  width: 4,
  depth: 1,
  features: 'none',
  activation: 'relu',
  regularizer: 'none',
  lambda: 1e-3,
  learningRate: 0.02,
  seed: 1,
  maxEpochs: 400,
};

export interface WarpSnapshot {
  /** increases each time training starts afresh (new data or architecture) */
  generation: number;
  settings: WarpSettings;
  epoch: number;
  step: number;
  loss: number;
  dataLoss: number;
  regLoss: number;
  /** training accuracy of the current weights over all points */
  accuracy: number;
  finished: boolean;
  diverged: boolean;
  layers: LayerWeights[];
  activations: WarpActivation[];
  features?: FeatureTransform;
}

const BATCH_SIZE = 32;

/** Checks settings a user typed; returns what is wrong, or null. */
export function warpSettingsProblem(s: WarpSettings): string | null {
  if (!(Number.isInteger(s.width) && s.width >= 2 && s.width <= 64)) return `width must be a whole number from 2 to 64, got ${s.width}`;
  if (!(Number.isInteger(s.depth) && s.depth >= 0 && s.depth <= 4)) return `depth must be a whole number from 0 to 4, got ${s.depth}`;
  if (!(Number.isFinite(s.lambda) && s.lambda >= 0 && s.lambda <= 10)) return `λ must be a number from 0 to 10, got ${s.lambda}`;
  if (!(Number.isFinite(s.learningRate) && s.learningRate > 0 && s.learningRate <= 10)) return `learning rate must be above 0 and at most 10, got ${s.learningRate}`;
  if (!(Number.isInteger(s.samples) && s.samples >= 10 && s.samples <= 5000)) return `samples must be a whole number from 10 to 5000, got ${s.samples}`;
  if (!(Number.isFinite(s.noise) && s.noise >= 0 && s.noise <= 1)) return `noise must be a number from 0 to 1, got ${s.noise}`;
  if (toyHasClassCount(s.toy) && !(Number.isInteger(s.classes) && s.classes >= 2 && s.classes <= 8)) return `classes must be a whole number from 2 to 8, got ${s.classes}`;
  if (!(Number.isInteger(s.maxEpochs) && s.maxEpochs >= 1)) return `max epochs must be a positive whole number, got ${s.maxEpochs}`;
  return null;
}

/** The toy dataset the settings describe (deterministic: the same settings give the same points). */
export function warpDataset(s: WarpSettings): ToyDataset {
  return makeToyDataset(s.toy, { samples: s.samples, noise: s.noise, seed: s.dataSeed, classes: toyHasClassCount(s.toy) ? s.classes : undefined });
}

function regularizerSpec(s: WarpSettings): RegularizerSpec {
  // L1 through the proximal step, so weights can become exactly zero as in the image runs
  if (s.regularizer === 'l1') return { kind: 'l1', l1: s.lambda, l2: 0, proximal: true };
  if (s.regularizer === 'l2') return { kind: 'l2', l1: 0, l2: s.lambda, proximal: false };
  return { kind: 'none', l1: 0, l2: 0, proximal: false };
}

function trainConfig(s: WarpSettings, numClasses: number): TrainConfig {
  return {
    model: {
      inputSize: 2,
      numClasses,
      hidden: Array.from({ length: s.depth }, () => ({ units: s.width, activation: s.activation })),
      ...(s.features !== 'none' ? { features: { kind: s.features } } : {}),
    },
    loss: 'softmax',
    regularizer: regularizerSpec(s),
    optimizer: { kind: 'adam', lr: s.learningRate },
    schedule: { kind: 'constant' },
    batchSize: BATCH_SIZE,
    epochs: s.maxEpochs,
    seed: s.seed,
  };
}

/** Settings whose change needs fresh weights (everything but the regulariser and λ). */
function restartKey(s: WarpSettings): string {
  const { regularizer: _r, lambda: _l, maxEpochs: _m, ...rest } = s;
  return JSON.stringify(rest);
}

export class WarpSession {
  private settings: WarpSettings;
  private data: ToyDataset;
  private trainer: Trainer;
  private points: SampleSource;
  private generation = 0;

  /**
   * `makeKernels`: where the matrix products run (the renderer's worker passes the
   * WebAssembly kernels). Called once per trainer, so memory a bump allocator handed to an
   * earlier trainer goes with it instead of piling up as settings change.
   */
  constructor(settings: WarpSettings, private readonly makeKernels?: () => Kernels) {
    const problem = warpSettingsProblem(settings);
    if (problem) throw new RangeError(problem);
    this.settings = { ...settings };
    this.data = warpDataset(settings);
    this.points = arraySource(this.data.x, this.data.labels, 2);
    this.trainer = this.freshTrainer();
  }

  get current(): WarpSettings {
    return { ...this.settings };
  }

  get finished(): boolean {
    return this.trainer.finished;
  }

  /**
   * Applies new settings: a new regulariser, λ or epoch limit continues from the current
   * weights; anything else starts over. Returns true when training restarted.
   */
  update(settings: WarpSettings): boolean {
    const problem = warpSettingsProblem(settings);
    if (problem) throw new RangeError(problem);
    const restart = restartKey(settings) !== restartKey(this.settings);
    const previous = this.trainer;
    this.settings = { ...settings };
    if (restart) {
      this.data = warpDataset(settings);
      this.points = arraySource(this.data.x, this.data.labels, 2);
      this.trainer = this.freshTrainer();
      return true;
    }
    const state = previous.saveState();
    const config = trainConfig(settings, this.data.numClasses);
    // an epoch limit below the epochs done would end the run at once: keep at least those
    config.epochs = Math.max(config.epochs, state.epoch);
    this.trainer = new Trainer(config, this.points, undefined, { state: { ...state, config }, kernels: this.makeKernels?.() });
    return false;
  }

  /** Starts over with fresh weights (same settings). */
  reset(): void {
    this.trainer = this.freshTrainer();
  }

  /** Mini-batches per epoch (the plane's points in batches), for pacing by the epoch. */
  get stepsPerEpoch(): number {
    return Math.ceil(this.points.length / BATCH_SIZE);
  }

  /** Trains one mini-batch; true when it ended an epoch. */
  trainOne(): boolean {
    if (this.trainer.finished) return false;
    return this.trainer.trainStep().epochEnd;
  }

  /** Trains mini-batches until `budgetMs` has passed (by `now`) or `maxSteps` are done; returns the steps trained. */
  train(budgetMs: number, now: () => number, maxSteps: number = Infinity): number {
    const start = now();
    let steps = 0;
    while (!this.trainer.finished && steps < maxSteps) {
      this.trainer.trainStep();
      steps++;
      if (now() - start >= budgetMs) break;
    }
    return steps;
  }

  snapshot(): WarpSnapshot {
    const evaluation = this.trainer.evaluate(this.points);
    return {
      generation: this.generation,
      settings: { ...this.settings },
      epoch: this.trainer.epoch,
      step: this.trainer.step,
      loss: evaluation.loss,
      dataLoss: evaluation.dataLoss,
      regLoss: evaluation.regLoss,
      accuracy: evaluation.accuracy,
      finished: this.trainer.finished,
      diverged: this.trainer.stopReason === 'diverged',
      layers: this.trainer.layerWeights(),
      activations: Array.from({ length: this.settings.depth }, () => ({ kind: this.settings.activation })),
      ...(this.settings.features !== 'none' ? { features: { kind: this.settings.features } } : {}),
    };
  }

  private freshTrainer(): Trainer {
    this.generation++;
    return new Trainer(trainConfig(this.settings, this.data.numClasses), this.points, undefined, { kernels: this.makeKernels?.() });
  }
}
