/**
 * The shape of a TrainConfig as zod checks it wherever one is read back from bytes or
 * text the engine wrote (trainer states, native model files). Structure and finiteness
 * only: the API contract has its own, bounded schema for what a user may ask for.
 */
import { z } from 'zod';
import type { ModelSpec, TrainConfig } from './types';
import { featureTransformSchema } from '../features/transforms';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();

export const activationKindSchema = z.enum(['relu', 'leaky-relu', 'sigmoid', 'tanh', 'identity']);

export const modelSpecSchema = z.object({
  inputSize: positive,
  numClasses: z.number().int().min(2),
  hidden: z.array(z.object({ units: positive, activation: activationKindSchema, alpha: finite.optional() })),
  features: featureTransformSchema.optional(),
}) satisfies z.ZodType<ModelSpec>;

export const trainConfigSchema = z.object({
  model: modelSpecSchema,
  augmentation: z.object({ mirror: z.object({ width: positive, height: positive, channels: z.union([z.literal(1), z.literal(3)]) }) }).optional(),
  loss: z.enum(['softmax', 'svm']),
  regularizer: z.object({ kind: z.enum(['none', 'l1', 'l2', 'elastic']), l1: finite, l2: finite, proximal: z.boolean() }),
  optimizer: z.object({
    kind: z.enum(['sgd', 'momentum', 'adam']),
    lr: finite,
    momentum: finite.optional(),
    beta1: finite.optional(),
    beta2: finite.optional(),
    eps: finite.optional(),
  }),
  schedule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('constant') }),
    z.object({ kind: z.literal('step'), everyEpochs: positive, gamma: finite }),
    z.object({ kind: z.literal('cosine'), minLr: finite }),
  ]),
  batchSize: positive,
  epochs: count,
  seed: z.number().int(),
}) satisfies z.ZodType<TrainConfig>;
