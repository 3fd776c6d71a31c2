import { describe, expect, it } from 'vitest';
import { NEAR_ZERO, histogram, sharedAxis, sharedHistograms, sparsity, sparsityOfAll } from '../../../src-shared/analysis/histogram';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import { Rng } from '../../../src-shared/random';
import type { RegularizerSpec, TrainConfig } from '../../../src-shared/engine/types';

describe('sharedAxis', () => {
  it('is symmetric around zero with an odd number of bins, so 0 sits inside the center bin', () => {
    const axis = sharedAxis([[-0.3, 0.1, 0.2], [0.4, -0.05]], { bins: 10, coverage: 1 });
    expect(axis.bins).toBe(11);
    expect(axis.limit).toBeCloseTo(0.4, 12);
    expect(axis.edges.length).toBe(12);
    expect(axis.edges[0]).toBeCloseTo(-0.4, 12);
    expect(axis.edges[11]).toBeCloseTo(0.4, 12);
    for (let k = 1; k < axis.edges.length; k++) expect(axis.edges[k]).toBeGreaterThan(axis.edges[k - 1]);
    expect(axis.edges[5]).toBeLessThan(0);
    expect(axis.edges[6]).toBeGreaterThan(0);
    expect(axis.edges[5]).toBeCloseTo(-axis.edges[6], 12);
  });

  it('covers the requested share of |w| over all arrays together, not per array', () => {
    // 1000 values 0.001..1 in one array, one outlier of 100 in the other
    const a = Float32Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);
    const axis = sharedAxis([a, [100]], { coverage: 0.99 });
    expect(axis.limit).toBeCloseTo(0.99, 3);
    const full = sharedAxis([a, [100]], { coverage: 1 });
    expect(full.limit).toBe(100);
  });

  it('falls back to a unit axis when every weight is zero', () => {
    expect(sharedAxis([new Float32Array(5)]).limit).toBe(1);
  });

  it('rejects bad options with a message', () => {
    expect(() => sharedAxis([[1]], { bins: 0 })).toThrow(/bins must be a positive whole number/);
    expect(() => sharedAxis([[1]], { coverage: 0 })).toThrow(/coverage must be in/);
  });
});

describe('histogram', () => {
  it('counts values into the right bins and clamps outliers into the end bins', () => {
    const axis = sharedAxis([[-1, 1]], { bins: 5, coverage: 1 }); // edges −1, −.6, −.2, .2, .6, 1
    const h = histogram([0, 0, -0.1, 0.15, 0.5, -0.7, 1, -3, 7, Number.NaN], axis);
    expect(Array.from(h.counts)).toEqual([2, 0, 4, 1, 2]);
    expect(h.total).toBe(9);
    expect(h.clipped).toBe(2);
    expect(h.fractions.reduce((s, f) => s + f, 0)).toBeCloseTo(1, 12);
    expect(h.fractions[2]).toBeCloseTo(4 / 9, 12);
  });

  it('sharedHistograms puts every array on the same edges and one y range', () => {
    const rng = new Rng(3);
    const wide = Float32Array.from({ length: 2000 }, () => rng.normal());
    const narrow = Float32Array.from({ length: 2000 }, () => 0.1 * rng.normal());
    const { axis, histograms, maxFraction } = sharedHistograms([wide, narrow], { bins: 31 });
    expect(histograms.map((h) => h.counts.length)).toEqual([31, 31]);
    expect(axis.limit).toBeGreaterThan(2); // set by the wide one
    const peak = (f: Float64Array) => Math.max(...f);
    expect(maxFraction).toBe(Math.max(peak(histograms[0].fractions), peak(histograms[1].fractions)));
    // the narrow one piles into fewer, taller centre bins on the shared axis
    expect(peak(histograms[1].fractions)).toBeGreaterThan(2 * peak(histograms[0].fractions));
    expect(histograms[1].fractions[15]).toBe(maxFraction);
  });
});

describe('sparsity', () => {
  it('counts exact zeros (−0 too) and near zeros (|w| < 1e-3, zeros included)', () => {
    const s = sparsity([0, -0, 5e-4, -9.99e-4, -2e-3, NEAR_ZERO, 1, -1]);
    expect(s).toEqual({ count: 8, zeros: 2, nearZeros: 4, zeroFraction: 0.25, nearZeroFraction: 0.5 });
  });

  it('sparsityOfAll pools several matrices; an empty model has fraction 0', () => {
    const s = sparsityOfAll([[0, 1], [0, 0, 2e-4, 3]], 1e-3);
    expect(s.count).toBe(6);
    expect(s.zeros).toBe(3);
    expect(s.nearZeros).toBe(4);
    expect(sparsityOfAll([]).zeroFraction).toBe(0);
    expect(() => sparsity([1], -1)).toThrow(/threshold must be ≥ 0/);
  });

  it('tells an L1 twin from an L2 twin trained on the same data and seed', () => {
    // 20 inputs of which only the first 2 carry the class: L1 should zero most of the rest
    const rng = new Rng(11);
    const n = 400;
    const x = new Float32Array(n * 20);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 20; j++) x[i * 20 + j] = rng.normal();
      labels[i] = x[i * 20] + x[i * 20 + 1] > 0 ? 1 : 0;
    }
    const source = arraySource(x, labels, 20);
    const train = (regularizer: RegularizerSpec) => {
      const config: TrainConfig = {
        model: { inputSize: 20, numClasses: 2, hidden: [{ units: 8, activation: 'relu' }] },
        loss: 'softmax', regularizer, optimizer: { kind: 'sgd', lr: 0.1 }, schedule: { kind: 'constant' },
        batchSize: 32, epochs: 30, seed: 5,
      };
      const trainer = new Trainer(config, source);
      while (!trainer.finished) trainer.runEpoch();
      return sparsityOfAll(trainer.layerWeights().map((l) => l.w));
    };
    const l1 = train({ kind: 'l1', l1: 0.03, l2: 0, proximal: true });
    const l2 = train({ kind: 'l2', l1: 0, l2: 0.01, proximal: false });
    expect(l1.count).toBe(l2.count);
    expect(l1.zeroFraction).toBeGreaterThan(0.5);
    expect(l2.zeroFraction).toBe(0);
    expect(l1.nearZeroFraction).toBeGreaterThanOrEqual(l1.zeroFraction);
    expect(l1.nearZeroFraction).toBeGreaterThan(l2.nearZeroFraction + 0.4);
  });
});
