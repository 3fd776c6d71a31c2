/**
 * Long-run storage benchmark: what long runs cost on disk and what the UI's calls cost on a
 * database that holds many of them.
 *
 * Runs are recorded as a training worker reports them (RunRecorder, the path worker
 * messages take): per-step rows, epoch reports and a checkpoint every epoch with the real
 * encodings (encodeTrainerState and the float16 snapshot of a Trainer of that model and
 * optimiser), the weights nudged each epoch so no two states are alike. Training itself is
 * left out: it changes no byte of what is stored.
 *
 * Budgets (issue 13): a 3000-epoch 3072-100-2 momentum twin pair ≤ 100 MB in all; a 50-epoch
 * 3072-512-256-10 Adam run ≤ 150 MB; after deleting every run the file (with its log)
 * < 10 MB. Then, on a database that held 50 long runs: opening the Sparsity view of a pair,
 * listing runs and deleting a run, each < 1 s, through the API router as the UI calls it.
 *
 *   npm run bench:long [-- --db PATH]   (default: a temporary file, deleted afterwards)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { startLab } from '../src-main/api';
import { RunRecorder } from '../src-main/training';
import type { LabStore } from '../src-main/store';
import { arraySource } from '../src-shared/engine/source';
import { encodeTrainerState } from '../src-shared/engine/state';
import { Trainer } from '../src-shared/engine/trainer';
import type { TrainConfig } from '../src-shared/engine/types';
import { encodeWeightsSnapshot } from '../src-shared/training/history';
import type { RunDataSpec } from '../src-shared/training/records';

const MB = 1024 * 1024;
const { values } = parseArgs({ options: { db: { type: 'string' } } });
const folder = values.db ? null : mkdtempSync(join(tmpdir(), 'lab-bench-long-'));
const path = values.db ?? join(folder!, 'bench.db');

/** 500 images of a two-class folder in mini-batches of 50: 10 steps an epoch. */
const STEPS_PER_EPOCH = 10;
const toyData: RunDataSpec = { kind: 'toy', toy: 'moons', samples: 500, noise: 0.1, seed: 1 };
const split = { val: 0.1, test: 0, seed: 1 };

function config(hidden: number[], classes: number, optimizer: TrainConfig['optimizer'], epochs: number, regularizer: TrainConfig['regularizer']): TrainConfig {
  return {
    model: { inputSize: 3072, numClasses: classes, hidden: hidden.map((units) => ({ units, activation: 'relu' as const })) },
    loss: 'softmax', regularizer, optimizer, schedule: { kind: 'constant' }, batchSize: 50, epochs, seed: 7,
  };
}
const l1 = { kind: 'l1' as const, l1: 1e-3, l2: 0, proximal: true };
const l2 = { kind: 'l2' as const, l1: 0, l2: 1e-3, proximal: false };
const momentum = { kind: 'momentum' as const, lr: 0.01 };

function fileBytes(file: string): { db: number; wal: number } {
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  return { db: size(file), wal: size(`${file}-wal`) };
}
const describe = (bytes: { db: number; wal: number }) => `${((bytes.db + bytes.wal) / MB).toFixed(1)} MB (file ${(bytes.db / MB).toFixed(1)} + log ${(bytes.wal / MB).toFixed(1)})`;

