/**
 * Export, import and prediction for the main process and the CLI.
 *
 *   readModelFile(path)                       native JSON or our ONNX → TrainedModel
 *   modelFromRun(store, runId, options)       a run's latest (or chosen) checkpoint → TrainedModel (no dataset needed)
 *   exportModel(model, format, outPath)       json | onnx | safetensors (+ PyTorch snippet beside it)
 *   exportRun(store, runId, format, outPath)  the same for a stored run, recorded in its exports
 *   exportTemplates(model, folder)            first-layer templates as PNG files
 *   exportMetricsCsv(store, runId, outPath)   every metric series of a run as one CSV
 *   importModel(path, modelsFolder)           validates, then copies in as native JSON
 *   predictFiles(model, imagePaths)           label + probabilities per image file
 *
 * Files are written atomically (files.ts); every failure is an ExportError, ModelFileError,
 * DatasetError or StoreError with a one-line message.
 */
import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import sharp from 'sharp';
import packageJson from '../../package.json';
import { templateImages, type TemplateOptions } from '../../src-shared/analysis/templates';
import type { ImageDataset } from '../../src-shared/data/dataset';
import { stratifiedSplit, type SplitIndices } from '../../src-shared/data/split';
import { DatasetError } from '../../src-shared/data/errors';
import { fitNormalization, type ImageModelInput, type NormalizationKind } from '../../src-shared/data/normalize';
import { metricsCsv, type MetricValue } from '../../src-shared/export/csv';
import { checkModel, ModelError, type FinalMetrics, type ModelInput, type SplitMetrics, type TrainedModel } from '../../src-shared/export/model';
import { decodeNativeModel, encodeNativeModel, ModelFileError } from '../../src-shared/export/native';
import { decodeOnnx, encodeOnnx, looksLikeOnnx } from '../../src-shared/export/onnx';
import { ModelRunner, type Prediction } from '../../src-shared/export/predict';
import { encodeSafetensors, pytorchSnippet } from '../../src-shared/export/safetensors';
import { LIMITS } from '../../src-shared/limits';
import { makeToyDataset } from '../../src-shared/toy/datasets';
import type { ExportFormat, ExportRecord, MetricSplit, RunRecord } from '../../src-shared/training/records';
import { decodeImage, FileReadError, ImageSkip, loadImage, readRegularFile } from '../datasets';
import { EVERY_POINT, type LabStore } from '../store';
import type { DatasetLoader, LoadedDataset } from '../training';
import { cleanFileName, ExportError, pathInside, splitOutputPath, writeFilesAtomically, type FileToWrite } from './files';

export { ExportError } from './files';
export type { ExportFormat } from '../../src-shared/training/records';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'onnx', 'safetensors'];

export const APP_VERSION: string = packageJson.version;

const PARALLEL_DECODES = 8;

/** Larger files are refused while reading: the biggest MLP the lab trains is a few hundred MB as JSON. */
export const MAX_MODEL_BYTES = LIMITS.modelFileBytes;

// ── reading models ────────────────────────────────────────────────────────────────

/**
 * Reads a native JSON or ONNX model file (told apart by content). Throws ModelFileError
 * whose message starts with the path.
 */
export async function readModelFile(path: string): Promise<TrainedModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, MAX_MODEL_BYTES, 'model file');
  } catch (error) {
    if (error instanceof FileReadError) throw new ModelFileError('not-a-model', error.message);
    throw error;
  }
  try {
    return decodeModelBytes(bytes, path);
  } catch (error) {
    if (error instanceof ModelFileError) throw new ModelFileError(error.code, `${path}: ${error.message}`);
    throw error;
  }
}

