/**
 * Schemas of the channels that bring pixels and evaluations to the views: a few images
 * per class of a dataset (thumbnails, and a live preview of the preprocessing options
 * before an import), and a run's confusion matrix on a split with the samples of any cell.
 */

import { z } from 'zod';
import { channelCount, entityId, importOptions } from './schemas';
import { absolutePath } from './model-schemas';

/** uint8 bytes as base64: H×W×C pixels, row by row, channels interleaved. */
const pixelsBase64 = z.string();

/** Where images come from: an imported dataset (its own options), the built-in sample, or a folder about to be imported. */
export const imageSourceRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('dataset'), id: entityId }),
  z.strictObject({ kind: z.literal('sample') }),
  z.strictObject({ kind: z.literal('folder'), path: absolutePath }),
]);

export const datasetImagesRequest = z.strictObject({
  source: imageSourceRef,
  /** preprocessing to apply; default: the dataset's own (dataset), else the import defaults */
  options: importOptions.partial().optional(),
  /** images per class, the first ones in file order */
  perClass: z.number().int('must be a whole number').min(1, 'must be at least 1').max(16, 'must be at most 16').default(6),
  /** classes shown at most (the first ones, sorted by name) */
  maxClasses: z.number().int().min(1).max(100).default(20),
});

export const datasetImagesResponse = z.strictObject({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  channels: channelCount,
  /** every class found, sorted */
  classNames: z.array(z.string()),
  images: z.array(
    z.strictObject({
      className: z.string(),
      /** relative to the folder, '/'-separated */
      path: z.string(),
      pixels: pixelsBase64,
    }),
  ),
  /** files among the chosen ones that could not be read, with why */
  problems: z.array(z.strictObject({ path: z.string(), message: z.string() })),
});

export const evaluationSplit = z.enum(['train', 'val', 'test']);

const evaluationTarget = {
  runId: entityId,
  /** default: the run's latest checkpoint */
  checkpointId: entityId.optional(),
  split: evaluationSplit.default('val'),
};

export const evaluateRunRequest = z.strictObject(evaluationTarget);

export const evaluateRunResponse = z.strictObject({
  runId: entityId,
  checkpointId: entityId,
  /** epochs completed at that checkpoint */
  epoch: z.number().int().nonnegative(),
  split: evaluationSplit,
  classNames: z.array(z.string()),
  /** samples in the split */
  count: z.number().int().nonnegative(),
  accuracy: z.number().nullable(),
  /** matrix[true class][predicted class] = samples */
  matrix: z.array(z.array(z.number().int().nonnegative())),
  /** what a sample is: an image (its shape) or a point of toy data */
  input: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('image'), width: z.number().int().positive(), height: z.number().int().positive(), channels: channelCount }),
    z.strictObject({ kind: z.literal('vector'), size: z.number().int().positive() }),
  ]),
});

export const evaluationExamplesRequest = z.strictObject({
  ...evaluationTarget,
  /** the true class (row of the matrix) */
  label: z.number().int().nonnegative(),
  /** the predicted class (column) */
  predicted: z.number().int().nonnegative(),
  /** most confident mistakes first; at most this many */
  limit: z.number().int().min(1).max(100).default(24),
});

export const evaluationExamplesResponse = z.strictObject({
  /** samples in the cell */
  total: z.number().int().nonnegative(),
  examples: z.array(
    z.strictObject({
      /** sample index in the dataset */
      row: z.number().int().nonnegative(),
      /** softmax of the scores, one per class */
      probabilities: z.array(z.number()),
      /** the image as the model saw it before normalisation (images), else null */
      pixels: pixelsBase64.nullable(),
      /** the input values (toy data), else null */
      values: z.array(z.number()).nullable(),
      /** where the sample came from, when known */
      source: z.string().nullable(),
    }),
  ),
});
