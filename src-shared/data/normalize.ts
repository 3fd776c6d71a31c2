/**
 * Turning uint8 pixels into the numbers a model sees. The choice and its statistics are
 * plain JSON that travels with the model, so prediction normalises new images exactly as
 * training did. Statistics come from the training split only: computing them on val/test
 * would leak those images into training.
 */

import { z } from 'zod';
import type { ImageDataset, ImagePreprocessing } from './dataset';

export type NormalizationKind = 'scale' | 'mean-image' | 'per-channel';

export type Normalization =
  /** x / 255, in [0, 1] */
  | { kind: 'scale' }
  /** x / 255 − mean[j]: every pixel position loses its training-set mean; `mean` is [H·W·C] in [0, 1] */
  | { kind: 'mean-image'; mean: number[] }
  /** (x / 255 − mean[c]) / std[c] per channel c; `mean`, `std` are [C] */
  | { kind: 'per-channel'; mean: number[]; std: number[] };

export const normalizationKinds: readonly NormalizationKind[] = ['scale', 'mean-image', 'per-channel'];

export const normalizationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scale') }),
  z.object({ kind: z.literal('mean-image'), mean: z.array(z.number()) }),
  z.object({ kind: z.literal('per-channel'), mean: z.array(z.number()), std: z.array(z.number().positive()) }),
]);

/** A standard deviation below this (a constant channel) is treated as this, so nothing divides by zero. */
const minStd = 1e-6;

/**
 * The normalisation of `kind` with its statistics measured on `trainRows` of `dataset`.
 * Rows outside `trainRows` are never read.
 */
export function fitNormalization(kind: NormalizationKind, dataset: ImageDataset, trainRows: ArrayLike<number>): Normalization {
  if (kind === 'scale') return { kind };
  const size = dataset.width * dataset.height * dataset.channels;
  if (trainRows.length === 0) throw new RangeError('cannot compute normalization statistics without training samples');
  if (kind === 'mean-image') {
    // Integer sums are exact (≤ 255 · 2^53 rows), so the mean does not depend on row order.
    const sums = new Float64Array(size);
    for (let i = 0; i < trainRows.length; i++) {
      const offset = trainRows[i] * size;
      for (let j = 0; j < size; j++) sums[j] += dataset.pixels[offset + j];
    }
    return { kind, mean: Array.from(sums, (s) => s / (trainRows.length * 255)) };
  }
  const channels = dataset.channels;
  const sum = new Float64Array(channels);
  const sumSq = new Float64Array(channels);
  for (let i = 0; i < trainRows.length; i++) {
    const offset = trainRows[i] * size;
    for (let j = 0; j < size; j++) {
      const v = dataset.pixels[offset + j];
      sum[j % channels] += v;
      sumSq[j % channels] += v * v;
    }
  }
  const count = trainRows.length * (size / channels);
  const mean: number[] = [];
  const std: number[] = [];
  for (let c = 0; c < channels; c++) {
    const m = sum[c] / count;
    const variance = Math.max(0, sumSq[c] / count - m * m);
    mean.push(m / 255);
    std.push(Math.max(minStd, Math.sqrt(variance) / 255));
  }
  return { kind, mean, std };
}

/** Checks that `norm` fits images of `size` values with `channels` channels; throws a RangeError saying what does not. */
export function checkNormalization(norm: Normalization, size: number, channels: number): void {
  if (norm.kind === 'mean-image' && norm.mean.length !== size) {
    throw new RangeError(`mean image has ${norm.mean.length} values but images have ${size}`);
  }
  if (norm.kind === 'per-channel' && (norm.mean.length !== channels || norm.std.length !== channels)) {
    throw new RangeError(`per-channel statistics are for ${norm.mean.length} channels but images have ${channels}`);
  }
}

/**
 * A function that writes one image's normalised values: `write(pixels, pixelOffset, out, outOffset)`
 * reads `size` bytes of `pixels` from `pixelOffset`. Lookup tables keep this to one load,
 * one (add) and one store per value.
 */
export function normalizer(
  norm: Normalization,
  size: number,
  channels: number,
): (pixels: Uint8Array, pixelOffset: number, out: Float32Array | Float64Array, outOffset: number) => void {
  checkNormalization(norm, size, channels);
  if (norm.kind === 'scale') {
    const table = new Float32Array(256).map((_, v) => v / 255);
    return (pixels, p, out, o) => {
      for (let j = 0; j < size; j++) out[o + j] = table[pixels[p + j]];
    };
  }
  if (norm.kind === 'mean-image') {
    const table = new Float32Array(256).map((_, v) => v / 255);
    const mean = Float32Array.from(norm.mean);
    return (pixels, p, out, o) => {
      for (let j = 0; j < size; j++) out[o + j] = table[pixels[p + j]] - mean[j];
    };
  }
  // table[c·256 + v] = (v/255 − mean[c]) / std[c]
  const table = new Float32Array(256 * channels);
  for (let c = 0; c < channels; c++) {
    for (let v = 0; v < 256; v++) table[c * 256 + v] = (v / 255 - norm.mean[c]) / norm.std[c];
  }
  if (channels === 1) {
    return (pixels, p, out, o) => {
      for (let j = 0; j < size; j++) out[o + j] = table[pixels[p + j]];
    };
  }
  return (pixels, p, out, o) => {
    for (let j = 0; j < size; j++) out[o + j] = table[(j % channels) * 256 + pixels[p + j]];
  };
}

/** How a raw image file becomes a model's input: travels with a trained model, so prediction repeats it exactly. */
export interface ImageInputSpec {
  preprocessing: ImagePreprocessing;
  normalization: Normalization;
}

export const imagePreprocessingSchema = z.object({
  width: z.number().int().min(1).max(4096),
  height: z.number().int().min(1).max(4096),
  channels: z.union([z.literal(1), z.literal(3)]),
  fit: z.enum(['cover', 'contain', 'fill']),
  background: z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]),
});

export const imageInputSchema = z.object({ preprocessing: imagePreprocessingSchema, normalization: normalizationSchema });

/**
 * What an image run's model reads, fixed when the run starts and kept with the run (the
 * store's `run_inputs`): its class names, preprocessing and the normalisation
 * statistics fitted on its training split. Predicting and exporting need nothing more, so
 * they work after the dataset folder moved, changed or went away.
 */
export const imageModelInputSchema = imageInputSchema.extend({ classNames: z.array(z.string()).min(1) });
export type ImageModelInput = z.infer<typeof imageModelInputSchema>;
