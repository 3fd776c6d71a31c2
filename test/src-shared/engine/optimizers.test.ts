import { describe, expect, it } from 'vitest';
import { adamUpdate, applyUpdate, momentumUpdate, sgdUpdate, slotCount } from '../../../src-shared/engine/optimizers';
import { learningRate } from '../../../src-shared/engine/schedules';

describe('optimizers', () => {
  it('SGD steps against the gradient', () => {
    const w = new Float64Array([1, -2]);
    sgdUpdate(w, new Float64Array([0.5, -1]), 0.1);
    expect(Array.from(w)).toEqual([1 - 0.05, -2 + 0.1]);
  });

  it('momentum builds up velocity: v ← μv − lr·g, w ← w + v', () => {
    const w = new Float64Array([0]);
    const v = new Float64Array([0]);
    const g = new Float64Array([1]);
    momentumUpdate(w, g, v, 0.1, 0.9);
    expect(v[0]).toBeCloseTo(-0.1, 15);
    momentumUpdate(w, g, v, 0.1, 0.9);
    expect(v[0]).toBeCloseTo(-0.19, 15);
    expect(w[0]).toBeCloseTo(-0.29, 15);
  });

  it('Adam: the bias-corrected first step moves every weight by about lr, whatever the gradient scale', () => {
    const w = new Float64Array([0, 0, 0]);
    const m = new Float64Array(3);
    const v = new Float64Array(3);
    adamUpdate(w, new Float64Array([1e-3, -5, 200]), m, v, 0.01, 0.9, 0.999, 1e-8, 1);
    expect(w[0]).toBeCloseTo(-0.01, 6);
    expect(w[1]).toBeCloseTo(0.01, 8);
    expect(w[2]).toBeCloseTo(-0.01, 8);
    expect(m[2]).toBeCloseTo(20, 10);
    expect(v[2]).toBeCloseTo(0.001 * 200 * 200, 8);
  });

  it('applyUpdate dispatches by kind and uses the number of slots it declares', () => {
    expect([slotCount({ kind: 'sgd', lr: 1 }), slotCount({ kind: 'momentum', lr: 1 }), slotCount({ kind: 'adam', lr: 1 })]).toEqual([0, 1, 2]);
    const w = new Float64Array([1]);
    const velocity = new Float64Array([0.5]);
    applyUpdate({ kind: 'momentum', lr: 0.1, momentum: 0.5 }, w, new Float64Array([1]), [velocity], 0.1, 1);
    expect(velocity[0]).toBeCloseTo(0.25 - 0.1, 15);
    expect(w[0]).toBeCloseTo(1.15, 15);
  });
});

describe('learning-rate schedules', () => {
  it('constant, step and cosine', () => {
    expect(learningRate({ kind: 'constant' }, 0.1, 7, 10)).toBe(0.1);
    const step = { kind: 'step', everyEpochs: 3, gamma: 0.5 } as const;
    expect([0, 2, 3, 5, 6].map((e) => learningRate(step, 0.8, e, 10))).toEqual([0.8, 0.8, 0.4, 0.4, 0.2]);
    const cosine = { kind: 'cosine', minLr: 0.01 } as const;
    expect(learningRate(cosine, 0.1, 0, 10)).toBeCloseTo(0.1, 15);
    expect(learningRate(cosine, 0.1, 5, 10)).toBeCloseTo(0.055, 15);
    expect(learningRate(cosine, 0.1, 10, 10)).toBeCloseTo(0.01, 15);
  });
});
