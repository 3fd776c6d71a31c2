/**
 * Instrument channels (issue 19):
 *
 *   getImageWarp     a run's validation samples in a plane per space (input, each hidden
 *                    layer), one PCA per space and run, at its checkpoints (≤ 16, spread)
 *   changeCourse     new learning rate or λ for a paused run, from the step it stopped at
 *   getCourse        the changes so far and the settings it trains with now
 *   rerunRun         the same run again from scratch (config, seed, data, split, changes)
 *   getReplayInfo    what reproduces a run, and its re-runs
 *   compareReplay    a run against its re-run: bit-identical, or how far apart
 *   startSweep · listSweeps · getSweep · cancelSweep
 *                    a grid of runs over two settings of a base run, as one experiment
 */

import type { ParsedRequestOf, ResponseOf } from '../../src-shared/api/contract';
import { imageWarp } from '../../src-shared/analysis/image-warp';
import { stratifiedSplit } from '../../src-shared/data/split';
import { ModelRunner } from '../../src-shared/export/predict';
import { makeToyDataset } from '../../src-shared/toy/datasets';
import { configAt } from '../../src-shared/training/course';
import { FINAL_RUN_STATUSES, type MetricSplit, type RunRecord } from '../../src-shared/training/records';
import { combineDifferences, compareValues, isReplayedMetric } from '../../src-shared/training/replay';
import { sweepCellConfig, sweepCellName, type SweepCell } from '../../src-shared/training/sweep';
import { StoreError, type LabStore } from '../store';
import type { DatasetLoader, LoadedDataset, TrainingService } from '../training';
import { ExportError, modelFromRun } from '../models';
import { ApiFailure } from './router';
import { asCommand, requireRunOf } from './runs';

export interface InstrumentDeps {
  store: LabStore;
  training: TrainingService;
  /** the loader training uses: same rows, same pixels */
  loadDataset: DatasetLoader;
}

/** Checkpoints a warp shows at most (evenly spread, first and last always). */
const maxWarpFrames = 16;
/** Warps kept, so scrubbing back to a run costs nothing. */
const keptWarps = 4;

/** `count` indices spread evenly over 0..length−1, first and last included. */
function spread(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  return [...new Set(Array.from({ length: count }, (_, k) => Math.round((k * (length - 1)) / (count - 1))))];
}

/** Up to `max` of `rows`, taking the classes in turn so every class shows. */
function balanced(rows: ArrayLike<number>, labelOf: (row: number) => number, max: number): number[] {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const label = labelOf(rows[i]);
    byClass.set(label, [...(byClass.get(label) ?? []), rows[i]]);
  }
  const queues = [...byClass.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
  const out: number[] = [];
  for (let k = 0; out.length < max && queues.some((q) => k < q.length); k++) {
    for (const q of queues) if (k < q.length && out.length < max) out.push(q[k]);
  }
  return out;
}

