/**
 * importIdx: MNIST-style IDX files (gzipped or not) → uint8 dataset with splits. The
 * training files give train + val (cut by seed), the optional test files the test split.
 * Images keep their own size unless another size or channel count is asked for.
 */

import { basename } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import sharp from 'sharp';
import {
  countClasses,
  imbalanceRatio,
  imbalanceWarningRatio,
  type ChannelCount,
  type FitMode,
  type ImageDataset,
  type ImagePreprocessing,
  type ImportReport,
} from '../../src-shared/data/dataset';
import { DatasetError } from '../../src-shared/data/errors';
import { idxImages, idxLabels, type IdxImages } from '../../src-shared/data/idx';
import { stratifiedSplit } from '../../src-shared/data/split';
import { datasetHash } from './cache';
import { FileReadError, readRegularFile } from './regular-file';
import { datasetSizeProblem, LIMITS } from '../../src-shared/limits';
import { checkFractions, resolvePreprocessing, type ImportContext, type ImportResult } from './import-folder';

const gunzipAsync = promisify(gunzip);

export interface IdxFiles {
  images: string;
  labels: string;
  testImages?: string;
  testLabels?: string;
}

export interface IdxImportOptions {
  /** names for labels 0, 1, …; default "0", "1", … up to the largest label */
  classNames?: string[];
  /** default: the files' own size */
  width?: number;
  height?: number;
  /** default: the files' own channel count */
  channels?: ChannelCount;
  fit?: FitMode;
  /** share of each class's training images held out for validation (default 0.1) */
  valFraction?: number;
  seed?: number;
}

