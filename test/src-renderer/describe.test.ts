import { describe, expect, it } from 'vitest';
import { describeModel, describeRegularizer, differingSettings, flatten, modelKind, parameterCount, settingLabel } from '../../src-renderer/describe';

const model = { inputSize: 784, numClasses: 10, hidden: [{ units: 100, activation: 'relu' as const }] };

describe('models in words', () => {
  it('names the layers and counts weights and biases', () => {
    expect(describeModel(model)).toBe('784 → 100 ReLU → 10');
    expect(describeModel({ ...model, hidden: [] })).toBe('784 → 10 (linear)');
    expect(modelKind({ ...model, hidden: [{ units: 512, activation: 'relu' }, { units: 256, activation: 'tanh' }] })).toBe('MLP 512-256');
    expect(parameterCount(model)).toBe(784 * 100 + 100 + 100 * 10 + 10);
    expect(parameterCount({ ...model, hidden: [] })).toBe(7850);
  });
  it('describes regularizers with their λ', () => {
    expect(describeRegularizer({ kind: 'l1', l1: 1e-4, l2: 0, proximal: true })).toBe('L1 λ=1e−4 prox');
    expect(describeRegularizer({ kind: 'l2', l1: 0, l2: 0.001, proximal: false })).toBe('L2 λ=1e−3');
    expect(describeRegularizer({ kind: 'none', l1: 0, l2: 0, proximal: false })).toBe('none');
  });
});

describe('settings that differ', () => {
  const base = {
    config: { model, loss: 'softmax', regularizer: { kind: 'l1', l1: 1e-3, l2: 0, proximal: true }, optimizer: { kind: 'sgd', lr: 0.1 }, schedule: { kind: 'constant' }, batchSize: 64, epochs: 10, seed: 1 },
    data: { kind: 'dataset', datasetId: 1, normalization: 'scale' },
    split: { val: 0.1, test: 0, seed: 1 },
  } as const;
  it('flattens nested settings to dotted paths', () => {
    expect(flatten({ a: { b: [1, { c: 2 }] }, d: [] })).toEqual({ 'a.b.0': 1, 'a.b.1.c': 2, d: '[]' });
  });
  it('lists only the paths whose values are not all equal, including ones only some runs have', () => {
    const twin = { ...base, config: { ...base.config, regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false } } } as const;
    const momentum = { ...base, config: { ...base.config, optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.9 } } } as const;
    expect(differingSettings([base, base] as never)).toEqual([]);
    expect(differingSettings([base, twin] as never).map((d) => d.path)).toEqual(['config.regularizer.kind', 'config.regularizer.l1', 'config.regularizer.l2', 'config.regularizer.proximal']);
    const withMomentum = differingSettings([base, momentum] as never);
    expect(withMomentum).toEqual([
      { path: 'config.optimizer.kind', values: ['sgd', 'momentum'] },
      { path: 'config.optimizer.momentum', values: [undefined, 0.9] },
    ]);
  });
});

describe('setting labels', () => {
  it('names settings for people, layers counted from 1', () => {
    expect(settingLabel('config.model.hidden.0.activation')).toBe('Layer 1 activation');
    expect(settingLabel('config.model.hidden.2.units')).toBe('Layer 3 width');
    expect(settingLabel('config.regularizer.kind')).toBe('Regularizer');
    expect(settingLabel('split.seed')).toBe('Split seed');
    // an unknown path is shown as it is rather than hidden
    expect(settingLabel('config.future.knob')).toBe('config.future.knob');
  });
});
