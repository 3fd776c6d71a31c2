/**
 * The new-experiment form as plain data, and how it becomes a contract request. Checked
 * with the contract's own zod schemas, so the form names exactly the problems main would
 * refuse. Pure; tested in test/src-renderer/experiment-draft.test.ts.
 */

import { activationKind, runSplitSpec, trainConfig } from '../../../src-shared/api/schemas';
import type { Dataset, RunData, TrainConfig } from '../../state/types';
import type { RequestOf } from '../../../src-shared/api/contract';

export type ActivationKind = TrainConfig['model']['hidden'][number]['activation'];
export type ToyKind = Extract<RunData, { kind: 'toy' }>['toy'];
export type Normalisation = Extract<RunData, { kind: 'dataset' }>['normalisation'];

export interface LayerDraft {
  /** stable key for React while layers are reordered */
  key: number;
  units: number;
  activation: ActivationKind;
  alpha: number;
}

export interface Draft {
  dataKind: 'dataset' | 'toy';
  datasetId: number | null;
  normalisation: Normalisation;
  toy: ToyKind;
  toySamples: number;
  toyNoise: number;
  toyClasses: number;
  hidden: LayerDraft[];
  loss: TrainConfig['loss'];
  regKind: TrainConfig['regularizer']['kind'];
  l1: number;
  l2: number;
  proximal: boolean;
  optimizer: TrainConfig['optimizer']['kind'];
  lr: number;
  momentum: number;
  schedule: TrainConfig['schedule']['kind'];
  stepEvery: number;
  stepGamma: number;
  cosineMinLr: number;
  batchSize: number;
  epochs: number;
  seed: number;
  valPercent: number;
  testPercent: number;
  name: string;
}

let nextKey = 1;
export function layer(units: number, activation: ActivationKind = 'relu'): LayerDraft {
  return { key: nextKey++, units, activation, alpha: 0.01 };
}

export const defaultDraft: Draft = {
  dataKind: 'dataset',
  datasetId: null,
  normalisation: 'scale',
  toy: 'spiral',
  toySamples: 300,
  toyNoise: 0.2,
  toyClasses: 3,
  hidden: [],
  loss: 'softmax',
  regKind: 'l2',
  l1: 1e-3,
  l2: 1e-3,
  proximal: true,
  optimizer: 'momentum',
  lr: 0.05,
  momentum: 0.9,
  schedule: 'constant',
  stepEvery: 10,
  stepGamma: 0.5,
  cosineMinLr: 0,
  batchSize: 64,
  epochs: 20,
  seed: 1,
  valPercent: 10,
  testPercent: 0,
  name: '',
};

export interface Preset {
  id: string;
  label: string;
  description: string;
  apply: (draft: Draft) => Draft;
}

export const presets: Preset[] = [
  {
    id: 'linear',
    label: 'Linear classifier',
    description: 's = W x + b: one template per class',
    apply: (d) => ({ ...d, hidden: [], loss: 'softmax', optimizer: 'sgd', lr: 0.1, regKind: 'l2', l2: 1e-3, epochs: 20, batchSize: 64 }),
  },
  {
    id: 'mlp2',
    label: '2-layer ReLU',
    description: 'W2 max(0, W1 x): 100 hidden templates',
    apply: (d) => ({ ...d, hidden: [layer(100)], loss: 'softmax', optimizer: 'momentum', lr: 0.05, momentum: 0.9, regKind: 'l2', l2: 1e-4, epochs: 20, batchSize: 64 }),
  },
  {
    id: 'mlp3',
    label: '3-layer ReLU',
    description: 'W3 max(0, W2 max(0, W1 x))',
    apply: (d) => ({ ...d, hidden: [layer(128), layer(64)], loss: 'softmax', optimizer: 'momentum', lr: 0.05, momentum: 0.9, regKind: 'l2', l2: 1e-4, epochs: 20, batchSize: 64 }),
  },
];

/** Input size and class count of the chosen data, or null when no dataset is chosen. */
export function dataShape(draft: Draft, datasets: readonly Dataset[]): { inputSize: number; numClasses: number; label: string } | null {
  if (draft.dataKind === 'toy') {
    const classes = draft.toy === 'spiral' || draft.toy === 'blobs' ? draft.toyClasses : 2;
    return { inputSize: 2, numClasses: classes, label: `${draft.toy} (2-D points)` };
  }
  const dataset = datasets.find((d) => d.id === draft.datasetId);
  if (!dataset) return null;
  return { inputSize: dataset.width * dataset.height * dataset.channels, numClasses: dataset.classNames.length, label: dataset.name };
}

