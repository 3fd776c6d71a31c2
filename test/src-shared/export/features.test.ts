/**
 * Fixed feature transforms travel with the model: native JSON and ONNX (as graph nodes,
 * run by ONNX Runtime) give the lab's own predictions; formats that cannot express a
 * transform refuse it with the reason.
 */
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOnnx, encodeOnnx } from '../../../src-shared/export/onnx';
import { decodeNativeModel, encodeNativeModel } from '../../../src-shared/export/native';
import { encodeSafetensors } from '../../../src-shared/export/safetensors';
import { ModelRunner } from '../../../src-shared/export/predict';
import type { TrainedModel } from '../../../src-shared/export/model';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import type { FeatureTransform } from '../../../src-shared/features/transforms';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { makeToyDataset } from '../../../src-shared/toy/datasets';
import { blobDataset, smallModel } from './helpers';
import { config } from '../engine/helpers';

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
});

function toyModel(features: FeatureTransform, hidden: TrainConfig['model']['hidden'] = []): TrainedModel {
  const toy = makeToyDataset('circles', { samples: 200, noise: 0.08, seed: 4 });
  const base = config({ inputSize: 2, numClasses: 2, hidden, optimizer: { kind: 'adam', lr: 0.05 }, epochs: 10, seed: 2 });
  const trainConfig: TrainConfig = { ...base, model: { ...base.model, features } };

  const trainer = new Trainer(trainConfig, arraySource(toy.x, toy.labels, 2));
  while (!trainer.finished) trainer.runEpoch();
  return {
    name: `circles ${features.kind}`, architecture: trainConfig.model, loss: 'softmax', classNames: toy.classNames,
    input: { kind: 'vector', size: 2 }, layers: trainer.layerWeights(), training: trainConfig, metrics: null,
    appVersion: '0.1.0-test', createdAt: '2025-01-02T03:04:05.000Z', origin: null,
  };
}

// points in every quadrant, on both axes (both signs) and the origin: where atan2 needs care
const points = Float32Array.from([0.5, 0.3, -0.7, 0.2, -0.4, -0.6, 0.8, -0.1, -1, 0, 1, 0, 0, 0.9, 0, -0.9, 0, 0, 0.05, 1e-4, -0.9, 1e-3, -0.9, -1e-3]);
const count = points.length / 2;

describe('feature transforms in exported models', () => {
  for (const [kind, hidden] of [['polar', []], ['polynomial', []], ['sincos', [{ units: 5, activation: 'relu' as const }]]] as const) {
    it(`${kind}: ONNX Runtime runs the transform nodes and matches the lab within 1e-5; native JSON and ONNX read back`, async () => {
      const model = toyModel({ kind }, [...hidden]);
      const lab = new ModelRunner(model).run(points, count).probabilities;
      const session = await ort.InferenceSession.create(encodeOnnx(model));
      const result = await session.run({ input: new ort.Tensor('float32', points, [count, 2]) });
      const ortOut = result.probabilities.data as Float32Array;
      let maxDiff = 0;
      for (let i = 0; i < lab.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ortOut[i] - lab[i]));
      await session.release();
      expect(maxDiff).toBeLessThan(1e-5);
      expect(Math.max(...lab) - Math.min(...lab)).toBeGreaterThan(0.5); // the model tells points apart

      for (const back of [decodeOnnx(encodeOnnx(model)), decodeNativeModel(encodeNativeModel(model))]) {
        expect(back.architecture.features).toEqual({ kind });
        expect(new ModelRunner(back).run(points, count).probabilities).toEqual(lab);
      }
    });
  }

  it('a polar model separates the rings: the lab\'s predict applies the transform', () => {
    const model = toyModel({ kind: 'polar' });
    const toy = makeToyDataset('circles', { samples: 200, noise: 0.08, seed: 9 });
    const predictions = new ModelRunner(model).predict(toy.x, toy.labels.length);
    const correct = predictions.filter((p, i) => p.classIndex === toy.labels[i]).length;
    expect(correct / toy.labels.length).toBeGreaterThan(0.95);
  });

  it('image features: native JSON keeps them; ONNX and safetensors refuse with the reason', () => {
    const { width, height, channels } = blobDataset({ width: 8, height: 8 });
    const base = smallModel({ width: 8, height: 8, normalization: 'scale' }).model;
    for (const features of [
      { kind: 'color-histogram', width, height, channels, bins: 4 },
      { kind: 'hog', width, height, channels, cell: 4, bins: 6 },
    ] as const) {
      const dataset = blobDataset({ width: 8, height: 8 });
      const imageConfig: TrainConfig = { ...base.training!, model: { ...base.architecture, features }, optimizer: { kind: 'adam', lr: 0.05 }, epochs: 5 };
      const runner0 = new ModelRunner(base);
      const x = runner0.normalize(dataset.pixels, dataset.labels.length);
      const trainer = new Trainer(imageConfig, arraySource(x, dataset.labels, x.length / dataset.labels.length));
      while (!trainer.finished) trainer.runEpoch();
      const model: TrainedModel = { ...base, architecture: imageConfig.model, training: imageConfig, layers: trainer.layerWeights() };
      const back = decodeNativeModel(encodeNativeModel(model));
      expect(back.architecture.features).toEqual(features);
      const predictions = new ModelRunner(back).predictImages(dataset.pixels, dataset.labels.length);
      expect(predictions.filter((p, i) => p.classIndex === dataset.labels[i]).length / dataset.labels.length).toBeGreaterThan(0.6);
      expect(() => encodeOnnx(model)).toThrow(/cannot export as ONNX: the .* features count pixels into bins, which ONNX has no operators for/);
      expect(() => encodeSafetensors(model)).toThrow(/cannot export as safetensors: the model applies .* features/);
    }
  });
});
