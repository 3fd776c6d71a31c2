/**
 * Run channels: commands go to the training service (which queues, trains in workers and
 * records), queries straight to the store. Requests that are well-formed but make no
 * sense for the data (a model whose input size does not match the dataset) are refused
 * here with the field named, before anything is written.
 */

import type { ParsedRequestOf, ResponseOf } from '../../src-shared/api/contract';
import type { ApiIssue } from '../../src-shared/api/result';
import type { MetricSeries, RunRecord } from '../../src-shared/training/records';
import type { TrainConfig } from '../../src-shared/engine/types';
import { makeToyDataset } from '../../src-shared/toy/datasets';
import { StoreError, type LabStore } from '../store';
import type { TrainingService } from '../training';
import { datasetSummary } from './datasets';
import { ApiFailure } from './router';

type NewRunRequest = ParsedRequestOf<'startRun'>;

/** A float32 array as the contract carries it (`float32Base64`). */
export function encodeFloat32(values: Float32Array) {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  // Float32Array is little-endian on every platform Node and Electron ship for.
  return { dtype: 'float32' as const, length: values.length, base64: bytes.toString('base64') };
}

/** Columnar, with NaN and ±Infinity as null (JSON has neither). */
export function seriesForApi(series: MetricSeries): ResponseOf<'getMetricSeries'>['series'][number] {
  return {
    split: series.split,
    name: series.name,
    total: series.total,
    epoch: series.points.map((p) => p.epoch),
    step: series.points.map((p) => p.step),
    value: series.points.map((p) => (Number.isFinite(p.value) ? p.value : null)),
  };
}

/** Chart answers kept for unchanged runs: one run's series are ~5 small arrays each. */
const seriesCacheEntries = 64;

/** The run, or a not-found failure naming it. */
export function requireRunOf(store: LabStore, id: number): RunRecord {
  const run = store.getRun(id);
  if (!run) throw new ApiFailure('not-found', `Run ${id} does not exist`);
  return run;
}

/** The service refuses impossible transitions (pausing a finished run) with StoreError: a conflict for the caller. */
export function asCommand<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof StoreError) throw new ApiFailure('conflict', error.message);
    throw error;
  }
}