/** Records one run of `cfg` for its epochs as a worker would report it; returns its id. */
function recordRun(store: LabStore, cfg: TrainConfig, name: string, twinGroup: string | null = null, checkpointEvery = 1): number {
  const run = store.createRun({ name, config: cfg, data: toyData, split, status: 'running', twinGroup });
  const recorder = new RunRecorder(store, run.id);
  // a real trainer of this model and optimiser, for the state's layout (slots, order, RNG)
  const inputs = new Float32Array(2 * 3072).map((_, i) => Math.sin(i));
  const trainer = new Trainer(cfg, arraySource(inputs, new Int32Array([0, 1]), 3072), undefined);
  const state = trainer.saveState();
  const saved = (epoch: number, full: boolean) => {
    // nudge a weight per block so each state differs, as training would
    for (const p of state.params) for (let i = epoch % 7; i < p.length; i += 4096) p[i] += 1e-3;
    const at = { ...state, epoch, step: epoch * STEPS_PER_EPOCH };
    // The recorder keeps a full state at most every 10 s; encoding one each epoch here would only slow the bench.
    return { runId: run.id, epoch, step: at.step, state: full ? encodeTrainerState(at) : new Uint8Array(0), snapshot: encodeWeightsSnapshot(at) };
  };
  recorder.record({ type: 'checkpoint', ...saved(0, true) });
  for (let epoch = 1; epoch <= cfg.epochs; epoch++) {
    const loss = 1 / epoch;
    const steps = Array.from({ length: STEPS_PER_EPOCH }, (_, s) => ({ epoch, step: (epoch - 1) * STEPS_PER_EPOCH + s + 1, dataLoss: loss, regLoss: 0.01, loss: loss + 0.01, accuracy: 1 - loss / 2 }));
    const report = { dataLoss: loss, regLoss: 0.01, loss: loss + 0.01, accuracy: 1 - loss / 2 };
    recorder.record({
      type: 'progress', runId: run.id, epoch, epochs: cfg.epochs, step: epoch * STEPS_PER_EPOCH, stepsPerEpoch: STEPS_PER_EPOCH,
      trainSeconds: 0.1, samplesPerSecond: 5000, etaSeconds: 1, steps,
      epochReports: [{ epoch, step: epoch * STEPS_PER_EPOCH, train: report, val: { ...report, loss: loss + 0.05 + 0.1 * Math.sin(epoch / 50) ** 2 }, lr: 0.01, samplesPerSecond: 5000, weights: { zeroFraction: 0.1, nearZeroFraction: 0.3, firstLayerZeroFraction: 0.1, firstLayerNearZeroFraction: 0.3 } }],
    });
    if (epoch < cfg.epochs && epoch % checkpointEvery === 0) recorder.record({ type: 'checkpoint', ...saved(epoch, epoch % 100 === 0) });
  }
  recorder.record({ type: 'done', ...saved(cfg.epochs, true) });
  return run.id;
}

/**
 * The Storage panel's figures against the truth, read the slow way: metric rows counted
 * (the panel derives them from the series' spacing) and the pages the file has in use
 * (what the runs' sizes, 40 bytes a metric row plus their checkpoints' bytes, stand for).
 */
