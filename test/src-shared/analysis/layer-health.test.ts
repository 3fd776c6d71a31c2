import { describe, expect, it } from 'vitest';
import {
  DISTRIBUTION_PERCENTILES, deadFraction, healthWarnings, l2Norm, layerHealth, percentiles, updateRatio, type EpochHealth, type LayerHealth,
} from '../../../src-shared/analysis/layer-health';
import type { WarpNet } from '../../../src-shared/analysis/warp';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import type { TrainConfig } from '../../../src-shared/engine/types';

/**
 * 2 inputs → 3 ReLUs → 2 scores. W1 (inputs × units) = [[1, −1, 0], [0, 1, −1]], b1 = [0, 0, −1].
 * On the probe rows (1, 2), (−1, 0.5), (2, −1) the pre-activations are, by hand:
 *   z = [1, 1, −3], [−1, 1.5, −1.5], [2, −3, 0]
 * so unit 3 is never > 0 (dead, 1 of 3) and the ReLU outputs are
 *   [1, 1, 0], [0, 1.5, 0], [2, 0, 0]  → sorted 0 0 0 0 0 1 1 1.5 2.
 */
const tinyNet: WarpNet = {
  layers: [
    { inputs: 2, units: 3, w: [1, -1, 0, 0, 1, -1], b: [0, 0, -1] },
    { inputs: 3, units: 2, w: [1, 0, 0, 1, 1, 1], b: [0, 0] },
  ],
  activations: [{ kind: 'relu' }],
};
const probe = [1, 2, -1, 0.5, 2, -1];

describe('dead ReLUs', () => {
  it('counts the units that never fire on the probe batch (hand-computed: 1 of 3)', () => {
    const z = [1, 1, -3, -1, 1.5, -1.5, 2, -3, 0];
    expect(deadFraction(z, 3, 3)).toBe(1 / 3);
    // a unit exactly at 0 everywhere passes no gradient either: dead
    expect(deadFraction([0, 1, 0, 2], 2, 2)).toBe(0.5);
    expect(deadFraction([-1, -2, -3, -4], 2, 2)).toBe(1);
  });

  it('rejects a probe too short for its shape', () => {
    expect(() => deadFraction([1, 2, 3], 2, 2)).toThrow(/2 rows × 2 units need 4 values, got 3/);
    expect(() => deadFraction([], 0, 2)).toThrow(/at least one probe sample/);
  });
});

describe('update-to-weight ratio', () => {
  it('is ‖ΔW‖ / ‖W‖ (hand-computed: [3, 4] → [3.003, 4.004] is 0.005 / 5 = 1e-3)', () => {
    expect(l2Norm([3, 4])).toBe(5);
    expect(updateRatio([3, 4], [3.003, 4.004])).toBeCloseTo(1e-3, 12);
    expect(updateRatio([0, 0], [1, 1])).toBeNull();
    expect(() => updateRatio([1], [1, 2])).toThrow(/1 values before, 2 after/);
  });

  it('equals lr·‖dW‖ / ‖W‖ for one plain SGD step of the real trainer', () => {
    const config: TrainConfig = {
      model: { inputSize: 2, numClasses: 2, hidden: [{ units: 4, activation: 'relu' }] },
      loss: 'softmax', regularizer: { kind: 'none', l1: 0, l2: 0, proximal: false },
      optimizer: { kind: 'sgd', lr: 0.05 }, schedule: { kind: 'constant' }, batchSize: 4, epochs: 1, seed: 3,
    };
    const x = Float32Array.from([1, 0, 0, 1, -1, 0.5, 0.3, -2]);
    const trainer = new Trainer(config, arraySource(x, Int32Array.from([0, 1, 0, 1]), 2));
    const before = trainer.network.dense.map((layer) => Float64Array.from(layer.w));
    trainer.trainStep();
    trainer.network.dense.forEach((layer, l) => {
      const expected = (0.05 * l2Norm(layer.dw)) / l2Norm(before[l]);
      expect(updateRatio(before[l], layer.w)).toBeCloseTo(expected, 6);
    });
  });
});

