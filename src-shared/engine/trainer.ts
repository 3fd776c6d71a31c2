/**
 * The training loop: mini-batches in a freshly shuffled order each epoch, one optimiser
 * step per batch, train/val evaluation per epoch, and a state that can be saved and
 * resumed mid-epoch to continue bit for bit.
 *
 * One step: X, y = next batch; S = net.forward(X); L = loss(S, y) + λR(W);
 *           net.backward(dL/dS); dW += λ R'(W); W ← optimiser(W, dW);
 *           with proximal L1: W ← soft-threshold(W, λ1 × the optimiser's step size) (optimizers.ts).
 *
 * All randomness (weight init, then each epoch's shuffle) comes from one Rng seeded with
 * `config.seed`; every buffer is allocated once, here or in the Network.
 */
import { referenceKernels, type FloatArray, type Kernels, type OptimizerStep } from './kernels';
import { createNetwork, Network, type Parameter } from './network';
import { lossFunction, softmaxRows, type LossFunction } from './losses';
import { addRegularizationGradient, l1Strength, l2Strength, regularizationLoss } from './regularizers';
import { applyUpdate, DEFAULT_ADAM, DEFAULT_MOMENTUM, proximalL1, slotCount } from './optimizers';
import { learningRate } from './schedules';
import { Rng } from '../random';
import { checkedAgainst, trainConfig } from './config';
import type {
  EpochReport, LayerWeights, LossReport, LossWatch, SampleSource, StepReport, StopReason, TrainConfig, TrainerState,
} from './types';

export type { TrainerState } from './types';

/**
 * The divergence rule: a run has diverged when its loss or weights stop being finite
 * numbers, or when its data loss, averaged over about the last 10 mini-batches, grows
 * above DIVERGENCE_FACTOR times the first mini-batch's (a learning rate far too large
 * sends the loss up to finite but absurd values long before NaN, e.g. lr 10 on photos).
 * The running mean keeps one bad mini-batch of a healthy run from tripping it; the floor
 * keeps a run that starts near zero loss from being flagged for noise.
 */
export const DIVERGENCE_FACTOR = 10;
const DIVERGENCE_SMOOTHING = 0.1;
const DIVERGENCE_FLOOR = 0.1;

/** What a diverged run says, wherever it is shown (CLI, run record): what happened and what to do. */
export function divergenceMessage(step: number): string {
  return `training diverged at step ${step}: the data loss grew above ${DIVERGENCE_FACTOR}× its first value, or the loss or weights `
    + 'became NaN or infinite. Lower the learning rate (a tenth is a good next try)';
}

/** The loss watch after a step with data loss `loss`; `diverged` when the rule above fires. */
export function watchLoss(watch: LossWatch | null, loss: number): { watch: LossWatch; diverged: boolean } {
  if (watch === null) return { watch: { reference: loss, smoothed: loss }, diverged: !Number.isFinite(loss) };
  const smoothed = watch.smoothed + DIVERGENCE_SMOOTHING * (loss - watch.smoothed);
  const next = { reference: watch.reference, smoothed };
  return { watch: next, diverged: !Number.isFinite(loss) || smoothed > DIVERGENCE_FACTOR * Math.max(watch.reference, DIVERGENCE_FLOOR) };
}

/**
 * Rows per evaluation batch (at least): evaluation needs no backward pass, so it runs in
 * batches bigger than training's, where the products run faster.
 */
export const EVALUATION_BATCH = 1024;

/** Wall-clock seconds of the last epoch's parts (the CLI adds its own recording time). */
export interface EpochTimes {
  /** the epoch's mini-batches: batch filling, forward, backward, update */
  train: number;
  /** the end-of-epoch evaluation (train and val loss and accuracy) */
  evaluate: number;
}

export interface TrainerOptions {
  /** matrix-product kernels (default: the reference kernels) */
  kernels?: Kernels;
  /** continue a saved run instead of starting fresh */
  state?: TrainerState;
}

export class Trainer {
  readonly config: TrainConfig;
  readonly network: Network;
  private readonly kernels: Kernels;
  private readonly lossFn: LossFunction;
  private readonly params: Parameter[];
  /** the weight matrices among params (what regularisation sees) */
  private readonly weightArrays: FloatArray[];
  /** optimiser slots per parameter, same order as `params` */
  private readonly slots: Float32Array[][];
  private rng: Rng;
  private order: Int32Array;
  private position = 0;
  private epochsDone = 0;
  private stepsDone = 0;
  private diverged = false;
  private lossWatch: LossWatch | null = null;