/** Reads an IDX file, gunzipping it if it starts with the gzip magic number. */
export async function readIdxFile(path: string): Promise<Uint8Array> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, LIMITS.datasetPixelBytes, 'IDX file');
  } catch (err) {
    if (err instanceof FileReadError) throw new DatasetError(err.code === 'not-found' ? 'not-found' : 'unreadable', err.message);
    throw err;
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      // a small gzip can unpack to gigabytes: stop at the dataset limit
      bytes = await gunzipAsync(bytes, { maxOutputLength: LIMITS.datasetPixelBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new DatasetError('idx-invalid', `${path}: unpacks to more than ${LIMITS.datasetPixelBytes / 2 ** 20} MB, the limit for a dataset`);
      }
      throw new DatasetError('idx-invalid', `${path}: broken gzip data (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

interface IdxPart {
  images: IdxImages;
  labels: Uint8Array;
}

async function readPart(imagesPath: string, labelsPath: string): Promise<IdxPart> {
  const [imageBytes, labelBytes] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  const images = idxImages(imageBytes, imagesPath);
  const labels = idxLabels(labelBytes, labelsPath);
  if (labels.length !== images.count) {
    throw new DatasetError('idx-invalid', `${imagesPath} has ${images.count} images but ${labelsPath} has ${labels.length} labels`);
  }
  return { images, labels };
}

export async function importIdx(files: IdxFiles, options: IdxImportOptions = {}, context: Pick<ImportContext, 'onProgress' | 'signal'> = {}): Promise<ImportResult> {
  const started = performance.now();
  const { onProgress, signal } = context;
  const cancelled = () => new DatasetError('cancelled', `import of ${files.images} cancelled`);
  if ((files.testImages === undefined) !== (files.testLabels === undefined)) {
    throw new DatasetError('bad-options', 'test IDX files come in pairs: images and labels');
  }
  const valFraction = options.valFraction ?? 0.1;
  checkFractions(valFraction, 0);

  const train = await readPart(files.images, files.labels);
  const test = files.testImages ? await readPart(files.testImages, files.testLabels!) : null;
  if (signal?.aborted) throw cancelled();
  if (test && (test.images.width !== train.images.width || test.images.height !== train.images.height || test.images.channels !== train.images.channels)) {
    throw new DatasetError(
      'idx-invalid',
      `${files.testImages} holds ${test.images.width}×${test.images.height}×${test.images.channels} images but ${files.images} holds ${train.images.width}×${train.images.height}×${train.images.channels}`,
    );
  }

  const native = train.images;
  const pre: ImagePreprocessing = resolvePreprocessing({
    width: options.width ?? native.width,
    height: options.height ?? native.height,
    channels: options.channels ?? native.channels,
    fit: options.fit,
    background: [0, 0, 0],
  });

  let maxLabel = 0;
  for (const part of test ? [train, test] : [train]) for (const label of part.labels) maxLabel = Math.max(maxLabel, label);
  const classNames = options.classNames ?? Array.from({ length: maxLabel + 1 }, (_, k) => String(k));
  if (maxLabel >= classNames.length) {
    throw new DatasetError('idx-invalid', `labels go up to ${maxLabel} but only ${classNames.length} class names were given`);
  }

  const nTrain = train.images.count;
  const n = nTrain + (test?.images.count ?? 0);
  const size = pre.width * pre.height * pre.channels;
  const tooLarge = datasetSizeProblem(n, size);
  if (tooLarge) throw new DatasetError('bad-options', `cannot import ${files.images}: ${tooLarge}`);
  const labels = new Int32Array(n);
  labels.set(train.labels, 0);
  if (test) labels.set(test.labels, nTrain);
  const asIs = !test && native.width === pre.width && native.height === pre.height && native.channels === pre.channels;
  // Training files alone at their own size: the decompressed bytes are the dataset (no second 47 MB copy for MNIST).
  const pixels = asIs ? native.pixels : new Uint8Array(n * size);
  if (!asIs) {
    let done = 0;
    for (const [part, offset, name] of test ? ([[train, 0, files.images], [test, nTrain, files.testImages!]] as const) : ([[train, 0, files.images]] as const)) {
      await convertImages(part.images, pre, pixels, offset * size, signal, (count) => {
        done += count;
        onProgress?.({ phase: 'decoding', done, total: n, file: basename(name) });
      });
      if (signal?.aborted) throw cancelled();
    }
  } else {
    onProgress?.({ phase: 'decoding', done: n, total: n, file: basename(files.images) });
  }

  const dataset: ImageDataset = { width: pre.width, height: pre.height, channels: pre.channels, classNames, pixels, labels };
  const carved = stratifiedSplit(train.labels, { val: valFraction }, options.seed ?? 0);
  const splits = {
    train: carved.train,
    val: carved.val,
    test: Int32Array.from({ length: n - nTrain }, (_, i) => nTrain + i),
  };
  const counts = countClasses(labels, classNames, splits);
  const present = counts.filter((c) => c.total > 0);
  if (present.length < 2) {
    throw new DatasetError('single-class', `${files.labels}: all labels are ${present[0]?.className ?? '?'}; a classifier needs at least two classes`);
  }
  const warnings: string[] = [];
  const absent = counts.filter((c) => c.total === 0).map((c) => c.className);
  if (absent.length > 0) warnings.push(`no images with label(s) ${absent.join(', ')}`);
  const ratio = imbalanceRatio(present.length === counts.length ? counts : present);
  if (ratio > imbalanceWarningRatio) warnings.push(`classes are imbalanced (largest/smallest = ${ratio.toFixed(1)}×)`);
  const report: ImportReport = {
    source: test ? `${files.images} + ${files.testImages}` : files.images,
    layout: 'idx',
    width: pre.width,
    height: pre.height,
    channels: pre.channels,
    classNames,
    counts,
    filesSeen: n,
    imported: n,
    skipped: [],
    duplicates: [],
    warnings,
    imbalanceRatio: ratio,
    contentHash: datasetHash(dataset),
    cacheHits: 0,
    elapsedMs: performance.now() - started,
  };
  return { dataset, splits, report, preprocessing: pre };
}

/** Copies (or resizes / recolours) IDX images into `out` from `outOffset`. */
async function convertImages(
  images: IdxImages,
  pre: ImagePreprocessing,
  out: Uint8Array,
  outOffset: number,
  signal: AbortSignal | undefined,
  onDone: (count: number) => void,
): Promise<void> {
  const inSize = images.width * images.height * images.channels;
  if (images.width === pre.width && images.height === pre.height && images.channels === pre.channels) {
    out.set(images.pixels, outOffset);
    onDone(images.count);
    return;
  }
  if (images.width === pre.width && images.height === pre.height && images.channels === 1) {
    // grey → RGB: repeat each value three times
    for (let i = 0, o = outOffset; i < images.pixels.length; i++, o += 3) out[o] = out[o + 1] = out[o + 2] = images.pixels[i];
    onDone(images.count);
    return;
  }
  const outSize = pre.width * pre.height * pre.channels;
  const chunk = 256;
  for (let start = 0; start < images.count && !signal?.aborted; start += chunk) {
    const end = Math.min(images.count, start + chunk);
    const jobs: Promise<void>[] = [];
    for (let i = start; i < end; i++) {
      const input = images.pixels.subarray(i * inSize, (i + 1) * inSize);
      let pipeline = sharp(input, { raw: { width: images.width, height: images.height, channels: images.channels } }).resize(pre.width, pre.height, {
        fit: pre.fit,
        background: { r: 0, g: 0, b: 0 },
      });
      pipeline = pre.channels === 1 ? pipeline.grayscale() : pipeline.toColorspace('srgb');
      jobs.push(
        pipeline
          .raw({ depth: 'uchar' })
          .toBuffer()
          .then((data) => out.set(data.subarray(0, outSize), outOffset + i * outSize)),
      );
    }
    await Promise.all(jobs);
    onDone(end - start);
  }
}
