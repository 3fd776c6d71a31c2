/**
 * Where `lab train` gets its data: the source options (--toy, --data, --idx, …) and the
 * train/val/test split. The samples come out as an app run's worker receives them
 * (WorkerData), so the CLI trains and records exactly what the app would (images:
 * src-main/datasets, normalised by training-split statistics).
 */
import { basename, resolve } from 'node:path';
import { bad, choice, custom, flag, number, parseNumber, text, UsageError, type ParsedOptions } from './args';
import { denseSource } from '../../src-shared/engine/source';
import type { SampleSource } from '../../src-shared/engine/types';
import { defaultToyNoise, makeToyDataset, TOY_KINDS, toyHasClassCount } from '../../src-shared/toy/datasets';
import { LIMITS } from '../../src-shared/limits';
import { defaultCacheDir, importFolder, importIdx, jsonReport, type ImportResult } from '../datasets';
import { describeDataset, skipReasonText, type ImportProgress } from '../../src-shared/data/dataset';
import { imageSource } from '../../src-shared/data/image-source';
import { normalizationKinds, type ImageInputSpec, type NormalizationKind } from '../../src-shared/data/normalize';
import type { WorkerData } from '../../src-shared/training/messages';
import type { RunSplitSpec } from '../../src-shared/training/records';
import { runSources } from '../../src-shared/training/run-data';
import type { RecordedData } from './run-record';

export const DEFAULT_SAMPLES = 300;
export const DEFAULT_VAL_SPLIT = 0.1;
/** Subtracting the training mean image centres every input, which plain SGD on a linear model likes best. */
export const DEFAULT_NORM: NormalizationKind = 'mean-image';

export const sourceOptions = {
  toy: choice(TOY_KINDS, 'a generated 2-D dataset'),
  samples: number('N', `toy: number of points (default ${DEFAULT_SAMPLES})`, { integer: true, min: 2, max: LIMITS.toySamples }),
  noise: number('X', `toy: noise (default ${TOY_KINDS.map((k) => `${k} ${defaultToyNoise(k)}`).join(', ')})`, { min: 0 }),
  classes: number('K', 'toy: spiral arms / blobs (default 3)', { integer: true, min: 2, max: 100 }),
  data: text('FOLDER', 'images, one subfolder per class (or FOLDER/train/<class>, FOLDER/test/<class>)'),
  idx: custom(['IMAGES.gz', 'LABELS.gz'], 'MNIST / Fashion-MNIST training files', (values) => ({ images: values[0], labels: values[1] })),
  'test-idx': custom(['IMAGES.gz', 'LABELS.gz'], 'MNIST / Fashion-MNIST test files', (values) => ({ images: values[0], labels: values[1] })),
  size: custom(['WxH'], 'images: resize to W×H pixels (default 32x32; --idx: the files\' own size)', ([value], option) => {
    const match = /^(\d+)x(\d+)$/.exec(value);
    const width = match ? Number(match[1]) : 0;
    const height = match ? Number(match[2]) : 0;
    if (!match) throw bad(option, 'WIDTHxHEIGHT, e.g. 32x32', value);
    if (!(width >= LIMITS.minImageSide && height >= LIMITS.minImageSide && width <= LIMITS.imageSide && height <= LIMITS.imageSide)) {
      throw bad(option, `WIDTHxHEIGHT with each side from ${LIMITS.minImageSide} to ${LIMITS.imageSide} pixels (the lab's image size limit)`, value);
    }
    return { width, height };
  }),
  gray: flag('images: convert to grayscale'),
  'val-split': custom(['F'], `share of the training data held out for validation, 0 ≤ F < 1 (default ${DEFAULT_VAL_SPLIT})`,
    ([value], option) => parseNumber(value, option, { min: 0, max: 1, exclusiveMax: true })),
  'test-split': custom(['F'], '--data without a test/ folder: share of each class held out for test (default 0)',
    ([value], option) => parseNumber(value, option, { min: 0, max: 1, exclusiveMax: true })),
  fit: choice(['cover', 'contain', 'fill'] as const, 'images: fit to W×H by cropping (cover, default), padding (contain) or stretching (fill)'),
  norm: choice(normalizationKinds, `images: scale to [0,1], subtract the training mean image, or standardize per channel (default ${DEFAULT_NORM})`),
  cache: text('DIR', 'images: cache of decoded pixels (default $XDG_CACHE_HOME/neural-lab or ~/.cache/neural-lab)'),
};

