/**
 * What a training run is made of, as plain data, declared once: the CLI builds it, the
 * contract validates it, the store saves it as a run's config, workers receive it, the
 * trainer checks it, and trainer states and model files carry it. The types are derived
 * from these schemas (types.ts). The bounds refuse sizes that would allocate without limit
 * before anything is allocated; the learning rate has no upper bound, since a run that
 * diverges from a too-large one is a lesson the lab shows.
 */
import { z } from 'zod';
import { featureTransformSchema } from '../features/transforms';

const finite = z.number().finite('must be a finite number');
const wholeNumber = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const activationKind = z.enum(['relu', 'leaky-relu', 'sigmoid', 'tanh', 'identity']);
export const lossKind = z.enum(['softmax', 'svm']);

/** One hidden layer: `h = act(W x + b)` with `units` outputs; `alpha`: slope below zero for leaky-relu (default 0.01). */
export const hiddenLayerSpec = z.strictObject({
  units: wholeNumber(1, 4096),
  activation: activationKind,
  alpha: finite.min(0).max(1).optional(),
});

/**
 * `hidden: []` is the linear classifier `s = W x + b`. With `features` (a fixed transform
 * applied to the input first), the first dense layer reads φ(x), featureSize(features)
 * values, instead of x.
 */
export const modelSpec = z.strictObject({
  inputSize: wholeNumber(1, 1 << 20),
  numClasses: z.number().int('must be a whole number').min(2, 'needs at least 2 classes').max(1000, 'must be at most 1000'),
  hidden: z.array(hiddenLayerSpec).max(8, 'at most 8 hidden layers'),
  features: featureTransformSchema.optional(),
});

/**
 * Random changes to training images, drawn afresh every time a sample is trained on.
 * `mirror`: each image is flipped left-right with probability ½ (W×H×C, channels
 * interleaved), so one template has to serve objects facing either way.
 */
export const augmentationSpec = z.strictObject({
  mirror: z.strictObject({ width: wholeNumber(1, 4096), height: wholeNumber(1, 4096), channels: z.union([z.literal(1), z.literal(3)]) }),
});

const lambda = finite.min(0, 'must be ≥ 0').max(10, 'must be at most 10');
/** Penalty on weights (never biases): λ1·Σ|w| + λ2·Σw². `proximal`: L1 by soft-thresholding after each step, so weights can become exactly zero. */
export const regularizerSpec = z.strictObject({
  kind: z.enum(['none', 'l1', 'l2', 'elastic']),
  l1: lambda,
  l2: lambda,
  proximal: z.boolean(),
});

/** `momentum`: velocity decay (default 0.9); Adam's `beta1`, `beta2`, `eps` (defaults 0.9, 0.999, 1e-8). */
export const optimizerSpec = z.strictObject({
  kind: z.enum(['sgd', 'momentum', 'adam']),
  lr: finite.gt(0, 'must be > 0'),
  momentum: finite.min(0).lt(1).optional(),
  beta1: finite.min(0).lt(1).optional(),
  beta2: finite.min(0).lt(1).optional(),
  eps: finite.gt(0).max(1).optional(),
});

export const scheduleSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant') }),
  z.strictObject({ kind: z.literal('step'), everyEpochs: wholeNumber(1, 10_000), gamma: finite.gt(0).max(1) }),
  z.strictObject({ kind: z.literal('cosine'), minLr: finite.min(0).max(100) }),
]);

export const trainConfig = z.strictObject({
  model: modelSpec,
  augmentation: augmentationSpec.optional(),
  loss: lossKind,
  regularizer: regularizerSpec,
  optimizer: optimizerSpec,
  schedule: scheduleSpec,
  batchSize: wholeNumber(1, 65_536),
  epochs: wholeNumber(1, 1_000_000),
  seed: wholeNumber(0, 0xffffffff),
});

/**
 * `value` if it fits `schema`, else a RangeError naming the first field that does not,
 * e.g. "config: optimizer.lr: must be > 0". The engine's own check of what it is given.
 */
export function checkedAgainst<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i > 0 ? '.' : ''}${String(key)}`)).join('');
  throw new RangeError(`${what}: ${path ? `${path}: ` : ''}${issue.message}`);
}
