import type { SampleSource } from '../engine/types';
import type { ImageDataset } from './dataset';
import { normalizer, type Normalization } from './normalize';

/**
 * The rows `rows` of `dataset` as a training source: sample i is dataset row rows[i].
 * Pixels stay uint8 in the dataset; `fillBatch` writes normalised floats for the chosen
 * samples only.
 */
export function imageSource(dataset: ImageDataset, rows: ArrayLike<number>, normalization: Normalization): SampleSource {
  const inputSize = dataset.width * dataset.height * dataset.channels;
  const n = dataset.labels.length;
  const rowIndex = Int32Array.from(rows as ArrayLike<number>);
  for (const row of rowIndex) {
    if (row < 0 || row >= n) throw new RangeError(`row ${row} is outside the dataset (0..${n - 1})`);
  }
  const labels = rowIndex.map((row) => dataset.labels[row]);
  const write = normalizer(normalization, inputSize, dataset.channels);
  const pixels = dataset.pixels;
  return {
    length: rowIndex.length,
    inputSize,
    labels,
    fillBatch(indices, count, out) {
      for (let i = 0; i < count; i++) {
        write(pixels, rowIndex[indices[i]] * inputSize, out, i * inputSize);
      }
    },
  };
}
