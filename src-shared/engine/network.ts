/**
 * A fully connected network: dense layers with an activation after every hidden one.
 *
 *   linear:    s = x·W1 + b1
 *   2 layers:  s = max(0, x·W1 + b1)·W2 + b2          (the textbook W2 max(0, W1 x))
 *   3 layers:  s = max(0, max(0, x·W1 + b1)·W2 + b2)·W3 + b3
 *
 * (rows are samples, so the textbook W x is our x·W; see layers.ts). In float32 mode every
 * buffer (parameters, gradients, activations) comes from `kernels.allocate`, once, sized
 * for a batch capacity; a training step allocates nothing. Float64 mode exists for
 * gradient checks and uses the reference kernels.
 */
import { referenceKernels, type FloatArray, type Kernels } from './kernels';
import { activationFor } from './activations';
import { ActivationLayer, DenseLayer, FeatureLayer, type Allocator } from './layers';
import { featureProblem } from '../features/transforms';
import { softmaxRows } from './losses';
import type { ActivationKind, LayerWeights, ModelSpec } from './types';
import { checkedAgainst, modelSpec } from './config';
import type { Rng } from '../random';

export type Dtype = 'f32' | 'f64';

export interface NetworkOptions {
  /** matrix-product kernels for float32 (default: the reference kernels) */
  kernels?: Kernels;
  /** 'f32' for training (default), 'f64' for gradient checks (always with the reference kernels) */
  dtype?: Dtype;
  /** largest batch the buffers are sized for at first (default 64); larger batches resize them */
  batchCapacity?: number;
}

/** One trainable array with its gradient. */
export interface Parameter {
  /** e.g. "W1", "b2" (1-based layer numbers, as in the formulas above) */
  name: string;
  value: FloatArray;
  grad: FloatArray;
  /** true for weight matrices (regularised), false for biases */
  isWeight: boolean;
}

export type Layer = FeatureLayer | DenseLayer | ActivationLayer;

const DEFAULT_BATCH_CAPACITY = 64;

export class Network {
  /** layers in order: [features,] dense, act, dense, act, …, dense (scores) */
  readonly layers: readonly Layer[];
  /** the dense layers alone; the last one produces the scores */
  readonly dense: readonly DenseLayer[];
  readonly kernels: Kernels;
  readonly dtype: Dtype;
  private capacity: number;

  /** Builds the layers with all-zero parameters; see `createNetwork` for initialised ones. */
  constructor(readonly spec: ModelSpec, options: NetworkOptions = {}) {
    checkedAgainst(modelSpec, spec, 'model');
    // the one bound the schema cannot see: a transform must fit the input it reads
    const featureMismatch = spec.features && featureProblem(spec.features, spec.inputSize);
    if (featureMismatch) throw new RangeError(featureMismatch);
    this.dtype = options.dtype ?? 'f32';
    // float64 is for gradient checks: always the readable reference products
    const kernels = this.dtype === 'f64' ? referenceKernels : options.kernels ?? referenceKernels;
    this.kernels = kernels;
    const allocate: Allocator = this.dtype === 'f64' ? (n) => new Float64Array(n) : (n) => kernels.allocate(n);
    this.capacity = Math.max(1, options.batchCapacity ?? DEFAULT_BATCH_CAPACITY);

    const layers: Layer[] = [];
    const dense: DenseLayer[] = [];
    let inputs = spec.inputSize;
    if (spec.features) {
      const features = new FeatureLayer(spec.features, inputs, allocate, this.capacity);
      layers.push(features);
      inputs = features.outputs;
    }
    for (const hidden of spec.hidden) {
      const layer = new DenseLayer(inputs, hidden.units, kernels, allocate, this.capacity);
      dense.push(layer);
      layers.push(layer, new ActivationLayer(hidden.units, activationFor(hidden.activation, hidden.alpha), allocate, this.capacity, kernels));
      inputs = hidden.units;
    }
    const scores = new DenseLayer(inputs, spec.numClasses, kernels, allocate, this.capacity);
    dense.push(scores);
    layers.push(scores);
    this.layers = layers;
    this.dense = dense;
  }

  /** Rebuilds a network from exported weights (for prediction and import). */
  static fromLayerWeights(spec: ModelSpec, weights: readonly LayerWeights[], kernels?: Kernels): Network {
    const network = new Network(spec, { kernels });
    if (weights.length !== network.dense.length) {
      throw new Error(`model has ${network.dense.length} dense layers but ${weights.length} weight sets were given`);
    }
    network.dense.forEach((layer, i) => {
      const given = weights[i];
      if (given.inputs !== layer.inputs || given.units !== layer.units
        || given.w.length !== layer.w.length || given.b.length !== layer.b.length) {
        throw new Error(`layer ${i + 1}: expected weights ${layer.inputs}×${layer.units}, got ${given.inputs}×${given.units} (w ${given.w.length}, b ${given.b.length} values)`);
      }
      layer.w.set(given.w);
      layer.b.set(given.b);
    });
    return network;
  }

