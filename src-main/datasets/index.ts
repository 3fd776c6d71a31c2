/**
 * Image datasets for the main process, the training service and the CLI.
 *
 *   importFolder(root, options, { onProgress, signal, cacheDir }) → { dataset, splits, report, preprocessing }
 *   importIdx({ images, labels, testImages?, testLabels? }, options, { onProgress, signal })
 *   loadImage(path, preprocessing) → uint8 pixels of one image, for prediction
 *
 * Failures that stop an import are DatasetError (code + one-line message); files that
 * cannot be used are listed in report.skipped with their reason.
 */

export { jsonReport } from './report';
export { importFolder, type FolderImportOptions, type ImportContext, type ImportResult } from './import-folder';
export { importIdx, readIdxFile, type IdxFiles, type IdxImportOptions } from './import-idx';
export { loadImage, decodeImage, defaultMaxInputPixels } from './decode';
export { defaultCacheDir } from './cache';
export { DatasetError, type DatasetErrorCode } from '../../src-shared/data/errors';
export type {
  ImageDataset,
  ImagePreprocessing,
  ImportReport,
  ImportProgress,
  SkippedFile,
  SkipReason,
  SplitDataset,
  ClassCount,
  DuplicateGroup,
} from '../../src-shared/data/dataset';
export type { Normalization, NormalizationKind } from '../../src-shared/data/normalize';
export { folderDatasetLoader } from './dataset-loader';
export { scanFolder } from './scan';
export { resolvePreprocessing } from './import-folder';
export { ImageSkip } from './decode';
export { FileReadError, readRegularFile } from './regular-file';