describe('activation distribution', () => {
  it('interpolates percentiles between sorted values', () => {
    expect(percentiles([5, 1, 4, 2, 3], [0, 25, 50, 100])).toEqual([1, 2, 3, 5]);
    expect(percentiles([5, 1, 4, 2, 3], [6.68])[0]).toBeCloseTo(1 + 0.0668 * 4, 12);
    expect(percentiles([Number.NaN, 2], [0, 100])).toEqual([2, 2]);
    expect(() => percentiles([1], [101])).toThrow(/0..100/);
  });
});

describe('layerHealth of the tiny net', () => {
  it('matches the hand-computed dead share, distribution, gradient norm and ratio', () => {
    const gradients = [[0, 0, 0, 3, 4, 0], [1, 0, 0, 0, 0, 0]];
    const before = [[1, -1, 0, 0, 1, -2], [1, 0, 0, 1, 1, 1]];
    const health = layerHealth(tinyNet, probe, 3, gradients, before);
    expect(health).toHaveLength(2);
    const [hidden, scores] = health;
    expect(hidden.layer).toBe(1);
    expect(hidden.deadFraction).toBe(1 / 3);
    expect(hidden.gradNorm).toBe(5);
    // W1 moved by 1 in one entry (−2 → −1); ‖W1 before‖ = √(1 + 1 + 1 + 4) = √7
    expect(hidden.updateRatio).toBeCloseTo(1 / Math.sqrt(7), 12);
    expect(hidden.activation).toHaveLength(DISTRIBUTION_PERCENTILES.length);
    expect(hidden.activation![0]).toBe(0);
    expect(hidden.activation![4]).toBe(0);
    expect(hidden.activation![6]).toBeCloseTo(1 + 0.5 * (0.8413 * 8 - 6), 12);
    expect(hidden.activation![8]).toBe(2);
    expect(scores).toEqual({ layer: 2, deadFraction: null, activation: null, gradNorm: 1, updateRatio: 0 });
  });

  it('has no dead share for activations that cannot die', () => {
    const leaky = layerHealth({ ...tinyNet, activations: [{ kind: 'leaky-relu', alpha: 0.01 }] }, probe, 3, [[0], [0]], tinyNet.layers.map((l) => l.w));
    expect(leaky[0].deadFraction).toBeNull();
    expect(leaky[0].activation![0]).toBeCloseTo(-0.03, 12);
  });
});

describe('healthWarnings', () => {
  const epoch = (n: number, layer: Partial<LayerHealth>): EpochHealth => ({
    epoch: n, layers: [{ layer: 1, deadFraction: 0, activation: null, gradNorm: 1, updateRatio: 1e-3, ...layer }],
  });

  it('warns when the ratio stays out of [1e-4, 1e-2] for 3 epochs, on one side', () => {
    expect(healthWarnings([epoch(1, {}), epoch(2, { updateRatio: 1e-5 }), epoch(3, { updateRatio: 1e-5 })])).toEqual([]);
    const low = healthWarnings([epoch(1, {}), epoch(2, { updateRatio: 1e-5 }), epoch(3, { updateRatio: 2e-5 }), epoch(4, { updateRatio: 5e-5 })]);
    expect(low).toMatchObject([{ layer: 1, kind: 'ratio-low', sinceEpoch: 2 }]);
    const high = healthWarnings([1, 2, 3].map((n) => epoch(n, { updateRatio: 0.5 })));
    expect(high).toMatchObject([{ kind: 'ratio-high', sinceEpoch: 1 }]);
    // low then high is not one stretch
    expect(healthWarnings([epoch(1, { updateRatio: 1e-6 }), epoch(2, { updateRatio: 1 }), epoch(3, { updateRatio: 1 })])).toEqual([]);
  });

  it('warns about a dying and a dead layer, from the epoch it started', () => {
    expect(healthWarnings([epoch(1, {}), epoch(2, { deadFraction: 0.6 }), epoch(3, { deadFraction: 0.75 })]))
      .toMatchObject([{ kind: 'dying', sinceEpoch: 2, message: expect.stringContaining('75%') }]);
    expect(healthWarnings([epoch(1, { deadFraction: 1 })])).toMatchObject([{ kind: 'dead', sinceEpoch: 1 }]);
    expect(healthWarnings([epoch(1, { deadFraction: 0.6 }), epoch(2, { deadFraction: 0.2 })])).toEqual([]);
    expect(healthWarnings([])).toEqual([]);
  });
});
