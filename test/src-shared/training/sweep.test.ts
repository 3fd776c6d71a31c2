import { describe, expect, it } from 'vitest';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { sweepAxesSchema, sweepCellConfig, sweepCellName, withSetting } from '../../../src-shared/training/sweep';

const base: TrainConfig = {
  model: { inputSize: 2, numClasses: 3, hidden: [{ units: 10, activation: 'relu' }, { units: 6, activation: 'relu' }] },
  loss: 'softmax', regularizer: { kind: 'none', l1: 0, l2: 0, proximal: false },
  optimizer: { kind: 'sgd', lr: 0.05 }, schedule: { kind: 'constant' }, batchSize: 16, epochs: 4, seed: 9,
};

describe('sweep cells', () => {
  it('sets each swept setting on a copy of the base config', () => {
    expect(withSetting(base, 'lr', 0.1).optimizer.lr).toBe(0.1);
    expect(withSetting(base, 'width', 32).model.hidden.map((h) => h.units)).toEqual([32, 32]);
    expect(withSetting(base, 'batchSize', 8).batchSize).toBe(8);
    expect(withSetting(base, 'epochs', 2).epochs).toBe(2);
    expect(withSetting(base, 'seed', 5).seed).toBe(5);
    expect(base).toMatchObject({ optimizer: { lr: 0.05 }, batchSize: 16 });
    expect(() => withSetting({ ...base, model: { ...base.model, hidden: [] } }, 'width', 4)).toThrow(/linear model has no hidden width/);
  });

  it('widens the regularizer to include a swept λ (L1 with exact zeros), and keeps it at λ = 0', () => {
    expect(withSetting(base, 'l2', 1e-3).regularizer).toEqual({ kind: 'l2', l1: 0, l2: 1e-3, proximal: false });
    expect(withSetting(base, 'l1', 1e-3).regularizer).toEqual({ kind: 'l1', l1: 1e-3, l2: 0, proximal: true });
    expect(withSetting(base, 'l2', 0).regularizer.kind).toBe('none');
    const l2 = withSetting(base, 'l2', 1e-3);
    expect(withSetting(l2, 'l1', 1e-4).regularizer).toEqual({ kind: 'elastic', l1: 1e-4, l2: 1e-3, proximal: true });
  });

  it('makes cell (i, j) from the i-th value of the first axis and the j-th of the second', () => {
    const axes = sweepAxesSchema.parse([{ param: 'lr', values: [0.01, 0.1] }, { param: 'l2', values: [0, 1e-3, 1e-2] }]);
    expect(sweepCellConfig(base, axes, 1, 2)).toMatchObject({ optimizer: { lr: 0.1 }, regularizer: { kind: 'l2', l2: 1e-2 } });
    expect(sweepCellName(axes, 0, 1)).toBe('lr 0.01 · l2 0.001');
  });

  it('refuses bad grids with what and where', () => {
    const problems = (axes: unknown) => {
      const r = sweepAxesSchema.safeParse(axes);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems([{ param: 'lr', values: [0.1, -1] }, { param: 'seed', values: [1.5] }])).toEqual([
      '0.values.1: learning rate must be above 0 and at most 10, got -1',
      '1.values.0: seed must be a whole number, got 1.5',
    ]);
    expect(problems([{ param: 'lr', values: [0.1] }, { param: 'lr', values: [0.2] }])).toEqual([': the two axes must sweep different settings']);
    expect(problems([{ param: 'lr', values: [0.1, 0.1] }, { param: 'l2', values: [0] }])).toEqual(['0.values: values must differ']);
    expect(problems([{ param: 'lr', values: Array.from({ length: 9 }, (_, i) => i + 1) }, { param: 'l2', values: [0] }])[0]).toMatch(/at most 8 values/);
  });
});