function storageAccuracy(runs: { runId: number; bytes: number }[]): string {
  const db = new Database(path, { readonly: true });
  try {
    const counted = new Map((db.prepare('SELECT run_id AS runId, COUNT(*) AS n FROM metrics GROUP BY run_id').all() as { runId: number; n: number }[]).map((r) => [r.runId, r.n]));
    const checkpointBytes = new Map((db.prepare('SELECT run_id AS runId, SUM(length(state) + IFNULL(length(snapshot), 0)) AS bytes FROM checkpoints GROUP BY run_id').all() as { runId: number; bytes: number }[]).map((r) => [r.runId, r.bytes]));
    let derivedRows = 0;
    let countedRows = 0;
    let worst = 0;
    for (const run of runs) {
      const derived = (run.bytes - (checkpointBytes.get(run.runId) ?? 0)) / 40;
      const exact = counted.get(run.runId) ?? 0;
      derivedRows += derived;
      countedRows += exact;
      if (exact > 0) worst = Math.max(worst, Math.abs(derived - exact) / exact);
    }
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const inUse = ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number)) * pageSize;
    const panelBytes = runs.reduce((sum, run) => sum + run.bytes, 0);
    return (
      `Storage panel: metric rows derived ${derivedRows.toLocaleString('en-US')}, counted ${countedRows.toLocaleString('en-US')} (worst run ${(100 * worst).toFixed(2)} % apart); ` +
      `runs' sizes sum to ${(panelBytes / MB).toFixed(1)} MB, the file has ${(inUse / MB).toFixed(1)} MB of pages in use (${((100 * (panelBytes - inUse)) / inUse).toFixed(1)} %)`
    );
  } finally {
    db.close();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

const results: { name: string; value: string; ok: boolean }[] = [];
const lab = await startLab({ mode: 'web', appRoot: process.cwd(), dbPath: path, cacheDir: null });
const { store, router } = lab;
const call = async (channel: string, request: unknown) => {
  const result = await router.invoke(channel, request, { transport: 'web' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
};
try {
  // 1. the twin pair
  let start = performance.now();
  const pair = [recordRun(store, config([100], 2, momentum, 3000, l1), 'pair · L1', 'pair'), recordRun(store, config([100], 2, momentum, 3000, l2), 'pair · L2', 'pair')];
  const pairBytes = fileBytes(path);
  console.log(`3000-epoch 3072-100-2 momentum twin pair recorded in ${((performance.now() - start) / 1000).toFixed(0)} s: ${describe(pairBytes)}, ${store.listCheckpoints(pair[0]).length} + ${store.listCheckpoints(pair[1]).length} checkpoints kept`);
  results.push({ name: 'twin pair (3000 epochs, 3072-100-2, momentum) ≤ 100 MB', value: describe(pairBytes), ok: pairBytes.db + pairBytes.wal <= 100 * MB });

  // 2. the large Adam run, alone in its own file
  const adamPath = join(folder ?? tmpdir(), `bench-adam-${process.pid}.db`);
  const adamLab = await startLab({ mode: 'web', appRoot: process.cwd(), dbPath: adamPath, cacheDir: null });
  start = performance.now();
  const adam = recordRun(adamLab.store, config([512, 256], 10, { kind: 'adam', lr: 1e-3 }, 50, l2), 'adam');
  const adamBytes = fileBytes(adamPath);
  console.log(`50-epoch 3072-512-256-10 Adam run recorded in ${((performance.now() - start) / 1000).toFixed(0)} s: ${describe(adamBytes)}, ${adamLab.store.listCheckpoints(adam).length} checkpoints kept`);
  results.push({ name: '50-epoch 3072-512-256-10 Adam run ≤ 150 MB', value: describe(adamBytes), ok: adamBytes.db + adamBytes.wal <= 150 * MB });
  await adamLab.close();
  rmSync(adamPath, { force: true });
  rmSync(`${adamPath}-wal`, { force: true });
  rmSync(`${adamPath}-shm`, { force: true });

  // 3. 48 more long runs (3000 epochs each): 50 in all. Checkpointed every 25 epochs to keep
  // the bench short: the history they end with is bounded the same way.
  start = performance.now();
  for (let i = 0; i < 48; i++) recordRun(store, config([32], 2, momentum, 3000, i % 2 ? l1 : l2), `long ${i}`, null, 25);
  console.log(`48 more 3000-epoch runs (3072-32-2) recorded in ${((performance.now() - start) / 1000).toFixed(0)} s: ${describe(fileBytes(path))}`);

  // 4. what the UI asks for on that database, as it asks
  const sparsity = await timed(() => Promise.all([
    ...pair.map((id) => call('getRun', { id })),
    ...pair.map((runId) => call('getMetricSeries', { runId, series: [{ split: 'train', name: 'zeroFraction' }, { split: 'train', name: 'nearZeroFraction' }, { split: 'train', name: 'firstLayerZeroFraction' }, { split: 'train', name: 'firstLayerNearZeroFraction' }], maxPoints: 10_000 })),
    ...pair.map((runId) => call('getWeights', { runId })),
  ]));
  results.push({ name: 'open the Sparsity view of the pair < 1 s', value: `${sparsity.ms.toFixed(0)} ms`, ok: sparsity.ms < 1000 });
  const list = await timed(() => call('listRuns', { sort: 'createdAt', descending: true, limit: 2000 }));
  results.push({ name: 'list runs < 1 s', value: `${list.ms.toFixed(0)} ms`, ok: list.ms < 1000 });
  const storage = await timed(() => call('getStorage', {}) as Promise<{ runs: { runId: number; bytes: number }[] }>);
  results.push({ name: 'Storage panel (sizes of 50 runs) < 1 s', value: `${storage.ms.toFixed(0)} ms`, ok: storage.ms < 1000 });
  console.log(storageAccuracy(storage.result.runs));
  const remove = await timed(() => call('deleteRun', { id: pair[0] }));
  results.push({ name: 'delete a run < 1 s', value: `${remove.ms.toFixed(0)} ms`, ok: remove.ms < 1000 });

  // 5. delete everything: the space comes back
  start = performance.now();
  const runs = (await call('listRuns', { limit: 2000 })) as { runs: { id: number }[] };
  for (const run of runs.runs) await call('deleteRun', { id: run.id });
  // what deleting alone gives back: each delete hands its free pages back in the background, then cuts the log
  await store.space.releaseFreePages();
  const deleted = fileBytes(path);
  console.log(`deleted ${runs.runs.length} runs in ${((performance.now() - start) / 1000).toFixed(1)} s: ${describe(deleted)}`);
  start = performance.now();
  await call('compactStorage', { jobId: 'bench' });
  const emptied = fileBytes(path);
  console.log(`compacted in ${((performance.now() - start) / 1000).toFixed(1)} s: ${describe(emptied)}`);
  results.push({ name: 'after deleting every run < 10 MB', value: describe(emptied), ok: emptied.db + emptied.wal < 10 * MB });
} finally {
  await lab.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
}

console.log('\nbudget                                                   measured');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'OVER'} ${r.name.padEnd(52)} ${r.value}`);
if (results.some((r) => !r.ok)) process.exitCode = 1;
