/**
 * Schemas of the model channels (export, import, prediction): where files go, which model
 * is meant, and what a prediction or a model summary looks like over the API.
 *
 * Where files go: the user either picks a whole file path (the desktop save dialog,
 * `chooseExportPath`) or types a folder and a file name (web mode). Both are checked here
 * before main sees them: paths must be absolute and free of `..` segments, and a file
 * name must be a plain name (no separator, no `..`, nothing Windows refuses), so a name
 * can never climb out of the folder the user chose. Main checks again where it writes
 * (src-main/models/files.ts).
 */

import { z } from 'zod';
import { activationKind, entityId, lossKind, normalizationKind, userPath } from './schemas';

// ---------------------------------------------------------------- bounds

/** Images in one predict request. */
export const maxPredictImages = 32;
/** Bytes of one uploaded image (decoded from base64). Web mode's server takes predict bodies up to the total below, in base64. */
export const maxPredictImageBytes = 16 * 2 ** 20;
/** Bytes of all uploaded images of one request together. */
export const maxPredictTotalBytes = 64 * 2 ** 20;
/** Image files named in one predict request. */
export const maxPredictPaths = 256;

const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

// ---------------------------------------------------------------- paths and names

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** POSIX `/…`, Windows `C:\…` / `C:/…`, or a UNC share `\\server\…`. */
function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** A path typed or chosen by the user for writing or reading models: absolute, without `..`. */
export const absolutePath = userPath
  .refine(isAbsolutePath, 'must be an absolute path (starting with / or a drive letter such as C:\\)')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'must not contain ".." (name the folder itself)');

/** Why `name` is not a plain file name, or null. The same rules as src-main/models/files.ts `fileNameProblem`. */
export function fileNameProblem(name: string): string | null {
  if (name === '') return 'must not be empty';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  if (name.includes('/') || name.includes('\\')) return 'must be a file name, not a path (no / or \\)';
  if (/^[a-zA-Z]:/.test(name)) return 'must be a file name, not a drive path';
  if (CONTROL.test(name)) return 'must not contain control characters';
  if (/[<>:"|?*]/.test(name)) return 'must not contain < > : " | ? * (Windows forbids them in file names)';
  if (WINDOWS_RESERVED.test(name)) return `"${name}" is a reserved device name on Windows`;
  if (/[. ]$/.test(name)) return 'must not end with a dot or a space';
  if (new TextEncoder().encode(name).length > 255) return 'must be at most 255 bytes long';
  return null;
}

/** A plain file name inside a chosen folder. */
export const fileName = z.string().superRefine((name, ctx) => {
  const problem = fileNameProblem(name);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * Where one file goes: `path` (a full file path, as the save dialog returns it) or
 * `folder` + `fileName`. An existing file is replaced only with `overwrite: true`.
 */
export const destinationFields = {
  path: absolutePath.optional(),
  folder: absolutePath.optional(),
  fileName: fileName.optional(),
  overwrite: z.boolean().default(false),
};

/** Adds "path, or folder and fileName, exactly one of the two" to a request holding `destinationFields`. */
export function oneDestination(value: { path?: string; folder?: string; fileName?: string }, ctx: z.RefinementCtx): void {
  const hasPath = value.path !== undefined;
  if (hasPath && (value.folder !== undefined || value.fileName !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: 'give either path, or folder and fileName, not both' });
  } else if (!hasPath && value.folder === undefined && value.fileName === undefined) {
    ctx.addIssue({ code: 'custom', path: ['path'], message: 'give path, or folder and fileName' });
  } else if (!hasPath && value.folder === undefined) {
    ctx.addIssue({ code: 'custom', path: ['folder'], message: 'is needed with fileName' });
  } else if (!hasPath && value.fileName === undefined) {
    ctx.addIssue({ code: 'custom', path: ['fileName'], message: 'is needed with folder' });
  }
}

// ---------------------------------------------------------------- which model

/** Models imported into `<dataDir>/models` are named by their file name there. */
export const modelId = z
  .string()
  .max(255, 'is too long')
  .refine((id) => fileNameProblem(id) === null && !id.startsWith('.'), 'must be the file name of an imported model')
  .refine((id) => id.toLowerCase().endsWith('.json'), 'must be the file name of an imported model (…json)');

/** A run's weights (its latest checkpoint unless `checkpointId`) or an imported model. */
export const modelRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('run'), runId: entityId, checkpointId: entityId.optional() }),
  z.strictObject({ kind: z.literal('imported'), modelId }),
]);