  get numClasses(): number {
    return this.spec.numClasses;
  }

  /** Largest batch the buffers currently hold. */
  get batchCapacity(): number {
    return this.capacity;
  }

  /** Scores [batch × classes] for inputs x [batch × inputSize]; valid until the next forward. */
  forward(x: FloatArray, batch: number): FloatArray {
    if (batch > this.capacity) this.resize(batch);
    let h = x;
    for (const layer of this.layers) h = layer.forward(h, batch);
    return h;
  }

  /**
   * Backpropagates dScores [batch × classes] from the last forward pass, adding into every
   * parameter gradient (`accumulate: false`: replacing them with this batch's). Returns
   * dLoss/dx [batch × inputSize] when `inputGradient` is set.
   */
  backward(dScores: FloatArray, options: { inputGradient?: boolean; accumulate?: boolean } = {}): FloatArray | null {
    const accumulate = options.accumulate ?? true;
    let grad: FloatArray | null = dScores;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const layer = this.layers[i];
      if (layer instanceof FeatureLayer) {
        // only reached when the input gradient was asked for (the dense layer above passes null otherwise)
        if (grad) grad = layer.backward(grad);
        continue;
      }
      grad = layer instanceof DenseLayer
        ? layer.backward(grad!, i > (this.spec.features ? 1 : 0) || options.inputGradient === true, accumulate)
        : layer.backward(grad!);
    }
    return grad;
  }

  zeroGradients(): void {
    const kernels = this.kernels;
    for (const layer of this.dense) {
      kernels.fill(layer.dw.length, 0, layer.dw);
      kernels.fill(layer.db.length, 0, layer.db);
    }
  }

  /** All trainable arrays in a fixed order: W1, b1, W2, b2, … */
  parameters(): Parameter[] {
    return this.dense.flatMap((layer, i) => [
      { name: `W${i + 1}`, value: layer.w, grad: layer.dw, isWeight: true },
      { name: `b${i + 1}`, value: layer.b, grad: layer.db, isWeight: false },
    ]);
  }

  /** The weight matrices alone (what regularisation applies to). */
  weights(): FloatArray[] {
    return this.dense.map((layer) => layer.w);
  }

  /** Copies of every dense layer's parameters, first layer first. */
  layerWeights(): LayerWeights[] {
    return this.dense.map((layer, i) => ({
      inputs: layer.inputs,
      units: layer.units,
      activation: activationAfter(this.spec, i),
      w: Float32Array.from(layer.w),
      b: Float32Array.from(layer.b),
    }));
  }

  /** Class probabilities (softmax of the scores), [batch × classes], in a new array. */
  predictProbabilities(x: FloatArray, batch: number): Float32Array {
    const classes = this.numClasses;
    const probabilities = new Float32Array(batch * classes);
    softmaxRows(this.forward(x, batch), batch, classes, probabilities);
    return probabilities;
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    for (const layer of this.layers) layer.resize(capacity);
  }
}

/**
 * A network with freshly initialised weights (biases zero): He, N(0, 2/fan_in), for layers
 * feeding ReLU or Leaky ReLU; Xavier/Glorot, N(0, 2/(fan_in + fan_out)), for the others
 * and for the final score layer. A linear classifier starts from small weights,
 * N(0, LINEAR_INIT_STD²): its loss is convex, so it needs no symmetry breaking, and its
 * templates then show what the data taught rather than the random start.
 */
export const LINEAR_INIT_STD = 1e-3;

export function createNetwork(spec: ModelSpec, rng: Rng, options: NetworkOptions = {}): Network {
  const network = new Network(spec, options);
  network.dense.forEach((layer, i) => {
    const activation = activationAfter(spec, i);
    const he = activation === 'relu' || activation === 'leaky-relu';
    const std = spec.hidden.length === 0 ? LINEAR_INIT_STD : Math.sqrt(he ? 2 / layer.inputs : 2 / (layer.inputs + layer.units));
    for (let j = 0; j < layer.w.length; j++) layer.w[j] = std * rng.normal();
  });
  return network;
}

/** The activation that follows dense layer i ('none' for the score layer). */
function activationAfter(spec: ModelSpec, i: number): ActivationKind | 'none' {
  return i < spec.hidden.length ? spec.hidden[i].activation : 'none';
}

