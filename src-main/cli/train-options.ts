/**
 * The model and training options of `lab train` (docs/cli.md), their defaults, and how they
 * become a TrainConfig.
 */
import { checkedAgainst, trainConfig } from '../../src-shared/engine/config';
import { bad, choice, custom, flag, number, parseNumber, UsageError, type ParsedOptions } from './args';
import { featureDescriptions, featureTransform, IMAGE_FEATURES, POINT_FEATURES, type FeatureKind } from '../../src-shared/features/transforms';
import type { ImagePreprocessing } from '../../src-shared/data/dataset';
import type {
  ActivationKind, HiddenLayerSpec, OptimizerSpec, RegularizerSpec, ScheduleSpec, TrainConfig,
} from '../../src-shared/engine/types';
import { LIMITS, modelSizeProblem } from '../../src-shared/limits';

export const DEFAULTS = {
  opt: 'sgd',
  /** per optimiser: plain SGD takes bigger steps than momentum (which adds up ~10 of them) or Adam */
  lr: { sgd: 0.1, momentum: 0.01, adam: 0.01 },
  batch: 32,
  epochs: 20,
  seed: 1,
} as const;

const ACTIVATIONS: readonly ActivationKind[] = ['relu', 'leaky-relu', 'sigmoid', 'tanh', 'identity'];

/** --model linear | mlp:H1[,H2,…] → hidden widths ([] for linear) */
export function parseModel(value: string, option: string): number[] {
  if (value === 'linear') return [];
  const match = /^mlp:(.+)$/.exec(value);
  const widths = match ? match[1].split(',').map(Number) : [];
  if (!match || !widths.every((w) => Number.isInteger(w) && w >= 1)) {
    throw bad(option, 'linear or mlp:H1[,H2,…] with whole-number widths, e.g. mlp:100 or mlp:512,256', value);
  }
  const problem = modelSizeProblem({ inputSize: 1, numClasses: 1, hidden: widths.map((units) => ({ units })) });
  if (problem) throw new UsageError(`--${option} ${value}: ${problem}`);
  return widths;
}

/** --act relu | leaky-relu[:α] | …, or one per hidden layer separated by commas */
export function parseActivations(value: string, option: string): { activation: ActivationKind; alpha?: number }[] {
  return value.split(',').map((part) => {
    const [name, alphaText, ...rest] = part.split(':');
    if (!(ACTIVATIONS as readonly string[]).includes(name) || rest.length > 0 || (alphaText !== undefined && name !== 'leaky-relu')) {
      throw bad(option, `${ACTIVATIONS.join('|')} (leaky-relu:α for a slope), optionally one per layer: relu,tanh`, value);
    }
    if (alphaText === undefined) return { activation: name as ActivationKind };
    return { activation: 'leaky-relu', alpha: parseNumber(alphaText, option, { min: 0, max: 1, exclusiveMax: true }) };
  });
}

/** --reg none | l1:λ | l2:λ | elastic:λ1,λ2 */
export function parseRegularizer(value: string, option: string): Omit<RegularizerSpec, 'proximal'> {
  const expected = 'none, l1:λ, l2:λ or elastic:λ1,λ2 (λ ≥ 0), e.g. l2:1e-4';
  const [kind, args, ...rest] = value.split(':');
  if (rest.length > 0) throw bad(option, expected, value);
  const strengths = args === undefined ? [] : args.split(',').map((a) => (a.trim() === '' ? NaN : Number(a)));
  const valid = strengths.every((s) => Number.isFinite(s) && s >= 0);
  if (kind === 'none' && args === undefined) return { kind: 'none', l1: 0, l2: 0 };
  if (valid && kind === 'l1' && strengths.length === 1) return { kind: 'l1', l1: strengths[0], l2: 0 };
  if (valid && kind === 'l2' && strengths.length === 1) return { kind: 'l2', l1: 0, l2: strengths[0] };
  if (valid && kind === 'elastic' && strengths.length === 2) return { kind: 'elastic', l1: strengths[0], l2: strengths[1] };
  throw bad(option, expected, value);
}