/** Native JSON if the content starts like JSON, ONNX if it starts like a protobuf ModelProto. */
export function decodeModelBytes(bytes: Uint8Array, name = ''): TrainedModel {
  let first = 0;
  while (first < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[first])) first++;
  if (first === bytes.length) throw new ModelFileError('empty', 'the file is empty');
  if (bytes[first] === 0x7b /* { */ || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    return decodeNativeModel(bytes[0] === 0xef ? bytes.subarray(3) : bytes);
  }
  if (looksLikeOnnx(bytes) || extname(name).toLowerCase() === '.onnx') return decodeOnnx(bytes);
  throw new ModelFileError('not-a-model', 'not a model file: neither Neural Lab JSON nor ONNX');
}

export interface RunModelOptions {
  /**
   * loads the run's image dataset: for the samples themselves (a PyTorch project), and once
   * for an image run recorded before runs kept their model input (schema 5)
   */
  loadDataset?: DatasetLoader;
  /** a checkpoint of the run (default: its latest) */
  checkpointId?: number;
}

/**
 * A stored run as a model: the weights of its latest checkpoint (or `checkpointId`), the
 * class names and input of its data, its config, and its metrics at that checkpoint.
 * An image run's class names, preprocessing and normalisation are the ones it kept when it
 * started training (runModelInput), so its dataset folder may have moved, changed or gone.
 */
export async function modelFromRun(store: LabStore, runId: number, options: RunModelOptions = {}): Promise<TrainedModel & { checkpointId: number }> {
  const run = store.requireRun(runId);
  // Any kept epoch: the latest from its full state, an older one from its float16 history snapshot.
  const checkpoints = store.listCheckpoints(runId);
  const checkpoint = options.checkpointId !== undefined ? checkpoints.find((c) => c.id === options.checkpointId) : checkpoints.at(-1);
  if (!checkpoint) {
    if (options.checkpointId === undefined) throw new ExportError(`run ${runId} has no saved weights yet (no epoch has finished); export it after its first epoch`);
    throw new ExportError(`run ${runId} has no checkpoint ${options.checkpointId} (a run keeps a bounded history of epochs)`);
  }
  let layers;
  try {
    layers = store.checkpointWeights(checkpoint.id);
  } catch (error) {
    throw new ExportError(`run ${runId}: its checkpoint ${checkpoint.id} cannot be read (${(error as Error).message})`);
  }

  const { classNames, input } = await runModelInput(store, run, options.loadDataset);

  const model: TrainedModel & { checkpointId: number } = {
    name: run.name.trim() || `run ${runId}`,
    architecture: run.config.model,
    loss: run.config.loss,
    classNames,
    input,
    layers,
    training: run.config,
    metrics: metricsAt(store, runId, checkpoint.step, checkpoint.epoch),
    appVersion: APP_VERSION,
    createdAt: new Date().toISOString(),
    origin: { runId, checkpointId: checkpoint.id, epoch: checkpoint.epoch, step: checkpoint.step },
    checkpointId: checkpoint.id,
  };
  try {
    checkModel(model);
  } catch (error) {
    if (error instanceof ModelError) throw new ExportError(`run ${runId} cannot be exported: ${error.message}`);
    throw error;
  }
  return model;
}

/** A run's samples as it trained on them, with its class names and what its model reads. */
export interface RunData {
  classNames: string[];
  input: ModelInput;
  /** image runs: the dataset as loaded and split for the run */
  images?: { dataset: ImageDataset; splits: SplitIndices };
  /** toy runs: the generated points [n × 2] and the run's split of them */
  toy?: { x: Float32Array; labels: Int32Array; splits: SplitIndices };
}

/**
 * What a run's model reads, with its class names. Toy runs: the points' size and names.
 * Image runs: what the run kept when it started training. A run recorded before runs kept
 * it (schema 5) has it rebuilt once from its dataset, as training built it, and kept from then on.
 */