export function draftRegularizer(draft: Draft): TrainConfig['regularizer'] {
  const { regKind: kind } = draft;
  return {
    kind,
    l1: kind === 'l1' || kind === 'elastic' ? draft.l1 : 0,
    l2: kind === 'l2' || kind === 'elastic' ? draft.l2 : 0,
    proximal: (kind === 'l1' || kind === 'elastic') && draft.proximal,
  };
}

/**
 * The λ field both twins train with: the chosen regulariser's (L1's when L1 is chosen; L2's
 * for L2, L1 + L2 and none), so L1 and L2 are compared at one strength.
 */
export function twinLambdaField(draft: Draft): 'l1' | 'l2' {
  return draft.regKind === 'l1' ? 'l1' : 'l2';
}

/** The L1 and the L2 twin: same everything, one λ (twinLambdaField). */
export function twinRegularizers(draft: Draft): [TrainConfig['regularizer'], TrainConfig['regularizer']] {
  const lambda = draft[twinLambdaField(draft)];
  return [
    { kind: 'l1', l1: lambda, l2: 0, proximal: draft.proximal },
    { kind: 'l2', l1: 0, l2: lambda, proximal: false },
  ];
}

export function draftConfig(draft: Draft, shape: { inputSize: number; numClasses: number }): TrainConfig {
  const optimizer: TrainConfig['optimizer'] = { kind: draft.optimizer, lr: draft.lr, ...(draft.optimizer === 'momentum' ? { momentum: draft.momentum } : {}) };
  const schedule: TrainConfig['schedule'] =
    draft.schedule === 'step'
      ? { kind: 'step', everyEpochs: draft.stepEvery, gamma: draft.stepGamma }
      : draft.schedule === 'cosine'
        ? { kind: 'cosine', minLr: draft.cosineMinLr }
        : { kind: 'constant' };
  return {
    model: {
      inputSize: shape.inputSize,
      numClasses: shape.numClasses,
      hidden: draft.hidden.map((h) => ({ units: h.units, activation: h.activation, ...(h.activation === 'leaky-relu' ? { alpha: h.alpha } : {}) })),
    },
    loss: draft.loss,
    regularizer: draftRegularizer(draft),
    optimizer,
    schedule,
    batchSize: draft.batchSize,
    epochs: draft.epochs,
    seed: draft.seed,
  };
}

export function draftData(draft: Draft): RunData | null {
  if (draft.dataKind === 'toy') {
    return {
      kind: 'toy',
      toy: draft.toy,
      samples: draft.toySamples,
      noise: draft.toyNoise,
      seed: draft.seed,
      ...(draft.toy === 'spiral' || draft.toy === 'blobs' ? { classes: draft.toyClasses } : {}),
    };
  }
  return draft.datasetId === null ? null : { kind: 'dataset', datasetId: draft.datasetId, normalisation: draft.normalisation };
}

/** Field name (as the form knows it) → message. */
export type DraftErrors = Partial<Record<string, string>>;

const configPathToField: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^model\.hidden\.(\d+)\.units$/, (m) => `hidden.${m[1]}.units`],
  [/^model\.hidden\.(\d+)\.alpha$/, (m) => `hidden.${m[1]}.alpha`],
  [/^model\.hidden$/, () => 'hidden'],
  [/^regularizer\.l1$/, () => 'l1'],
  [/^regularizer\.l2$/, () => 'l2'],
  [/^optimizer\.lr$/, () => 'lr'],
  [/^optimizer\.momentum$/, () => 'momentum'],
  [/^schedule\.everyEpochs$/, () => 'stepEvery'],
  [/^schedule\.gamma$/, () => 'stepGamma'],
  [/^schedule\.minLr$/, () => 'cosineMinLr'],
  [/^batchSize$/, () => 'batchSize'],
  [/^epochs$/, () => 'epochs'],
  [/^seed$/, () => 'seed'],
];

function fieldOf(path: readonly PropertyKey[]): string {
  const dotted = path.map(String).join('.');
  for (const [pattern, name] of configPathToField) {
    const m = dotted.match(pattern);
    if (m) return name(m);
  }
  return 'form';
}

