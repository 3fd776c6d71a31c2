import { statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import { arraySource } from '../../../src-shared/engine/source';
import { encodeTrainerState } from '../../../src-shared/engine/state';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { encodeWeightsSnapshot } from '../../../src-shared/training/history';
import { smallConfig, tempFolder, toyData, toySplit } from './helpers';

/**
 * Space comes back (issue 13): a file filled with several runs' checkpoints and metrics,
 * every run then deleted through the training service as the app deletes them, ends
 * (database file and its write-ahead log together) under 10 MB, while the event loop of
 * the thread doing it keeps answering: no stall reaches the issue's 1 s for an answer
 * (giving back ~100 MB of free pages in one incremental_vacuum holds the thread ~2 s here).
 * Its p99 is printed beside that of a thread working in the same 10 ms slices on plain
 * arithmetic: on 2 shared cores at load 20–30 both run to 100–400 ms, the scheduler's
 * doing, so a p99 limit is left to the event-loop load test (`npm run load:event-loop`).
 */
const MB = 1024 * 1024;
const RUNS = 4;
const EPOCHS = 60;
const STEPS_PER_EPOCH = 20;
/** a 3072-64-2 net with momentum: a ~400 KB float16 snapshot per epoch, a ~1.6 MB full state */
const config: TrainConfig = smallConfig({
  model: { inputSize: 3072, numClasses: 2, hidden: [{ units: 64, activation: 'relu' }] },
  optimizer: { kind: 'momentum', lr: 0.01 },
  epochs: EPOCHS,
});

const onDisk = (file: string) => {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  return size(file) + size(`${file}-wal`);
};

/** Records `RUNS` runs as a worker reports them: a checkpoint every epoch (the history keeps up to 64), a metric row every step. */
function fill(store: LabStore): number[] {
  const trainer = new Trainer(config, arraySource(new Float32Array(2 * 3072).fill(0.5), new Int32Array([0, 1]), 3072), undefined);
  const state = trainer.saveState();
  return Array.from({ length: RUNS }, (_, r) => {
    const run = store.createRun({ name: `run ${r}`, config, data: toyData, split: toySplit, status: 'running' });
    for (let epoch = 0; epoch <= EPOCHS; epoch++) {
      // each epoch's weights differ, as training's would
      for (const p of state.params) for (let i = (epoch + r) % 5; i < p.length; i += 997) p[i] += 1e-3;
      const at = { ...state, epoch, step: epoch * STEPS_PER_EPOCH };
      const full = epoch === 0 || epoch === EPOCHS;
      store.saveCheckpoint(run.id, { epoch, step: at.step, reason: full ? 'final' : 'epoch', state: full ? encodeTrainerState(at) : new Uint8Array(0), snapshot: encodeWeightsSnapshot(at) });
      if (epoch > 0) {
        store.appendMetrics(run.id, Array.from({ length: STEPS_PER_EPOCH }, (_, s) => ({ split: 'train' as const, name: 'loss', epoch, step: (epoch - 1) * STEPS_PER_EPOCH + s + 1, value: 1 / (epoch + s) })));
      }
    }
    store.finishRun(run.id, 'done');
    return run.id;
  });
}

/**
 * p99 event-loop delay (ms) of a thread of this process that works as the deletes do, in
 * 10 ms slices with a turn of its event loop between them, but on plain arithmetic: the
 * scheduler's part of the delay measured on the main thread, side by side.
 */
function slicedThreadP99(): { stop: () => Promise<number> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 5 });
     h.enable();
     let running = true, sink = 0;
     const slice = () => {
       const start = performance.now();
       while (performance.now() - start < 10) sink += Math.sqrt(sink + 1);
       if (running) setImmediate(slice);
     };
     slice();
     parentPort.once('message', () => { running = false; h.disable(); parentPort.postMessage(h.percentile(99) / 1e6 + 0 * sink); });`,
    { eval: true },
  );
  return {
    stop: async () => {
      const p99 = new Promise<number>((resolve) => worker.once('message', resolve));
      worker.postMessage('stop');
      const value = await p99;
      await worker.terminate();
      return value;
    },
  };
}

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let service: TrainingService;

beforeEach(() => {
  folder = tempFolder('lab-space-');
  store = new LabStore(folder.file('lab.db'));
  service = new TrainingService(store, { maxConcurrent: 1 });
});
afterEach(async () => {
  await service.shutdown();
  await store.space.stopLogCheckpoints();
  store.close();
  folder.cleanup();
});

describe('space after deleting every run', () => {
  it('the file and its log end under 10 MB, and the event loop answers throughout the deletes (the app: log checkpoints on their thread)', async () => {
    store.space.startLogCheckpoints(200);
    const runs = fill(store);
    const filled = onDisk(store.path);
    expect(filled).toBeGreaterThan(40 * MB);

    const baseline = slicedThreadP99();
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const start = performance.now();
    for (const id of runs) expect(await service.deleteRun(id)).toBe(true);
    // the space each delete gives back in the background; this waits for the last one
    await store.space.releaseFreePages();
    const seconds = (performance.now() - start) / 1000;
    delay.disable();
    const slicedP99 = await baseline.stop();

    const after = onDisk(store.path);
    const p99 = delay.percentile(99) / 1e6;
    console.log(
      `${RUNS} runs (${(filled / MB).toFixed(1)} MB with the log) deleted and their space given back in ${seconds.toFixed(1)} s: ` +
        `${(after / MB).toFixed(2)} MB left; event loop p99 ${p99.toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms (a thread working in 10 ms slices beside it: p99 ${slicedP99.toFixed(1)} ms)`,
    );
    expect(store.listRuns()).toEqual([]);
    expect(store.space.figures().freeBytes).toBe(0);
    expect(after).toBeLessThan(10 * MB);
    expect(delay.max / 1e6).toBeLessThan(1000);
  }, 120_000);

  it('the file and its log end under 10 MB after Compact when no log checkpointer runs (a CLI process)', async () => {
    const runs = fill(store);
    expect(onDisk(store.path)).toBeGreaterThan(40 * MB);
    for (const id of runs) await service.deleteRun(id);
    const { afterBytes } = await store.space.compact();
    expect(afterBytes).toBeLessThan(10 * MB);
    expect(onDisk(store.path)).toBe(afterBytes);
  }, 120_000);
});