export const exportFormat = z.enum(['json', 'onnx', 'safetensors']);

// ---------------------------------------------------------------- model summaries

const splitMetrics = z.strictObject({
  loss: z.number().nullable(),
  accuracy: z.number().nullable(),
  dataLoss: z.number().nullable().optional(),
  regLoss: z.number().nullable().optional(),
});

/** What lists and dialogs show of a model (no weights, no normalisation statistics). */
export const modelSummary = z.strictObject({
  name: z.string(),
  /** "linear 3072-10" / "mlp 3072-100-10 relu" */
  description: z.string(),
  architecture: z.strictObject({
    inputSize: z.number().int().positive(),
    numClasses: z.number().int().positive(),
    hidden: z.array(z.strictObject({ units: z.number().int().positive(), activation: activationKind, alpha: z.number().optional() })),
  }),
  loss: lossKind,
  classNames: z.array(z.string()),
  input: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('image'),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      channels: z.union([z.literal(1), z.literal(3)]),
      fit: z.enum(['cover', 'contain', 'fill']),
      normalization: normalizationKind,
      /** "8×8 RGB image (cover), pixels / 255" */
      description: z.string(),
    }),
    z.strictObject({ kind: z.literal('vector'), size: z.number().int().positive(), description: z.string() }),
  ]),
  metrics: z
    .strictObject({ epochs: z.number().int().nonnegative(), train: splitMetrics.optional(), val: splitMetrics.optional(), test: splitMetrics.optional() })
    .nullable(),
  appVersion: z.string(),
  /** ISO 8601 */
  createdAt: z.string(),
});

/** A model in `<dataDir>/models`. */
export const importedModel = z.strictObject({
  id: z.string(),
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  summary: modelSummary,
});

export const exportedFile = z.strictObject({ path: z.string(), bytes: z.number().int().nonnegative() });

export const exportRecord = z.strictObject({
  id: entityId,
  runId: entityId,
  checkpointId: entityId.nullable(),
  format: exportFormat,
  path: z.string(),
  bytes: z.number().int().nullable(),
  createdAt: z.number().int().nonnegative(),
});

// ---------------------------------------------------------------- prediction

const base64Text = (maxBytes: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(base64Length(maxBytes), `is larger than ${maxBytes / 2 ** 20} MiB`)
    .refine((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'is not base64 (A–Z, a–z, 0–9, +, / and = padding)');

/** An uploaded image: its bytes as base64; `name` only labels the result and tells formats apart. */
export const uploadedImage = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(255, 'must be at most 255 characters'),
  base64: base64Text(maxPredictImageBytes),
});

/**
 * Why the model decided: for a linear model each class score is the template · input
 * dot product plus the class's bias, and `map` shows, pixel by pixel, what the input
 * contributed to the predicted class (H×W, channels summed; positive: evidence for it).
 * For an MLP, the hidden units (of its last hidden layer) that pushed the predicted
 * class's score most: activation × outgoing weight, largest magnitude first.
 */
export const predictionExplanation = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('linear'),
    /** Σ input · template of each class; scores[k] = templateScores[k] + biases[k] */
    templateScores: z.array(z.number()),
    biases: z.array(z.number()),
    /** float32 [height × width], little-endian, base64 */
    map: z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive(), base64: z.string() }),
  }),
  z.strictObject({
    kind: z.literal('mlp'),
    /** index of the hidden layer the units belong to (0: the first, whose templates are images) */
    hiddenLayer: z.number().int().nonnegative(),
    units: z.array(z.strictObject({ unit: z.number().int().nonnegative(), activation: z.number(), weight: z.number(), contribution: z.number() })),
  }),
]);

export const imagePrediction = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** the uploaded name or the file path */
    name: z.string(),
    classIndex: z.number().int().nonnegative(),
    label: z.string(),
    /** one per class, in the order of the response's classNames; softmax of the scores (also for SVM models) */
    probabilities: z.array(z.number()),
    /** raw class scores */
    scores: z.array(z.number()),
    /** the image as the model saw it before normalisation: width × height × channels bytes (row by row, channels interleaved), base64 */
    input: z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive(), channels: z.union([z.literal(1), z.literal(3)]), base64: z.string() }),
    explanation: predictionExplanation,
  }),
  z.strictObject({ ok: z.literal(false), name: z.string(), error: z.string() }),
]);
