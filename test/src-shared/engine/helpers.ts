import type { HiddenLayerSpec, LayerWeights, TrainConfig } from '../../../src-shared/engine/types';

/** A softmax, unregularised, plain-SGD config; override what a test is about. */
export function config(overrides: Partial<TrainConfig> & { inputSize: number; numClasses: number; hidden?: HiddenLayerSpec[] }): TrainConfig {
  const { inputSize, numClasses, hidden = [], ...rest } = overrides;
  return {
    model: { inputSize, numClasses, hidden },
    loss: 'softmax',
    regularizer: { kind: 'none', l1: 0, l2: 0, proximal: false },
    optimizer: { kind: 'sgd', lr: 0.5 },
    schedule: { kind: 'constant' },
    batchSize: 16,
    epochs: 10,
    seed: 1,
    ...rest,
  };
}

/** True when every weight and bias has the same bit pattern in both. */
export function bitIdentical(a: LayerWeights[], b: LayerWeights[]): boolean {
  const bits = (x: Float32Array) => new Uint32Array(x.buffer, x.byteOffset, x.length);
  const same = (x: Float32Array, y: Float32Array) => x.length === y.length && bits(x).every((v, i) => v === bits(y)[i]);
  return a.length === b.length && a.every((layer, i) => same(layer.w, b[i].w) && same(layer.b, b[i].b));
}