/** --schedule constant | step:E,γ | cosine[:minLr] */
export function parseSchedule(value: string, option: string): ScheduleSpec {
  const expected = 'constant, step:E,γ (multiply by γ every E epochs) or cosine[:minLr]';
  if (value === 'constant') return { kind: 'constant' };
  if (value === 'cosine') return { kind: 'cosine', minLr: 0 };
  const step = /^step:(\d+),([0-9.eE+-]+)$/.exec(value);
  if (step) {
    const everyEpochs = Number(step[1]);
    const gamma = Number(step[2]);
    if (everyEpochs >= 1 && gamma > 0 && Number.isFinite(gamma)) return { kind: 'step', everyEpochs, gamma };
  }
  const cosine = /^cosine:(.+)$/.exec(value);
  if (cosine) {
    const minLr = Number(cosine[1]);
    if (minLr >= 0 && Number.isFinite(minLr)) return { kind: 'cosine', minLr };
  }
  throw bad(option, expected, value);
}

const FEATURE_KINDS: readonly FeatureKind[] = [...POINT_FEATURES, ...IMAGE_FEATURES];

export const modelOptions = {
  features: choice(['none', ...FEATURE_KINDS] as const,
    `a fixed feature transform in front of the model (default none): ${FEATURE_KINDS.map((k) => `${k} = ${featureDescriptions[k]}`).join('; ')}. `
    + 'Image features read pixels scaled to [0,1] (--norm scale, the default with them)'),
  model: custom(['linear|mlp:H1,H2,…'], 'the model (default linear): a linear classifier, or an MLP with these hidden widths', ([v], o) => parseModel(v, o)),
  act: custom([ACTIVATIONS.join('|')], 'hidden-layer activation (default relu); leaky-relu:α sets the slope (default 0.01); relu,tanh sets one per layer',
    ([v], o) => parseActivations(v, o)),
  loss: choice(['softmax', 'svm'] as const, 'softmax cross-entropy or multiclass SVM hinge (default softmax)'),
  reg: custom(['none|l1:λ|l2:λ|elastic:λ1,λ2'], 'weight penalty λR(W), biases excluded (default none)', ([v], o) => parseRegularizer(v, o)),
  prox: flag('L1 by a proximal soft-threshold after each step, so weights become exactly 0'),
};

export const trainingOptions = {
  opt: choice(['sgd', 'momentum', 'adam'] as const, `optimizer (default ${DEFAULTS.opt}; momentum 0.9; Adam 0.9, 0.999)`),
  lr: number('X', `learning rate (default ${DEFAULTS.lr.sgd} for sgd, ${DEFAULTS.lr.momentum} for momentum, ${DEFAULTS.lr.adam} for adam)`,
    { min: 0, exclusiveMin: true }),
  schedule: custom(['constant|step:E,γ|cosine[:minLr]'], 'learning-rate schedule over the epochs (default constant)', ([v], o) => parseSchedule(v, o)),
  batch: number('N', `mini-batch size (default ${DEFAULTS.batch})`, { integer: true, min: 1, max: LIMITS.batchSize }),
  epochs: number('N', `passes over the training data (default ${DEFAULTS.epochs})`, { integer: true, min: 1, max: LIMITS.epochs }),
  seed: number('N', `seed for init, shuffling, splits and toy data (default ${DEFAULTS.seed})`, { integer: true, min: 0, max: 0xffffffff }),
  mirror: flag('images: flip each training image left-right with probability ½ (mirror augmentation)'),
  threads: number('N', 'threads for the matrix kernels (default: all cores; the reference kernels use one)', { integer: true, min: 1, max: 256 }),
};

export type ModelOptions = ParsedOptions<typeof modelOptions>;
export type TrainingOptions = ParsedOptions<typeof trainingOptions>;

