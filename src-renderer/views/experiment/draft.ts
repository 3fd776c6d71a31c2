/**
 * The new-experiment form as plain data, and how it becomes a contract request. Checked
 * with the contract's own zod schemas, so the form names exactly the problems main would
 * refuse. Pure; tested in test/src-renderer/experiment-draft.test.ts.
 */

import { activationKind, runSplitSpec, trainConfig } from '../../../src-shared/api/schemas';
import { featureTransform, IMAGE_FEATURES, type FeatureKind } from '../../../src-shared/features/transforms';
import type { Dataset, RunData, TrainConfig } from '../../state/types';
import type { RequestOf } from '../../../src-shared/api/contract';
import { withRenamedKeys } from '../../../src-shared/renamed-keys';

export type ActivationKind = TrainConfig['model']['hidden'][number]['activation'];
export type ToyKind = Extract<RunData, { kind: 'toy' }>['toy'];
export type Normalization = Extract<RunData, { kind: 'dataset' }>['normalization'];

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
  normalization: Normalization;
  toy: ToyKind;
  toySamples: number;
  toyNoise: number;
  toyClasses: number;
  hidden: LayerDraft[];
  /** a fixed feature transform in front of the model */
  features: FeatureKind | 'none';
  /** image datasets: flip training images left-right at random */
  mirror: boolean;
  loss: TrainConfig['loss'];
  regKind: TrainConfig['regularizer']['kind'];
  l1: number;
  l2: number;
  proximal: boolean;
  optimizer: TrainConfig['optimizer']['kind'];
  lr: number;
  /** the learning rate follows the data and optimiser (suggestedLearningRate) until the user sets one */
  lrAuto: boolean;
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
  normalization: 'scale',
  toy: 'spiral',
  toySamples: 300,
  toyNoise: 0.2,
  toyClasses: 3,
  hidden: [],
  features: 'none',
  mirror: false,
  loss: 'softmax',
  regKind: 'l2',
  l1: 1e-3,
  l2: 1e-3,
  proximal: true,
  optimizer: 'momentum',
  lr: 0.05,
  lrAuto: true,
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

/** Presets set the model and how to train it; the learning rate follows the data (lrAuto). */
export const presets: Preset[] = [
  {
    id: 'linear',
    label: 'Linear classifier',
    description: 's = W x + b: one template per class',
    apply: (d) => ({ ...d, hidden: [], loss: 'softmax', optimizer: 'sgd', lrAuto: true, regKind: 'l2', l2: 1e-3, epochs: 20, batchSize: 64 }),
  },
  {
    id: 'mlp2',
    label: '2-layer ReLU',
    description: 'W2 max(0, W1 x): 100 hidden templates',
    apply: (d) => ({ ...d, hidden: [layer(100)], loss: 'softmax', optimizer: 'momentum', lrAuto: true, momentum: 0.9, regKind: 'l2', l2: 1e-4, epochs: 20, batchSize: 64 }),
  },
  {
    id: 'mlp3',
    label: '3-layer ReLU',
    description: 'W3 max(0, W2 max(0, W1 x))',
    apply: (d) => ({ ...d, hidden: [layer(128), layer(64)], loss: 'softmax', optimizer: 'momentum', lrAuto: true, momentum: 0.9, regKind: 'l2', l2: 1e-4, epochs: 20, batchSize: 64 }),
  },
];

/** Learning rates that work on the built-in sample (784 pixels scaled to [0, 1]) and on the toy sets. */
const BASE_LR: Record<TrainConfig['optimizer']['kind'], number> = { sgd: 0.1, momentum: 0.05, adam: 0.001 };
/** E[x²] of one input after each normalisation, for typical photos (scaled pixels are mostly bright; centred ones vary by ~0.28). */
const MEAN_SQUARE: Record<Normalization, number> = { scale: 0.3, 'mean-image': 0.08, 'per-channel': 1 };
/** E‖x‖² of the built-in sample under 'scale': what BASE_LR was tuned on. */
const REFERENCE_ENERGY = 784 * MEAN_SQUARE.scale;

/**
 * A learning rate that fits the input: the first layer's gradient, and so the size of a
 * step, grows with E‖x‖² = inputs × E[x²], so SGD and momentum scale BASE_LR down by
 * REFERENCE_ENERGY / E‖x‖² once inputs carry more energy than the built-in sample (a
 * 32×32 RGB photo scaled to [0, 1] has 4× as much: momentum lr 0.05 there sends a ReLU
 * net's loss up tenfold in its first epochs). Adam divides each step by the gradient's
 * own size and needs no scaling. Toy points (2 inputs) take BASE_LR as it is.
 */
export function suggestedLearningRate(optimizer: TrainConfig['optimizer']['kind'], inputSize: number, normalization: Normalization | null): number {
  if (optimizer === 'adam') return inputSize <= 2 ? 0.01 : BASE_LR.adam;
  const energy = inputSize * (normalization === null ? 0.5 : MEAN_SQUARE[normalization]);
  return Number((BASE_LR[optimizer] * Math.min(1, REFERENCE_ENERGY / energy)).toPrecision(2));
}

/** The learning rate the draft trains with: the suggested one while lrAuto, else the user's. */
export function draftLearningRate(draft: Draft, shape: { inputSize: number }): number {
  return draft.lrAuto ? suggestedLearningRate(draft.optimizer, shape.inputSize, draft.dataKind === 'toy' ? null : draft.normalization) : draft.lr;
}

