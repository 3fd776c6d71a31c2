/**
 * Loads a stored image dataset the way a run trained on it (training, evaluation, a
 * PyTorch project; a run's model itself needs no dataset): the folder (or IDX files) is
 * re-imported with the stored options and split as the run was, through the pixel cache,
 * and refused if its images changed since the import. Messages name the dataset and where
 * it is read from.
 */
import { DatasetError } from '../../src-shared/data/errors';
import type { FitMode } from '../../src-shared/data/dataset';
import { importFolder, type ImportResult } from './import-folder';
import { importIdx } from './import-idx';
import type { LabStore } from '../store';
import type { DatasetLoader } from '../training';

interface StoredOptions {
  /** the app records the folder as `path`, the CLI as `folder` */
  path?: string;
  folder?: string;
  idx?: { images: string; labels: string };
  testIdx?: { images: string; labels: string };
  width?: number;
  height?: number;
  channels?: 1 | 3;
  fit?: FitMode;
  /** absent in datasets imported before the option existed, which kept every copy */
  dropDuplicates?: boolean;
}

export function folderDatasetLoader(store: LabStore, cacheDir: string | null): DatasetLoader {
  return async (datasetId, split) => {
    const record = store.getDataset(datasetId);
    if (!record) throw new DatasetError('not-found', `dataset ${datasetId} does not exist`);
    const options = record.options as StoredOptions;
    const folder = options.path ?? options.folder;
    const pre = { width: options.width, height: options.height, channels: options.channels, fit: options.fit, dropDuplicates: options.dropDuplicates ?? false };
    let result: ImportResult;
    const source = typeof folder === 'string' ? `the folder ${folder}` : `the IDX files ${options.idx?.images} and ${options.idx?.labels}`;
    const named = `dataset "${record.name}" (read from ${source})`;
    try {
      if (typeof folder === 'string') {
        result = await importFolder(folder, { ...pre, valFraction: split.val, testFraction: split.test, seed: split.seed }, { cacheDir });
      } else if (options.idx && typeof options.idx.images === 'string') {
        result = await importIdx(
          { images: options.idx.images, labels: options.idx.labels, testImages: options.testIdx?.images, testLabels: options.testIdx?.labels },
          { ...pre, valFraction: split.val, seed: split.seed },
        );
      } else {
        throw new DatasetError('not-found', `dataset ${datasetId} (${record.name}) has no folder or IDX files to load from`);
      }
    } catch (error) {
      if (error instanceof DatasetError && error.code !== 'cancelled' && !error.message.startsWith(`dataset ${datasetId} `)) {
        throw new DatasetError(error.code, `${named}: ${error.message}`);
      }
      throw error;
    }
    // the importers' own hash (datasetHash), the one the app records at import
    if (record.contentHash && result.report.contentHash !== record.contentHash) {
      throw new DatasetError('unreadable', `${named}: its images changed since it was imported (files added, removed or edited); import it again`);
    }
    return { dataset: result.dataset, splits: result.splits, preprocessing: result.preprocessing };
  };
}
