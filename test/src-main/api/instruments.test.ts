/**
 * The instrument channels against the real lab: web transport, a fresh SQLite file, real
 * training workers, images written with sharp and imported.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeContract, type RequestOf, type ResponseOf } from '../../../src-shared/api/contract';
import type { ApiResult } from '../../../src-shared/api/result';
import { healthMetricNames } from '../../../src-shared/training/health-metrics';
import { startHarness, waitForEvent, writeImageFolder, type Harness } from './harness';
import { toyConfig, toyData } from './fixtures';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('web');
});
afterAll(async () => {
  await h?.close();
});

function checked<C extends keyof typeof invokeContract>(channel: C, result: ApiResult<unknown>): ResponseOf<C> {
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return invokeContract[channel].response.parse(result.value) as ResponseOf<C>;
}

async function trainToEnd(request: RequestOf<'startRun'>): Promise<ResponseOf<'startRun'>> {
  const run = checked('startRun', await h.api.startRun(request));
  const since = h.events.length;
  const end = await waitForEvent(h, 'runFinished', (e) => e.runId === run.id, 60_000, since - 50);
  expect(end.status).toBe('done');
  return checked('getRun', await h.api.getRun({ id: run.id })).run;
}

async function leftPause(runId: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (checked('getRun', await h.api.getRun({ id: runId })).run.status !== 'paused') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} stayed paused after an accepted resume`);
}

async function finished(runId: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { run } = checked('getRun', await h.api.getRun({ id: runId }));
    if (['done', 'cancelled', 'failed', 'diverged', 'paused'].includes(run.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not finish`);
}

describe('layer health and replay', () => {
  it('records every layer\'s health each epoch, what reproduces the run, and a re-run that is bit-identical', async () => {
    const config = toyConfig(5, { model: { inputSize: 2, numClasses: 3, hidden: [{ units: 8, activation: 'relu' }, { units: 6, activation: 'relu' }] } });
    const run = await trainToEnd({ name: 'health', config, data: toyData });
    const { series } = checked('getRun', await h.api.getRun({ id: run.id }));
    const health = series.filter((s) => s.name.startsWith('health.'));
    expect(health.map((s) => s.name).sort()).toEqual([...healthMetricNames(config.model)].sort());
    for (const s of health) expect(s.count).toBe(5);
    const ratios = checked('getMetricSeries', await h.api.getMetricSeries({ runId: run.id, series: [{ split: 'train', name: 'health.L1.ratio' }, { split: 'train', name: 'health.L1.dead' }] }));
    for (const v of ratios.series[0].value) expect(v).toBeGreaterThan(0);
    for (const v of ratios.series[1].value) expect(v).toBeGreaterThanOrEqual(0);

    const info = checked('getReplayInfo', await h.api.getReplayInfo({ id: run.id }));
    expect(info.provenance).toMatchObject({ kernel: expect.stringMatching(/^(wasm|native)-/), threads: 1, appVersion: run.appVersion, datasetHash: expect.stringMatching(/^toy-crc32:[0-9a-f]{16}$/) });
    expect(info.replayOf).toBeNull();

    const replay = checked('rerunRun', await h.api.rerunRun({ id: run.id }));
    expect(replay).toMatchObject({ config: run.config, data: run.data, split: run.split, seed: run.seed });
    await finished(replay.id);
    expect(checked('getReplayInfo', await h.api.getReplayInfo({ id: run.id })).replays).toEqual([replay.id]);
    const comparison = checked('compareReplay', await h.api.compareReplay({ original: run.id, replay: replay.id }));
    expect(comparison.sameSetup).toBe(true);
    expect(comparison.weights).toMatchObject({ differing: 0, missing: 0 });
    expect(comparison.weights!.compared).toBe(2 * 8 + 8 + 8 * 6 + 6 + 6 * 3 + 3);
    expect(comparison.metrics.differing).toBe(0);
    expect(comparison.metrics.compared).toBeGreaterThan(5 * 30);
    expect(comparison.identical).toBe(true);

    // a run that differs is told apart, with how far
    const other = await trainToEnd({ name: 'other seed', config: { ...config, seed: 8 }, data: toyData });
    const apart = checked('compareReplay', await h.api.compareReplay({ original: run.id, replay: other.id }));
    expect(apart.identical).toBe(false);
    expect(apart.weights!.differing).toBeGreaterThan(0);
    expect(apart.weights!.maxAbsDifference).toBeGreaterThan(0);
  });

  it('refuses to re-run a run that has not finished', async () => {
    const result = await h.api.rerunRun({ id: 999_999 });
    expect(result.ok).toBe(false);
  });
});

describe('changing course mid-run', () => {
  it('changes the learning rate of a paused run, resumes, records it, and a re-run repeats it bit for bit', async () => {
    // wide enough that a step takes milliseconds, so the pause lands mid-run
    const config = toyConfig(4, { model: { inputSize: 2, numClasses: 3, hidden: [{ units: 192, activation: 'relu' }, { units: 192, activation: 'relu' }] }, optimizer: { kind: 'sgd', lr: 0.2 } });
    const run = checked('startRun', await h.api.startRun({ name: 'course', config, data: { ...toyData, samples: 1200 } }));
    const refused = await h.api.changeCourse({ id: run.id, lr: 0.01 });
    expect(refused.ok ? null : refused.error.code).toBe('conflict');
    await waitForEvent(h, 'runProgress', (e) => e.runId === run.id && e.step >= 20, 60_000);
    checked('pauseRun', await h.api.pauseRun({ id: run.id }));
    await finished(run.id);
    const paused = checked('getRun', await h.api.getRun({ id: run.id })).run;
    expect(paused.status).toBe('paused');

    const noL1 = await h.api.changeCourse({ id: run.id, l1: 0.1 });
    expect(noL1.ok ? null : noL1.error.message).toMatch(/no L1 penalty/);
    const course = checked('changeCourse', await h.api.changeCourse({ id: run.id, lr: 0.02 }));
    expect(course.current.lr).toBe(0.02);
    expect(course.changes).toHaveLength(1);
    const step = course.changes[0].step;
    expect(step).toBeGreaterThanOrEqual(20);

    checked('resumeRun', await h.api.resumeRun({ id: run.id }));
    // an accepted resume of a run whose paused worker is still exiting starts once it has gone
    await leftPause(run.id);
    await finished(run.id);
    const done = checked('getRun', await h.api.getRun({ id: run.id })).run;
    expect(done.status).toBe('done');
    expect(done.config.optimizer.lr).toBe(0.2); // the original stays; the change is beside it
    const lr = checked('getMetricSeries', await h.api.getMetricSeries({ runId: run.id, series: [{ split: 'train', name: 'lr' }] })).series[0].value;
    expect(lr.at(-1)).toBe(0.02);
    expect(lr[0]).toBe(step >= 34 ? 0.2 : 0.02); // 34 steps an epoch: epoch 1 reports 0.2 unless the change came before its end

    const replay = checked('rerunRun', await h.api.rerunRun({ id: run.id }));
    expect(checked('getCourse', await h.api.getCourse({ id: replay.id })).changes).toEqual(course.changes);
    await finished(replay.id);
    const comparison = checked('compareReplay', await h.api.compareReplay({ original: run.id, replay: replay.id }));
    expect(comparison.identical).toBe(true);
  });
});

describe('sweeps', () => {
  it('a 3×3 sweep ends with 9 runs in one experiment and a filled heatmap', async () => {
    const base = await trainToEnd({ name: 'sweep base', config: toyConfig(3), data: toyData });
    const state = checked('startSweep', await h.api.startSweep({ baseRunId: base.id, axes: [{ param: 'lr', values: [0.1, 0.3, 1] }, { param: 'l2', values: [0, 1e-3, 1e-2] }] }));
    expect(state.total).toBe(9);
    expect(state.cells.map((c) => [c.i, c.j])).toEqual([[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]]);
    for (const c of state.cells) await finished(c.runId);
    const end = checked('getSweep', await h.api.getSweep({ id: state.sweep.id }));
    expect(end.finished).toBe(9);
    expect(end.cells.every((c) => c.status === 'done' && c.value !== null && c.value >= 0 && c.value <= 1)).toBe(true);
    const runs = checked('listRuns', await h.api.listRuns({ experimentId: state.sweep.experimentId })).runs;
    expect(runs).toHaveLength(9);
    const cell = runs.find((r) => r.id === end.cells[5].runId)!; // row 1, column 2
    expect(cell.config.optimizer.lr).toBe(0.3);
    expect(cell.config.regularizer).toMatchObject({ kind: 'l2', l2: 1e-2 });
    expect(checked('listSweeps', await h.api.listSweeps()).sweeps.map((s) => s.id)).toContain(state.sweep.id);
    const experiment = checked('listExperiments', await h.api.listExperiments()).experiments.find((e) => e.id === state.sweep.experimentId)!;
    expect(experiment.tags).toEqual(['sweep']);
  });

  it('cancels every unfinished run of a sweep', async () => {
    const base = await trainToEnd({ name: 'long base', config: toyConfig(1), data: toyData });
    const state = checked('startSweep', await h.api.startSweep({ baseRunId: base.id, axes: [{ param: 'epochs', values: [5000, 6000] }, { param: 'seed', values: [1, 2] }] }));
    const cancelled = checked('cancelSweep', await h.api.cancelSweep({ id: state.sweep.id }));
    for (const c of cancelled.cells) await finished(c.runId);
    const end = checked('getSweep', await h.api.getSweep({ id: state.sweep.id }));
    expect(end.cells.map((c) => c.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(end.finished).toBe(4);
  });

  it('refuses a grid a base run cannot take, before queueing anything', async () => {
    const base = await trainToEnd({ name: 'linear', config: toyConfig(1, { model: { inputSize: 2, numClasses: 3, hidden: [] } }), data: toyData });
    const before = checked('listRuns', await h.api.listRuns({})).runs.length;
    const result = await h.api.startSweep({ baseRunId: base.id, axes: [{ param: 'width', values: [4, 8] }, { param: 'lr', values: [0.1] }] });
    expect(result.ok ? null : result.error.message).toMatch(/linear model has no hidden width/);
    expect(checked('listRuns', await h.api.listRuns({})).runs.length).toBe(before);
  });
});

describe('space warping on real images', () => {
  it('projects the validation images in input space and each hidden space at every checkpoint', async () => {
    const root = join(h.folder, 'pets');
    await writeImageFolder(root, ['cat', 'dog', 'fox'], 12);
    const { dataset } = checked('importFolder', await h.api.importFolder({ jobId: 'warp-pets', path: root, options: { width: 8, height: 8 } }));
    const config = { ...toyConfig(3), model: { inputSize: 8 * 8 * 3, numClasses: 3, hidden: [{ units: 10, activation: 'relu' as const }] }, batchSize: 8 };
    const run = await trainToEnd({ name: 'pets', config, data: { kind: 'dataset', datasetId: dataset.id, normalization: 'scale' }, split: { val: 0.25, test: 0, seed: 1 } });
    const warp = checked('getImageWarp', await h.api.getImageWarp({ runId: run.id }));
    expect(warp.classNames).toEqual(['cat', 'dog', 'fox']);
    expect(warp.spaces.map((s) => [s.name, s.width])).toEqual([['input', 192], ['hidden 1', 10]]);
    expect(warp.frames.map((f) => f.epoch)).toEqual([0, 1, 2, 3]);
    const n = warp.labels.length;
    expect(n).toBe(9); // a quarter of 36, stratified
    expect(new Set(warp.labels)).toEqual(new Set([0, 1, 2]));
    if (warp.input.kind !== 'image') throw new Error('expected images');
    expect(Buffer.from(warp.input.pixels, 'base64').length).toBe(n * 192);
    for (const f of warp.frames) for (const p of f.points) expect(p).toHaveLength(2 * n);
    // input space does not move; hidden space does as the weights learn
    expect(warp.frames[0].points[0]).toEqual(warp.frames[3].points[0]);
    expect(warp.frames[0].points[1]).not.toEqual(warp.frames[3].points[1]);
  });
});