export async function runModelInput(store: LabStore, run: RunRecord, loadDataset: DatasetLoader | undefined): Promise<{ classNames: string[]; input: ModelInput }> {
  if (run.data.kind === 'toy') {
    const { toy, samples, noise, seed, classes } = run.data;
    return { classNames: makeToyDataset(toy, { samples, noise, seed, classes }).classNames, input: { kind: 'vector', size: run.config.model.inputSize } };
  }
  const kept = store.runModelInput(run.id);
  if (kept) return imageInputOf(kept);
  const why = 'was recorded before runs kept their image preprocessing, so its model needs its dataset once to recover it';
  let loaded: LoadedDataset;
  try {
    loaded = await loadRunDataset(run, loadDataset, `it ${why}`);
  } catch (error) {
    if (error instanceof DatasetError) throw new DatasetError(error.code, `run ${run.id} ${why}: ${error.message}`);
    throw error;
  }
  return imageInputOf(keepDerivedInput(store, run.id, run.data.normalization, loaded));
}

function imageInputOf(kept: ImageModelInput): { classNames: string[]; input: ModelInput } {
  return { classNames: kept.classNames, input: { kind: 'image', preprocessing: kept.preprocessing, normalization: kept.normalization } };
}

/**
 * What training fitted for an image run, rebuilt from its dataset as loaded and split for
 * it (the loader refuses images that changed since the import), and kept with the run.
 */
function keepDerivedInput(store: LabStore, runId: number, normalization: NormalizationKind, { dataset, splits, preprocessing }: LoadedDataset): ImageModelInput {
  const derived = { classNames: dataset.classNames, preprocessing, normalization: fitNormalization(normalization, dataset, splits.train) };
  try {
    store.setRunModelInput(runId, derived);
  } catch {
    // a read-only or full database: the model is still right, it just needs the folder again next time
  }
  return derived;
}

/** An image run's dataset through `loadDataset`; `why` says what needs it, for the message when there is no loader. */
async function loadRunDataset(run: RunRecord, loadDataset: DatasetLoader | undefined, why: string): Promise<LoadedDataset> {
  if (run.data.kind !== 'dataset') throw new Error(`run ${run.id} has no image dataset`);
  if (!loadDataset) throw new ExportError(`run ${run.id} trained on image dataset ${run.data.datasetId}; ${why} (no dataset loader given)`);
  return loadDataset(run.data.datasetId, run.split);
}

/**
 * Rebuilds a run's samples as it trained on them: toy points from their seed, image
 * datasets through `loadDataset` (the images themselves are needed, so the folder must be
 * there and unchanged). Class names and input as runModelInput gives them.
 */
export async function runData(store: LabStore, run: RunRecord, loadDataset: DatasetLoader | undefined): Promise<RunData> {
  if (run.data.kind === 'toy') {
    const { toy, samples, noise, seed, classes } = run.data;
    const points = makeToyDataset(toy, { samples, noise, seed, classes });
    return {
      classNames: points.classNames,
      input: { kind: 'vector', size: run.config.model.inputSize },
      toy: { x: points.x, labels: points.labels, splits: stratifiedSplit(points.labels, { val: run.split.val, test: run.split.test }, run.split.seed) },
    };
  }
  const loaded = await loadRunDataset(run, loadDataset, 'its training samples are read from that dataset');
  const { classNames, input } = imageInputOf(store.runModelInput(run.id) ?? keepDerivedInput(store, run.id, run.data.normalization, loaded));
  return { classNames, input, images: { dataset: loaded.dataset, splits: loaded.splits } };
}

