/**
 * Running an exported model: inputs normalised exactly as in training (the same
 * `normalizer` the training sources use), then the engine's own Network.
 */
import { normalizer } from '../data/normalize';
import type { Kernels } from '../engine/kernels';
import { softmaxRows } from '../engine/losses';
import { Network } from '../engine/network';
import { inputSizeOf, ModelError, type TrainedModel } from './model';

export interface Prediction {
  /** index of the highest score */
  classIndex: number;
  label: string;
  /** softmax of the scores, one per class (for SVM models: the softmax of its raw scores) */
  probabilities: number[];
  /** raw class scores */
  scores: number[];
}

/** A model ready to predict; builds its Network once. */
export class ModelRunner {
  private readonly network: Network;
  private readonly inputSize: number;

  constructor(readonly model: TrainedModel, kernels?: Kernels) {
    this.network = Network.fromLayerWeights(model.architecture, model.layers, kernels);
    this.inputSize = inputSizeOf(model.input);
  }

  /** Normalised inputs [count × inputSize] for images of uint8 pixels [count × H×W×C] (the model's own normalisation). */
  normalize(pixels: Uint8Array, count: number): Float32Array {
    const { input } = this.model;
    if (input.kind !== 'image') throw new ModelError(`this model reads ${input.size} numbers, not images`);
    if (pixels.length !== count * this.inputSize) {
      throw new ModelError(`expected ${count} images of ${this.inputSize} bytes (${input.preprocessing.width}×${input.preprocessing.height}×${input.preprocessing.channels}), got ${pixels.length} bytes`);
    }
    const write = normalizer(input.normalization, this.inputSize, input.preprocessing.channels);
    const out = new Float32Array(count * this.inputSize);
    for (let i = 0; i < count; i++) write(pixels, i * this.inputSize, out, i * this.inputSize);
    return out;
  }

  /** Scores and probabilities for normalised inputs x [count × inputSize]. */
  run(x: Float32Array, count: number): { scores: Float32Array; probabilities: Float32Array } {
    if (x.length !== count * this.inputSize) throw new ModelError(`expected ${count} inputs of ${this.inputSize} values, got ${x.length} values`);
    const classes = this.model.architecture.numClasses;
    const scores = Float32Array.from(this.network.forward(x, count).subarray(0, count * classes));
    const probabilities = new Float32Array(count * classes);
    softmaxRows(scores, count, classes, probabilities);
    return { scores, probabilities };
  }

  /** One Prediction per input row. */
  predict(x: Float32Array, count: number): Prediction[] {
    const { scores, probabilities } = this.run(x, count);
    const classes = this.model.architecture.numClasses;
    return Array.from({ length: count }, (_, r) => {
      const row = Array.from(scores.subarray(r * classes, (r + 1) * classes));
      let best = 0;
      for (let j = 1; j < classes; j++) if (row[j] > row[best]) best = j;
      return {
        classIndex: best,
        label: this.model.classNames[best],
        probabilities: Array.from(probabilities.subarray(r * classes, (r + 1) * classes)),
        scores: row,
      };
    });
  }

  /** Predictions for uint8 images [count × H×W×C]. */
  predictImages(pixels: Uint8Array, count: number): Prediction[] {
    return this.predict(this.normalize(pixels, count), count);
  }
}