/**
 * Toy points need a hidden layer to show anything (a linear model has 2 weights per class,
 * all of them needed) and more, smaller steps (300 points are 5 batches of 64): switching
 * to toy data swaps the image defaults for these, and back, unless the user changed them.
 */
const IMAGE_MODEL = { batchSize: defaultDraft.batchSize, epochs: defaultDraft.epochs, widths: [] as number[] };
const TOY_MODEL = { batchSize: 32, epochs: 100, widths: [100] };

export function switchDataKind(draft: Draft, dataKind: Draft['dataKind']): Draft {
  if (dataKind === draft.dataKind) return draft;
  const [from, to] = dataKind === 'toy' ? [IMAGE_MODEL, TOY_MODEL] : [TOY_MODEL, IMAGE_MODEL];
  const untouched = draft.batchSize === from.batchSize && draft.epochs === from.epochs
    && draft.hidden.length === from.widths.length && draft.hidden.every((h, i) => h.units === from.widths[i] && h.activation === 'relu');
  if (!untouched) return { ...draft, dataKind };
  return { ...draft, dataKind, batchSize: to.batchSize, epochs: to.epochs, hidden: to.widths.map((w) => layer(w)) };
}

export interface DataShape {
  inputSize: number;
  numClasses: number;
  label: string;
  /** image datasets: the images' size */
  image?: { width: number; height: number; channels: 1 | 3 };
}

/** Input size and class count of the chosen data, or null when no dataset is chosen. */
export function dataShape(draft: Draft, datasets: readonly Dataset[]): DataShape | null {
  if (draft.dataKind === 'toy') {
    const classes = draft.toy === 'spiral' || draft.toy === 'blobs' ? draft.toyClasses : 2;
    return { inputSize: 2, numClasses: classes, label: `${draft.toy} (2-D points)` };
  }
  const dataset = datasets.find((d) => d.id === draft.datasetId);
  if (!dataset) return null;
  const channels = dataset.channels === 1 ? 1 : 3;
  return {
    inputSize: dataset.width * dataset.height * dataset.channels, numClasses: dataset.classNames.length, label: dataset.name,
    image: { width: dataset.width, height: dataset.height, channels },
  };
}

/** Why the chosen feature transform does not fit the data, or null. */
export function featuresProblem(draft: Draft): string | null {
  if (draft.features === 'none') return null;
  const forImages = (IMAGE_FEATURES as readonly string[]).includes(draft.features);
  if (forImages && draft.dataKind === 'toy') return 'This transform is for images; 2-D points take polar, polynomial or sin/cos';
  if (!forImages && draft.dataKind === 'dataset') return 'This transform is for 2-D points; images take a color histogram or HOG';
  if (forImages && draft.normalization !== 'scale') return 'Image features count pixel values in [0, 1]: choose "Scale to [0, 1]" normalization';
  return null;
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
 * The L1 and the L2 twin: same everything, each with its own field's λ (λ for L1, λ for
 * L2), both always on the form, so what a twin trains with is always in sight.
 */
export function twinRegularizers(draft: Draft): [TrainConfig['regularizer'], TrainConfig['regularizer']] {
  return [
    { kind: 'l1', l1: draft.l1, l2: 0, proximal: draft.proximal },
    { kind: 'l2', l1: 0, l2: draft.l2, proximal: false },
  ];
}

export function draftConfig(draft: Draft, shape: Pick<DataShape, 'inputSize' | 'numClasses' | 'image'>): TrainConfig {
  const features = draft.features !== 'none' && featuresProblem(draft) === null
    ? featureTransform(draft.features, shape.image ? { kind: 'image', ...shape.image } : { kind: 'vector' })
    : undefined;
  const optimizer: TrainConfig['optimizer'] = { kind: draft.optimizer, lr: draftLearningRate(draft, shape), ...(draft.optimizer === 'momentum' ? { momentum: draft.momentum } : {}) };
  const schedule: TrainConfig['schedule'] =
    draft.schedule === 'step'
      ? { kind: 'step', everyEpochs: draft.stepEvery, gamma: draft.stepGamma }
      : draft.schedule === 'cosine'
        ? { kind: 'cosine', minLr: draft.cosineMinLr }
        : { kind: 'constant' };
  return {
    ...(draft.mirror && draft.dataKind === 'dataset' && shape.image ? { augmentation: { mirror: shape.image } } : {}),
    model: {
      inputSize: shape.inputSize,
      numClasses: shape.numClasses,
      hidden: draft.hidden.map((h) => ({ units: h.units, activation: h.activation, ...(h.activation === 'leaky-relu' ? { alpha: h.alpha } : {}) })),
      ...(features ? { features } : {}),
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
  return draft.datasetId === null ? null : { kind: 'dataset', datasetId: draft.datasetId, normalization: draft.normalization };
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
  // The twins' λ, even when the single run uses neither.
  for (const field of ['l1', 'l2'] as const) {
    if (!errors[field] && !(Number.isFinite(draft[field]) && draft[field] >= 0 && draft[field] <= 10)) errors[field] = 'Between 0 and 10';
  }
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
  const features = featuresProblem(draft);
  if (features) errors.features = features;
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
 * fall back to defaults, never break the form; keys renamed since are read under their new
 * names (withRenamedKeys). Values that are the right type but out of range are kept: the
 * form names them, as it would had they been typed.
 */
export function restoreDraft(saved: unknown, base: Draft = defaultDraft): Draft {
  if (!saved || typeof saved !== 'object' || Array.isArray(saved)) return { ...base };
  const source = withRenamedKeys(saved) as Record<string, unknown>;
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
