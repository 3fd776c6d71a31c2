/** Sample sources over data already in memory. */
import type { SampleSource } from './types';

/** A source over float rows x [n × inputSize] with labels [n] (toy data, tests). */
export function arraySource(x: Float32Array | Float64Array, labels: Int32Array, inputSize: number): SampleSource {
  if (!Number.isInteger(inputSize) || inputSize <= 0) throw new RangeError(`inputSize must be a positive integer, got ${inputSize}`);
  if (x.length !== labels.length * inputSize) {
    throw new RangeError(`x has ${x.length} values but ${labels.length} labels × ${inputSize} inputs need ${labels.length * inputSize}`);
  }
  return {
    length: labels.length,
    inputSize,
    labels,
    rows: x instanceof Float32Array ? x : undefined,
    fillBatch(indices, count, out) {
      for (let r = 0; r < count; r++) {
        const from = indices[r] * inputSize;
        out.set(x.subarray(from, from + inputSize), r * inputSize);
      }
    },
  };
}

/** Sources up to this many bytes are worth holding as one float32 buffer (see denseSource). */
export const DENSE_SOURCE_MAX_BYTES = 2 ** 30;

/**
 * `source` with all its samples written out once into one contiguous float32 buffer
 * (normalised, as fillBatch gives them), so training copies plain rows and evaluation
 * reads batches in place instead of normalising every sample again every epoch. Returns
 * `source` itself when it already is dense or would take more than `maxBytes`.
 */
export function denseSource(source: SampleSource, maxBytes = DENSE_SOURCE_MAX_BYTES): SampleSource {
  if (source.rows || source.length * source.inputSize * 4 > maxBytes) return source;
  const x = new Float32Array(source.length * source.inputSize);
  const chunk = 1024;
  const indices = new Int32Array(chunk);
  for (let start = 0; start < source.length; start += chunk) {
    const count = Math.min(chunk, source.length - start);
    for (let r = 0; r < count; r++) indices[r] = start + r;
    source.fillBatch(indices, count, x.subarray(start * source.inputSize));
  }
  return arraySource(x, source.labels, source.inputSize);
}

/** The samples of `source` at `indices`, in that order, as a source of their own (splits). */
export function subsetSource(source: SampleSource, indices: Int32Array): SampleSource {
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    if (indices[i] < 0 || indices[i] >= source.length) throw new RangeError(`subset index ${indices[i]} outside 0..${source.length - 1}`);
    labels[i] = source.labels[indices[i]];
  }
  let mapped = new Int32Array(0);
  return {
    length: indices.length,
    inputSize: source.inputSize,
    labels,
    fillBatch(rows, count, out) {
      if (mapped.length < count) mapped = new Int32Array(count);
      for (let r = 0; r < count; r++) mapped[r] = indices[rows[r]];
      source.fillBatch(mapped, count, out);
    },
  };
}
