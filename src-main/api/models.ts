/**
 * Model channels: exporting a run's (or an imported model's) weights as native JSON, ONNX
 * or safetensors, its templates as PNGs and its metrics as CSV; importing model files into
 * `<dataDir>/models`; and predicting uploaded images or image files with either kind of
 * model. The work is done by src-main/models; this file resolves which model is meant,
 * where files go, and turns the service's errors into typed API errors.
 *
 * Models are kept in a small cache (a run's image model needs its dataset re-imported to
 * recover class names and normalisation statistics; a checkpoint never changes, so the
 * result can be reused; an imported file is keyed by its modification time too).
 */

import { existsSync } from 'node:fs';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ParsedRequestOf, ResponseOf } from '../../src-shared/api/contract';
import { DatasetError } from '../../src-shared/data/errors';
import { describeArchitecture, describeInput, ModelError, type TrainedModel } from '../../src-shared/export/model';
import { ModelRunner } from '../../src-shared/export/predict';
import { decodeImage, ImageSkip, loadImage } from '../datasets';
import {
  ExportError,
  exportMetricsCsv,
  exportModel,
  exportTemplates,
  importModel,
  listModels,
  modelFromRun,
  ModelFileError,
  pathInside,
  readModelFile,
  splitOutputPath,
  summarizeModel,
  type ModelSummary,
  exportPytorchProject,
  importRunMetrics,
} from '../models';
import type { LabStore } from '../store';
import type { DatasetLoader } from '../training';
import { explainPredictions } from './explain';
import { ApiFailure } from './router';
import { encodeFloat32 } from './runs';

export interface ModelChannelsDeps {
  store: LabStore;
  /** where imported models live (`<dataDir>/models`); created on the first import */
  modelsFolder: string;
  /** loads a run's image dataset (class names, normalisation statistics) */
  loadDataset: DatasetLoader;
}

type ModelRef = ParsedRequestOf<'predict'>['model'];
type Destination = { path?: string; folder?: string; fileName?: string; overwrite: boolean };

/** Models held at once (an MLP on 64×64 RGB images with 1000 hidden units is ~50 MB). */
const cachedModels = 4;
/** Images decoded at once: sharp works on libuv's pool. */
const parallelDecodes = 8;

/** The service's "cannot do this" errors as API errors with their own one-line message. */
async function service<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ExportError || error instanceof ModelFileError || error instanceof ModelError || error instanceof DatasetError) {
      throw new ApiFailure('failed', error.message);
    }
    throw error;
  }
}

export function summaryForApi(summary: ModelSummary): ResponseOf<'listModels'>['models'][number]['summary'] {
  const { input } = summary;
  return {
    name: summary.name,
    description: describeArchitecture(summary.architecture),
    architecture: summary.architecture,
    loss: summary.loss,
    classNames: summary.classNames,
    input: input.kind === 'image'
      ? {
        kind: 'image',
        width: input.preprocessing.width,
        height: input.preprocessing.height,
        channels: input.preprocessing.channels,
        fit: input.preprocessing.fit,
        normalization: input.normalization.kind,
        description: describeInput(input),
      }
      : { kind: 'vector', size: input.size, description: describeInput(input) },
    metrics: summary.metrics,
    appVersion: summary.appVersion,
    createdAt: summary.createdAt,
  };
}