/** The run's last train/val numbers at or before `step`. */
function metricsAt(store: LabStore, runId: number, step: number, epochs: number): FinalMetrics {
  const names = store.metricNames(runId);
  const value = (split: MetricSplit, name: string): number | null | undefined => {
    const entry = names.find((n) => n.split === split && n.name === name);
    if (!entry) return undefined;
    const points = store.metricSeries(runId, split, name, EVERY_POINT).points.filter((p) => p.step <= step);
    const last = points[points.length - 1];
    return last === undefined ? undefined : Number.isFinite(last.value) ? last.value : null;
  };
  const split = (s: MetricSplit): SplitMetrics | undefined => {
    const loss = value(s, 'loss');
    const accuracy = value(s, 'accuracy');
    if (loss === undefined && accuracy === undefined) return undefined;
    const dataLoss = value(s, 'dataLoss');
    const regLoss = value(s, 'regLoss');
    return {
      loss: loss ?? null,
      accuracy: accuracy ?? null,
      ...(dataLoss !== undefined ? { dataLoss } : {}),
      ...(regLoss !== undefined ? { regLoss } : {}),
    };
  };
  const train = split('train');
  const val = split('val');
  const test = split('test');
  return { epochs, ...(train ? { train } : {}), ...(val ? { val } : {}), ...(test ? { test } : {}) };
}

// ── exporting ─────────────────────────────────────────────────────────────────────

export interface ExportedFile {
  path: string;
  bytes: number;
}

export interface ExportResult {
  format: ExportFormat;
  /** the model file */
  file: ExportedFile;
  /** files written beside it (the PyTorch snippet for safetensors) */
  extras: ExportedFile[];
  /** the PyTorch snippet (safetensors only), for the export dialog */
  snippet?: string;
}

/** The bytes of `model` in `format` and the files that go beside it, named after `name`. */
export function encodeModel(model: TrainedModel, format: ExportFormat, name: string): { bytes: Uint8Array | string; extras: { name: string; bytes: string }[]; snippet?: string } {
  try {
    switch (format) {
      case 'json':
        return { bytes: encodeNativeModel(model), extras: [] };
      case 'onnx':
        return { bytes: encodeOnnx(model), extras: [] };
      case 'safetensors': {
        const snippet = pytorchSnippet(model, name);
        const stem = name.slice(0, name.length - extname(name).length) || name;
        return { bytes: encodeSafetensors(model), extras: [{ name: `${stem}.py`, bytes: snippet }], snippet };
      }
    }
  } catch (error) {
    if (error instanceof ModelError) throw new ExportError(`cannot export this model: ${error.message}`);
    throw error;
  }
}

/**
 * Writes `model` as `format` to `outPath` (a file path; its folder must exist). For
 * safetensors the PyTorch snippet goes beside it as `<name>.py`. All files or none.
 */
export async function exportModel(model: TrainedModel, format: ExportFormat, outPath: string): Promise<ExportResult> {
  if (!EXPORT_FORMATS.includes(format)) throw new ExportError(`unknown export format "${String(format)}" (choose ${EXPORT_FORMATS.join(', ')})`);
  const { folder, name } = splitOutputPath(outPath);
  const encoded = encodeModel(model, format, name);
  const files: FileToWrite[] = [
    { path: pathInside(folder, name), bytes: encoded.bytes },
    ...encoded.extras.map((extra) => ({ path: pathInside(folder, extra.name), bytes: extra.bytes })),
  ];
  await writeFilesAtomically(files);
  const [file, ...extras] = files.map((f) => ({ path: f.path, bytes: byteLength(f.bytes) }));
  return { format, file, extras, ...(encoded.snippet ? { snippet: encoded.snippet } : {}) };
}

/** Exports a stored run's model and records the export with the run. */
export async function exportRun(
  store: LabStore, runId: number, format: ExportFormat, outPath: string, options: RunModelOptions = {},
): Promise<ExportResult & { record: ExportRecord }> {
  const model = await modelFromRun(store, runId, options);
  const result = await exportModel(model, format, outPath);
  const record = store.recordExport({ runId, checkpointId: model.checkpointId, format, path: result.file.path, bytes: result.file.bytes });
  return { ...result, record };
}

export interface TemplateExportOptions extends TemplateOptions {
  /** each PNG is scaled up by this whole factor (nearest neighbour; default 1) */
  zoom?: number;
}