export const outputOptions = {
  out: text('FILE', 'write the trained model as native JSON'),
  db: text('PATH', 'record the run in this SQLite database'),
};

export type SourceOptions = ParsedOptions<typeof sourceOptions>;
export type OutputOptions = ParsedOptions<typeof outputOptions>;

export interface TrainingData {
  /** e.g. "spiral (3 classes, noise 0.2)" */
  description: string;
  /** what the run loop trains on, as an app run's worker receives it */
  samples: WorkerData;
  /** the same data as the lab database records it (the app rebuilds `samples` from it) */
  recorded: RecordedData;
  split: RunSplitSpec;
  /** the training and validation samples the run loop builds from `samples` */
  train: SampleSource;
  val?: SampleSource;
  test?: SampleSource;
  inputSize: number;
  numClasses: number;
  classNames: string[];
  /** image sources: how files became inputs (travels with the model) */
  imageInput?: ImageInputSpec;
}

const IMAGE_ONLY = ['size', 'gray', 'test-idx', 'test-split', 'fit', 'norm', 'cache'] as const;
const TOY_ONLY = ['samples', 'noise', 'classes'] as const;

/** Numbers per sample the source options imply before any data is read (--idx: 1, its files decide). */
export function impliedInputSize(options: SourceOptions): number {
  if (options.toy !== undefined) return 2;
  if (options.data !== undefined) return (options.size?.width ?? 32) * (options.size?.height ?? 32) * (options.gray ? 1 : 3);
  return 1;
}

/** Loads the chosen source and splits off validation data (stratified, seeded). */
export async function loadTrainingData(options: SourceOptions, seed: number): Promise<TrainingData> {
  const chosen = (['toy', 'data', 'idx'] as const).filter((name) => options[name] !== undefined);
  if (chosen.length === 0) throw new UsageError('no data source: give --toy KIND, --data FOLDER or --idx IMAGES.gz LABELS.gz');
  if (chosen.length > 1) throw new UsageError(`choose one data source, not ${chosen.map((c) => `--${c}`).join(' and ')}`);
  if (options['test-idx'] !== undefined && options.idx === undefined) throw new UsageError('--test-idx goes with --idx');

  if (options.toy !== undefined) {
    const imageOnly = IMAGE_ONLY.find((name) => options[name] !== undefined);
    if (imageOnly) throw new UsageError(`--${imageOnly} applies to image sources, not --toy`);
    if (options.classes !== undefined && !toyHasClassCount(options.toy)) {
      throw new UsageError(`--classes applies to spiral and blobs; ${options.toy} always has 2 classes`);
    }
    const noise = options.noise ?? defaultToyNoise(options.toy);
    const spec = { kind: 'toy' as const, toy: options.toy, samples: options.samples ?? DEFAULT_SAMPLES, noise, seed, classes: options.classes };
    const toy = makeToyDataset(spec.toy, spec);
    const split = { val: options['val-split'] ?? DEFAULT_VAL_SPLIT, test: 0, seed };
    const samples: WorkerData = { kind: 'toy', spec, split };
    return {
      description: `${options.toy} (${toy.numClasses} classes, noise ${noise})`,
      samples,
      recorded: spec,
      split,
      ...trainAndVal(samples, split.val),
      inputSize: 2,
      numClasses: toy.numClasses,
      classNames: toy.classNames,
    };
  }

  const toyOnly = TOY_ONLY.find((name) => options[name] !== undefined);
  if (toyOnly) throw new UsageError(`--${toyOnly} applies to --toy only`);
  return loadImageData(options, seed);
}

