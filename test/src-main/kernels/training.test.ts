/**
 * Training with the fast kernels (native BLAS and WebAssembly, 1 and 2 threads) reaches
 * what the reference kernels reach: same config, same seed, same data; only the summation
 * order inside the products differs. And each is deterministic: the same seed on the same
 * path and thread count gives the same weights, bit for bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceKernels, type Kernels } from '../../../src-shared/engine/kernels';
import { arraySource } from '../../../src-shared/engine/source';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { SampleSource, TrainConfig } from '../../../src-shared/engine/types';
import { makeToyDataset } from '../../../src-shared/toy/datasets';
import { Rng } from '../../../src-shared/random';
import { createNodeKernels, type NodeKernels } from '../../../src-main/kernels/node-kernels';
import { nativeDisabledByEnv, productSplit } from '../../../src-main/kernels/native-kernels';

/** Noisy Gaussian clusters around 10 random templates in `dims` dimensions. */
function clusters(n: number, seed: number, templatesSeed = 7, dims = 256): SampleSource {
  const classes = 10;
  const t = new Rng(templatesSeed);
  const templates = Float32Array.from({ length: classes * dims }, () => t.normal());
  const rng = new Rng(seed);
  const x = new Float32Array(n * dims);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const y = rng.int(classes);
    labels[i] = y;
    for (let j = 0; j < dims; j++) x[i * dims + j] = 0.3 * templates[y * dims + j] + rng.normal();
  }
  return arraySource(x, labels, dims);
}

function trainAndScore(kernels: Kernels, config: TrainConfig, train: SampleSource, test: SampleSource) {
  const trainer = new Trainer(config, train, undefined, { kernels });
  while (!trainer.finished) trainer.runEpoch();
  return { test: trainer.evaluate(test), train: trainer.evaluate(train) };
}

const mlpConfig = (hidden: number[], inputSize: number, numClasses: number, batchSize: number, epochs: number, lr: number): TrainConfig => ({
  model: { inputSize, numClasses, hidden: hidden.map((units) => ({ units, activation: 'relu' as const })) },
  loss: 'softmax',
  regularizer: { kind: 'l2', l1: 0, l2: 1e-4, proximal: false },
  optimizer: { kind: 'sgd', lr },
  schedule: { kind: 'constant' },
  batchSize, epochs, seed: 5,
});

describe('training with the fast kernels', () => {
  const fast: Record<string, NodeKernels> = {};
  beforeAll(async () => {
    for (const threads of [1, 2]) {
      const wasm = await createNodeKernels({ threads, native: false });
      fast[`${wasm.name}`] = wasm;
      // the native path, unless this test run has it turned off (then the default is wasm again)
      if (!nativeDisabledByEnv()) {
        const native = await createNodeKernels({ threads });
        expect(native.path).toBe('native');
        fast[native.name] = native;
      }
    }
  });
  afterAll(() => { for (const k of Object.values(fast)) k.close(); });

  it('on 256-dimensional clusters (products big enough to split over threads) matches the reference', () => {
    const train = clusters(1200, 1), test = clusters(400, 2);
    const config = mlpConfig([64], 256, 10, 64, 4, 0.05);
    const reference = trainAndScore(referenceKernels, config, train, test);
    expect(reference.test.accuracy).toBeGreaterThan(0.6); // the task is learnable, chance is 0.1
    for (const [label, kernels] of Object.entries(fast)) {
      const result = trainAndScore(kernels, config, train, test);
      expect(Math.abs(result.test.accuracy - reference.test.accuracy), label).toBeLessThanOrEqual(0.02);
      expect(Math.abs(result.train.loss - reference.train.loss), label).toBeLessThan(0.01 * reference.train.loss + 1e-3);
    }
  });

  it('on the spiral toy set matches the reference', () => {
    const data = makeToyDataset('spiral', { samples: 300, noise: 0.1, seed: 3 });
    const source = arraySource(data.x, data.labels, 2);
    const config = mlpConfig([50], 2, data.numClasses, 32, 60, 0.5);
    const reference = trainAndScore(referenceKernels, config, source, source);
    expect(reference.train.accuracy).toBeGreaterThan(0.8);
    for (const [label, kernels] of Object.entries(fast)) {
      const result = trainAndScore(kernels, config, source, source);
      expect(Math.abs(result.train.accuracy - reference.train.accuracy), label).toBeLessThanOrEqual(0.02);
    }
  });

  it('is deterministic for a fixed seed on each path and thread count (Adam, products split over threads)', () => {
    const train = clusters(512, 3);
    // 128 × 256 × 256 products: large enough for the WebAssembly pool to use its second thread
    const config: TrainConfig = { ...mlpConfig([256], 256, 10, 128, 2, 1e-3), optimizer: { kind: 'adam', lr: 1e-3 } };
    for (const [label, kernels] of Object.entries(fast)) {
      const weights = () => {
        const trainer = new Trainer(config, train, undefined, { kernels });
        while (!trainer.finished) trainer.runEpoch();
        return trainer.layerWeights();
      };
      const first = weights(), second = weights();
      expect(second, label).toEqual(first);
    }
  });

  it.skipIf(nativeDisabledByEnv())('is deterministic on the native path with products shared with its helper thread', () => {
    const train = clusters(768, 3, 7, 1024);
    // 256 × 256 × 1024 products: big enough for productSplit to share them
    expect(productSplit(256, 256, 1024, 2).by).not.toBe('none');
    const config: TrainConfig = { ...mlpConfig([256], 1024, 10, 256, 2, 1e-3), optimizer: { kind: 'adam', lr: 1e-3 } };
    const kernels = fast['native-blas-2t'];
    expect(kernels.path).toBe('native');
    const weights = () => {
      const trainer = new Trainer(config, train, undefined, { kernels });
      while (!trainer.finished) trainer.runEpoch();
      return trainer.layerWeights();
    };
    const first = weights();
    for (let run = 0; run < 3; run++) expect(weights()).toEqual(first);
  });
});
