/**
 * Step and pace on a real training worker: a held run moves exactly one mini-batch (or
 * one epoch) per Step, a paced one no faster than asked, and neither changes the maths:
 * the run ends with the weights of one trained without stopping.
 */

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import { tempFolder } from '../store/helpers';
import { BIG_STEPS_PER_EPOCH, bigSpiral, finalWeights, nextEvent, spiralConfig, split, uninterruptedWeights } from './helpers';

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let service: TrainingService;

beforeEach(() => {
  folder = tempFolder('lab-pace-');
  store = new LabStore(folder.file('lab.db'));
  service = new TrainingService(store, { maxConcurrent: 1, progressIntervalMs: 20, maxStepRowsPerSecond: Infinity });
});
afterEach(async () => {
  await service.shutdown();
  store.close();
  folder.cleanup();
});

describe('step and pace', () => {
  it('moves a held run one mini-batch, then one epoch, per Step; real time finishes it with unchanged weights', async () => {
    const config = spiralConfig(2);
    const run = service.start({ config, data: bigSpiral, split });
    service.setPace(run.id, { kind: 'held' });
    let latest = 0;
    const off = service.on('progress', (e) => {
      if (e.runId === run.id) latest = Math.max(latest, e.step);
    });

    service.step(run.id, 'batch');
    await nextEvent(service, 'progress', (e) => e.runId === run.id && e.step >= 1);
    service.step(run.id, 'batch');
    await nextEvent(service, 'progress', (e) => e.runId === run.id && e.step >= 2);
    await new Promise((r) => setTimeout(r, 500)); // held: nothing more happens
    expect(latest).toBe(2);
    expect(store.getRun(run.id)!.status).toBe('running');

    service.step(run.id, 'epoch');
    await nextEvent(service, 'progress', (e) => e.runId === run.id && e.step >= BIG_STEPS_PER_EPOCH);
    await new Promise((r) => setTimeout(r, 300));
    expect(latest).toBe(BIG_STEPS_PER_EPOCH); // the rest of epoch 1, not a step more

    service.setPace(run.id, { kind: 'realtime' });
    expect(await service.waitFor(run.id)).toEqual({ runId: run.id, status: 'done', error: null });
    off();
    expect(finalWeights(store, run.id)).toEqual(await uninterruptedWeights(config, bigSpiral, split));
  }, 60_000);

  it('trains no faster than the pace asks', async () => {
    const run = service.start({ config: spiralConfig(1), data: bigSpiral, split });
    service.setPace(run.id, { kind: 'batches', perSecond: 20 });
    const first = await nextEvent(service, 'progress', (e) => e.runId === run.id && e.step >= 1);
    const started = performance.now();
    await nextEvent(service, 'progress', (e) => e.runId === run.id && e.step >= first.step + 10);
    // 10 mini-batches at 20 a second take at least 9 intervals of 50 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    service.cancel(run.id);
    await service.waitFor(run.id);
  }, 60_000);

  it('refuses Step for a run that is not training', async () => {
    const run = service.start({ config: spiralConfig(1), data: bigSpiral, split });
    service.cancel(run.id);
    await service.waitFor(run.id);
    expect(() => service.step(run.id, 'batch')).toThrow(/cancelled; Step moves a training run on/);
  });
});
