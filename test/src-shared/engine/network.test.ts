import { describe, expect, it } from 'vitest';
import { createNetwork, Network } from '../../../src-shared/engine/network';
import type { ModelSpec } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';

describe('Network', () => {
  it('computes s = max(0, x·W1 + b1)·W2 + b2 by hand-checkable numbers', () => {
    const spec: ModelSpec = { inputSize: 2, numClasses: 2, hidden: [{ units: 2, activation: 'relu' }] };
    const net = Network.fromLayerWeights(spec, [
      // W1 [2 inputs × 2 units]: unit 1 = x1 − x2, unit 2 = x2 − x1
      { inputs: 2, units: 2, activation: 'relu', w: new Float32Array([1, -1, -1, 1]), b: new Float32Array([0, 0.5]) },
      // W2 [2 units × 2 classes]
      { inputs: 2, units: 2, activation: 'none', w: new Float32Array([2, 0, 0, 3]), b: new Float32Array([0.25, -0.25]) },
    ]);
    // x = (3, 1): z = (2, −1.5) → h = (2, 0) → s = (4.25, −0.25)
    // x = (0, 1): z = (−1, 1.5) → h = (0, 1.5) → s = (0.25, 4.25)
    const scores = net.forward(new Float32Array([3, 1, 0, 1]), 2);
    expect(Array.from(scores.subarray(0, 4))).toEqual([4.25, -0.25, 0.25, 4.25]);
    const p = net.predictProbabilities(new Float32Array([3, 1]), 1);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-4.5)), 6);
    expect(p[0] + p[1]).toBeCloseTo(1, 6);
  });

  it('initializes with He for ReLU-family layers and Xavier otherwise (score layer included); biases zero', () => {
    const spec: ModelSpec = {
      inputSize: 400, numClasses: 10,
      hidden: [{ units: 300, activation: 'relu' }, { units: 200, activation: 'tanh' }, { units: 100, activation: 'leaky-relu' }],
    };
    const net = createNetwork(spec, new Rng(1));
    const std = (w: ArrayLike<number>) => Math.sqrt(Array.from(w).reduce((s, v) => s + v * v, 0) / w.length);
    const expected = [Math.sqrt(2 / 400), Math.sqrt(2 / (300 + 200)), Math.sqrt(2 / 200), Math.sqrt(2 / (100 + 10))];
    net.dense.forEach((layer, i) => {
      expect(std(layer.w) / expected[i]).toBeGreaterThan(0.95);
      expect(std(layer.w) / expected[i]).toBeLessThan(1.05);
      expect(layer.b.every((v) => v === 0)).toBe(true);
    });
    expect(net.layerWeights().map((l) => l.activation)).toEqual(['relu', 'tanh', 'leaky-relu', 'none']);
  });

  it('round-trips through layerWeights (copies) and fromLayerWeights, and handles batches beyond its capacity', () => {
    const spec: ModelSpec = { inputSize: 3, numClasses: 4, hidden: [{ units: 5, activation: 'sigmoid' }] };
    const net = createNetwork(spec, new Rng(2), { batchCapacity: 2 });
    const weights = net.layerWeights();
    const copy = Network.fromLayerWeights(spec, weights);
    const x = Float32Array.from({ length: 3 * 7 }, (_, i) => Math.sin(i));
    const expected = Float32Array.from(net.forward(x, 7).subarray(0, 28));
    expect(net.batchCapacity).toBe(7);
    expect(Array.from(copy.forward(x, 7).subarray(0, 28))).toEqual(Array.from(expected));
    weights[0].w[0] += 1; // a copy: the network is untouched
    expect(net.layerWeights()[0].w[0]).not.toBe(weights[0].w[0]);
  });

  it('rejects weights that do not fit the spec, and bad specs, saying where', () => {
    const spec: ModelSpec = { inputSize: 3, numClasses: 2, hidden: [] };
    expect(() => Network.fromLayerWeights(spec, [{ inputs: 4, units: 2, activation: 'none', w: new Float32Array(8), b: new Float32Array(2) }]))
      .toThrow(/layer 1: expected weights 3×2, got 4×2/);
    expect(() => Network.fromLayerWeights(spec, [])).toThrow(/1 dense layers but 0/);
    expect(() => new Network({ inputSize: 3, numClasses: 1, hidden: [] })).toThrow(/at least 2 classes/);
    expect(() => new Network({ inputSize: 3, numClasses: 2, hidden: [{ units: 0, activation: 'relu' }] })).toThrow(/hidden\[0\]\.units: must be at least 1/);
  });
});
