/**
 * Proximal L1 in each optimiser's metric (optimizers.ts `proximalL1`): single steps
 * computed by hand, then a whole proximal training run checked against an independent
 * float64 replica of the same updates.
 */
import { describe, expect, it } from 'vitest';
import { adamUpdate, applyUpdate, momentumUpdate, proximalL1, sgdUpdate } from '../../../src-shared/engine/optimizers';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import type { OptimizerSpec, RegularizerSpec } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';
import { config } from './helpers';

describe('proximal L1 thresholds match the optimizer step', () => {
  it('SGD: τ = lr·λ', () => {
    const w = new Float64Array([0.5, -0.5, 0.004, -0.004]);
    const g = new Float64Array([1, -1, 0, 0]);
    sgdUpdate(w, g, 0.1); // 0.4, -0.4, 0.004, -0.004
    proximalL1({ kind: 'sgd', lr: 0.1 }, w, [], 0.1, 0.05, 1); // τ = 0.005
    expect(w[0]).toBeCloseTo(0.395, 15);
    expect(w[1]).toBeCloseTo(-0.395, 15);
    expect([w[2], w[3]]).toEqual([0, 0]);
  });

  it('momentum: τ = lr·λ/(1 − μ), ten times the SGD threshold at μ = 0.9', () => {
    const spec: OptimizerSpec = { kind: 'momentum', lr: 0.1, momentum: 0.9 };
    const w = new Float64Array([1, 0.04]);
    const velocity = new Float64Array([0.2, 0]);
    momentumUpdate(w, new Float64Array([1, 0]), velocity, 0.1, 0.9); // v = 0.18 - 0.1 = 0.08; w = 1.08, 0.04
    proximalL1(spec, w, [velocity], 0.1, 0.05, 1); // τ = 0.1·0.05/0.1 = 0.05
    expect(w[0]).toBeCloseTo(1.03, 14);
    expect(w[1]).toBe(0);
    // the default μ (0.9) is used when the spec leaves it out
    const w2 = new Float64Array([0.06]);
    proximalL1({ kind: 'momentum', lr: 0.1 }, w2, [new Float64Array(1)], 0.1, 0.05, 1);
    expect(w2[0]).toBeCloseTo(0.01, 15);
  });

  it('Adam: τᵢ = lr·λ/(√v̂ᵢ + ε) per weight, with v̂ bias-corrected after this step', () => {
    const spec: OptimizerSpec = { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
    const w = new Float64Array([0.5, 0.5, -0.5]);
    const m = new Float64Array(3);
    const v = new Float64Array(3);
    // step 1: m̂ = g, v̂ = g², so every weight moves by lr·sign(g) = 0.01
    adamUpdate(w, new Float64Array([2, 0.01, -0.5]), m, v, 0.01, 0.9, 0.999, 1e-8, 1);
    proximalL1(spec, w, [m, v], 0.01, 0.1, 1);
    // τ = 0.01·0.1/|g|: 0.0005 for g = 2, 0.1 for g = 0.01, 0.002 for g = -0.5
    expect(w[0]).toBeCloseTo(0.49 - 0.0005, 7);
    expect(w[1]).toBeCloseTo(0.49 - 0.1, 6);
    expect(w[2]).toBeCloseTo(-0.49 + 0.002, 7);
    // step 2 with gradient 0 on weight 1: v̂ = 0.999·1e-4·0.001/(1 − 0.999²) ≈ 0.4998e-4
    const g2 = new Float64Array([2, 0, -0.5]);
    const before = Float64Array.from(w);
    const vBefore = Float64Array.from(v);
    const mBefore = Float64Array.from(m);
    adamUpdate(w, g2, m, v, 0.01, 0.9, 0.999, 1e-8, 2);
    proximalL1(spec, w, [m, v], 0.01, 0.1, 2);
    for (let i = 0; i < 3; i++) {
      const mi = 0.9 * mBefore[i] + 0.1 * g2[i];
      const vi = 0.999 * vBefore[i] + 0.001 * g2[i] * g2[i];
      const denominator = Math.sqrt(vi / (1 - 0.999 ** 2)) + 1e-8;
      const stepped = before[i] - (0.01 * mi / (1 - 0.9 ** 2)) / denominator;
      const tau = (0.01 * 0.1) / denominator;
      const expected = Math.sign(stepped) * Math.max(0, Math.abs(stepped) - tau);
      expect(w[i]).toBeCloseTo(expected, 12);
    }
  });

  it('λ = 0 leaves the weights alone', () => {
    const w = new Float64Array([1e-9, -1e-9]);
    proximalL1({ kind: 'adam', lr: 1 }, w, [new Float64Array(2), new Float64Array(2)], 1, 0, 1);
    expect(Array.from(w)).toEqual([1e-9, -1e-9]);
  });
});

/**
 * The trainer's proximal run against a float64 replica written from the formulas alone:
 * a linear softmax classifier, full batches (so shuffling cannot matter), L1 (or elastic
 * net) by the proximal step of each optimiser.
 */
describe('proximal training matches a float64 replica', () => {
  const n = 24, d = 5, k = 3;
  const rng = new Rng(7);
  const x = new Float64Array(n * d).map(() => rng.normal());
  const labels = new Int32Array(n).map((_, i) => i % k);
  for (let i = 0; i < n; i++) x[i * d + labels[i]] += 1.5;

  function replica(w0: Float32Array, opt: OptimizerSpec, reg: RegularizerSpec, steps: number): Float64Array {
    const w = Float64Array.from(w0); // [d × k]
    const b = new Float64Array(k);
    const slots = [new Float64Array(w.length), new Float64Array(w.length)];
    const bSlots = [new Float64Array(k), new Float64Array(k)];
    for (let t = 1; t <= steps; t++) {
      const dw = new Float64Array(w.length);
      const db = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        const s = Array.from({ length: k }, (_, c) => b[c] + Array.from({ length: d }, (_, j) => x[i * d + j] * w[j * k + c]).reduce((a, v) => a + v, 0));
        const top = Math.max(...s);
        const e = s.map((v) => Math.exp(v - top));
        const z = e.reduce((a, v) => a + v, 0);
        for (let c = 0; c < k; c++) {
          const ds = (e[c] / z - (c === labels[i] ? 1 : 0)) / n;
          db[c] += ds;
          for (let j = 0; j < d; j++) dw[j * k + c] += x[i * d + j] * ds;
        }
      }
      for (let j = 0; j < w.length; j++) dw[j] += 2 * reg.l2 * w[j];
      applyUpdate(opt, w, dw, slots, opt.lr, t);
      applyUpdate(opt, b, db, bSlots, opt.lr, t);
      // the proximal rule, written out again so the test does not lean on proximalL1
      for (let j = 0; j < w.length; j++) {
        let tau = opt.lr * reg.l1;
        if (opt.kind === 'momentum') tau /= 1 - 0.9;
        if (opt.kind === 'adam') tau /= Math.sqrt(slots[1][j] / (1 - 0.999 ** t)) + 1e-8;
        w[j] = Math.sign(w[j]) * Math.max(0, Math.abs(w[j]) - tau);
      }
    }
    return w;
  }

  const cases: [OptimizerSpec, RegularizerSpec][] = [
    [{ kind: 'sgd', lr: 0.5 }, { kind: 'l1', l1: 0.02, l2: 0, proximal: true }],
    [{ kind: 'momentum', lr: 0.05 }, { kind: 'l1', l1: 0.02, l2: 0, proximal: true }],
    [{ kind: 'adam', lr: 0.05 }, { kind: 'l1', l1: 0.02, l2: 0, proximal: true }],
    [{ kind: 'adam', lr: 0.05 }, { kind: 'elastic', l1: 0.02, l2: 0.01, proximal: true }],
  ];
  it.each(cases)('%o with %o', (optimizer, regularizer) => {
    const steps = 40;
    const trainer = new Trainer(config({ inputSize: d, numClasses: k, optimizer, regularizer, batchSize: n, epochs: steps, seed: 2 }),
      arraySource(Float32Array.from(x), labels, d));
    const w0 = trainer.layerWeights()[0].w;
    for (let t = 0; t < steps; t++) trainer.trainStep();
    const expected = replica(w0, optimizer, regularizer, steps);
    const got = trainer.layerWeights()[0].w;
    const zeros = expected.filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(0); // the threshold acted
    // exact zeros agree except where the replica's |w| before thresholding sat within float32 noise of τ
    let mismatched = 0;
    for (let j = 0; j < got.length; j++) {
      expect(Math.abs(got[j] - expected[j])).toBeLessThan(1e-4);
      if ((got[j] === 0) !== (expected[j] === 0)) mismatched++;
    }
    expect(mismatched).toBeLessThanOrEqual(1);
  });
});
