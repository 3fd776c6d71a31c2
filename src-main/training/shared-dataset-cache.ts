import type { ImageDataset, ImagePreprocessing } from '../../src-shared/data/dataset';
import type { SplitIndices } from '../../src-shared/data/split';
import type { SharedImageDataset } from '../../src-shared/training/messages';
import type { RunSplitSpec } from '../../src-shared/training/records';

/** An image dataset from the store, decoded, with the rows of each split. */
export interface LoadedDataset {
  dataset: ImageDataset;
  splits: SplitIndices;
  /** how its image files became pixels (a run's model repeats it on new images) */
  preprocessing: ImagePreprocessing;
}

/** Supplied by the dataset service: loads dataset `datasetId` of the store and splits it. */
export type DatasetLoader = (datasetId: number, split: RunSplitSpec) => Promise<LoadedDataset>;

export interface SharedLoadedDataset {
  dataset: SharedImageDataset;
  splits: SplitIndices;
  preprocessing: ImagePreprocessing;
}

/**
 * Image datasets held in shared memory while runs train on them: runs of the same dataset
 * and split (twins, a queue of variations) load and copy it once and read the same bytes.
 * An entry lives while a run uses it; a failed load is forgotten so the next run retries.
 */
export class SharedDatasetCache {
  private readonly entries = new Map<string, { payload: Promise<SharedLoadedDataset>; users: number }>();

  constructor(private readonly load: DatasetLoader) {}

  /** The dataset for one run, and the function that gives it back when the run's worker is gone. */
  acquire(datasetId: number, split: RunSplitSpec): { payload: Promise<SharedLoadedDataset>; release: () => void } {
    const key = `${datasetId}:${JSON.stringify(split)}`;
    let entry = this.entries.get(key);
    if (!entry) {
      const payload = this.load(datasetId, split).then(({ dataset, splits, preprocessing }) => ({ dataset: shareDataset(dataset), splits, preprocessing }));
      entry = { payload, users: 0 };
      this.entries.set(key, entry);
      payload.catch(() => this.entries.delete(key));
    }
    entry.users++;
    let released = false;
    return {
      payload: entry.payload,
      release: () => {
        if (released) return;
        released = true;
        const current = this.entries.get(key);
        if (current && --current.users <= 0) this.entries.delete(key);
      },
    };
  }

  /** Datasets held right now (for tests and diagnostics). */
  get size(): number {
    return this.entries.size;
  }
}

/** Pixels and labels moved into shared memory once, so every run's worker reads the same bytes. */
function shareDataset(dataset: ImageDataset): SharedImageDataset {
  const share = <T extends Uint8Array | Int32Array>(array: T, make: (buffer: SharedArrayBuffer) => T): T => {
    if (array.buffer instanceof SharedArrayBuffer) return array;
    const shared = make(new SharedArrayBuffer(array.byteLength));
    shared.set(array);
    return shared;
  };
  return {
    width: dataset.width,
    height: dataset.height,
    channels: dataset.channels,
    classNames: dataset.classNames,
    pixels: share(dataset.pixels, (b) => new Uint8Array(b)),
    labels: share(dataset.labels, (b) => new Int32Array(b)),
  };
}
