/**
 * Channels that bring pixels and evaluations to the views:
 *
 *   getDatasetImages        a few images per class, preprocessed: thumbnails of a dataset,
 *                           or a preview of import options before importing a folder
 *   evaluateRun             a run's confusion matrix on a split (its latest checkpoint)
 *   getEvaluationExamples   the samples of one cell of that matrix, most confident first
 *
 * An evaluation loads the run's data as training did (same split, same normalisation) and
 * runs the model over the split; the last few are kept, so clicking through the cells of
 * one matrix costs nothing more.
 */

import type { ParsedRequestOf, ResponseOf } from '../../src-shared/api/contract';
import { DatasetError } from '../../src-shared/data/errors';
import { stratifiedSplit } from '../../src-shared/data/split';
import { ModelRunner } from '../../src-shared/export/predict';
import { makeToyDataset } from '../../src-shared/toy/datasets';
import { loadImage, resolvePreprocessing, scanFolder } from '../datasets';
import { ExportError, modelFromRun } from '../models';
import type { LabStore } from '../store';
import type { DatasetLoader, LoadedDataset } from '../training';
import { builtinSampleFolder } from './datasets';
import { ApiFailure } from './router';

export interface ViewDataDeps {
  store: LabStore;
  appRoot: string;
  /** the built-in sample (default: builtinSampleFolder(appRoot)) */
  sampleFolder?: string;
  /** the loader training uses: same rows, same pixels */
  loadDataset: DatasetLoader;
}

/** Samples run through the model at once (bounds the float32 buffer). */
const evaluationBatch = 512;
/** Evaluations kept for the cells of their matrix. */
const keptEvaluations = 4;

