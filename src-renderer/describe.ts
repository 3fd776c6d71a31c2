/**
 * Runs and models in words: "784 → 100 ReLU → 10", "L1 λ = 1e−4 (proximal)", and the
 * flattened hyperparameters the compare view lines up. Pure; tested in
 * test/src-renderer/describe.test.ts.
 */

import { formatHyper } from './format';
import type { Run, TrainConfig } from './state/types';
import { featureSize } from '../src-shared/features/transforms';

const activationNames: Record<string, string> = {
  relu: 'ReLU',
  'leaky-relu': 'Leaky ReLU',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  identity: 'identity',
};

export function activationName(kind: string): string {
  return activationNames[kind] ?? kind;
}

/** "784 → 10 (linear)" or "784 → 100 ReLU → 10". */
export function describeModel(model: TrainConfig['model']): string {
  const input = model.features ? `${model.inputSize} → ${featureSize(model.features)} ${model.features.kind}` : String(model.inputSize);
  if (model.hidden.length === 0) return `${input} → ${model.numClasses} (linear)`;
  return [input, ...model.hidden.map((h) => `${h.units} ${activationName(h.activation)}`), String(model.numClasses)].join(' → ');
}

/** Short model kind for tables: "linear", "MLP 100", "MLP 512-256". */
export function modelKind(model: TrainConfig['model']): string {
  return model.hidden.length === 0 ? 'linear' : `MLP ${model.hidden.map((h) => h.units).join('-')}`;
}

/** Weights and biases of all dense layers. */
export function parameterCount(model: TrainConfig['model']): number {
  const sizes = [model.features ? featureSize(model.features) : model.inputSize, ...model.hidden.map((h) => h.units), model.numClasses];
  let total = 0;
  for (let i = 0; i + 1 < sizes.length; i++) total += sizes[i] * sizes[i + 1] + sizes[i + 1];
  return total;
}

export function describeRegularizer(reg: TrainConfig['regularizer']): string {
  switch (reg.kind) {
    case 'none':
      return 'none';
    case 'l1':
      return `L1 λ=${formatHyper(reg.l1)}${reg.proximal ? ' prox' : ''}`;
    case 'l2':
      return `L2 λ=${formatHyper(reg.l2)}`;
    case 'elastic':
      return `L1 ${formatHyper(reg.l1)} + L2 ${formatHyper(reg.l2)}${reg.proximal ? ' prox' : ''}`;
  }
}

export function describeOptimizer(opt: TrainConfig['optimizer']): string {
  const name = opt.kind === 'sgd' ? 'SGD' : opt.kind === 'momentum' ? 'momentum' : 'Adam';
  return `${name} lr=${formatHyper(opt.lr)}`;
}

export function describeData(run: Pick<Run, 'data'>, datasetName?: string): string {
  if (run.data.kind === 'toy') return `${run.data.toy} (toy, ${run.data.samples} points)`;
  return datasetName ?? `dataset ${run.data.datasetId}`;
}

/** Every leaf of a plain object as `a.b.c` → value; arrays by index. */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out[prefix] = Array.isArray(value) ? '[]' : '{}';
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix] = value;
  }
  return out;
}

/** What a run was trained with, flattened: config, data and split. */
export function runSettings(run: Pick<Run, 'config' | 'data' | 'split'>): Record<string, unknown> {
  return flatten({ config: run.config, data: run.data, split: run.split });
}

/** Names of the settings a run is trained with, by their path in runSettings. */
const settingLabels: Record<string, string> = {
  'config.model.inputSize': 'Inputs per sample',
  'config.model.numClasses': 'Classes',
  'config.model.hidden': 'Hidden layers',
  'config.loss': 'Loss',
  'config.regularizer.kind': 'Regularizer',
  'config.regularizer.l1': 'L1 strength λ₁',
  'config.regularizer.l2': 'L2 strength λ₂',
  'config.regularizer.proximal': 'Proximal L1 step',
  'config.optimizer.kind': 'Optimizer',
  'config.optimizer.lr': 'Learning rate',
  'config.optimizer.momentum': 'Momentum μ',
  'config.optimizer.beta1': 'Adam β₁',
  'config.optimizer.beta2': 'Adam β₂',
  'config.optimizer.eps': 'Adam ε',
  'config.schedule.kind': 'Learning-rate schedule',
  'config.schedule.everyEpochs': 'Schedule step (epochs)',
  'config.schedule.gamma': 'Schedule factor γ',
  'config.schedule.minLr': 'Cosine floor',
  'config.batchSize': 'Batch size',
  'config.epochs': 'Epochs',
  'config.seed': 'Seed',
  'data.kind': 'Data kind',
  'data.datasetId': 'Dataset',
  'data.normalization': 'Normalization',
  'data.toy': 'Toy data',
  'data.samples': 'Toy points',
  'data.noise': 'Toy noise',
  'data.seed': 'Toy data seed',
  'data.classes': 'Toy classes',
  'split.val': 'Validation share',
  'split.test': 'Test share',
  'split.seed': 'Split seed',
};
const layerLabels: Record<string, string> = { units: 'width', activation: 'activation', alpha: 'leaky slope α' };

/** A setting's name for people ("Layer 1 activation"), from its path ("config.model.hidden.0.activation"). */
export function settingLabel(path: string): string {
  const layer = /^config\.model\.hidden\.(\d+)\.(\w+)$/.exec(path);
  if (layer) return `Layer ${Number(layer[1]) + 1} ${layerLabels[layer[2]] ?? layer[2]}`;
  return settingLabels[path] ?? path;
}

/** The setting paths whose values are not the same in every run, in a stable order. */
export function differingSettings(runs: readonly Pick<Run, 'config' | 'data' | 'split'>[]): { path: string; values: unknown[] }[] {
  const flat = runs.map(runSettings);
  const paths = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  return paths
    .map((path) => ({ path, values: flat.map((f) => f[path]) }))
    .filter(({ values }) => values.some((v) => JSON.stringify(v) !== JSON.stringify(values[0])));
}