  /** the current batch: inputs [capacity × inputSize], labels [batchSize], dL/dS [batchSize × classes] */
  private readonly xBatch: Float32Array;
  private readonly yBatch: Int32Array;
  private readonly dScores: Float32Array;
  /** rows per batch the buffers hold: the training batch or EVALUATION_BATCH, whichever is larger */
  private readonly capacity: number;
  /** row numbers of the batch being evaluated, [capacity] */
  private readonly evalIndices: Int32Array;
  /** the optimiser's settings, updated in place each step (for kernels.optimizerStep) */
  private readonly fusedStep: OptimizerStep;
  /** [Σ|w| before, Σw² before, Σw after] of one fused parameter update */
  private readonly updateSums = new Float64Array(3);

  /** forward+backward+update time and samples, this epoch and since construction */
  private epochSeconds = 0;
  private epochSamples = 0;
  private totalSeconds = 0;
  private totalSamples = 0;
  private epochStarted = 0;
  /** seconds of the last epoch's training and evaluation */
  lastEpochTimes: EpochTimes = { train: 0, evaluate: 0 };

  constructor(config: TrainConfig, private readonly train: SampleSource, private readonly val?: SampleSource, options: TrainerOptions = {}) {
    checkedAgainst(trainConfig, config, 'config');
    // the one bound the schema cannot see: mirrored images must be the model's input
    const mirror = config.augmentation?.mirror;
    if (mirror && mirror.width * mirror.height * mirror.channels !== config.model.inputSize) {
      throw new RangeError(`mirror augmentation is set up for ${mirror.width}×${mirror.height}×${mirror.channels} images, the model reads ${config.model.inputSize} values`);
    }
    checkSource('training data', train, config);
    if (train.length === 0) throw new RangeError('training data is empty');
    if (val) checkSource('validation data', val, config);
    this.config = structuredClone(config);
    this.kernels = options.kernels ?? referenceKernels;
    this.lossFn = lossFunction(config.loss);

    this.rng = new Rng(config.seed);
    this.capacity = Math.max(config.batchSize, EVALUATION_BATCH);
    this.network = createNetwork(config.model, this.rng, { kernels: this.kernels, dtype: 'f32', batchCapacity: this.capacity });
    this.params = this.network.parameters();
    this.weightArrays = this.network.weights();
    this.slots = this.params.map((p) => Array.from({ length: slotCount(config.optimizer) }, () => this.kernels.allocate(p.value.length)));
    this.order = new Int32Array(train.length);
    // evaluation batches pass through xBatch too, between training steps
    this.xBatch = this.kernels.allocate(this.capacity * config.model.inputSize);
    this.yBatch = new Int32Array(config.batchSize);
    this.evalIndices = new Int32Array(this.capacity);
    this.dScores = this.kernels.allocate(config.batchSize * config.model.numClasses);
    const { optimizer } = config;
    this.fusedStep = {
      kind: optimizer.kind, lr: optimizer.lr, l1: 0, l2: 0,
      momentum: optimizer.kind === 'momentum' ? optimizer.momentum ?? DEFAULT_MOMENTUM : 0,
      beta1: optimizer.kind === 'adam' ? optimizer.beta1 ?? DEFAULT_ADAM.beta1 : 0,
      beta2: optimizer.kind === 'adam' ? optimizer.beta2 ?? DEFAULT_ADAM.beta2 : 0,
      eps: optimizer.kind === 'adam' ? optimizer.eps ?? DEFAULT_ADAM.eps : 0,
      t: 0,
    };

    if (options.state) this.restore(options.state);
  }

  /** Epochs completed. */
  get epoch(): number {
    return this.epochsDone;
  }

  /** Mini-batches trained. */
  get step(): number {
    return this.stepsDone;
  }

  /** True once all epochs are done or training diverged. */
  get finished(): boolean {
    return this.stopReason !== null;
  }

  get stopReason(): StopReason | null {
    if (this.diverged) return 'diverged';
    if (this.epochsDone >= this.config.epochs) return 'done';
    return null;
  }

  /** Learning rate of the epoch being trained. */
  get learningRate(): number {
    return learningRate(this.config.schedule, this.config.optimizer.lr, this.epochsDone, this.config.epochs);
  }

