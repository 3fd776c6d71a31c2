import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import { regularizationLoss } from '../../../src-shared/engine/regularizers';
import { softThreshold } from '../../../src-shared/engine/optimizers';
import type { RegularizerSpec, SampleSource } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';
import { config } from './helpers';

/**
 * An image-like task with many uninformative inputs: 8×8 "images" of Gaussian noise
 * where class c adds +1 to a 2×2 patch in corner c. 16 of the 64 pixels carry signal.
 */
function cornerPatches(samples: number, seed: number): SampleSource {
  const side = 8, pixels = side * side;
  const corners = [[1, 1], [1, 5], [5, 1], [5, 5]];
  const rng = new Rng(seed);
  const x = new Float32Array(samples * pixels);
  const labels = new Int32Array(samples);
  for (let n = 0; n < samples; n++) {
    const c = n % corners.length;
    labels[n] = c;
    for (let p = 0; p < pixels; p++) x[n * pixels + p] = 0.7 * rng.normal();
    const [row, col] = corners[c];
    for (let dr = 0; dr < 2; dr++) for (let dc = 0; dc < 2; dc++) x[n * pixels + (row + dr) * side + col + dc] += 1;
  }
  return arraySource(x, labels, pixels);
}

describe('L1 against L2 regularization', () => {
  const train = cornerPatches(400, 42);
  const val = cornerPatches(400, 43);
  const lambda = 0.02;

  function run(regularizer: RegularizerSpec) {
    const trainer = new Trainer(config({
      inputSize: 64, numClasses: 4, hidden: [{ units: 16, activation: 'relu' }],
      regularizer, optimizer: { kind: 'sgd', lr: 0.1 }, batchSize: 32, epochs: 30, seed: 3,
    }), train, val);
    let report = trainer.runEpoch();
    while (!trainer.finished) report = trainer.runEpoch();
    const w1 = trainer.layerWeights()[0].w;
    return {
      zeroFraction: w1.filter((v) => v === 0).length / w1.length,
      train: report.train.accuracy,
      val: report.val!.accuracy,
    };
  }

  let l1: ReturnType<typeof run>;
  let l2: ReturnType<typeof run>;
  beforeAll(() => {
    l1 = run({ kind: 'l1', l1: lambda, l2: 0, proximal: true });
    l2 = run({ kind: 'l2', l1: 0, l2: lambda, proximal: true });
  });

  it('with --prox, L1 makes at least half of the first-layer weights exactly zero, L2 under 1%', () => {
    expect(l1.zeroFraction).toBeGreaterThanOrEqual(0.5);
    expect(l2.zeroFraction).toBeLessThan(0.01);
  });

  it('the sparse L1 model stays within 5 points of the L2 model, on training and held-out data', () => {
    expect(l2.val).toBeGreaterThan(0.8); // the task is learnt at all
    expect(Math.abs(l1.train - l2.train)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(l1.val - l2.val)).toBeLessThanOrEqual(0.05);
  });

  it('without the proximal step, L1 (by subgradient) leaves almost no weight exactly zero', () => {
    const plain = run({ kind: 'l1', l1: lambda, l2: 0, proximal: false });
    expect(plain.zeroFraction).toBeLessThan(l1.zeroFraction / 10);
  });
});

describe('regularizer pieces', () => {
  it('the CONCEPTS example: L2 prefers spread-out weights, L1 rates them equal', () => {
    const concentrated = new Float64Array([1, 0, 0, 0]);
    const spread = new Float64Array([0.25, 0.25, 0.25, 0.25]);
    const l2: RegularizerSpec = { kind: 'l2', l1: 0, l2: 1, proximal: false };
    const l1: RegularizerSpec = { kind: 'l1', l1: 1, l2: 0, proximal: false };
    expect(regularizationLoss(l2, [concentrated])).toBe(1);
    expect(regularizationLoss(l2, [spread])).toBe(0.25);
    expect(regularizationLoss(l1, [concentrated])).toBe(regularizationLoss(l1, [spread]));
    expect(regularizationLoss({ kind: 'elastic', l1: 2, l2: 3, proximal: false }, [spread])).toBe(2 * 1 + 3 * 0.25);
    expect(regularizationLoss({ kind: 'none', l1: 2, l2: 3, proximal: false }, [spread])).toBe(0);
  });

  it('soft-thresholding shrinks by the threshold and zeroes what lies within it', () => {
    const w = new Float64Array([0.5, -0.5, 0.05, -0.05, 0]);
    softThreshold(w, 0.1);
    expect(Array.from(w)).toEqual([0.4, -0.4, 0, 0, 0]);
  });
});