interface Evaluation {
  response: ResponseOf<'evaluateRun'>;
  /** per sample of the split: dataset row, true class, predicted class */
  rows: Int32Array;
  labels: Int32Array;
  predicted: Int32Array;
  /** [count × classes] */
  probabilities: Float32Array;
  /** sample i's input: pixels (images) or values (toy points) */
  pixelsOf: ((i: number) => Uint8Array) | null;
  valuesOf: ((i: number) => number[]) | null;
  sourceOf: (i: number) => string | null;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function viewDataChannels(deps: ViewDataDeps) {
  const { store } = deps;
  const evaluations = new Map<string, Promise<Evaluation>>();

  /** The folder to read, the options it was imported with, and the files its import left out (not drawn). */
  function folderOf(source: ParsedRequestOf<'getDatasetImages'>['source']): { root: string; stored: Record<string, unknown>; skipped: Set<string> } {
    if (source.kind === 'sample') return { root: deps.sampleFolder ?? builtinSampleFolder(deps.appRoot), stored: {}, skipped: new Set() };
    if (source.kind === 'folder') return { root: source.path, stored: {}, skipped: new Set() };
    const record = store.getDataset(source.id);
    if (!record) throw new ApiFailure('not-found', `Dataset ${source.id} does not exist`);
    const options = record.options as { path?: unknown; folder?: unknown };
    const root = typeof options.path === 'string' ? options.path : typeof options.folder === 'string' ? options.folder : null;
    if (!root) throw new ApiFailure('failed', `Dataset "${record.name}" was not imported from a folder, so there are no image files to show`);
    const report = record.report as { skipped?: { path: string }[] } | null;
    return { root, stored: record.options, skipped: new Set((report?.skipped ?? []).map((s) => s.path)) };
  }

  async function getDatasetImages(request: ParsedRequestOf<'getDatasetImages'>): Promise<ResponseOf<'getDatasetImages'>> {
    const { root, stored, skipped } = folderOf(request.source);
    const pick = <T>(key: string, fallback: T): T => (request.options?.[key as keyof typeof request.options] as T | undefined) ?? (stored[key] as T | undefined) ?? fallback;
    const pre = resolvePreprocessing({ width: pick('width', 32), height: pick('height', 32), channels: pick('channels', 3 as const), fit: pick('fit', 'cover' as const) });
    const scan = await scanFolder(root);
    const classNames = scan.classNames;
    const shown = new Set(classNames.slice(0, request.maxClasses));
    const chosen: typeof scan.files = [];
    const perClass = new Map<string, number>();
    for (const file of scan.files) {
      if (!shown.has(file.className) || skipped.has(file.rel)) continue;
      const n = perClass.get(file.className) ?? 0;
      if (n >= request.perClass) continue;
      perClass.set(file.className, n + 1);
      chosen.push(file);
    }
    type Decoded = { file: (typeof chosen)[number]; pixels: Uint8Array } | { file: (typeof chosen)[number]; error: string };
    const decoded = await Promise.all(
      chosen.map(async (file): Promise<Decoded> => {
        try {
          return { file, pixels: await loadImage(file.abs, pre) };
        } catch (error) {
          if (error instanceof DatasetError) return { file, error: error.message };
          throw error;
        }
      }),
    );
    return {
      width: pre.width,
      height: pre.height,
      channels: pre.channels,
      classNames,
      images: decoded.flatMap((d) => ('pixels' in d ? [{ className: d.file.className, path: d.file.rel, pixels: toBase64(d.pixels) }] : [])),
      problems: decoded.flatMap((d) => ('error' in d ? [{ path: d.file.rel, message: d.error }] : [])),
    };
  }

  async function evaluate(runId: number, checkpointId: number | undefined, split: 'train' | 'val' | 'test'): Promise<Evaluation> {
    const run = store.getRun(runId);
    if (!run) throw new ApiFailure('not-found', `Run ${runId} does not exist`);
    let loaded: LoadedDataset | null = null;
    const loadOnce: DatasetLoader = async (datasetId, runSplit) => (loaded ??= await deps.loadDataset(datasetId, runSplit));
    let model;
    try {
      model = await modelFromRun(store, runId, { loadDataset: loadOnce, checkpointId });
    } catch (error) {
      if (error instanceof ExportError) throw new ApiFailure('conflict', error.message);
      throw error;
    }
    const runner = new ModelRunner(model);
    const classes = model.architecture.numClasses;

    let rows: Int32Array;
    let labels: Int32Array;
    let input: Float32Array | null = null;
    let pixels: Uint8Array | null = null;
    let size: number;
    let sources: string[] | undefined;
    let shape: ResponseOf<'evaluateRun'>['input'];
    if (run.data.kind === 'toy') {
      const { toy, samples, noise, seed, classes: toyClasses } = run.data;
      const points = makeToyDataset(toy, { samples, noise, seed, classes: toyClasses });
      rows = Int32Array.from(stratifiedSplit(points.labels, { val: run.split.val, test: run.split.test }, run.split.seed)[split]);
      size = 2;
      input = points.x;
      labels = Int32Array.from(rows, (r) => points.labels[r]);
      shape = { kind: 'vector', size };
    } else {
      const data: LoadedDataset = loaded ?? (await loadOnce(run.data.datasetId, run.split).catch((error: unknown) => {
        // unlike predicting and exporting, evaluating reads the images themselves: say which and why
        if (!(error instanceof DatasetError)) throw error;
        throw new ApiFailure('failed', `evaluating run ${runId} on its ${split} split needs the images it trained on (it scores its model on each of them): `
          + `${error.message}. Its model predicts and exports without them.`);
      }));
      rows = Int32Array.from(data.splits[split]);
      size = data.dataset.width * data.dataset.height * data.dataset.channels;
      pixels = data.dataset.pixels;
      sources = data.dataset.sources;
      const datasetLabels = data.dataset.labels;
      labels = Int32Array.from(rows, (r) => datasetLabels[r]);
      shape = { kind: 'image', width: data.dataset.width, height: data.dataset.height, channels: data.dataset.channels };
    }

    const count = rows.length;
    const probabilities = new Float32Array(count * classes);
    const predicted = new Int32Array(count);
    for (let start = 0; start < count; start += evaluationBatch) {
      const n = Math.min(evaluationBatch, count - start);
      let batch: Float32Array;
      if (pixels) {
        const bytes = new Uint8Array(n * size);
        for (let i = 0; i < n; i++) bytes.set(pixels.subarray(rows[start + i] * size, (rows[start + i] + 1) * size), i * size);
        batch = runner.normalize(bytes, n);
      } else {
        batch = new Float32Array(n * size);
        for (let i = 0; i < n; i++) batch.set(input!.subarray(rows[start + i] * size, (rows[start + i] + 1) * size), i * size);
      }
      const out = runner.run(batch, n).probabilities;
      probabilities.set(out, start * classes);
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let k = 1; k < classes; k++) if (out[i * classes + k] > out[i * classes + best]) best = k;
        predicted[start + i] = best;
      }
    }
    const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
    let correct = 0;
    for (let i = 0; i < count; i++) {
      matrix[labels[i]][predicted[i]]++;
      if (labels[i] === predicted[i]) correct++;
    }
    const checkpoint = model.origin;
    return {
      response: {
        runId,
        checkpointId: model.checkpointId,
        epoch: checkpoint?.epoch ?? 0,
        split,
        classNames: model.classNames,
        count,
        accuracy: count > 0 ? correct / count : null,
        matrix,
        input: shape,
      },
      rows,
      labels,
      predicted,
      probabilities,
      pixelsOf: pixels ? (i) => pixels.subarray(rows[i] * size, (rows[i] + 1) * size) : null,
      valuesOf: input ? (i) => Array.from(input.subarray(rows[i] * size, (rows[i] + 1) * size)) : null,
      sourceOf: (i) => sources?.[rows[i]] ?? null,
    };
  }

  /** The evaluation of a run's checkpoint on a split, computed once and kept for its cells. */
  function evaluation(runId: number, checkpointId: number | undefined, split: 'train' | 'val' | 'test'): Promise<Evaluation> {
    const latest = checkpointId ?? store.listCheckpoints(runId).at(-1)?.id;
    const key = `${runId}:${latest ?? 'none'}:${split}`;
    let pending = evaluations.get(key);
    if (!pending) {
      pending = evaluate(runId, latest, split);
      evaluations.set(key, pending);
      pending.catch(() => evaluations.delete(key));
      while (evaluations.size > keptEvaluations) evaluations.delete(evaluations.keys().next().value!);
    }
    return pending;
  }

  return {
    getDatasetImages,
    evaluateRun: async (request: ParsedRequestOf<'evaluateRun'>) => (await evaluation(request.runId, request.checkpointId, request.split)).response,
    getEvaluationExamples: async (request: ParsedRequestOf<'getEvaluationExamples'>): Promise<ResponseOf<'getEvaluationExamples'>> => {
      const e = await evaluation(request.runId, request.checkpointId, request.split);
      const classes = e.response.classNames.length;
      if (request.label >= classes || request.predicted >= classes) {
        const field = request.label >= classes ? 'label' : 'predicted';
        const message = `must be below ${classes} (the run has ${classes} classes)`;
        throw new ApiFailure('invalid-request', `Invalid getEvaluationExamples request: ${field}: ${message}`, [{ path: field, message }]);
      }
      const members: number[] = [];
      for (let i = 0; i < e.labels.length; i++) if (e.labels[i] === request.label && e.predicted[i] === request.predicted) members.push(i);
      // most confident first: the highest probability given to the predicted class
      members.sort((a, b) => e.probabilities[b * classes + request.predicted] - e.probabilities[a * classes + request.predicted]);
      return {
        total: members.length,
        examples: members.slice(0, request.limit).map((i) => ({
          row: e.rows[i],
          probabilities: Array.from(e.probabilities.subarray(i * classes, (i + 1) * classes)),
          pixels: e.pixelsOf ? toBase64(e.pixelsOf(i)) : null,
          values: e.valuesOf ? e.valuesOf(i) : null,
          source: e.sourceOf(i),
        })),
      };
    },
  };
}