  /** Samples trained and seconds spent in forward+backward+update (data loading excluded), since construction. */
  get throughput(): { samples: number; seconds: number } {
    return { samples: this.totalSamples, seconds: this.totalSeconds };
  }

  /** Trains one mini-batch (a new epoch starts with a fresh shuffle). */
  trainStep(): StepReport {
    if (this.finished) throw new Error(`training has already finished (${this.stopReason})`);
    const { config, network, train, xBatch, yBatch, dScores } = this;
    if (this.position === 0) this.startEpoch();

    const epoch = this.epochsDone;
    const count = Math.min(config.batchSize, train.length - this.position);
    const indices = this.order.subarray(this.position, this.position + count);
    train.fillBatch(indices, count, xBatch);
    for (let r = 0; r < count; r++) yBatch[r] = train.labels[indices[r]];
    const mirror = config.augmentation?.mirror;
    if (mirror) {
      for (let r = 0; r < count; r++) if (this.rng.uniform() < 0.5) mirrorImage(xBatch, r * config.model.inputSize, mirror);
    }

    const started = performance.now();
    const scores = network.forward(xBatch, count);
    const { loss: dataLoss, correct } = this.dataLoss(scores, yBatch, count, dScores);
    // this batch's gradients replace the last one's (no separate zeroing pass)
    network.backward(dScores, { accumulate: false });
    const { regLoss, finite } = this.kernels.optimizerStep && !config.regularizer.proximal
      ? this.updateFused(this.kernels.optimizerStep)
      : this.update();
    const loss = dataLoss + regLoss;
    const watched = watchLoss(this.lossWatch, dataLoss);
    if (Number.isFinite(dataLoss)) this.lossWatch = watched.watch;
    if (watched.diverged || !Number.isFinite(loss) || !finite) this.diverged = true;
    const seconds = (performance.now() - started) / 1000;
    this.epochSeconds += seconds;
    this.totalSeconds += seconds;
    this.epochSamples += count;
    this.totalSamples += count;

    this.stepsDone++;
    this.position += count;
    const epochEnd = this.position === train.length;
    if (epochEnd) {
      this.epochsDone++;
      this.position = 0;
    }
    return {
      dataLoss, regLoss, loss, accuracy: correct / count,
      epoch, step: this.stepsDone, epochEnd, diverged: this.diverged,
    };
  }

  /** Trains until the current epoch ends (or training diverges), then evaluates it. */
  runEpoch(onStep?: (report: StepReport) => void): EpochReport {
    if (this.finished) throw new Error(`training has already finished (${this.stopReason})`);
    for (;;) {
      const report = this.trainStep();
      onStep?.(report);
      if (report.epochEnd || report.diverged) break;
    }
    return this.epochReport();
  }

  /** Train (and val) loss and accuracy now, with the pace of the epoch just trained. */
  epochReport(): EpochReport {
    const lastEpoch = Math.max(0, this.epochsDone - (this.position === 0 ? 1 : 0));
    const evaluating = performance.now();
    const report: EpochReport = {
      epoch: this.epochsDone,
      train: this.evaluate(this.train),
      val: this.val && this.val.length > 0 ? this.evaluate(this.val) : undefined,
      lr: learningRate(this.config.schedule, this.config.optimizer.lr, lastEpoch, this.config.epochs),
      samplesPerSecond: this.epochSeconds > 0 ? this.epochSamples / this.epochSeconds : 0,
      diverged: this.diverged,
    };
    this.lastEpochTimes = { train: (evaluating - this.epochStarted) / 1000, evaluate: (performance.now() - evaluating) / 1000 };
    return report;
  }

  /** Mean data loss, current λR(W) and accuracy of the current weights on `source`. */
  evaluate(source: SampleSource): LossReport {
    checkSource('evaluation data', source, this.config);
    let lossSum = 0;
    let correct = 0;
    this.forEachBatch(source, (scores, count, labels) => {
      const result = this.dataLoss(scores, labels, count);
      lossSum += result.loss * count;
      correct += result.correct;
    });
    const n = source.length;
    const dataLoss = n > 0 ? lossSum / n : 0;
    const regLoss = regularizationLoss(this.config.regularizer, this.weightArrays, this.kernels);
    return { dataLoss, regLoss, loss: dataLoss + regLoss, accuracy: n > 0 ? correct / n : 0 };
  }

