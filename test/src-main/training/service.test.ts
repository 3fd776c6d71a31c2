import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { LabStore } from '../../../src-main/store';
import { TrainingService, spawnRunWorker, type TrainingServiceOptions } from '../../../src-main/training';
import type { ImageDataset, ImagePreprocessing } from '../../../src-shared/data/dataset';
import { stratifiedSplit } from '../../../src-shared/data/split';
import { Rng } from '../../../src-shared/random';
import { Trainer } from '../../../src-shared/engine/trainer';
import { runSources } from '../../../src-shared/training/run-data';
import { mergeSteps } from '../../../src-shared/training/run-loop';
import type { RunProgressEvent } from '../../../src-shared/training/messages';
import { makeToyDataset } from '../../../src-shared/toy/datasets';
import { tempFolder } from '../store/helpers';
import { asHistorySnapshot, BIG_STEPS_PER_EPOCH, bigSpiral, finalWeights, nextEvent, recordEvents, spiral, spiralConfig, split, uninterruptedWeights, workerKernels } from './helpers';

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let service: TrainingService | null = null;

beforeEach(() => {
  folder = tempFolder('lab-training-');
  store = new LabStore(folder.file('lab.db'));
});
afterEach(async () => {
  await service?.shutdown();
  service = null;
  store.close();
  folder.cleanup();
});

function makeService(options: TrainingServiceOptions = {}): TrainingService {
  service = new TrainingService(store, { maxConcurrent: 2, progressIntervalMs: 20, maxStepRowsPerSecond: Infinity, ...options });
  return service;
}

