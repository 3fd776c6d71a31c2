import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '../../../src-shared/data/dataset';
import { imageSource } from '../../../src-shared/data/image-source';
import { fitNormalization, normalizationSchema, type Normalization } from '../../../src-shared/data/normalize';
import { stratifiedSplit } from '../../../src-shared/data/split';
import { Rng } from '../../../src-shared/random';

/** n random RGB 3×2 images; channel c of every training row is drawn around a different level. */
function randomDataset(n: number, seed: number): ImageDataset {
  const rng = new Rng(seed);
  const size = 3 * 2 * 3;
  const pixels = new Uint8Array(n * size);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.min(255, Math.max(0, Math.round(60 + 60 * (i % 3) + 25 * rng.normal())));
  const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
  return { width: 3, height: 2, channels: 3, classNames: ['a', 'b'], pixels, labels };
}

/** Rows of `source`, normalised, as float64 rows. */
function batchOf(dataset: ImageDataset, rows: Int32Array, norm: Normalization): Float64Array[] {
  const source = imageSource(dataset, rows, norm);
  const out = new Float32Array(rows.length * source.inputSize);
  source.fillBatch(Int32Array.from({ length: rows.length }, (_, i) => i), rows.length, out);
  return Array.from({ length: rows.length }, (_, i) => Float64Array.from(out.subarray(i * source.inputSize, (i + 1) * source.inputSize)));
}

describe('normalization', () => {
  const dataset = randomDataset(200, 5);
  const splits = stratifiedSplit(dataset.labels, { val: 0.2, test: 0.2 }, 1);
  // Held-out rows get extreme values: any leak into the statistics would move them.
  for (const row of [...splits.val, ...splits.test]) dataset.pixels.fill(255, row * 18, (row + 1) * 18);

  it('scale maps 0..255 to 0..1', () => {
    const rows = Int32Array.of(0, 7);
    const batch = batchOf(dataset, rows, { kind: 'scale' });
    for (let r = 0; r < 2; r++) {
      for (let j = 0; j < 18; j++) expect(batch[r][j]).toBeCloseTo(dataset.pixels[rows[r] * 18 + j] / 255, 6);
    }
  });

  it('mean image is measured on the training split only and centers it', () => {
    const norm = fitNormalization('mean-image', dataset, splits.train);
    expect(norm.kind).toBe('mean-image');
    const batch = batchOf(dataset, splits.train, norm);
    for (let j = 0; j < 18; j++) {
      const mean = batch.reduce((s, row) => s + row[j], 0) / batch.length;
      expect(Math.abs(mean)).toBeLessThan(1e-6);
    }
    // held-out rows (all 255) come out as 1 − mean: positive everywhere
    const held = batchOf(dataset, splits.val, norm);
    expect(held.every((row) => row.every((v) => v > 0.2))).toBe(true);
  });

  it('per-channel standardization gives each channel mean 0 and deviation 1 on the training split', () => {
    const norm = fitNormalization('per-channel', dataset, splits.train);
    if (norm.kind !== 'per-channel') throw new Error('wrong kind');
    expect(norm.mean.length).toBe(3);
    // channels were drawn around 60, 120, 180
    expect(norm.mean[0]).toBeLessThan(norm.mean[1]);
    expect(norm.mean[1]).toBeLessThan(norm.mean[2]);
    const batch = batchOf(dataset, splits.train, norm);
    for (let c = 0; c < 3; c++) {
      const values = batch.flatMap((row) => Array.from(row).filter((_, j) => j % 3 === c));
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
      expect(Math.abs(mean)).toBeLessThan(1e-5);
      expect(Math.sqrt(variance)).toBeCloseTo(1, 4);
    }
  });

  it('is plain JSON that validates and normalizes the same after a round trip', () => {
    for (const kind of ['scale', 'mean-image', 'per-channel'] as const) {
      const norm = fitNormalization(kind, dataset, splits.train);
      const restored = normalizationSchema.parse(JSON.parse(JSON.stringify(norm)));
      expect(restored).toEqual(norm);
      expect(batchOf(dataset, splits.test, restored)).toEqual(batchOf(dataset, splits.test, norm));
    }
    expect(normalizationSchema.safeParse({ kind: 'per-channel', mean: [0], std: [0] }).success).toBe(false);
  });

  it('constant channels do not divide by zero', () => {
    const flat: ImageDataset = { ...dataset, pixels: new Uint8Array(dataset.pixels.length).fill(90) };
    const norm = fitNormalization('per-channel', flat, splits.train);
    const batch = batchOf(flat, splits.train, norm);
    expect(batch.every((row) => row.every(Number.isFinite))).toBe(true);
  });
});

describe('imageSource', () => {
  const dataset = randomDataset(30, 9);

  it('maps sample i to dataset row rows[i] with its label, and writes only the chosen rows', () => {
    const rows = Int32Array.of(29, 3, 10, 11);
    const source = imageSource(dataset, rows, { kind: 'scale' });
    expect(source.length).toBe(4);
    expect(source.inputSize).toBe(18);
    expect([...source.labels]).toEqual([1, 1, 0, 1]);
    const out = new Float64Array(3 * 18).fill(-1);
    source.fillBatch([2, 0], 2, out);
    for (let j = 0; j < 18; j++) {
      expect(out[j]).toBeCloseTo(dataset.pixels[10 * 18 + j] / 255, 6);
      expect(out[18 + j]).toBeCloseTo(dataset.pixels[29 * 18 + j] / 255, 6);
      expect(out[36 + j]).toBe(-1);
    }
  });

  it('refuses rows outside the dataset and statistics of the wrong shape', () => {
    expect(() => imageSource(dataset, [30], { kind: 'scale' })).toThrow(/row 30 is outside the dataset/);
    expect(() => imageSource(dataset, [0], { kind: 'mean-image', mean: [0.5] })).toThrow(/mean image has 1 values but images have 18/);
    expect(() => imageSource(dataset, [0], { kind: 'per-channel', mean: [0.5], std: [1] })).toThrow(/for 1 channels but images have 3/);
  });
});