function readable(message: string): string {
  if (/expected number, received NaN|Invalid input: expected number/i.test(message)) return 'Enter a number';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * Everything wrong with the draft, by field. Uses the contract's schemas for the config
 * and split, and adds what only the form knows (a dataset must be chosen).
 */
export function checkDraft(draft: Draft, datasets: readonly Dataset[]): DraftErrors {
  const errors: DraftErrors = {};
  const shape = dataShape(draft, datasets);
  if (!shape) errors.datasetId = datasets.length === 0 ? 'Import a dataset first (or train on toy data)' : 'Choose a dataset';
  const config = draftConfig(draft, shape ?? { inputSize: 2, numClasses: 2 });
  const parsed = trainConfig.safeParse(config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= readable(issue.message);
    }
  }
  // The twins' λ, even when the single run uses none.
  const twinField = twinLambdaField(draft);
  const lambda = draft[twinField];
  if (!errors[twinField] && !(Number.isFinite(lambda) && lambda >= 0 && lambda <= 10)) errors[twinField] = 'Between 0 and 10';
  if (draft.batchSize > 0 && shape && draft.dataKind === 'toy' && draft.batchSize > draft.toySamples) errors.batchSize ??= `At most the ${draft.toySamples} points`;
  const split = runSplitSpec.safeParse({ val: draft.valPercent / 100, test: draft.testPercent / 100, seed: draft.seed });
  if (!split.success) {
    for (const issue of split.error.issues) {
      const field = issue.path[0] === 'test' ? 'testPercent' : 'valPercent';
      errors[field] ??= issue.message.includes('leave') ? issue.message : 'Between 0 and 50%';
    }
  }
  if (draft.dataKind === 'toy') {
    if (!Number.isInteger(draft.toySamples) || draft.toySamples < 10 || draft.toySamples > 100_000) errors.toySamples = 'From 10 to 100,000';
    if (!Number.isFinite(draft.toyNoise) || draft.toyNoise < 0 || draft.toyNoise > 1) errors.toyNoise = 'Between 0 and 1';
    if (!Number.isInteger(draft.toyClasses) || draft.toyClasses < 2 || draft.toyClasses > 10) errors.toyClasses = 'From 2 to 10';
  }
  if (draft.name.length > 200) errors.name = 'At most 200 characters';
  return errors;
}

/** Where a draft is remembered: per dataset, or one for toy data. */
export function draftKey(draft: Pick<Draft, 'dataKind' | 'datasetId'>): 'toy' | `dataset:${number}` | null {
  if (draft.dataKind === 'toy') return 'toy';
  return draft.datasetId !== null ? `dataset:${draft.datasetId}` : null;
}

/**
 * A remembered draft (plain JSON kept by main) back as a Draft: each field taken only when
 * it has the type `base` has, so a draft saved by an older version, or damaged, can only
 * fall back to defaults, never break the form. Values that are the right type but out of
 * range are kept: the form names them, as it would had they been typed.
 */
export function restoreDraft(saved: unknown, base: Draft = defaultDraft): Draft {
  if (!saved || typeof saved !== 'object' || Array.isArray(saved)) return { ...base };
  const source = saved as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const [key, fallback] of Object.entries(base)) {
    const value = source[key];
    if (key === 'hidden' || value === undefined) continue;
    if (key === 'datasetId' ? value === null || typeof value === 'number' : typeof value === typeof fallback) out[key] = value;
  }
  if (Array.isArray(source.hidden)) {
    out.hidden = source.hidden.flatMap((h: unknown) => {
      const l = h as Partial<LayerDraft> | null;
      const activation = activationKind.safeParse(l?.activation);
      if (!l || typeof l.units !== 'number' || !activation.success) return [];
      return [{ ...layer(l.units, activation.data), alpha: typeof l.alpha === 'number' ? l.alpha : 0.01 }];
    });
  }
  return out as unknown as Draft;
}

/** A draft as main keeps it: plain JSON (layer keys are React's business, not the user's). */
export function draftForSaving(draft: Draft): RequestOf<'saveFormDraft'>['draft'] {
  const { hidden, ...fields } = draft;
  return { ...fields, hidden: hidden.map(({ units, activation, alpha }) => ({ units, activation, alpha })) };
}
