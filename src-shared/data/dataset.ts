/**
 * Image datasets as plain data. Pixels stay uint8 for the whole life of a dataset (60,000
 * 28×28 grey images are 47 MB); float32 exists only for the batch being trained (see
 * `imageSource`).
 */

import type { SplitIndices } from './split';

/** How an image is fitted into W×H: crop to fill (cover), letterbox (contain), or stretch (fill). */
export type FitMode = 'cover' | 'contain' | 'fill';

export type ChannelCount = 1 | 3;

/** Everything that turns an image file into the uint8 pixels a model sees. Travels with the model. */
export interface ImagePreprocessing {
  width: number;
  height: number;
  /** 1: grey, 3: RGB */
  channels: ChannelCount;
  fit: FitMode;
  /** Transparent pixels are flattened onto this colour, and `contain` pads with it: [r, g, b], 0–255. */
  background: [number, number, number];
}

export const defaultPreprocessing: ImagePreprocessing = {
  width: 32,
  height: 32,
  channels: 3,
  fit: 'cover',
  background: [255, 255, 255],
};

export interface ImageDataset {
  width: number;
  height: number;
  channels: ChannelCount;
  /** sorted; label k is classNames[k] */
  classNames: string[];
  /** [n × height × width × channels], row-major, interleaved channels */
  pixels: Uint8Array;
  /** [n], each in [0, classNames.length) */
  labels: Int32Array;
  /** [n] where each sample came from (a file path relative to the import root, or `file#index` for IDX); absent when not kept */
  sources?: string[];
}

/** A dataset with the samples of each split named by index. */
export interface SplitDataset {
  dataset: ImageDataset;
  splits: SplitIndices;
}

/** Why a file was left out of an import. */
export type SkipReason =
  | 'not-an-image'
  | 'corrupt'
  | 'unsupported-format'
  | 'too-many-pixels'
  | 'unreadable'
  | 'symlink-loop'
  | 'empty-file'
  | 'outside-class-folder'
  | 'duplicate';

export const skipReasonText: Record<SkipReason, string> = {
  'not-an-image': 'not an image',
  corrupt: 'corrupt or truncated image',
  'unsupported-format': 'unsupported image format',
  'too-many-pixels': 'too many pixels (possible decompression bomb)',
  unreadable: 'unreadable',
  'symlink-loop': 'symbolic link loop',
  'empty-file': 'empty file',
  'outside-class-folder': 'not inside a class folder',
  duplicate: 'duplicate of another file',
};

export interface SkippedFile {
  /** relative to the import root, '/'-separated */
  path: string;
  reason: SkipReason;
  /** what exactly went wrong, e.g. the decoder's message */
  detail: string;
}

/** Files with identical content (same hash). `paths[0]` is the one kept when duplicates are dropped. */
export interface DuplicateGroup {
  hash: string;
  paths: string[];
  /** the copies sit in different classes: the same image carries two labels */
  crossClass: boolean;
  /** the copies sit in different splits: test images also appear in training */
  crossSplit: boolean;
}

export type SplitName = 'train' | 'val' | 'test';

export interface ClassCount {
  className: string;
  train: number;
  val: number;
  test: number;
  total: number;
}

export interface ImportReport {
  /** the folder or file(s) imported */
  source: string;
  layout: 'class-folders' | 'split-folders' | 'idx';
  width: number;
  height: number;
  channels: ChannelCount;
  classNames: string[];
  /** one row per class in `classNames` */
  counts: ClassCount[];
  /** files considered (images and everything skipped) */
  filesSeen: number;
  /** samples in the dataset */
  imported: number;
  skipped: SkippedFile[];
  duplicates: DuplicateGroup[];
  /** human-readable warnings: class imbalance, empty classes, duplicates across classes or splits */
  warnings: string[];
  /** largest class total / smallest class total */
  imbalanceRatio: number;
  /** sha256 of the decoded dataset (class names, labels, pixels, in order): changes when the data a model sees changes */
  contentHash: string;
  /** files whose pixels came from the on-disk cache rather than the decoder */
  cacheHits: number;
  elapsedMs: number;
}

export interface ImportProgress {
  phase: 'scanning' | 'decoding';
  /** files finished in this phase */
  done: number;
  /** files to do in this phase (while scanning: files found so far) */
  total: number;
  /** the file being handled, relative to the root */
  file: string;
}

/** Largest/smallest class ratio above which the report warns. */
export const imbalanceWarningRatio = 3;

/** Samples of one split as their own dataset (copies the pixels of those rows). */
export function subsetDataset(dataset: ImageDataset, indices: ArrayLike<number>): ImageDataset {
  const size = dataset.width * dataset.height * dataset.channels;
  const pixels = new Uint8Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i];
    pixels.set(dataset.pixels.subarray(row * size, (row + 1) * size), i * size);
    labels[i] = dataset.labels[row];
  }
  const sources = dataset.sources ? Array.from({ length: indices.length }, (_, i) => dataset.sources![indices[i]]) : undefined;
  return { ...dataset, pixels, labels, sources };
}

/** Per-class counts for each split, in class order. */
export function countClasses(labels: Int32Array, classNames: string[], splits: SplitIndices): ClassCount[] {
  const counts: ClassCount[] = classNames.map((className) => ({ className, train: 0, val: 0, test: 0, total: 0 }));
  for (const split of ['train', 'val', 'test'] as const) {
    for (const row of splits[split]) {
      counts[labels[row]][split]++;
      counts[labels[row]].total++;
    }
  }
  return counts;
}

/** Largest over smallest class total (Infinity if a class is empty). */
export function imbalanceRatio(counts: ClassCount[]): number {
  const totals = counts.map((c) => c.total);
  const smallest = Math.min(...totals);
  const largest = Math.max(...totals);
  return smallest === 0 ? Infinity : largest / smallest;
}

/** One line for a terminal: "2,500 images, 10 classes, 28×28 grey; train 1,800 · val 200 · test 500; 3 skipped". */
export function describeDataset(report: ImportReport): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const sum = (split: SplitName) => report.counts.reduce((s, c) => s + c[split], 0);
  const parts = [
    `${n(report.imported)} images, ${report.classNames.length} classes, ${report.width}×${report.height} ${report.channels === 1 ? 'gray' : 'RGB'}`,
    `train ${n(sum('train'))} · val ${n(sum('val'))}${sum('test') > 0 ? ` · test ${n(sum('test'))}` : ''}`,
  ];
  if (report.skipped.length > 0) {
    const byReason = new Map<SkipReason, number>();
    for (const s of report.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
    parts.push(`${n(report.skipped.length)} skipped (${[...byReason].map(([r, k]) => `${k} ${skipReasonText[r]}`).join(', ')})`);
  }
  if (report.duplicates.length > 0) parts.push(`${n(report.duplicates.length)} groups of duplicates`);
  if (report.cacheHits > 0) parts.push(`${n(report.cacheHits)} from cache`);
  return parts.join('; ');
}
