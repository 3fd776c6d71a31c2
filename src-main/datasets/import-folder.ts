/**
 * importFolder: a folder of class subfolders → uint8 dataset, splits and a report of
 * everything found and skipped. Decoding runs a few files at a time (sharp works on the
 * libuv thread pool, one libvips thread per image), results are cached on disk by content
 * hash, and a bad file is reported, never fatal.
 */

import { statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import {
  countClasses,
  defaultPreprocessing,
  imbalanceRatio,
  imbalanceWarningRatio,
  type DuplicateGroup,
  type ImageDataset,
  type ImagePreprocessing,
  type ImportProgress,
  type ImportReport,
  type SkippedFile,
  type SplitDataset,
  type SplitName,
} from '../../src-shared/data/dataset';
import { DatasetError } from '../../src-shared/data/errors';
import { datasetSizeProblem, LIMITS } from '../../src-shared/limits';
import { stratifiedSplit, type SplitIndices } from '../../src-shared/data/split';
import { contentHash, datasetHash, defaultCacheDir, FileHashMemo, PixelCache } from './cache';
import { classifyUnreadable, decodeImage, defaultMaxInputPixels, hasSupportedExtension, ImageSkip, readErrorText } from './decode';
import { FileReadError, readRegularFile, readRegularHead } from './regular-file';
import { scanFolder, type FoundFile } from './scan';

export interface FolderImportOptions extends Partial<ImagePreprocessing> {
  /** share of each class's training images held out for validation (default 0.1) */
  valFraction?: number;
  /** share held out for test when the folder has no test/ (default 0) */
  testFraction?: number;
  /** split seed (default 0): same seed and files, same split */
  seed?: number;
  /** images claiming more pixels are skipped as decompression bombs */
  maxInputPixels?: number;
  /** keep only the first file of each group of identical files (default false: keep all, report them) */
  dropDuplicates?: boolean;
}

export interface ImportContext {
  onProgress?: (progress: ImportProgress) => void;
  /** aborting makes the import reject with DatasetError code 'cancelled' */
  signal?: AbortSignal;
  /** where decoded pixels are cached; default `defaultCacheDir()`, null: no cache */
  cacheDir?: string | null;
  /** files decoded at once (default: 2 per core) */
  parallel?: number;
}

export interface ImportResult extends SplitDataset {
  report: ImportReport;
  /** what each image went through; a model trained on this data needs the same for prediction */
  preprocessing: ImagePreprocessing;
}

/** Checks and completes the preprocessing options; throws DatasetError('bad-options'). */
export function resolvePreprocessing(options: Partial<ImagePreprocessing>): ImagePreprocessing {
  const pre: ImagePreprocessing = {
    width: options.width ?? defaultPreprocessing.width,
    height: options.height ?? defaultPreprocessing.height,
    channels: options.channels ?? defaultPreprocessing.channels,
    fit: options.fit ?? defaultPreprocessing.fit,
    background: options.background ?? defaultPreprocessing.background,
  };
  const bad = (what: string) => new DatasetError('bad-options', what);
  for (const side of ['width', 'height'] as const) {
    if (!Number.isInteger(pre[side]) || pre[side] < 1 || pre[side] > 4096) throw bad(`image ${side} must be a whole number from 1 to 4096, got ${pre[side]}`);
  }
  if (pre.channels !== 1 && pre.channels !== 3) throw bad(`channels must be 1 (gray) or 3 (RGB), got ${pre.channels}`);
  if (!['cover', 'contain', 'fill'].includes(pre.fit)) throw bad(`fit must be cover, contain or fill, got '${pre.fit}'`);
  if (pre.background.length !== 3 || pre.background.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
    throw bad(`background must be three whole numbers from 0 to 255, got ${JSON.stringify(pre.background)}`);
  }
  return pre;
}

export function checkFractions(valFraction: number, testFraction: number): void {
  if (!(valFraction >= 0 && valFraction < 1)) throw new DatasetError('bad-options', `validation fraction must be in [0, 1), got ${valFraction}`);
  if (!(testFraction >= 0 && testFraction < 1)) throw new DatasetError('bad-options', `test fraction must be in [0, 1), got ${testFraction}`);
  if (valFraction + testFraction >= 1) throw new DatasetError('bad-options', `validation + test fractions must leave training data, got ${valFraction} + ${testFraction}`);
}

type Outcome = { ok: true; hash: string; cached: boolean } | { ok: false; skip: SkippedFile };

export async function importFolder(root: string, options: FolderImportOptions = {}, context: ImportContext = {}): Promise<ImportResult> {
  const started = performance.now();
  const pre = resolvePreprocessing(options);
  const valFraction = options.valFraction ?? 0.1;
  const testFraction = options.testFraction ?? 0;
  checkFractions(valFraction, testFraction);
  const seed = options.seed ?? 0;
  const maxInputPixels = options.maxInputPixels ?? defaultMaxInputPixels;
  const { onProgress, signal } = context;
  const cacheDir = context.cacheDir === undefined ? defaultCacheDir() : context.cacheDir;
  const cache = cacheDir === null ? null : new PixelCache(cacheDir, pre);
  const parallel = Math.max(1, context.parallel ?? 2 * availableParallelism());
  const cancelled = () => new DatasetError('cancelled', `import of ${root} cancelled`);
  if (signal?.aborted) throw cancelled();

  const scan = await scanFolder(root, (found, file) => onProgress?.({ phase: 'scanning', done: found, total: found, file }), signal);
  const { files } = scan;
  if (scan.classNames.length === 0) {
    throw new DatasetError('no-classes', `no class folders in ${root}: expected one subfolder per class (${root}/cat/*.jpg, ${root}/dog/*.jpg) or train/<class>/ and test/<class>/`);
  }

  const size = pre.width * pre.height * pre.channels;
  const tooLarge = datasetSizeProblem(files.length, size);
  if (tooLarge) throw new DatasetError('bad-options', `cannot import ${root}: ${tooLarge}`);
  const pixels = new Uint8Array(files.length * size);
  const outcomes: Outcome[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const memo = cacheDir === null ? null : new FileHashMemo(cacheDir, await realpath(root));
  await memo?.load();
  const decodeOne = async (i: number, file: FoundFile): Promise<Outcome> => {
    const skip = (reason: SkippedFile['reason'], detail: string): Outcome => ({ ok: false, skip: { path: file.rel, reason, detail } });
    const readFailure = (err: unknown) => skip((err as NodeJS.ErrnoException).code === 'ELOOP' ? 'symlink-loop' : 'unreadable', readErrorText(err));
    let st;
    try {
      st = statSync(file.abs);
    } catch (err) {
      return readFailure(err);
    }
    if (st.size === 0) return skip('empty-file', 'file is empty (0 bytes)');
    // An unchanged file whose pixels are cached is not even read.
    const known = memo?.get(file.rel, st);
    const hit = known && cache ? cache.get(known) : null;
    if (hit) {
      memo!.set(file.rel, st, known!);
      pixels.set(hit, i * size);
      return { ok: true, hash: known!, cached: true };
    }
    let bytes: Buffer;
    try {
      // A file not named like an image (a video, a PDF) is recognised by its first bytes, not read whole.
      if (!hasSupportedExtension(file.rel)) {
        const why = classifyUnreadable(await readRegularHead(file.abs, 4096, 'image'), file.rel);
        if (why) return skip(why.reason, why.message);
      }
      // the file may have been swapped for a device or pipe since the scan: read regular files only, up to a limit
      bytes = await readRegularFile(file.abs, LIMITS.imageFileBytes, 'image');
    } catch (err) {
      if (err instanceof FileReadError) return skip(err.code === 'not-a-file' ? 'not-an-image' : 'unreadable', err.message);
      return readFailure(err);
    }
    if (bytes.length === 0) return skip('empty-file', 'file is empty (0 bytes)');
    const hash = contentHash(bytes);
    memo?.set(file.rel, st, hash);
    const cached = cache && hash !== known ? cache.get(hash) : null;
    if (cached) {
      pixels.set(cached, i * size);
      return { ok: true, hash, cached: true };
    }
    try {
      const decoded = await decodeImage(bytes, file.rel, pre, maxInputPixels);
      pixels.set(decoded, i * size);
      await cache?.put(hash, decoded);
      return { ok: true, hash, cached: false };
    } catch (err) {
      if (err instanceof ImageSkip) return skip(err.reason, err.message);
      throw err;
    }
  };
  const worker = async () => {
    while (next < files.length && !signal?.aborted) {
      const i = next++;
      outcomes[i] = await decodeOne(i, files[i]);
      done++;
      onProgress?.({ phase: 'decoding', done, total: files.length, file: files[i].rel });
      // Cache hits complete without waiting on I/O: let timers, messages and abort requests in now and then.
      if (done % 128 === 0) await new Promise(setImmediate);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
  if (signal?.aborted) throw cancelled();
  await memo?.save();

  // Keep the usable files; group identical contents.
  const skipped = [...scan.skipped];
  const warnings = [...scan.warnings];
  const byHash = new Map<string, number[]>();
  let cacheHits = 0;
  for (let i = 0; i < files.length; i++) {
    const outcome = outcomes[i];
    if (!outcome.ok) {
      skipped.push(outcome.skip);
      continue;
    }
    if (outcome.cached) cacheHits++;
    const group = byHash.get(outcome.hash);
    if (group) group.push(i);
    else byHash.set(outcome.hash, [i]);
  }
  const keep = new Uint8Array(files.length);
  const duplicates: DuplicateGroup[] = [];
  for (const [hash, members] of byHash) {
    keep[members[0]] = 1;
    if (members.length === 1) continue;
    const group: DuplicateGroup = {
      hash,
      paths: members.map((i) => files[i].rel),
      crossClass: new Set(members.map((i) => files[i].className)).size > 1,
      crossSplit: new Set(members.map((i) => files[i].split ?? 'train')).size > 1,
    };
    duplicates.push(group);
    for (const i of members.slice(1)) {
      if (options.dropDuplicates) skipped.push({ path: files[i].rel, reason: 'duplicate', detail: `same content as ${files[members[0]].rel}` });
      else keep[i] = 1;
    }
  }
  const crossClass = duplicates.filter((d) => d.crossClass).length;
  const crossSplit = duplicates.filter((d) => d.crossSplit).length;
  if (crossClass > 0) warnings.push(`${crossClass} identical image(s) appear in more than one class, e.g. ${duplicates.find((d) => d.crossClass)!.paths.join(' and ')}`);
  if (crossSplit > 0) warnings.push(`${crossSplit} identical image(s) appear in both training and held-out folders, e.g. ${duplicates.find((d) => d.crossSplit)!.paths.join(' and ')}: held-out accuracy will be too optimistic`);

  // Classes with no usable image are dropped (with a warning); fewer than two is an error.
  const usable = new Map<string, number>();
  for (let i = 0; i < files.length; i++) if (keep[i]) usable.set(files[i].className, (usable.get(files[i].className) ?? 0) + 1);
  const classNames = scan.classNames.filter((name) => usable.has(name));
  const emptyClasses = scan.classNames.filter((name) => !usable.has(name));
  if (classNames.length === 0) {
    throw new DatasetError('no-images', `no usable images in ${root}: ${scan.classNames.length} class folder(s), ${files.length} file(s), ${skipped.length} skipped${skipSummary(skipped)}`);
  }
  if (classNames.length === 1) {
    throw new DatasetError('single-class', `only one class ('${classNames[0]}') has usable images in ${root}: a classifier needs at least two class folders`);
  }
  if (emptyClasses.length > 0) warnings.push(`class folder(s) without usable images left out: ${emptyClasses.join(', ')}`);

  // Compact the kept rows to the front, in file order (sorted by split, class, path).
  const classIndex = new Map(classNames.map((name, k) => [name, k]));
  let n = 0;
  for (let i = 0; i < files.length; i++) if (keep[i]) n++;
  const labels = new Int32Array(n);
  const sources: string[] = [];
  const splitOf: (SplitName | null)[] = [];
  let row = 0;
  for (let i = 0; i < files.length; i++) {
    if (!keep[i]) continue;
    if (row !== i) pixels.copyWithin(row * size, i * size, (i + 1) * size);
    labels[row] = classIndex.get(files[i].className)!;
    sources.push(files[i].rel);
    splitOf.push(files[i].split);
    row++;
  }
  // Skipped files leave unused space at the end: copy only if it is much.
  const used = n * size;
  const dataset: ImageDataset = {
    width: pre.width,
    height: pre.height,
    channels: pre.channels,
    classNames,
    pixels: used < pixels.length * 0.9 ? pixels.slice(0, used) : pixels.subarray(0, used),
    labels,
    sources,
  };

  const splits = splitRows(labels, splitOf, valFraction, testFraction, seed);
  if (splits.train.length === 0) throw new DatasetError('no-images', `no usable training images in ${root}`);
  const counts = countClasses(labels, classNames, splits);
  for (const c of counts) if (c.train === 0) warnings.push(`class '${c.className}' has no training images`);
  const ratio = imbalanceRatio(counts);
  if (ratio > imbalanceWarningRatio) {
    const largest = counts.reduce((a, b) => (b.total > a.total ? b : a));
    const smallest = counts.reduce((a, b) => (b.total < a.total ? b : a));
    warnings.push(
      `classes are imbalanced: '${largest.className}' has ${largest.total} images, '${smallest.className}' only ${smallest.total} (${ratio.toFixed(1)}×); accuracy will flatter a model that favors the big classes`,
    );
  }
  if (cache?.writeError) warnings.push(cache.writeError);

  const report: ImportReport = {
    source: root,
    layout: scan.layout,
    width: pre.width,
    height: pre.height,
    channels: pre.channels,
    classNames,
    counts,
    filesSeen: files.length + scan.skipped.length,
    imported: n,
    skipped,
    duplicates,
    warnings,
    imbalanceRatio: ratio,
    contentHash: datasetHash(dataset),
    cacheHits,
    elapsedMs: performance.now() - started,
  };
  return { dataset, splits, report, preprocessing: pre };
}

/**
 * Splits named by folders (val/, test/) are taken as they are; the rest is cut from the
 * training rows by stratifiedSplit, so the same seed and files give the same split.
 */
export function splitRows(labels: Int32Array, splitOf: (SplitName | null)[], valFraction: number, testFraction: number, seed: number): SplitIndices {
  const fromFolder: Record<SplitName, number[]> = { train: [], val: [], test: [] };
  for (let row = 0; row < labels.length; row++) fromFolder[splitOf[row] ?? 'train'].push(row);
  const pool = fromFolder.train;
  const carved = stratifiedSplit(
    pool.map((row) => labels[row]),
    { val: fromFolder.val.length > 0 ? 0 : valFraction, test: fromFolder.test.length > 0 ? 0 : testFraction },
    seed,
  );
  const rows = (local: Int32Array) => Int32Array.from(local, (i) => pool[i]);
  const merge = (a: number[], b: Int32Array) => Int32Array.from([...a, ...b]).sort();
  return { train: rows(carved.train), val: merge(fromFolder.val, rows(carved.val)), test: merge(fromFolder.test, rows(carved.test)) };
}

function skipSummary(skipped: SkippedFile[]): string {
  if (skipped.length === 0) return '';
  const first = skipped[0];
  return ` (e.g. ${first.path}: ${first.detail})`;
}