/**
 * The first layer's templates as PNG files in `folder` (which must exist), named
 * `template-00-<class>.png` for a linear model and `unit-000.png` for an MLP's hidden units.
 */
export async function exportTemplates(model: TrainedModel, folder: string, options: TemplateExportOptions = {}): Promise<ExportedFile[]> {
  if (model.input.kind !== 'image') throw new ExportError('this model reads numbers, not images: it has no templates to draw');
  const { width, height, channels } = model.input.preprocessing;
  const first = model.layers[0];
  const zoom = options.zoom ?? 1;
  if (!(Number.isInteger(zoom) && zoom >= 1 && zoom <= 64)) throw new ExportError(`zoom must be a whole number from 1 to 64, got ${zoom}`);
  const images = templateImages(first.w, first.units, { width, height, channels }, options);
  const linear = model.layers.length === 1;
  const digits = String(first.units - 1).length;
  const files: FileToWrite[] = [];
  for (const image of images) {
    const name = linear
      ? `template-${String(image.unit).padStart(digits, '0')}-${cleanFileName(model.classNames[image.unit])}.png`
      : `unit-${String(image.unit).padStart(digits, '0')}.png`;
    const png = await sharp(Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength), { raw: { width, height, channels: 4 } })
      .resize(width * zoom, height * zoom, { kernel: 'nearest' })
      .png()
      .toBuffer();
    files.push({ path: pathInside(folder, name), bytes: png });
  }
  await writeFilesAtomically(files);
  return files.map((f) => ({ path: f.path, bytes: byteLength(f.bytes) }));
}

/** Every metric series of a run (full resolution) as one CSV file. */
export async function exportMetricsCsv(store: LabStore, runId: number, outPath: string): Promise<ExportedFile> {
  store.requireRun(runId);
  const { folder, name } = splitOutputPath(outPath);
  const values: MetricValue[] = [];
  for (const { split, name: metric } of store.metricNames(runId)) {
    for (const p of store.metricSeries(runId, split, metric, EVERY_POINT).points) {
      values.push({ split, name: metric, epoch: p.epoch, step: p.step, value: p.value });
    }
  }
  const file = { path: pathInside(folder, name), bytes: metricsCsv(values) };
  await writeFilesAtomically([file]);
  return { path: file.path, bytes: byteLength(file.bytes) };
}

// ── importing ─────────────────────────────────────────────────────────────────────

/** What lists and dialogs show of a model. */
export interface ModelSummary {
  name: string;
  architecture: TrainedModel['architecture'];
  loss: TrainedModel['loss'];
  classNames: string[];
  input: ModelInput;
  metrics: FinalMetrics | null;
  appVersion: string;
  createdAt: string;
}

export function summarizeModel(model: TrainedModel): ModelSummary {
  const { name, architecture, loss, classNames, input, metrics, appVersion, createdAt } = model;
  return { name, architecture, loss, classNames, input, metrics, appVersion, createdAt };
}

/**
 * Imports a model file (native JSON or our ONNX): reads and validates all of it first,
 * then writes it into `modelsFolder` as native JSON under a fresh name. A bad file
 * throws before anything is written.
 */
export async function importModel(sourcePath: string, modelsFolder: string): Promise<{ path: string; model: TrainedModel }> {
  const model = await readModelFile(sourcePath);
  const existing = new Set(await readdir(modelsFolder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new ExportError(`the models folder ${modelsFolder} does not exist`);
    throw new ExportError(`cannot read the models folder ${modelsFolder}: ${error.message}`);
  }));
  const stem = cleanFileName(model.name || basename(sourcePath, extname(sourcePath)), 60);
  let name = `${stem}.json`;
  for (let k = 2; existing.has(name); k++) name = `${stem} (${k}).json`;
  const path = pathInside(modelsFolder, name);
  await writeFilesAtomically([{ path, bytes: encodeNativeModel(model) }]);
  return { path, model };
}