/**
 * Refuses a model over the size limits for samples of `inputSize` numbers. Train calls it
 * before loading data (with the size the options imply) and buildConfig again once the
 * data's real shape is known.
 */
export function checkModelSize(widths: readonly number[], inputSize: number, numClasses: number): void {
  const problem = modelSizeProblem({ inputSize, numClasses, hidden: widths.map((units) => ({ units })) });
  if (problem) throw new UsageError(`--model ${widths.length === 0 ? 'linear' : `mlp:${widths.join(',')}`}: ${problem}`);
}

/** Builds the run's TrainConfig from the options and the data's shape (`image`: the images' size, for image features). */
export function buildConfig(
  options: ModelOptions & TrainingOptions, data: { inputSize: number; numClasses: number; image?: Pick<ImagePreprocessing, 'width' | 'height' | 'channels'> },
): TrainConfig {
  const widths = options.model ?? [];
  checkModelSize(widths, data.inputSize, data.numClasses);
  const activations = options.act ?? [{ activation: 'relu' as const }];
  if (activations.length > 1 && activations.length !== widths.length) {
    throw new UsageError(`--act lists ${activations.length} activations but the model has ${widths.length} hidden layers`);
  }
  const hidden: HiddenLayerSpec[] = widths.map((units, i) => ({ units, ...activations[activations.length > 1 ? i : 0] }));
  const opt = options.opt ?? DEFAULTS.opt;
  const optimizer: OptimizerSpec = { kind: opt, lr: options.lr ?? DEFAULTS.lr[opt] };
  const featureKind = options.features === 'none' ? undefined : options.features;
  const isImageKind = (IMAGE_FEATURES as readonly string[]).includes(featureKind ?? '');
  if (featureKind && isImageKind !== (data.image !== undefined)) {
    throw new UsageError(`--features ${featureKind} is for ${isImageKind ? 'image sources (--data, --idx)' : '2-D points (--toy)'}`);
  }
  if (options.mirror && !data.image) throw new UsageError('--mirror applies to image sources (--data, --idx)');
  const features = featureKind && featureTransform(featureKind, data.image ? { kind: 'image', ...data.image } : { kind: 'vector' });
  const config: TrainConfig = {
    model: { inputSize: data.inputSize, numClasses: data.numClasses, hidden, ...(features ? { features } : {}) },
    ...(options.mirror && data.image ? { augmentation: { mirror: { width: data.image.width, height: data.image.height, channels: data.image.channels } } } : {}),
    loss: options.loss ?? 'softmax',
    regularizer: { ...(options.reg ?? { kind: 'none', l1: 0, l2: 0 }), proximal: options.prox ?? false },
    optimizer,
    schedule: options.schedule ?? { kind: 'constant' },
    batchSize: options.batch ?? DEFAULTS.batch,
    epochs: options.epochs ?? DEFAULTS.epochs,
    seed: options.seed ?? DEFAULTS.seed,
  };
  // The bounds every run's config obeys (src-shared/engine/config.ts), worded as a usage error.
  try {
    return checkedAgainst(trainConfig, config, 'config');
  } catch (error) {
    throw new UsageError(`the options give an invalid ${(error as Error).message}`);
  }
}

/** "mlp:100,50 relu" / "linear", as on the command line. */
export function describeModel(config: TrainConfig): string {
  const { hidden, features } = config.model;
  if (features) return `${describeModel({ ...config, model: { ...config.model, features: undefined } })} on ${features.kind} features`;
  if (hidden.length === 0) return 'linear';
  const acts = [...new Set(hidden.map((h) => (h.activation === 'leaky-relu' && h.alpha !== undefined ? `leaky-relu:${h.alpha}` : h.activation)))];
  return `mlp:${hidden.map((h) => h.units).join(',')} ${acts.length === 1 ? acts[0] : hidden.map((h) => h.activation).join(',')}`;
}