  /** Softmax probabilities [n × classes] and predicted class (highest score) [n] for every sample. */
  predict(source: SampleSource): { probabilities: Float32Array; predicted: Int32Array } {
    checkSource('prediction data', source, this.config);
    const classes = this.config.model.numClasses;
    const probabilities = new Float32Array(source.length * classes);
    const predicted = new Int32Array(source.length);
    let done = 0;
    this.forEachBatch(source, (scores, count) => {
      softmaxRows(scores, count, classes, probabilities, done * classes);
      for (let r = 0; r < count; r++) predicted[done + r] = argmax(scores, r * classes, classes);
      done += count;
    });
    return { probabilities, predicted };
  }

  layerWeights(): LayerWeights[] {
    return this.network.layerWeights();
  }

  /** A copy of everything needed to resume this run exactly. */
  saveState(): TrainerState {
    return {
      config: structuredClone(this.config),
      epoch: this.epochsDone,
      step: this.stepsDone,
      order: Int32Array.from(this.order),
      position: this.position,
      rng: this.rng.getState(),
      params: this.params.map((p) => Float32Array.from(p.value)),
      slots: this.slots.flatMap((perParam) => perParam.map((s) => Float32Array.from(s))),
      diverged: this.diverged,
      lossWatch: this.lossWatch && { ...this.lossWatch },
    };
  }

  private startEpoch(): void {
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.rng.shuffle(this.order);
    this.epochSeconds = 0;
    this.epochSamples = 0;
    this.epochStarted = performance.now();
  }

  /** Mean data loss (and rows right) of `scores` [count × classes]; with dScores, its gradient too. */
  private dataLoss(scores: FloatArray, labels: Int32Array, count: number, dScores?: FloatArray): { loss: number; correct: number } {
    const classes = this.config.model.numClasses;
    if (this.kernels.loss) return this.kernels.loss(this.config.loss, scores, labels, count, classes, dScores);
    return this.lossFn(scores, labels, count, classes, dScores);
  }

  /**
   * The step's update, written out: λR(W) of the weights before it, the regularisation
   * gradient, the optimiser, the proximal L1 threshold; then whether all parameters are finite.
   */
  private update(): { regLoss: number; finite: boolean } {
    const { regularizer, optimizer } = this.config;
    const lr = this.learningRate;
    const regLoss = regularizationLoss(regularizer, this.weightArrays, this.kernels);
    const proximalStrength = regularizer.proximal ? l1Strength(regularizer) : 0;
    const t = this.stepsDone + 1;
    this.params.forEach((p, i) => {
      if (p.isWeight) addRegularizationGradient(regularizer, p.value, p.grad, this.kernels);
      applyUpdate(optimizer, p.value, p.grad, this.slots[i], lr, t, this.kernels);
      // proximal L1 in the optimiser's metric (optimizers.ts `proximalL1`)
      if (p.isWeight && proximalStrength > 0) proximalL1(optimizer, p.value, this.slots[i], lr, proximalStrength, t);
    });
    return { regLoss, finite: this.params.every((p) => allFinite(p.value, this.kernels)) };
  }

  /** The same update, one fused pass per parameter (kernels.optimizerStep; never with proximal L1). */
  private updateFused(optimizerStep: NonNullable<Kernels['optimizerStep']>): { regLoss: number; finite: boolean } {
    const { regularizer } = this.config;
    const step = this.fusedStep;
    step.lr = this.learningRate;
    step.t = this.stepsDone + 1;
    const sums = this.updateSums;
    let sumAbs = 0, sumSquares = 0, finite = true;
    for (let i = 0; i < this.params.length; i++) {
      const p = this.params[i];
      step.l1 = p.isWeight ? l1Strength(regularizer) : 0;
      step.l2 = p.isWeight ? l2Strength(regularizer) : 0;
      optimizerStep(step, p.value, p.grad, this.slots[i], sums);
      if (p.isWeight) { sumAbs += sums[0]; sumSquares += sums[1]; }
      if (!Number.isFinite(sums[2])) finite = false;
    }
    return { regLoss: l1Strength(regularizer) * sumAbs + l2Strength(regularizer) * sumSquares, finite };
  }