/** --data FOLDER or --idx: import (with a one-line summary, warnings and skipped files), normalise by the training split. */
async function loadImageData(options: SourceOptions, seed: number): Promise<TrainingData> {
  const valFraction = options['val-split'] ?? DEFAULT_VAL_SPLIT;
  const progress = progressLine();
  let result: ImportResult;
  try {
    if (options.data !== undefined) {
      result = await importFolder(options.data, {
        ...options.size,
        channels: options.gray ? 1 : 3,
        fit: options.fit,
        valFraction,
        testFraction: options['test-split'],
        seed,
        // as the app imports: the first of identical files kept (and the same dataset identity)
        dropDuplicates: true,
      }, { cacheDir: options.cache ?? defaultCacheDir(), onProgress: progress.update });
    } else {
      if (options['test-split'] !== undefined) throw new UsageError('--test-split applies to --data; with --idx the test split comes from --test-idx');
      const idx = options.idx!;
      const test = options['test-idx'];
      result = await importIdx(
        { images: idx.images, labels: idx.labels, testImages: test?.images, testLabels: test?.labels },
        { ...options.size, channels: options.gray ? 1 : undefined, fit: options.fit, valFraction, seed },
        { onProgress: progress.update },
      );
    }
  } finally {
    progress.done();
  }
  const { dataset, splits, report } = result;
  console.log(`data: ${describeDataset(report)}`);
  for (const warning of report.warnings) console.log(`warning: ${warning}`);
  const shown = 10;
  for (const skip of report.skipped.slice(0, shown)) console.log(`skipped: ${skip.path}: ${skipReasonText[skip.reason]} (${skip.detail})`);
  if (report.skipped.length > shown) console.log(`skipped: … and ${report.skipped.length - shown} more`);

  const samples: WorkerData = { kind: 'images', dataset, train: splits.train, val: splits.val, normalization: options.norm ?? DEFAULT_NORM, preprocessing: result.preprocessing };
  const { train, val, normalization } = trainAndVal(samples, valFraction);
  const name = options.data !== undefined ? basename(resolve(options.data)) : basename(options.idx!.images);
  const description = `${name} (${dataset.classNames.length} classes, ${dataset.width}×${dataset.height} ${dataset.channels === 1 ? 'gray' : 'RGB'}, ${normalization!.kind})`;
  return {
    description,
    samples,
    recorded: {
      kind: 'images',
      normalization: normalization!.kind,
      // as the app records its imports (`path` for a folder, the same options, the report),
      // so a folder is one dataset whoever imports it and the app loads it again
      dataset: {
        name,
        source: options.data !== undefined ? 'folder' : 'idx',
        options: options.data !== undefined
          ? { path: resolve(options.data), ...result.preprocessing, dropDuplicates: true }
          : { idx: absolutePaths(options.idx), testIdx: absolutePaths(options['test-idx']), ...result.preprocessing },
        contentHash: report.contentHash,
        report: jsonReport(report) as unknown as Record<string, unknown>,
      },
    },
    split: { val: valFraction, test: options['test-split'] ?? 0, seed },
    train,
    val,
    test: splits.test.length > 0 ? denseSource(imageSource(dataset, splits.test, normalization!)) : undefined,
    inputSize: dataset.width * dataset.height * dataset.channels,
    numClasses: dataset.classNames.length,
    classNames: dataset.classNames,
    imageInput: { preprocessing: result.preprocessing, normalization: normalization! },
  };
}

/** "importing 120/2500 images" on stderr, rewritten in place, only on a terminal. */
function progressLine(): { update: (p: ImportProgress) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.done !== p.total) return;
      last = now;
      shown = true;
      process.stderr.write(`\r${p.phase === 'scanning' ? `scanning: ${p.done} files` : `importing ${p.done}/${p.total} images`}\x1b[K`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** The run loop's own training and validation samples (runSources), refused when the split leaves no training data. */
function trainAndVal(samples: WorkerData, valFraction: number): ReturnType<typeof runSources> {
  const sources = runSources(samples);
  if (sources.train.length === 0) throw new UsageError(`--val-split ${valFraction} leaves no training data`);
  return sources;
}

function absolutePaths(files: { images: string; labels: string } | undefined): { images: string; labels: string } | undefined {
  return files && { images: resolve(files.images), labels: resolve(files.labels) };
}
