/**
 * Why a model chose its class, in terms the lab's views already show.
 *
 * Linear model: score_k = x · W[:, k] + b_k, so each class score splits into the input's
 * dot product with the class template plus the bias, and the dot product splits pixel by
 * pixel (x_p · W[p, k], channels summed) into a map of where the evidence sits.
 *
 * MLP: the predicted class's score is Σ_j h_j · W[j, k] + b_k over the last hidden layer's
 * activations h; the units with the largest |h_j · W[j, k]| are the ones that decided.
 */

import type { ResponseOf } from '../../src-shared/api/contract';
import { Network } from '../../src-shared/engine/network';
import type { TrainedModel } from '../../src-shared/export/model';

export type Explanation = Extract<ResponseOf<'predict'>['results'][number], { ok: true }>['explanation'];

/** Hidden units reported per MLP prediction. */
export const topUnits = 5;

/**
 * One explanation per row of the normalised inputs x [count × inputSize], for the class
 * each row was assigned (`classIndex[r]`).
 */
export function explainPredictions(model: TrainedModel, x: Float32Array, count: number, classIndex: readonly number[]): Explanation[] {
  if (model.input.kind !== 'image') throw new Error('explanations are drawn for image models only');
  const classes = model.architecture.numClasses;
  const inputs = model.architecture.inputSize;
  if (model.layers.length === 1) {
    const { w, b } = model.layers[0];
    const shape = model.input.preprocessing;
    const pixels = shape.width * shape.height;
    return Array.from({ length: count }, (_, r) => {
      const row = x.subarray(r * inputs, (r + 1) * inputs);
      const templateScores = new Float64Array(classes);
      for (let i = 0; i < inputs; i++) for (let k = 0; k < classes; k++) templateScores[k] += row[i] * w[i * classes + k];
      const k = classIndex[r];
      const map = new Float32Array(pixels);
      for (let p = 0; p < pixels; p++) {
        let sum = 0;
        for (let c = 0; c < shape.channels; c++) sum += row[p * shape.channels + c] * w[(p * shape.channels + c) * classes + k];
        map[p] = sum;
      }
      return {
        kind: 'linear' as const,
        templateScores: Array.from(templateScores),
        biases: Array.from(b),
        map: { width: shape.width, height: shape.height, base64: Buffer.from(map.buffer).toString('base64') },
      };
    });
  }

  const network = Network.fromLayerWeights(model.architecture, model.layers);
  network.forward(x, count);
  // layers: dense, act, …, dense, act, dense (scores): the one before the last is the last hidden activation
  const hidden = network.layers[network.layers.length - 2].out;
  const last = model.layers[model.layers.length - 1];
  const units = last.inputs;
  return Array.from({ length: count }, (_, r) => {
    const k = classIndex[r];
    const contributions = Array.from({ length: units }, (_, j) => {
      const activation = hidden[r * units + j];
      const weight = last.w[j * classes + k];
      return { unit: j, activation, weight, contribution: activation * weight };
    });
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.unit - b.unit);
    return { kind: 'mlp' as const, hiddenLayer: model.architecture.hidden.length - 1, units: contributions.slice(0, topUnits) };
  });
}