  /**
   * Runs the network over `source` in batches of `capacity` rows, read in place from a
   * dense source when the kernels read any memory at full speed, else filled into xBatch.
   */
  private forEachBatch(source: SampleSource, visit: (scores: FloatArray, count: number, labels: Int32Array) => void): void {
    const size = this.capacity;
    const inputs = source.inputSize;
    for (let start = 0; start < source.length; start += size) {
      const count = Math.min(size, source.length - start);
      const labels = source.labels.subarray(start, start + count);
      if (source.rows && this.kernels.readsAnyMemory) {
        visit(this.network.forward(source.rows.subarray(start * inputs, (start + count) * inputs), count), count, labels);
        continue;
      }
      const indices = this.evalIndices;
      for (let r = 0; r < count; r++) indices[r] = start + r;
      source.fillBatch(indices, count, this.xBatch);
      visit(this.network.forward(this.xBatch, count), count, labels);
    }
  }

  private restore(state: TrainerState): void {
    const { config } = this;
    if (JSON.stringify(state.config.model) !== JSON.stringify(config.model)) {
      throw new Error('saved state is for a different model than this run\'s config');
    }
    if (state.config.optimizer.kind !== config.optimizer.kind) {
      throw new Error(`saved state is for optimizer ${state.config.optimizer.kind}, config says ${config.optimizer.kind}`);
    }
    if (state.order.length !== this.train.length) {
      throw new Error(`saved state covers ${state.order.length} training samples, the training data has ${this.train.length}`);
    }
    if (!(Number.isInteger(state.position) && state.position >= 0 && state.position < this.train.length)) {
      throw new Error(`saved state position ${state.position} is outside the epoch`);
    }
    const slotsPerParam = slotCount(config.optimizer);
    if (state.params.length !== this.params.length || state.slots.length !== this.params.length * slotsPerParam) {
      throw new Error(`saved state has ${state.params.length} parameters and ${state.slots.length} optimizer slots, expected ${this.params.length} and ${this.params.length * slotsPerParam}`);
    }
    this.params.forEach((p, i) => {
      copyExact(`parameter ${p.name}`, state.params[i], p.value);
      this.slots[i].forEach((slot, s) => copyExact(`optimizer slot ${s + 1} of ${p.name}`, state.slots[i * slotsPerParam + s], slot));
    });
    this.order.set(state.order);
    this.position = state.position;
    this.epochsDone = state.epoch;
    this.stepsDone = state.step;
    this.diverged = state.diverged;
    this.lossWatch = state.lossWatch && { ...state.lossWatch };
    this.rng = Rng.fromState(state.rng);
  }
}

/** Flips the W×H×C image at `offset` of `x` left-right in place. */
export function mirrorImage(x: FloatArray, offset: number, { width, height, channels }: { width: number; height: number; channels: number }): void {
  for (let y = 0; y < height; y++) {
    const row = offset + y * width * channels;
    for (let left = 0, right = width - 1; left < right; left++, right--) {
      for (let c = 0; c < channels; c++) {
        const a = row + left * channels + c;
        const b = row + right * channels + c;
        const t = x[a];
        x[a] = x[b];
        x[b] = t;
      }
    }
  }
}

function copyExact(what: string, from: Float32Array, to: FloatArray): void {
  if (from.length !== to.length) throw new Error(`saved state: ${what} has ${from.length} values, expected ${to.length}`);
  to.set(from);
}

/** A sum is finite exactly when every value is. */
function allFinite(a: FloatArray, kernels: Kernels): boolean {
  return Number.isFinite(kernels.sum(a.length, a));
}

function argmax(a: FloatArray, offset: number, length: number): number {
  let best = 0;
  for (let j = 1; j < length; j++) if (a[offset + j] > a[offset + best]) best = j;
  return best;
}

function checkSource(what: string, source: SampleSource, config: TrainConfig): void {
  if (source.inputSize !== config.model.inputSize) {
    throw new RangeError(`${what} has ${source.inputSize} inputs per sample, the model expects ${config.model.inputSize}`);
  }
  if (source.labels.length !== source.length) throw new RangeError(`${what} has ${source.length} samples but ${source.labels.length} labels`);
  for (let i = 0; i < source.labels.length; i++) {
    const y = source.labels[i];
    if (!(Number.isInteger(y) && y >= 0 && y < config.model.numClasses)) {
      throw new RangeError(`${what}: sample ${i} has label ${y}, outside 0..${config.model.numClasses - 1}`);
    }
  }
}

