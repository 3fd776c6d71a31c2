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
    fillBatch(indices, count, out) {
      for (let r = 0; r < count; r++) {
        const from = indices[r] * inputSize;
        const to = r * inputSize;
        for (let j = 0; j < inputSize; j++) out[to + j] = x[from + j];
      }
    },
  };
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
