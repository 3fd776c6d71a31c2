/**
 * The lab's own model file: one JSON document, readable in a text editor, that the lab
 * reopens with its templates and predictions intact.
 *
 *   {
 *     "format": "neural-lab-model", "version": 1, "name": "…", "appVersion": "0.1.0", "createdAt": "…",
 *     "architecture": { "inputSize": 3072, "numClasses": 10, "hidden": [{ "units": 100, "activation": "relu" }] },
 *     "output": "softmax" | "svm",
 *     "classNames": ["airplane", …],
 *     "input": { "kind": "image", "preprocessing": { width, height, channels, fit, background },
 *                "normalization": { "kind": "per-channel", "mean": […], "std": […] } },
 *     "layers": [{ "inputs": 3072, "units": 100, "activation": "relu",
 *                  "weight": { "dtype": "float32", "shape": [3072, 100], "layout": "…", "crc32": …, "data": "<base64>" },
 *                  "bias":   { "dtype": "float32", "shape": [100], "crc32": …, "data": "<base64>" } }, …],
 *     "training": { …TrainConfig } | null, "metrics": { … } | null, "origin": { "runId": 7, … } | null
 *   }
 *
 * Weights are the little-endian bytes of the float32 values, base64-encoded, so they come
 * back bit for bit; every other number is a double that JSON carries exactly. The CRC-32
 * of each array's bytes catches a damaged or hand-edited array that would otherwise load
 * as a silently different model. Decoding checks everything before building anything.
 */
import { z } from 'zod';
import { normalizationSchema } from '../data/normalize';
import type { LayerWeights } from '../engine/types';
import { modelSpec, trainConfig } from '../engine/config';
import { crc32 } from '../crc32';
import { withRenamedKeys } from '../renamed-keys';
import { bytesToFloat32, float32ToBytes, fromBase64, toBase64 } from './bytes';
import { checkModel, ModelError, type TrainedModel } from './model';

export const NATIVE_FORMAT = 'neural-lab-model';
export const NATIVE_VERSION = 1;
/** How our W is laid out, spelled out in the file for readers in other tools. */
export const WEIGHT_LAYOUT = 'row-major [inputs × units]; scores = x · W + b';

/** Why a file is not a usable model: the UI can branch on `code`, the CLI prints the message. */
export type ModelFileErrorCode = 'empty' | 'truncated' | 'not-json' | 'not-a-model' | 'unsupported-version' | 'invalid';

export class ModelFileError extends Error {
  override name = 'ModelFileError';
  constructor(readonly code: ModelFileErrorCode, message: string) {
    super(message);
  }
}

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const finite = z.number().refine(Number.isFinite, 'must be a finite number');


const preprocessingSchema = z.object({
  width: z.number().int().min(1).max(4096),
  height: z.number().int().min(1).max(4096),
  channels: z.union([z.literal(1), z.literal(3)]),
  fit: z.enum(['cover', 'contain', 'fill']),
  background: z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]),
});

/** The model's input; files written before a key was renamed carry the old key (withRenamedKeys). */
export const modelInputSchema = z.preprocess(withRenamedKeys, z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image'), preprocessing: preprocessingSchema, normalization: normalizationSchema }),
  z.object({ kind: z.literal('vector'), size: positive }),
]));

const tensorSchema = z.object({
  dtype: z.literal('float32'),
  shape: z.array(count),
  layout: z.string().optional(),
  crc32: z.number().int().min(0).max(0xffffffff),
  data: z.string(),
});

const layerSchema = z.object({
  inputs: positive,
  units: positive,
  activation: z.enum(['relu', 'leaky-relu', 'sigmoid', 'tanh', 'identity', 'none']),
  weight: tensorSchema,
  bias: tensorSchema,
});

const metricValue = finite.nullable();
const splitMetricsSchema = z.object({ loss: metricValue, accuracy: metricValue, dataLoss: metricValue.optional(), regLoss: metricValue.optional() });
const metricsSchema = z.object({ epochs: count, train: splitMetricsSchema.optional(), val: splitMetricsSchema.optional(), test: splitMetricsSchema.optional() });
const originSchema = z.object({ runId: positive.optional(), checkpointId: positive.optional(), epoch: count.optional(), step: count.optional() });

export const nativeModelSchema = z.object({
  format: z.literal(NATIVE_FORMAT),
  version: z.literal(NATIVE_VERSION),
  name: z.string(),
  appVersion: z.string(),
  createdAt: z.string(),
  architecture: modelSpec,
  output: z.enum(['softmax', 'svm']),
  classNames: z.array(z.string()),
  input: modelInputSchema,
  layers: z.array(layerSchema),
  training: trainConfig.nullable(),
  metrics: metricsSchema.nullable(),
  origin: originSchema.nullable(),
});

export type NativeModelDocument = z.infer<typeof nativeModelSchema>;