/** The models in `modelsFolder` that read cleanly, with the problems of those that do not. */
export async function listModels(modelsFolder: string): Promise<{ models: { path: string; summary: ModelSummary }[]; problems: { path: string; message: string }[] }> {
  const names = (await readdir(modelsFolder).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  const models: { path: string; summary: ModelSummary }[] = [];
  const problems: { path: string; message: string }[] = [];
  for (const name of names) {
    const path = join(modelsFolder, name);
    try {
      models.push({ path, summary: summarizeModel(await readModelFile(path)) });
    } catch (error) {
      problems.push({ path, message: (error as Error).message });
    }
  }
  return { models, problems };
}

// ── prediction ────────────────────────────────────────────────────────────────────

export type FilePrediction =
  | ({ file: string; ok: true } & Prediction)
  | { file: string; ok: false; error: string };

/**
 * Classifies image files with `model`, each prepared exactly as the model's training
 * images were (the dataset service's own decoder and the model's normalisation). A file
 * that cannot be read gets `ok: false` with the reason; the others are still predicted.
 */
export async function predictFiles(model: TrainedModel, files: readonly string[]): Promise<FilePrediction[]> {
  const { input } = model;
  if (input.kind !== 'image') throw new ExportError(`this model was trained on ${input.size} numbers per sample (toy data), not on images`);
  const decode = async (file: string): Promise<{ file: string; pixels: Uint8Array } | { file: string; error: string }> => {
    try {
      return { file, pixels: await loadImage(file, input.preprocessing) };
    } catch (error) {
      if (error instanceof DatasetError) return { file, error: error.message };
      throw error;
    }
  };
  // a few at a time: sharp decodes on libuv's pool, and thousands of open files would not help
  const decoded: Awaited<ReturnType<typeof decode>>[] = [];
  for (let start = 0; start < files.length; start += PARALLEL_DECODES) {
    decoded.push(...await Promise.all(files.slice(start, start + PARALLEL_DECODES).map(decode)));
  }
  return predictDecoded(model, decoded);
}

/** Predictions for the decoded images, errors passed through, in the given order. */
function predictDecoded(model: TrainedModel, decoded: readonly ({ file: string; pixels: Uint8Array } | { file: string; error: string })[]): FilePrediction[] {
  const size = model.architecture.inputSize;
  const good = decoded.filter((d): d is { file: string; pixels: Uint8Array } => 'pixels' in d);
  const pixels = new Uint8Array(good.length * size);
  good.forEach((d, i) => pixels.set(d.pixels, i * size));
  const predictions = good.length > 0 ? new ModelRunner(model).predictImages(pixels, good.length) : [];
  const byFile = new Map(good.map((d, i) => [d, predictions[i]]));
  return decoded.map((d) => ('pixels' in d ? { file: d.file, ok: true as const, ...byFile.get(d)! } : { file: d.file, ok: false as const, error: d.error }));
}

/**
 * The same for images given as bytes (web mode uploads, drag and drop): `name` is only
 * used in messages and to tell formats apart.
 */
export async function predictImageBytes(model: TrainedModel, images: readonly { name: string; bytes: Uint8Array }[]): Promise<FilePrediction[]> {
  const { input } = model;
  if (input.kind !== 'image') throw new ExportError(`this model was trained on ${input.size} numbers per sample (toy data), not on images`);
  const decoded: ({ file: string; pixels: Uint8Array } | { file: string; error: string })[] = [];
  for (const { name, bytes } of images) {
    try {
      decoded.push({ file: name, pixels: await decodeImage(bytes, name, input.preprocessing) });
    } catch (error) {
      if (error instanceof ImageSkip) decoded.push({ file: name, error: `${name}: ${error.reason === 'corrupt' ? `corrupt or truncated image (${error.message})` : error.message}` });
      else throw error;
    }
  }
  return predictDecoded(model, decoded);
}

function byteLength(bytes: Uint8Array | string): number {
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
}
