/**
 * A run's loss numbers keep one meaning whether it trains, is paused or has finished: live
 * progress shows the last completed epoch's data loss and penalty λR(W) apart, and the run
 * record holds exactly those values once it stops (an L1 run once jumped from 0.006 live to
 * 0.637 paused, the data loss shown live and data loss + penalty after).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import type { RunProgressEvent } from '../../../src-shared/training/messages';
import { stratifiedSplit } from '../../../src-shared/data/split';
import { makeToyDataset } from '../../../src-shared/toy/datasets';
import { tempFolder } from '../store/helpers';
import { bigSpiral, BIG_STEPS_PER_EPOCH, nextEvent, spiralConfig, split } from './helpers';

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let service: TrainingService;

beforeEach(() => {
  folder = tempFolder('lab-summary-');
  store = new LabStore(folder.file('lab.db'));
  service = new TrainingService(store, { maxConcurrent: 1, progressIntervalMs: 20, maxStepRowsPerSecond: Infinity });
});
afterEach(async () => {
  await service.shutdown();
  store.close();
  folder.cleanup();
});

/** The last value of a stored per-epoch series. */
function lastEpochValue(runId: number, split: 'train' | 'val', name: string): number {
  return store.metricSeries(runId, split, name, 10_000).points.at(-1)!.value!;
}

describe('run summary', () => {
  it('shows the same data loss and penalty live, after a pause and after the end, never their sum as the data loss', async () => {
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