export function instrumentChannels(deps: InstrumentDeps) {
  const { store, training } = deps;
  const warps = new Map<string, Promise<ResponseOf<'getImageWarp'>>>();

  const requireRun = (id: number): RunRecord => requireRunOf(store, id);
  const command = asCommand;

  async function computeWarp(runId: number, maxPoints: number): Promise<ResponseOf<'getImageWarp'>> {
    const run = requireRun(runId);
    const checkpoints = store.listCheckpoints(runId);
    if (checkpoints.length === 0) throw new ApiFailure('conflict', `Run ${runId} has no saved weights yet: space warping shows it after its first checkpoint`);
    const chosen = spread(checkpoints.length, maxWarpFrames).map((i) => checkpoints[i]);
    let loaded: LoadedDataset | null = null;
    const loadOnce: DatasetLoader = async (datasetId, split) => (loaded ??= await deps.loadDataset(datasetId, split));
    let model;
    try {
      model = await modelFromRun(store, runId, { loadDataset: loadOnce });
    } catch (error) {
      if (error instanceof ExportError) throw new ApiFailure('conflict', error.message);
      throw error;
    }
    const spec = run.config.model;
    let x: Float32Array;
    let labels: number[];
    let input: ResponseOf<'getImageWarp'>['input'];
    if (run.data.kind === 'toy') {
      const { toy, samples, noise, seed, classes } = run.data;
      const points = makeToyDataset(toy, { samples, noise, seed, classes });
      const rows = balanced(stratifiedSplit(points.labels, { val: run.split.val, test: run.split.test }, run.split.seed).val, (r) => points.labels[r], maxPoints);
      x = Float32Array.from(rows.flatMap((r) => [points.x[2 * r], points.x[2 * r + 1]]));
      labels = rows.map((r) => points.labels[r]);
      input = { kind: 'vector', size: 2 };
    } else {
      const data: LoadedDataset = loaded ?? (await loadOnce(run.data.datasetId, run.split));
      const { dataset } = data;
      const size = dataset.width * dataset.height * dataset.channels;
      const rows = balanced(data.splits.val.length > 0 ? data.splits.val : data.splits.train, (r) => dataset.labels[r], maxPoints);
      const bytes = new Uint8Array(rows.length * size);
      rows.forEach((r, i) => bytes.set(dataset.pixels.subarray(r * size, (r + 1) * size), i * size));
      x = new ModelRunner(model).normalize(bytes, rows.length);
      labels = rows.map((r) => dataset.labels[r]);
      input = { kind: 'image', width: dataset.width, height: dataset.height, channels: dataset.channels, pixels: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') };
    }
    if (labels.length === 0) throw new ApiFailure('conflict', `Run ${runId} has no validation samples to project`);
    const frames = chosen.map((c) => ({ epoch: c.epoch, checkpointId: c.id, layers: store.checkpointWeights(c.id) }));
    // in pieces of a fraction of a second each, so pause and cancel are answered meanwhile
    const warp = await imageWarp(spec, x, labels, labels.length, frames, { pause: () => new Promise((resolve) => setImmediate(resolve)) });
    // 4 significant digits are plenty for a point on a canvas and keep the answer small
    const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : 0);
    return {
      runId,
      classNames: model.classNames,
      labels,
      input,
      spaces: warp.spaces,
      frames: warp.frames.map((f) => ({ epoch: f.epoch, checkpointId: f.checkpointId, points: f.points.map((p) => Array.from(p, round)), separation: f.separation })),
    };
  }

  function courseOf(runId: number): ResponseOf<'getCourse'> {
    const run = requireRun(runId);
    const changes = store.replays.course(runId);
    const now = configAt(run.config, changes, Number.POSITIVE_INFINITY);
    return { runId, current: { lr: now.optimizer.lr, l1: now.regularizer.l1, l2: now.regularizer.l2 }, changes };
  }

  function sweepState(id: number): ResponseOf<'getSweep'> {
    const sweep = store.sweeps.get(id);
    if (!sweep) throw new ApiFailure('not-found', `Sweep ${id} does not exist`);
    const cells = store.sweeps.cells(id).flatMap((c) => {
      const run = store.getRun(c.runId);
      if (!run) return [];
      let value: number | null = null;
      if (run.epochsDone > 0) {
        value = sweep.metric === 'valAccuracy'
          ? run.summary.valAccuracy
          : store.metricSeries(run.id, 'train', 'zeroFraction', 2).points.at(-1)?.value ?? null;
      }
      return [{ ...c, status: run.status, value: value !== null && Number.isFinite(value) ? value : null }];
    });
    return { sweep, cells, finished: cells.filter((c) => FINAL_RUN_STATUSES.includes(c.status)).length, total: cells.length };
  }

  return {
    getImageWarp: (request: ParsedRequestOf<'getImageWarp'>) => {
      const last = store.listCheckpoints(request.runId).at(-1)?.id ?? 'none';
      const key = `${request.runId}:${last}:${request.maxPoints}`;
      let pending = warps.get(key);
      if (!pending) {
        pending = computeWarp(request.runId, request.maxPoints);
        warps.set(key, pending);
        pending.catch(() => warps.delete(key));
        while (warps.size > keptWarps) warps.delete(warps.keys().next().value!);
      }
      return pending;
    },

    changeCourse: (request: ParsedRequestOf<'changeCourse'>): ResponseOf<'changeCourse'> => {
      const run = requireRun(request.id);
      if (run.status !== 'paused') throw new ApiFailure('conflict', `Run ${run.id} is ${run.status}: pause it first; the new settings apply from where it stopped`);
      const checkpoint = store.latestCheckpoint(run.id);
      if (!checkpoint) throw new ApiFailure('conflict', `Run ${run.id} has no saved state to continue from`);
      const kind = run.config.regularizer.kind;
      if (request.l1 !== undefined && kind !== 'l1' && kind !== 'elastic') throw new ApiFailure('invalid-request', `Run ${run.id} has no L1 penalty (it uses ${kind}), so λ1 cannot change`, [{ path: 'l1', message: 'this run has no L1 penalty' }]);
      if (request.l2 !== undefined && kind !== 'l2' && kind !== 'elastic') throw new ApiFailure('invalid-request', `Run ${run.id} has no L2 penalty (it uses ${kind}), so λ2 cannot change`, [{ path: 'l2', message: 'this run has no L2 penalty' }]);
      command(() => store.replays.addCourseChange(run.id, {
        step: checkpoint.step, epoch: checkpoint.epoch, at: Date.now(),
        ...(request.lr !== undefined ? { lr: request.lr } : {}),
        ...(request.l1 !== undefined ? { l1: request.l1 } : {}),
        ...(request.l2 !== undefined ? { l2: request.l2 } : {}),
      }));
      return courseOf(run.id);
    },
    getCourse: (request: ParsedRequestOf<'getCourse'>) => courseOf(request.id),

    rerunRun: (request: ParsedRequestOf<'rerunRun'>) => {
      const run = requireRun(request.id);
      if (run.status !== 'done' && run.status !== 'diverged') throw new ApiFailure('conflict', `Run ${run.id} is ${run.status}: only a finished run can be re-run`);
      return command(() => training.start({
        experimentId: run.experimentId,
        name: `${run.name || `run ${run.id}`} · re-run`,
        config: run.config,
        data: run.data,
        split: run.split,
        course: store.replays.course(run.id),
        replayOf: run.id,
      }));
    },
    getReplayInfo: (request: ParsedRequestOf<'getReplayInfo'>): ResponseOf<'getReplayInfo'> => {
      requireRun(request.id);
      return { runId: request.id, provenance: store.replays.provenance(request.id), replayOf: store.replays.replayOf(request.id), replays: store.replays.replaysOf(request.id) };
    },
    compareReplay: (request: ParsedRequestOf<'compareReplay'>): ResponseOf<'compareReplay'> => {
      const original = requireRun(request.original);
      const replay = requireRun(request.replay);
      const [pa, pb] = [store.replays.provenance(original.id), store.replays.provenance(replay.id)];
      const setup: [string, string, string][] = [
        ['kernel path', pa?.kernel ?? 'unknown', pb?.kernel ?? 'unknown'],
        ['threads', String(pa?.threads ?? 'unknown'), String(pb?.threads ?? 'unknown')],
        ['app version', original.appVersion, replay.appVersion],
        ['dataset content', pa?.datasetHash ?? 'unknown', pb?.datasetHash ?? 'unknown'],
      ];
      const setupDifferences = setup.filter(([, a, b]) => a !== b).map(([what, a, b]) => ({ what, original: a, replay: b }));
      const names = new Map<string, { split: MetricSplit; name: string }>();
      for (const m of [...store.metricNames(original.id), ...store.metricNames(replay.id)]) if (isReplayedMetric(m.split, m.name)) names.set(`${m.split}/${m.name}`, m);
      const full = (runId: number, split: MetricSplit, name: string) => store.metricSeries(runId, split, name, 1_000_000).points.map((p) => p.value);
      const series = [...names.values()].map(({ split, name }) => ({ split, name, difference: compareValues(full(original.id, split, name), full(replay.id, split, name)) }));
      const metrics = combineDifferences(series.map((s) => s.difference));
      const finalWeights = (run: RunRecord) => {
        const last = store.listCheckpoints(run.id).at(-1);
        return last && last.reason === 'final' ? store.checkpointWeights(last.id).flatMap((l) => [...l.w, ...l.b]) : null;
      };
      const [wa, wb] = [finalWeights(original), finalWeights(replay)];
      const weights = wa && wb ? compareValues(wa, wb) : null;
      const finished = original.status === 'done' && replay.status === 'done';
      const identical = finished && weights !== null && weights.differing === 0 && weights.missing === 0 && metrics.differing === 0 && metrics.missing === 0;
      return { original, replay, identical, sameSetup: setupDifferences.length === 0, setupDifferences, weights, metrics, series };
    },

    startSweep: (request: ParsedRequestOf<'startSweep'>): ResponseOf<'startSweep'> => {
      const base = requireRun(request.baseRunId);
      const [rows, cols] = request.axes;
      // every cell's config must be trainable before any run is queued
      const configs = rows.values.map((_, i) => cols.values.map((__, j) => {
        try {
          return sweepCellConfig(base.config, request.axes, i, j);
        } catch (error) {
          throw new ApiFailure('invalid-request', `Sweep: ${(error as Error).message}`, [{ path: 'axes', message: (error as Error).message }]);
        }
      }));
      const name = request.name ?? `Sweep of ${base.name || `run ${base.id}`}: ${rows.param} × ${cols.param}`;
      const experiment = store.createExperiment({ name, notes: `Sweep over ${rows.param} (${rows.values.join(', ')}) × ${cols.param} (${cols.values.join(', ')}), from run ${base.id}.`, tags: ['sweep'] });
      const cells: SweepCell[] = [];
      command(() => {
        configs.forEach((row, i) => row.forEach((config, j) => {
          const run = training.start({ experimentId: experiment.id, name: sweepCellName(request.axes, i, j), config, data: base.data, split: base.split });
          cells.push({ i, j, runId: run.id });
        }));
      });
      const sweep = store.sweeps.create({ experimentId: experiment.id, name, baseRunId: base.id, axes: request.axes, metric: request.metric, cells });
      return sweepState(sweep.id);
    },
    listSweeps: () => ({ sweeps: store.sweeps.list() }),
    getSweep: (request: ParsedRequestOf<'getSweep'>) => sweepState(request.id),
    cancelSweep: (request: ParsedRequestOf<'cancelSweep'>) => {
      const state = sweepState(request.id);
      for (const cell of state.cells) {
        if (FINAL_RUN_STATUSES.includes(cell.status)) continue;
        try {
          training.cancel(cell.runId);
        } catch (error) {
          // finished on its own meanwhile: nothing to cancel
          if (!(error instanceof StoreError)) throw error;
        }
      }
      return sweepState(request.id);
    },
  };
}
