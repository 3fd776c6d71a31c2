/**
 * Replay: what reproduces a run, and how close a re-run came.
 *
 * A run records its config and seed (in the run itself), its data split, the content hash
 * of its dataset, the app version, and the kernel path and thread count its worker trained
 * with. A re-run with the same kernel path and threads computes the same floats in the same
 * order, so its epoch metrics and final weights must match bit for bit; with another kernel
 * path (relaxed SIMD fuses multiply-adds) they drift, and the comparison says how far.
 * Per-step rows are left out: how many steps a row averages depends on wall-clock pacing,
 * and so is the speed metric.
 */
import { z } from 'zod';
import { crc32 } from '../crc32';

export const runProvenanceSchema = z.strictObject({
  /** the dataset's content hash (image datasets) or a hash of the generated points (toy data) */
  datasetHash: z.string().nullable(),
  appVersion: z.string(),
  /** the kernels the worker trained with, e.g. 'wasm-relaxed' */
  kernel: z.string(),
  threads: z.number().int().positive(),
});
export type RunProvenance = z.infer<typeof runProvenanceSchema>;

/** Metric series a replay compares: per epoch, minus the ones that measure speed. */
export function isReplayedMetric(split: string, name: string): boolean {
  return split !== 'batch' && name !== 'samplesPerSecond';
}

/** Hash of generated toy points (coordinates and labels): the same spec always gives the same text. */
export function toyDataHash(x: Float32Array | Float64Array, labels: Int32Array): string {
  const xs = crc32(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  const ys = crc32(new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
  return `toy-crc32:${xs.toString(16).padStart(8, '0')}${ys.toString(16).padStart(8, '0')}`;
}

export interface ValueDifference {
  /** values compared (pairs present in both) */
  compared: number;
  /** pairs not bit-identical (NaN equals NaN) */
  differing: number;
  /** largest |a − b| over finite pairs */
  maxAbsDifference: number;
  /** values present in one and not the other */
  missing: number;
}

/** How far two sequences of numbers are apart, pair by pair. */
export function compareValues(a: ArrayLike<number | null>, b: ArrayLike<number | null>): ValueDifference {
  const compared = Math.min(a.length, b.length);
  let differing = 0;
  let maxAbsDifference = 0;
  for (let i = 0; i < compared; i++) {
    const x = a[i] ?? Number.NaN;
    const y = b[i] ?? Number.NaN;
    if (Object.is(x, y)) continue;
    differing++;
    if (Number.isFinite(x) && Number.isFinite(y)) maxAbsDifference = Math.max(maxAbsDifference, Math.abs(x - y));
    else maxAbsDifference = Infinity;
  }
  return { compared, differing, maxAbsDifference, missing: Math.abs(a.length - b.length) };
}

/** Sums several differences into one. */
export function combineDifferences(parts: readonly ValueDifference[]): ValueDifference {
  return parts.reduce(
    (sum, p) => ({ compared: sum.compared + p.compared, differing: sum.differing + p.differing, maxAbsDifference: Math.max(sum.maxAbsDifference, p.maxAbsDifference), missing: sum.missing + p.missing }),
    { compared: 0, differing: 0, maxAbsDifference: 0, missing: 0 },
  );
}