/** The model as native JSON text (checked first; throws ModelError if it does not hang together). */
export function encodeNativeModel(model: TrainedModel): string {
  checkModel(model);
  const tensor = (values: Float32Array, shape: number[], layout?: string) => {
    const bytes = float32ToBytes(values);
    return { dtype: 'float32' as const, shape, ...(layout ? { layout } : {}), crc32: crc32(bytes), data: toBase64(bytes) };
  };
  const document: NativeModelDocument = {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    name: model.name,
    appVersion: model.appVersion,
    createdAt: model.createdAt,
    architecture: model.architecture,
    output: model.loss,
    classNames: model.classNames,
    input: model.input,
    layers: model.layers.map((layer) => ({
      inputs: layer.inputs,
      units: layer.units,
      activation: layer.activation,
      weight: tensor(layer.w, [layer.inputs, layer.units], WEIGHT_LAYOUT),
      bias: tensor(layer.b, [layer.units]),
    })),
    training: model.training,
    metrics: model.metrics,
    origin: model.origin,
  };
  // Parsing our own document puts every key in schema order, the same order decoding
  // gives, so encode(decode(text)) reproduces text exactly.
  return `${JSON.stringify(nativeModelSchema.parse(document), null, 2)}\n`;
}

/**
 * Reads native JSON (text or UTF-8 bytes) into a checked model. Throws ModelFileError
 * with a one-line reason for an empty, cut-off, non-JSON, non-model, newer-version or
 * inconsistent file; nothing is returned unless all of it is sound.
 */
export function decodeNativeModel(input: string | Uint8Array): TrainedModel {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (text.trim() === '') throw new ModelFileError('empty', 'the file is empty');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the fault, newlines included: keep the message on one line
    const message = (error as Error).message.replace(/\s+/g, ' ');
    if (/end of (JSON )?input|Unterminated string/i.test(message)) {
      throw new ModelFileError('truncated', `the model file is cut off (truncated JSON: ${message})`);
    }
    throw new ModelFileError('not-json', `not a model file: it is not valid JSON (${message})`);
  }
  const header = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(json);
  if (!header.success || header.data.format !== NATIVE_FORMAT) {
    throw new ModelFileError('not-a-model', `not a Neural Lab model: JSON without "format": "${NATIVE_FORMAT}"`);
  }
  const version = header.data.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > NATIVE_VERSION) {
    throw new ModelFileError('unsupported-version', `model format version ${version} is newer than this app reads (version ${NATIVE_VERSION}); update Neural Lab`);
  }
  if (version !== NATIVE_VERSION) {
    throw new ModelFileError('unsupported-version', `unknown model format version ${JSON.stringify(version)} (this app reads version ${NATIVE_VERSION})`);
  }
  const parsed = nativeModelSchema.safeParse(json);
  if (!parsed.success) throw new ModelFileError('invalid', `invalid model file: ${describeIssues(parsed.error)}`);
  const doc = parsed.data;

  const layers: LayerWeights[] = doc.layers.map((layer, i) => ({
    inputs: layer.inputs,
    units: layer.units,
    activation: layer.activation,
    w: readTensor(`layers[${i}].weight`, layer.weight, [layer.inputs, layer.units]),
    b: readTensor(`layers[${i}].bias`, layer.bias, [layer.units]),
  }));
  const model: TrainedModel = {
    name: doc.name,
    architecture: doc.architecture,
    loss: doc.output,
    classNames: doc.classNames,
    input: doc.input,
    layers,
    training: doc.training,
    metrics: doc.metrics,
    appVersion: doc.appVersion,
    createdAt: doc.createdAt,
    origin: doc.origin,
  };
  try {
    checkModel(model);
  } catch (error) {
    if (error instanceof ModelError) throw new ModelFileError('invalid', `invalid model file: ${error.message}`);
    throw error;
  }
  return model;
}

function readTensor(where: string, tensor: z.infer<typeof tensorSchema>, shape: number[]): Float32Array {
  const invalid = (why: string) => new ModelFileError('invalid', `invalid model file: ${where}: ${why}`);
  if (tensor.shape.length !== shape.length || tensor.shape.some((d, i) => d !== shape[i])) {
    throw invalid(`shape [${tensor.shape.join(', ')}] does not match the layer's [${shape.join(', ')}]`);
  }
  const expected = shape.reduce((a, b) => a * b, 1) * 4;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(tensor.data);
  } catch (error) {
    throw invalid(`data is not valid base64 (${(error as Error).message})`);
  }
  if (bytes.length !== expected) throw invalid(`data holds ${bytes.length} bytes, the shape needs ${expected}`);
  if (crc32(bytes) !== tensor.crc32) throw invalid('data does not match its checksum (damaged or edited by hand)');
  return bytesToFloat32(bytes);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ModelFileError('not-json', 'not a model file: it is not UTF-8 text');
  }
}

/** The first few zod issues as "path: message; …" on one line. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const parts = error.issues.slice(0, max).map((issue) => {
    const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
    return `${path || 'document'}: ${issue.message}`;
  });
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return parts.join('; ') + more;
}