export function modelChannels(deps: ModelChannelsDeps) {
  const { store, modelsFolder } = deps;
  const cache = new Map<string, Promise<{ model: TrainedModel; runner: ModelRunner }>>();

  function cached(key: string, load: () => Promise<TrainedModel>) {
    let entry = cache.get(key);
    if (entry) {
      cache.delete(key); // most recently used last
    } else {
      entry = load().then((model) => ({ model, runner: new ModelRunner(model) }));
      entry.catch(() => cache.delete(key));
    }
    cache.set(key, entry);
    while (cache.size > cachedModels) cache.delete(cache.keys().next().value!);
    return entry;
  }

  const requireRun = (id: number) => {
    const run = store.getRun(id);
    if (!run) throw new ApiFailure('not-found', `Run ${id} does not exist`);
    return run;
  };

  /** The file of an imported model; not-found when there is none by that name. */
  async function importedFile(id: string): Promise<{ path: string; bytes: number; mtimeMs: number }> {
    const path = pathInside(modelsFolder, id);
    try {
      const info = await stat(path);
      if (info.isFile()) return { path, bytes: info.size, mtimeMs: info.mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ApiFailure('failed', `cannot read ${path}: ${(error as Error).message}`);
    }
    throw new ApiFailure('not-found', `No imported model named "${id}"`);
  }

  /** The model a request means, with the run and checkpoint when it is a run's. */
  async function resolve(ref: ModelRef): Promise<{ model: TrainedModel; runner: ModelRunner; runId: number | null; checkpointId: number | null }> {
    if (ref.kind === 'imported') {
      const file = await importedFile(ref.modelId);
      const { model, runner } = await service(() => cached(`imported:${ref.modelId}:${file.mtimeMs}:${file.bytes}`, () => readModelFile(file.path)));
      return { model, runner, runId: null, checkpointId: null };
    }
    requireRun(ref.runId);
    const checkpoints = store.listCheckpoints(ref.runId);
    const checkpoint = ref.checkpointId === undefined ? checkpoints.at(-1) : checkpoints.find((c) => c.id === ref.checkpointId);
    if (!checkpoint) {
      throw new ApiFailure(
        'not-found',
        ref.checkpointId === undefined
          ? `Run ${ref.runId} has no saved weights yet (no epoch has finished)`
          : `Run ${ref.runId} has no checkpoint ${ref.checkpointId}`,
      );
    }
    const { model, runner } = await service(() =>
      cached(`run:${ref.runId}:${checkpoint.id}`, () => modelFromRun(store, ref.runId, { loadDataset: deps.loadDataset, checkpointId: checkpoint.id })),
    );
    return { model, runner, runId: ref.runId, checkpointId: checkpoint.id };
  }

  /**
   * The file a destination names (checked: a plain name in an existing folder), refusing to
   * replace existing files unless asked. `companions` are files written beside it.
   */
  function destination(request: Destination, companions: (name: string) => string[] = () => []): string {
    const target = request.path ?? join(request.folder!, request.fileName!);
    const { folder, name } = splitOutputPath(target);
    const paths = [pathInside(folder, name), ...companions(name).map((n) => pathInside(folder, n))];
    if (!request.overwrite) {
      const existing = paths.filter((p) => existsSync(p));
      if (existing.length > 0) {
        throw new ApiFailure('conflict', `${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; choose another name or allow replacing it`);
      }
    }
    return paths[0];
  }

  /** The .py snippet written beside a safetensors file. */
  const snippetBeside = (name: string) => [`${name.slice(0, name.length - extname(name).length) || name}.py`];

  async function importedInfo(id: string, summary: ModelSummary) {
    const file = await importedFile(id);
    return { id, path: file.path, bytes: file.bytes, summary: summaryForApi(summary) };
  }

  return {
    exportModel: async (request: ParsedRequestOf<'exportModel'>): Promise<ResponseOf<'exportModel'>> => {
      const { model, runId, checkpointId } = await resolve(request.model);
      const path = await service(() => destination(request, request.format === 'safetensors' ? snippetBeside : undefined));
      const result = await service(() => exportModel({ ...model, createdAt: new Date().toISOString() }, request.format, path));
      const record = runId === null ? null : store.recordExport({ runId, checkpointId, format: request.format, path: result.file.path, bytes: result.file.bytes });
      return { format: result.format, file: result.file, extras: result.extras, ...(result.snippet ? { snippet: result.snippet } : {}), export: record };
    },

    exportTemplates: async (request: ParsedRequestOf<'exportTemplates'>): Promise<ResponseOf<'exportTemplates'>> => {
      const { model } = await resolve(request.model);
      const files = await service(() =>
        exportTemplates(model, request.folder, {
          ...(request.coloring ? { coloring: request.coloring } : {}),
          ...(request.scaling ? { scaling: request.scaling } : {}),
          zoom: request.zoom,
        }),
      );
      return { files };
    },

    exportMetricsCsv: async (request: ParsedRequestOf<'exportMetricsCsv'>): Promise<ResponseOf<'exportMetricsCsv'>> => {
      requireRun(request.runId);
      const path = await service(() => destination(request));
      return { file: await service(() => exportMetricsCsv(store, request.runId, path)) };
    },

    exportPytorchProject: async (request: ParsedRequestOf<'exportPytorchProject'>): Promise<ResponseOf<'exportPytorchProject'>> => {
      requireRun(request.runId);
      const result = await service(() => exportPytorchProject(store, request.runId, request.folder, { loadDataset: deps.loadDataset, checkpointId: request.checkpointId }));
      return { folder: result.folder, files: result.files };
    },

    importRunMetrics: (request: ParsedRequestOf<'importRunMetrics'>): ResponseOf<'importRunMetrics'> => {
      try {
        return importRunMetrics(store, request.content, request.fileName);
      } catch (error) {
        if (error instanceof ExportError) throw new ApiFailure('invalid-request', error.message);
        throw error;
      }
    },

    listExports: (request: ParsedRequestOf<'listExports'>): ResponseOf<'listExports'> => {
      requireRun(request.runId);
      return { exports: store.listExports(request.runId) };
    },

    importModel: async (request: ParsedRequestOf<'importModel'>): Promise<ResponseOf<'importModel'>> => {
      await service(() => mkdir(modelsFolder, { recursive: true }).catch((error: Error) => {
        throw new ExportError(`cannot create the models folder ${modelsFolder}: ${error.message}`);
      }));
      const imported = await service(() => importModel(request.path, modelsFolder));
      return { model: await importedInfo(basename(imported.path), summarizeModel(imported.model)) };
    },

    listModels: async (): Promise<ResponseOf<'listModels'>> => {
      const listed = await listModels(modelsFolder);
      const models = [];
      for (const { path, summary } of listed.models) {
        try {
          models.push(await importedInfo(basename(path), summary));
        } catch {
          // deleted between listing and stat: not there any more
        }
      }
      return { models, problems: listed.problems.map((p) => ({ id: basename(p.path), path: p.path, message: p.message })) };
    },

    getModel: async (request: ParsedRequestOf<'getModel'>): Promise<ResponseOf<'getModel'>> => {
      const { model } = await resolve({ kind: 'imported', modelId: request.modelId });
      const layers = model.layers.map((layer) => ({ inputs: layer.inputs, units: layer.units, activation: layer.activation, w: encodeFloat32(layer.w), b: encodeFloat32(layer.b) }));
      return { model: await importedInfo(request.modelId, summarizeModel(model)), layers };
    },

    deleteModel: async (request: ParsedRequestOf<'deleteModel'>): Promise<ResponseOf<'deleteModel'>> => {
      const file = await importedFile(request.modelId);
      try {
        await unlink(file.path);
      } catch (error) {
        throw new ApiFailure('failed', `cannot delete ${file.path}: ${(error as Error).message}`);
      }
      return { deleted: true };
    },

    loadModel: async (request: ParsedRequestOf<'loadModel'>): Promise<ResponseOf<'loadModel'>> => {
      const { model } = await resolve(request.model);
      return { model: summaryForApi(summarizeModel(model)) };
    },

    predict: async (request: ParsedRequestOf<'predict'>): Promise<ResponseOf<'predict'>> => {
      const { model, runner } = await resolve(request.model);
      const { input } = model;
      if (input.kind !== 'image') {
        throw new ApiFailure('failed', `this model was trained on ${input.size} numbers per sample (toy data), not on images`);
      }
      const pre = input.preprocessing;
      type Decoded = { name: string; pixels: Uint8Array } | { name: string; error: string };
      const decodeOne = async (item: { name: string; base64: string } | string): Promise<Decoded> => {
        if (typeof item === 'string') {
          try {
            return { name: item, pixels: await loadImage(item, pre) };
          } catch (error) {
            if (error instanceof DatasetError) return { name: item, error: error.message };
            throw error;
          }
        }
        try {
          return { name: item.name, pixels: await decodeImage(Buffer.from(item.base64, 'base64'), item.name, pre) };
        } catch (error) {
          if (!(error instanceof ImageSkip)) throw error;
          return { name: item.name, error: `${item.name}: ${error.reason === 'corrupt' ? `corrupt or truncated image (${error.message})` : error.message}` };
        }
      };
      const items: ({ name: string; base64: string } | string)[] = request.images ?? request.paths ?? [];
      const decoded: Decoded[] = [];
      for (let start = 0; start < items.length; start += parallelDecodes) {
        decoded.push(...(await Promise.all(items.slice(start, start + parallelDecodes).map(decodeOne))));
      }

      const good = decoded.filter((d): d is { name: string; pixels: Uint8Array } => 'pixels' in d);
      const size = model.architecture.inputSize;
      const pixels = new Uint8Array(good.length * size);
      good.forEach((d, i) => pixels.set(d.pixels, i * size));
      const x = runner.normalize(pixels, good.length);
      const predictions = good.length > 0 ? runner.predict(x, good.length) : [];
      const explanations = good.length > 0 ? explainPredictions(model, x, good.length, predictions.map((p) => p.classIndex)) : [];
      const index = new Map(good.map((d, i) => [d, i]));
      const results = decoded.map((d): ResponseOf<'predict'>['results'][number] => {
        if (!('pixels' in d)) return { ok: false, name: d.name, error: d.error };
        const i = index.get(d)!;
        const p = predictions[i];
        return {
          ok: true,
          name: d.name,
          classIndex: p.classIndex,
          label: p.label,
          probabilities: p.probabilities,
          scores: p.scores,
          input: { width: pre.width, height: pre.height, channels: pre.channels, base64: Buffer.from(d.pixels.buffer, d.pixels.byteOffset, d.pixels.byteLength).toString('base64') },
          explanation: explanations[i],
        };
      });
      return { model: summaryForApi(summarizeModel(model)), classNames: model.classNames, results };
    },
  };
}