export function runChannels(store: LabStore, training: TrainingService) {
  /**
   * Series answers by run version. A series of a million rows takes a few hundred ms to
   * bucket; a thousand clients asking for it at once must not cost a thousand scans on
   * the main thread, so an answer is reused until the run records something new (its
   * updatedAt, steps and status change with every write).
   */
  const seriesCache = new Map<string, ResponseOf<'getMetricSeries'>['series']>();
  const cachedSeries = (key: string, compute: () => ResponseOf<'getMetricSeries'>['series']) => {
    let value = seriesCache.get(key);
    if (value) seriesCache.delete(key);
    else value = compute();
    seriesCache.set(key, value);
    while (seriesCache.size > seriesCacheEntries) seriesCache.delete(seriesCache.keys().next().value!);
    return value;
  };

  const requireRun = (id: number) => requireRunOf(store, id);
  const command = asCommand;

  /** The model must fit the data: input size and class count. */
  function checkRunAgainstData(request: NewRunRequest, config: TrainConfig = request.config): void {
    if (request.experimentId != null && !store.getExperiment(request.experimentId)) {
      throw new ApiFailure('not-found', `Experiment ${request.experimentId} does not exist`);
    }
    let inputSize: number;
    let numClasses: number;
    let what: string;
    if (request.data.kind === 'dataset') {
      const record = store.getDataset(request.data.datasetId);
      if (!record) throw new ApiFailure('not-found', `Dataset ${request.data.datasetId} does not exist`);
      const summary = datasetSummary(record);
      inputSize = summary.width * summary.height * summary.channels;
      numClasses = summary.classNames.length;
      what = `dataset ${record.id} (${summary.width}×${summary.height}×${summary.channels}, ${numClasses} classes)`;
    } else {
      const { toy, samples, noise, seed, classes } = request.data;
      try {
        numClasses = makeToyDataset(toy, { samples, noise, seed, classes }).numClasses;
      } catch (error) {
        throw new ApiFailure('invalid-request', `Invalid startRun request: data: ${(error as Error).message}`, [{ path: 'data', message: (error as Error).message }]);
      }
      inputSize = 2;
      what = `the ${toy} toy data (2 inputs, ${numClasses} classes)`;
    }
    const issues: ApiIssue[] = [];
    if (config.model.inputSize !== inputSize) issues.push({ path: 'config.model.inputSize', message: `must be ${inputSize} for ${what}, got ${config.model.inputSize}` });
    if (config.model.numClasses !== numClasses) issues.push({ path: 'config.model.numClasses', message: `must be ${numClasses} for ${what}, got ${config.model.numClasses}` });
    if (issues.length > 0) {
      throw new ApiFailure('invalid-request', `Invalid run request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    }
  }

  const spec = (request: NewRunRequest) => ({
    experimentId: request.experimentId ?? null,
    name: request.name,
    config: request.config,
    data: request.data,
    split: request.split,
  });

  return {
    startRun: (request: ParsedRequestOf<'startRun'>) => {
      checkRunAgainstData(request);
      return command(() => training.start(spec(request)));
    },
    startTwins: (request: ParsedRequestOf<'startTwins'>) => {
      checkRunAgainstData(request);
      return command(() => training.startTwins(spec(request), request.regularizers));
    },
    pauseRun: (request: ParsedRequestOf<'pauseRun'>) => {
      requireRun(request.id);
      return command(() => training.pause(request.id));
    },
    resumeRun: (request: ParsedRequestOf<'resumeRun'>) => {
      requireRun(request.id);
      return command(() => training.resume(request.id));
    },
    setRunPace: (request: ParsedRequestOf<'setRunPace'>) => {
      requireRun(request.id);
      return command(() => training.setPace(request.id, request.pace));
    },
    stepRun: (request: ParsedRequestOf<'stepRun'>) => {
      requireRun(request.id);
      return command(() => training.step(request.id, request.unit));
    },
    cancelRun: (request: ParsedRequestOf<'cancelRun'>) => {
      requireRun(request.id);
      return command(() => training.cancel(request.id));
    },
    listRuns: (request: ParsedRequestOf<'listRuns'>) => ({ runs: store.listRuns(request) }),
    getRun: (request: ParsedRequestOf<'getRun'>) => {
      const run = requireRun(request.id);
      return { run, checkpoints: store.listCheckpoints(run.id), series: store.metricNames(run.id) };
    },
    renameRun: (request: ParsedRequestOf<'renameRun'>) => {
      requireRun(request.id);
      return store.renameRun(request.id, request.name);
    },
    deleteRun: async (request: ParsedRequestOf<'deleteRun'>) => {
      requireRun(request.id);
      return { deleted: await training.deleteRun(request.id) };
    },
    deleteExperiment: async (request: ParsedRequestOf<'deleteExperiment'>) => {
      if (!store.getExperiment(request.id)) throw new ApiFailure('not-found', `Experiment ${request.id} does not exist`);
      return { deleted: await training.deleteExperiment(request.id) };
    },
    getMetricSeries: (request: ParsedRequestOf<'getMetricSeries'>) => {
      const run = requireRun(request.runId);
      const version = `${run.id}:${run.updatedAt}:${run.stepsDone}:${run.status}:${request.maxPoints}`;
      const key = `${version}:${request.series ? request.series.map((w) => `${w.split}/${w.name}`).join(',') : '*'}`;
      const series = cachedSeries(key, () => {
        const available = store.metricNames(request.runId);
        const wanted = request.series ?? available.map(({ split, name }) => ({ split, name }));
        return wanted
          .filter((w) => available.some((a) => a.split === w.split && a.name === w.name))
          .map((w) => seriesForApi(store.metricSeries(request.runId, w.split, w.name, request.maxPoints)));
      });
      return { runId: request.runId, series };
    },
    getWeights: (request: ParsedRequestOf<'getWeights'>) => {
      requireRun(request.runId);
      const checkpoints = store.listCheckpoints(request.runId);
      const checkpoint = request.checkpointId === undefined ? checkpoints.at(-1) : checkpoints.find((c) => c.id === request.checkpointId);
      if (!checkpoint) {
        throw new ApiFailure(
          'not-found',
          request.checkpointId === undefined ? `Run ${request.runId} has no checkpoint yet` : `Run ${request.runId} has no checkpoint ${request.checkpointId}`,
        );
      }
      const layers = store.checkpointWeights(checkpoint.id).map((layer) => ({
        inputs: layer.inputs,
        units: layer.units,
        activation: layer.activation,
        w: encodeFloat32(layer.w),
        b: encodeFloat32(layer.b),
      }));
      return { runId: request.runId, checkpoint, layers };
    },
    compareRuns: (request: ParsedRequestOf<'compareRuns'>) => {
      requireRun(request.a);
      requireRun(request.b);
      const comparison = store.compareRuns(request.a, request.b, request.maxPoints);
      return {
        runs: comparison.runs,
        differences: comparison.differences,
        series: comparison.series.map((s) => ({
          split: s.split,
          name: s.name,
          a: s.a ? seriesForApi(s.a) : null,
          b: s.b ? seriesForApi(s.b) : null,
        })),
      };
    },
  };
}