describe('training service', () => {
  it('trains a run in a worker and records metrics, checkpoints and the exact final weights', async () => {
    const svc = makeService();
    const events = recordEvents(svc);
    const config = spiralConfig(4);
    const run = svc.start({ name: 'spiral', config, data: spiral, split });
    expect(run.status).toBe('running'); // a slot was free
    const finished = await svc.waitFor(run.id);
    expect(finished).toEqual({ runId: run.id, status: 'done', error: null });

    const done = store.getRun(run.id)!;
    expect(done).toMatchObject({ status: 'done', epochsDone: 4, stepsDone: 48, error: null });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect(done.summary.valAccuracy).toBeGreaterThan(0);
    // one batch row per step, one train and val row per epoch (weight sparsity included)
    const names = Object.fromEntries(store.metricNames(run.id).map((m) => [`${m.split}/${m.name}`, m.count]));
    expect(names).toMatchObject({ 'batch/loss': 48, 'batch/accuracy': 48, 'train/loss': 4, 'val/accuracy': 4, 'train/lr': 4, 'train/zeroFraction': 4, 'train/firstLayerNearZeroFraction': 4 });
    expect(store.metricSeries(run.id, 'val', 'loss').points.map((p) => [p.epoch, p.step])).toEqual([[1, 12], [2, 24], [3, 36], [4, 48]]);
    // by default every epoch, fast as they are: the initial weights (epoch 0), each epoch but the last, then the final state
    const checkpoints = store.listCheckpoints(run.id);
    expect(checkpoints.map((c) => [c.epoch, c.step, c.reason])).toEqual([[0, 0, 'epoch'], [1, 12, 'epoch'], [2, 24, 'epoch'], [3, 36, 'epoch'], [4, 48, 'final']]);
    // the initial and the latest state are exact; an epoch between keeps its weights as a float16 snapshot
    expect(store.checkpointWeights(checkpoints[0].id)).toEqual(await uninterruptedWeights(config, undefined, undefined, 0));
    expect(store.checkpointWeights(checkpoints[1].id)).toEqual(asHistorySnapshot(await uninterruptedWeights(config, undefined, undefined, 1)));
    expect(finalWeights(store, run.id)).toEqual(await uninterruptedWeights(config));
    // the near-zero share recorded with the last epoch is the final weights' own
    const w = finalWeights(store, run.id).map((l) => Array.from(l.w));
    const near = (arrays: number[][]) => arrays.flat().filter((v) => Math.abs(v) < 1e-3).length / arrays.flat().length;
    expect(store.metricSeries(run.id, 'train', 'nearZeroFraction').points.at(-1)!.value).toBe(near(w));
    expect(store.metricSeries(run.id, 'train', 'firstLayerNearZeroFraction').points.at(-1)!.value).toBe(near(w.slice(0, 1)));

    // events: queued, running, progress…, then the final status and `finished` last
    const mine = events.of(run.id);
    expect(mine.filter((e) => e.name === 'status').map((e) => (e.event as { status: string }).status)).toEqual(['queued', 'running', 'done']);
    expect(mine.at(-1)!.name).toBe('finished');
    const progress = mine.filter((e) => e.name === 'progress').map((e) => e.event as { step: number; epochs: number; stepsPerEpoch: number });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ step: 48, epochs: 4, stepsPerEpoch: 12 });
  });

  it('pauses mid-run with the exact state, and a resumed run ends with the weights of one never paused', async () => {
    const svc = makeService({ checkpointEvery: 5 });
    const config = spiralConfig(6);
    const run = svc.start({ config, data: bigSpiral, split });
    // paced so the pause lands mid-run however late a busy machine delivers it (at full speed the
    // run could end first); the pace changes timing only, never the weights
    svc.setPace(run.id, { kind: 'batches', perSecond: 100 });
    await nextEvent(svc, 'progress', (e) => e.runId === run.id && e.step > BIG_STEPS_PER_EPOCH);
    svc.pause(run.id);
    expect(await svc.waitFor(run.id)).toEqual({ runId: run.id, status: 'paused', error: null });
    const paused = store.getRun(run.id)!;
    expect(paused.status).toBe('paused');
    const pauseCheckpoint = store.listCheckpoints(run.id).at(-1)!;
    expect(pauseCheckpoint).toMatchObject({ reason: 'pause', step: paused.stepsDone });
    expect(paused.stepsDone).toBeLessThan(6 * BIG_STEPS_PER_EPOCH);
    // metrics reach exactly the paused step
    expect(store.metricSeries(run.id, 'batch', 'loss', 10_000).points.at(-1)!.step).toBe(paused.stepsDone);
    await svc.whenIdle();
    expect(svc.snapshot()).toEqual({ training: [], queued: [] });

    svc.setPace(run.id, { kind: 'realtime' });
    svc.resume(run.id);
    expect((await svc.waitFor(run.id)).status).toBe('done');
    expect(store.getRun(run.id)).toMatchObject({ status: 'done', stepsDone: 6 * BIG_STEPS_PER_EPOCH, epochsDone: 6 });
    // resumed from the pause, not from the initial weights, which are kept once
    // (a busy machine may deliver the pause after epoch 5's checkpoint: order by step)
    const expected = [[0, 0, 'epoch'], [pauseCheckpoint.step, pauseCheckpoint.epoch, 'pause'], [5 * BIG_STEPS_PER_EPOCH, 5, 'epoch'], [6 * BIG_STEPS_PER_EPOCH, 6, 'final']] as const;
    expect(store.listCheckpoints(run.id).map((c) => [c.epoch, c.reason])).toEqual([...expected].sort((a, b) => a[0] - b[0]).map(([, epoch, reason]) => [epoch, reason]));
    expect(store.metricNames(run.id).find((m) => m.split === 'batch' && m.name === 'loss')!.count).toBe(6 * BIG_STEPS_PER_EPOCH);
    expect(finalWeights(store, run.id)).toEqual(await uninterruptedWeights(config, bigSpiral));
  });

  it('cancels a training run and a queued one', async () => {
    const svc = makeService({ maxConcurrent: 1 });
    const events = recordEvents(svc);
    const training = svc.start({ config: spiralConfig(50), data: bigSpiral, split });
    const waiting = svc.start({ config: spiralConfig(2), data: spiral, split });
    await nextEvent(svc, 'progress', (e) => e.runId === training.id);
    expect(store.getRun(waiting.id)!.status).toBe('queued');
    expect(svc.snapshot()).toEqual({ training: [training.id], queued: [waiting.id] });

    expect(svc.cancel(waiting.id).status).toBe('cancelled');
    svc.cancel(training.id);
    expect(await svc.waitFor(training.id)).toEqual({ runId: training.id, status: 'cancelled', error: null });
    await svc.whenIdle();
    expect(store.getRun(training.id)!.finishedAt).not.toBeNull();
    expect(store.getRun(training.id)!.stepsDone).toBeLessThan(50 * BIG_STEPS_PER_EPOCH);
    expect(store.getRun(waiting.id)!.startedAt).toBeNull();
    expect(events.of(waiting.id).map((e) => e.name)).toEqual(['status', 'status', 'finished']);
    expect(() => svc.cancel(training.id)).toThrow(/cancelled and cannot be cancelled/);
    expect(() => svc.resume(training.id)).toThrow(/cancelled and cannot be resumed/);
  });

  it('deletes a training run and an experiment with a queued run: stopped first, nothing left behind', async () => {
    const svc = makeService({ maxConcurrent: 1 });
    const experiment = store.createExperiment({ name: 'doomed' });
    const training = svc.start({ experimentId: experiment.id, config: spiralConfig(50), data: bigSpiral, split });
    const queued = svc.start({ experimentId: experiment.id, config: spiralConfig(2), data: spiral, split });
    const other = svc.start({ config: spiralConfig(2), data: spiral, split });
    await nextEvent(svc, 'progress', (e) => e.runId === training.id && e.epoch >= 1);
    expect(await svc.deleteRun(training.id)).toBe(true);
    expect(store.getRun(training.id)).toBeNull();
    expect(await svc.deleteExperiment(experiment.id)).toBe(true);
    expect(store.getRun(queued.id)).toBeNull();
    expect((await svc.waitFor(other.id)).status).toBe('done');
    await svc.whenIdle();
    const db = new Database(store.path, { readonly: true });
    for (const table of ['metrics', 'checkpoints']) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id <> ?`).get(other.id) as { n: number }).n).toBe(0);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('never trains more runs at once than its limit; the others wait queued', async () => {
    const svc = makeService({ maxConcurrent: 2 });
    let training = 0;
    let most = 0;
    svc.on('status', (e) => {
      if (e.status === 'running') most = Math.max(most, ++training);
      else if (e.status !== 'queued') training--;
    });
    const runs = Array.from({ length: 5 }, (_, i) => svc.start({ config: spiralConfig(3, { seed: i + 1 }), data: spiral, split }));
    expect(runs.map((r) => store.getRun(r.id)!.status)).toEqual(['running', 'running', 'queued', 'queued', 'queued']);
    expect(svc.snapshot().queued).toEqual(runs.slice(2).map((r) => r.id));
    await svc.whenIdle();
    expect(most).toBe(2);
    expect(runs.map((r) => store.getRun(r.id)!.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('starts twin runs together: same config, seed and split, L1 against L2', async () => {
    const svc = makeService({ maxConcurrent: 1 });
    const starts: number[] = [];
    svc.on('status', (e) => e.status === 'running' && starts.push(e.runId));
    const config = spiralConfig(30, { regularizer: { kind: 'none', l1: 0, l2: 0, proximal: false }, optimizer: { kind: 'sgd', lr: 0.2 } });
    const { twinGroup, runs } = svc.startTwins({ name: 'sparsity', config, data: spiral, split }, [
      { kind: 'l1', l1: 0.02, l2: 0, proximal: true },
      { kind: 'l2', l1: 0, l2: 0.02, proximal: false },
    ]);
    // both started at once even though the limit is one run
    expect(starts).toEqual(runs.map((r) => r.id));
    await svc.whenIdle();
    const [l1, l2] = runs.map((r) => store.getRun(r.id)!);
    expect([l1.name, l2.name]).toEqual(['sparsity · L1', 'sparsity · L2']);
    expect(store.listRuns({ twinGroup }).map((r) => r.id).sort()).toEqual(runs.map((r) => r.id).sort());
    expect(l1.seed).toBe(l2.seed);
    expect(l1.split).toEqual(l2.split);
    expect(store.compareRuns(l1.id, l2.id).differences.map((d) => d.path)).toEqual(['regularizer.kind', 'regularizer.l1', 'regularizer.l2', 'regularizer.proximal']);
    const zeros = (runId: number) => finalWeights(store, runId).reduce((n, layer) => n + layer.w.filter((w) => w === 0).length, 0);
    expect(zeros(l1.id)).toBeGreaterThan(10);
    expect(zeros(l2.id)).toBe(0);
    // the zero share per epoch, as the Sparsity view draws it: L1 ends with many weights at exactly zero, L2 with none
    const zeroShare = (runId: number) => store.metricSeries(runId, 'train', 'zeroFraction').points;
    expect(zeroShare(l1.id).map((p) => p.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(zeroShare(l1.id).at(-1)!.value).toBeGreaterThan(0.3);
    expect(zeroShare(l1.id).at(-1)!.value).toBe(zeros(l1.id) / 80);
    expect(zeroShare(l2.id).every((p) => p.value === 0)).toBe(true);
  });

  it('a worker terminated mid-run fails its run with the reason, leaves the database consistent, and other runs go on', async () => {
    const workers = new Map<number, Worker>();
    const svc = makeService({
      maxConcurrent: 2,
      spawnWorker: (script, input) => {
        const worker = spawnRunWorker(script, input);
        workers.set(input.runId, worker);
        return worker;
      },
    });
    const victim = svc.start({ config: spiralConfig(50, {}, 64), data: bigSpiral, split });
    const survivor = svc.start({ config: spiralConfig(40), data: spiral, split });
    await nextEvent(svc, 'progress', (e) => e.runId === victim.id && e.epoch >= 2);
    await workers.get(victim.id)!.terminate();
    const finished = await svc.waitFor(victim.id);
    expect(finished.status).toBe('failed');
    expect(finished.error).toMatch(/training worker stopped unexpectedly \(exit code 1\) before finishing/);
    expect((await svc.waitFor(survivor.id)).status).toBe('done');

    const failed = store.getRun(victim.id)!;
    expect(failed).toMatchObject({ status: 'failed', error: finished.error });
    const db = new Database(store.path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    // what was recorded is whole: metrics never beyond the recorded step, checkpoints readable
    const lastStep = store.metricSeries(failed.id, 'batch', 'loss', 100_000).points.at(-1)!.step;
    expect(lastStep).toBe(failed.stepsDone);
    const checkpoints = store.listCheckpoints(failed.id);
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(store.checkpointWeights(checkpoints.at(-1)!.id)[0].w.length).toBe(2 * 64);
    // and it can be resumed from its last checkpoint
    svc.resume(failed.id);
    expect((await svc.waitFor(failed.id)).status).toBe('done');
  });

  it('waitFor answers at once for a run whose end was announced while its worker is still exiting', async () => {
    const svc = makeService();
    const run = svc.start({ config: spiralConfig(2), data: spiral, split });
    // asked from inside the `finished` listener: the worker has not exited yet, and no other `finished` will come
    const asked = await new Promise<ReturnType<TrainingService['waitFor']>>((resolve) => {
      const off = svc.on('finished', (event) => {
        if (event.runId !== run.id) return;
        off();
        resolve(svc.waitFor(run.id));
      });
    });
    expect(await asked).toEqual({ runId: run.id, status: 'done', error: null });
  });

  it('fails a run whose worker throws, with the error, and one whose config the engine refuses', async () => {
    const svc = makeService({ workerScript: new URL('./fixtures/throwing-worker.ts', import.meta.url) });
    const run = svc.start({ config: spiralConfig(2), data: spiral, split });
    const finished = await svc.waitFor(run.id);
    expect(finished.status).toBe('failed');
    expect(finished.error).toMatch(/the training worker crashed: out of cheese/);
    expect(store.getRun(run.id)!.error).toBe(finished.error);
    await svc.whenIdle();

    const real = makeService();
    const bad = real.start({ config: spiralConfig(2, { model: { inputSize: 3, numClasses: 3, hidden: [] } }), data: spiral, split });
    const refused = await real.waitFor(bad.id);
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/training data has 2 inputs per sample, the model expects 3/);
  });

  it('spaces epoch checkpoints at least the minimum interval apart when asked, always keeping the initial and the final state', async () => {
    const svc = makeService({ checkpointMinIntervalMs: 60_000 });
    const run = svc.start({ config: spiralConfig(4), data: spiral, split });
    await svc.waitFor(run.id);
    expect(store.listCheckpoints(run.id).map((c) => [c.epoch, c.reason])).toEqual([[0, 'epoch'], [4, 'final']]);
  });

  it('resumes a run that failed before any epoch checkpoint from its initial weights, ending as if never stopped', async () => {
    const workers = new Map<number, Worker>();
    const svc = makeService({
      checkpointMinIntervalMs: 60_000, // only the initial weights are saved before the worker dies
      spawnWorker: (script, input) => {
        const worker = spawnRunWorker(script, input);
        workers.set(input.runId, worker);
        return worker;
      },
    });
    const config = spiralConfig(20);
    const run = svc.start({ config, data: bigSpiral, split });
    await nextEvent(svc, 'progress', (e) => e.runId === run.id && e.epoch >= 2);
    await workers.get(run.id)!.terminate();
    expect((await svc.waitFor(run.id)).status).toBe('failed');
    expect(store.listCheckpoints(run.id).map((c) => [c.epoch, c.step])).toEqual([[0, 0]]);
    await svc.whenIdle();

    svc.resume(run.id);
    expect((await svc.waitFor(run.id)).status).toBe('done');
    expect(store.listCheckpoints(run.id).map((c) => [c.epoch, c.reason])).toEqual([[0, 'epoch'], [20, 'final']]);
    expect(store.metricNames(run.id).find((m) => m.split === 'batch' && m.name === 'loss')!.count).toBe(20 * BIG_STEPS_PER_EPOCH);
    expect(finalWeights(store, run.id)).toEqual(await uninterruptedWeights(config, bigSpiral));
  });

  it('records means over consecutive mini-batches when a run steps faster than the row budget', async () => {
    const svc = makeService({ maxStepRowsPerSecond: 50 });
    const run = svc.start({ config: spiralConfig(100), data: spiral, split });
    await svc.waitFor(run.id);
    const { points, total } = store.metricSeries(run.id, 'batch', 'loss', 100_000);
    const seconds = store.getRun(run.id)!.trainSeconds;
    expect(total).toBeLessThan(1200);
    expect(total).toBeLessThanOrEqual(Math.ceil(50 * seconds) + 1);
    expect(points.at(-1)!.step).toBe(1200);
    expect(points.every((p, i) => i === 0 || p.step > points[i - 1].step)).toBe(true);
    expect(points.every((p) => p.value > 0 && Number.isFinite(p.value))).toBe(true);
  });

  it('merges steps into means labeled with the last step of each run', () => {
    const steps = [1, 2, 3, 4, 5].map((step) => ({ epoch: step <= 3 ? 1 : 2, step, dataLoss: step, regLoss: 0.5, loss: step + 0.5, accuracy: step / 8 }));
    expect(mergeSteps(steps, 2)).toEqual([
      { epoch: 1, step: 2, dataLoss: 1.5, regLoss: 0.5, loss: 2, accuracy: 0.1875 },
      { epoch: 2, step: 5, dataLoss: 4, regLoss: 0.5, loss: 4.5, accuracy: 0.5 },
    ]);
    expect(mergeSteps(steps, 5)).toEqual(steps);
  });

  it('reports a diverging run as diverged, with its weights kept', async () => {
    const svc = makeService();
    const run = svc.start({ config: spiralConfig(5, { optimizer: { kind: 'sgd', lr: 1e6 } }), data: spiral, split });
    const finished = await svc.waitFor(run.id);
    expect(finished.status).toBe('diverged');
    expect(finished.error).toMatch(/diverged at step \d+/);
    expect(store.listCheckpoints(run.id).at(-1)!.reason).toBe('final');
  });

  it('puts runs left queued back in the queue on start-up', async () => {
    const first = store.createRun({ config: spiralConfig(2), data: spiral, split });
    const second = store.createRun({ config: spiralConfig(2), data: spiral, split });
    const svc = makeService({ maxConcurrent: 1 });
    expect(svc.recover()).toEqual({ interrupted: [], queued: [first.id, second.id] });
    await svc.whenIdle();
    expect([first.id, second.id].map((id) => store.getRun(id)!.status)).toEqual(['done', 'done']);
  });

  it('throttles progress events to the interval', async () => {
    const svc = makeService({ progressIntervalMs: 100 });
    const times: number[] = [];
    const run = svc.start({ config: spiralConfig(100, {}, 32), data: spiral, split });
    svc.on('progress', (e) => e.runId === run.id && times.push(Date.now()));
    await svc.waitFor(run.id);
    expect(times.length).toBeGreaterThan(1);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // timers may fire a millisecond early; the final flush may come sooner
    expect(gaps.slice(0, -1).every((g) => g >= 95)).toBe(true);
  });

  it('trains twins on an image dataset loaded once and shared with both workers', async () => {
    // 60 RGB 4×4 images in 3 classes: each class is brightest in its own channel.
    const rng = new Rng(9);
    const n = 60;
    const size = 4 * 4 * 3;
    const pixels = new Uint8Array(n * size);
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < size; j++) pixels[i * size + j] = j % 3 === labels[i] ? 150 + rng.int(100) : rng.int(120);
    }
    const dataset: ImageDataset = { width: 4, height: 4, channels: 3, classNames: ['red', 'green', 'blue'], pixels, labels };
    const preprocessing: ImagePreprocessing = { width: 4, height: 4, channels: 3, fit: 'contain', background: [0, 0, 0] };
    const record = store.createDataset({ name: 'colors', source: 'builtin', options: { width: 4, height: 4 } });
    let loads = 0;
    const svc = makeService({
      loadDataset: async (datasetId, runSplit) => {
        expect(datasetId).toBe(record.id);
        loads++;
        return { dataset, splits: stratifiedSplit(labels, runSplit, runSplit.seed), preprocessing };
      },
    });
    const config = spiralConfig(5, { model: { inputSize: size, numClasses: 3, hidden: [{ units: 8, activation: 'relu' }] } });
    const data = { kind: 'dataset' as const, datasetId: record.id, normalization: 'per-channel' as const };
    const { runs } = svc.startTwins({ config, data, split });
    await svc.whenIdle();
    expect(loads).toBe(1);
    expect(runs.map((r) => store.getRun(r.id)!.status)).toEqual(['done', 'done']);
    expect(store.getRun(runs[0].id)!.datasetId).toBe(record.id);

    // the L2 twin ends exactly where the same training in this thread ends
    const rows = stratifiedSplit(labels, split, split.seed);
    const { train, val, normalization } = runSources({ kind: 'images', dataset, train: rows.train, val: rows.val, normalization: 'per-channel', preprocessing });
    // each run keeps what its model reads, so it predicts without the dataset
    for (const run of runs) expect(store.runModelInput(run.id)).toEqual({ classNames: ['red', 'green', 'blue'], preprocessing, normalization });
    const trainer = new Trainer(store.getRun(runs[1].id)!.config, train, val, { kernels: await workerKernels() });
    while (!trainer.finished) trainer.runEpoch();
    expect(finalWeights(store, runs[1].id)).toEqual(trainer.layerWeights());
    expect(store.getRun(runs[1].id)!.summary.valAccuracy).toBeGreaterThan(0.5);

    // without a loader, an image run fails with a reason instead of hanging
    const toyOnly = new TrainingService(store, { maxConcurrent: 1 });
    const orphan = toyOnly.start({ config, data, split });
    expect(await toyOnly.waitFor(orphan.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/no dataset loader, so it can only train on toy data/) });
  });
});

/** The last value of a stored per-epoch series. */
function lastEpochValue(runId: number, split: 'train' | 'val', name: string): number {
  return store.metricSeries(runId, split, name, 10_000).points.at(-1)!.value!;
}

/**
 * A run's loss numbers keep one meaning whether it trains, is paused or has finished: live
 * progress shows the last completed epoch's data loss and penalty λR(W) apart, and the run
 * record holds exactly those values once it stops (an L1 run once jumped from 0.006 live to
 * 0.637 paused, the data loss shown live and data loss + penalty after).
 */
describe('run summary', () => {
  it('shows the same data loss and penalty live, after a pause and after the end, never their sum as the data loss', async () => {
    const service = makeService({ maxConcurrent: 1 });
    // strong L1: the penalty is of the data loss's size, so a total passed off as the data loss would show
    const config = spiralConfig(4, { regularizer: { kind: 'l1', l1: 0.01, l2: 0, proximal: false } });
    const run = service.start({ name: 'l1', config, data: bigSpiral, split });
    let latest: RunProgressEvent | null = null;
    service.on('progress', (e) => {
      if (e.runId === run.id) latest = e;
    });
    await nextEvent(service, 'progress', (e) => e.runId === run.id && e.step > BIG_STEPS_PER_EPOCH + 5);
    const live = latest!.summary;
    expect(live.trainDataLoss).not.toBeNull();
    expect(live.trainPenalty!).toBeGreaterThan(0.1 * live.trainDataLoss!);

    service.pause(run.id);
    expect((await service.waitFor(run.id)).status).toBe('paused');
    const paused = store.getRun(run.id)!;
    // the last live event (flushed as the run stopped) and the paused record agree, field by field
    expect(paused.summary).toEqual(latest!.summary);
    expect(paused.summary.trainDataLoss).toBe(lastEpochValue(run.id, 'train', 'dataLoss'));
    expect(paused.summary.trainPenalty).toBe(lastEpochValue(run.id, 'train', 'regLoss'));
    expect(paused.summary.valDataLoss).toBe(lastEpochValue(run.id, 'val', 'dataLoss'));
    expect(paused.summary.trainDataLoss).not.toBeCloseTo(lastEpochValue(run.id, 'train', 'loss'), 3);
    // no epoch ended while pausing: what was shown live is what the paused run shows
    if (paused.epochsDone === 1) expect(paused.summary).toEqual(live);

    service.resume(run.id);
    expect((await service.waitFor(run.id)).status).toBe('done');
    const done = store.getRun(run.id)!;
    expect(done.epochsDone).toBe(4);
    expect(done.summary).toEqual(latest!.summary);
    expect(done.summary.trainDataLoss).toBe(lastEpochValue(run.id, 'train', 'dataLoss'));
    expect(done.summary.trainPenalty).toBe(lastEpochValue(run.id, 'train', 'regLoss'));
    expect(done.summary.trainDataLoss! + done.summary.trainPenalty!).toBeCloseTo(lastEpochValue(run.id, 'train', 'loss'), 6);
  });

  it('records each split\'s size and majority-class baseline as training starts', async () => {
    const service = makeService({ maxConcurrent: 1 });
    const data = { ...bigSpiral, samples: 400 };
    const run = service.start({ config: spiralConfig(1), data, split: { val: 0.1, test: 0, seed: 5 } });
    await service.waitFor(run.id);
    const points = makeToyDataset('spiral', { samples: 400, noise: data.noise, seed: data.seed });
    const rows = stratifiedSplit(points.labels, { val: 0.1, test: 0 }, 5);
    const share = (r: number[]) => Math.max(...[0, 1, 2].map((k) => r.filter((i) => points.labels[i] === k).length)) / r.length;
    const splits = store.getRun(run.id)!.splits!;
    expect(splits.train.samples).toBe(rows.train.length);
    expect(splits.val!.samples).toBe(rows.val.length);
    expect(splits.train.majorityAccuracy).toBeCloseTo(share(Array.from(rows.train)), 12);
    expect(splits.val!.majorityAccuracy).toBeCloseTo(share(Array.from(rows.val)), 12);
    expect(points.classNames).toContain(splits.val!.majorityClass);
    expect(splits.val!.samples).toBeGreaterThanOrEqual(30);
  });
});
