import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import { HISTORY_MAX_ENTRIES } from '../../../src-shared/training/history';
import { tempFolder } from '../store/helpers';
import { finalWeights, nextEvent, spiralConfig, split, uninterruptedWeights } from './helpers';
import type { RunDataSpec } from '../../../src-shared/training/records';

/**
 * A long run against the real thing: worker threads, a SQLite file, a checkpoint every
 * epoch for 5,000 epochs. The model is small but its state is not (a 2-64-64-3 MLP with
 * momentum: 36 KB a state), so keeping every checkpoint would take 180 MB.
 */
const EPOCHS = 5_000;
/** 40 training samples in one mini-batch: one step an epoch. */
const data: Extract<RunDataSpec, { kind: 'toy' }> = { kind: 'toy', toy: 'spiral', samples: 50, noise: 0.1, seed: 5 };
const config = spiralConfig(EPOCHS, { batchSize: 40, model: { inputSize: 2, numClasses: 3, hidden: [{ units: 64, activation: 'relu' }, { units: 64, activation: 'relu' }] } });
/**
 * The file (with its log) may not outgrow this: 64 float16 snapshots (~9 KB), two full states
 * and ~5,000 epochs of metrics (8.6 MB on a quiet machine; the log grows until its checkpoint
 * thread gets a core, 13.1 MB measured with a second test suite running). Keeping every
 * epoch's state would take ~180 MB.
 */
const FILE_BUDGET_BYTES = 20 * 1024 * 1024;

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let service: TrainingService | null = null;

beforeEach(() => {
  folder = tempFolder('lab-long-run-');
  store = new LabStore(folder.file('lab.db'));
});
afterEach(async () => {
  await service?.shutdown();
  store.close();
  folder.cleanup();
});

function fileBytes(): number {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(store.path) + size(`${store.path}-wal`);
}

describe('a long run', () => {
  it('keeps a bounded history over 5,000 epochs, resumes bit-identically, and every kept epoch decodes', async () => {
    service = new TrainingService(store, { maxConcurrent: 1, checkpointEvery: 1 });
    const run = service.start({ name: 'long', config, data, split });
    let mostRows = 0;
    let largestFile = 0;
    const off = service.on('progress', (event) => {
      if (event.runId !== run.id) return;
      mostRows = Math.max(mostRows, store.listCheckpoints(run.id).length);
      largestFile = Math.max(largestFile, fileBytes());
    });

    // Interrupted by a pause well into the run, resumed from its latest checkpoint.
    await nextEvent(service, 'progress', (e) => e.runId === run.id && e.epoch > 2_500);
    service.pause(run.id);
    expect((await service.waitFor(run.id)).status).toBe('paused');
    const paused = store.requireRun(run.id);
    expect(paused.epochsDone).toBeLessThan(EPOCHS);
    service.resume(run.id);
    expect((await service.waitFor(run.id)).status).toBe('done');
    off();

    const done = store.requireRun(run.id);
    expect(done).toMatchObject({ status: 'done', epochsDone: EPOCHS });
    expect(finalWeights(store, run.id)).toEqual(await uninterruptedWeights(config, data));

    // Rows within the bound all along; two full states (the initial one, kept exact, and the newest), the rest snapshots.
    const checkpoints = store.listCheckpoints(run.id);
    expect(mostRows).toBeLessThanOrEqual(HISTORY_MAX_ENTRIES);
    expect(checkpoints.length).toBeLessThanOrEqual(HISTORY_MAX_ENTRIES);
    expect(checkpoints.length).toBeGreaterThan(HISTORY_MAX_ENTRIES / 2);
    const db = new Database(store.path, { readonly: true });
    const full = db.prepare('SELECT epoch FROM checkpoints WHERE run_id = ? AND length(state) > 0').all(run.id);
    db.close();
    expect(full).toEqual([{ epoch: 0 }, { epoch: EPOCHS }]);

    // The scrubber's epochs: 0, the last, the best validation epoch and a spread; every one decodes.
    const epochs = checkpoints.map((c) => c.epoch);
    expect(epochs[0]).toBe(0);
    expect(epochs.at(-1)).toBe(EPOCHS);
    const val = store.metricSeries(run.id, 'val', 'loss', 10_000).points;
    const best = val.reduce((a, b) => (b.value < a.value ? b : a));
    expect(epochs).toContain(best.epoch);
    const widest = Math.max(...epochs.slice(1).map((e, i) => e - epochs[i]));
    expect(widest).toBeLessThanOrEqual((2 * EPOCHS) / (HISTORY_MAX_ENTRIES - 2));
    for (const checkpoint of checkpoints) {
      const layers = store.checkpointWeights(checkpoint.id);
      expect(layers.map((l) => [l.inputs, l.units])).toEqual([[2, 64], [64, 64], [64, 3]]);
      for (const layer of layers) expect(layer.w.every(Number.isFinite)).toBe(true);
    }
    // the initial weights are kept exact (full state), the rest as float16 snapshots
    expect(store.checkpointWeights(checkpoints[0].id)).toEqual(await uninterruptedWeights(config, data, undefined, 0));

    // The file stayed within its budget throughout.
    largestFile = Math.max(largestFile, fileBytes());
    console.log(`long run: ${EPOCHS} epochs, ${checkpoints.length} checkpoints kept (at most ${mostRows} at once), largest file ${(largestFile / 2 ** 20).toFixed(2)} MiB`);
    expect(largestFile).toBeLessThan(FILE_BUDGET_BYTES);
  }, 600_000);
});
