/**
 * Store benchmark: 1,000 runs with 200 epochs of metrics each (train and val loss, data
 * loss, reg loss, accuracy, plus lr and samples/s: 10 values an epoch, 2 M rows), and
 * one long run with 100,000 per-step values. Then times what the UI asks for: the run
 * list (plain, filtered, sorted) and downsampled series. Target: each query < 50 ms; the
 * 100,000-step series (an hours-long run at the recorded 200 steps a second) is shown
 * for information and not held to it.
 *
 *   npm run bench:store [-- --db PATH]   (default: a temporary file, deleted afterwards)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { TrainConfig } from '../src-shared/engine/types';
import type { MetricRow } from '../src-shared/training/records';
import { Rng } from '../src-shared/random';
import { LabStore } from '../src-main/store';

const RUNS = 1000;
const EPOCHS = 200;
const STEPS_PER_EPOCH = 50;
const LONG_SERIES = 100_000;
const TARGET_MS = 50;

const { values } = parseArgs({ options: { db: { type: 'string' } } });
const folder = values.db ? null : mkdtempSync(join(tmpdir(), 'lab-bench-store-'));
const path = values.db ?? join(folder!, 'bench.db');

const config: TrainConfig = {
  model: { inputSize: 3072, numClasses: 10, hidden: [{ units: 100, activation: 'relu' }] },
  loss: 'softmax',
  regularizer: { kind: 'l2', l1: 0, l2: 1e-4, proximal: false },
  optimizer: { kind: 'sgd', lr: 0.01 },
  schedule: { kind: 'constant' },
  batchSize: 64,
  epochs: EPOCHS,
  seed: 1,
};

function time<T>(fn: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

/** Median of `repeats` timings after one warm-up call (statement preparation, page cache). */
function measure<T>(fn: () => T, repeats = 7): { ms: number; result: T } {
  fn();
  const runs = Array.from({ length: repeats }, () => time(fn));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(repeats / 2)];
}

const store = new LabStore(path);
try {
  const rng = new Rng(1);
  const experiments = Array.from({ length: 20 }, (_, i) => store.createExperiment({ name: `sweep ${i}`, notes: `learning rate study ${i}`, tags: i % 2 ? ['cifar'] : ['mnist'] }));

  const fill = time(() => {
    for (let r = 0; r < RUNS; r++) {
      const run = store.createRun({
        experimentId: experiments[r % experiments.length].id,
        name: `run ${r}`,
        config: { ...config, seed: r },
        data: { kind: 'toy', toy: 'spiral', samples: 300, noise: 0.2, seed: r },
        split: { val: 0.1, test: 0, seed: r },
        status: 'running',
      });
      const rows: MetricRow[] = [];
      let loss = 2.3;
      for (let e = 1; e <= EPOCHS; e++) {
        loss *= 0.99 + 0.005 * rng.uniform();
        const step = e * STEPS_PER_EPOCH;
        for (const [split, offset] of [['train', 0], ['val', 0.1]] as const) {
          rows.push({ split, name: 'loss', epoch: e, step, value: loss + offset });
          rows.push({ split, name: 'dataLoss', epoch: e, step, value: loss + offset - 0.01 });
          rows.push({ split, name: 'regLoss', epoch: e, step, value: 0.01 });
          rows.push({ split, name: 'accuracy', epoch: e, step, value: 1 - loss / 2.3 });
        }
        rows.push({ split: 'train', name: 'lr', epoch: e, step, value: 0.01 });
        rows.push({ split: 'train', name: 'samplesPerSecond', epoch: e, step, value: 20_000 + 1000 * rng.normal() });
      }
      // One transaction per run here; training writes one per progress message.
      store.appendMetrics(run.id, rows);
      const last = (split: string, name: string) => rows.findLast((m) => m.split === split && m.name === name)!.value;
      store.recordProgress(run.id, { epochsDone: EPOCHS, stepsDone: EPOCHS * STEPS_PER_EPOCH, trainSeconds: 60, metrics: [] });
      store.recordEpoch(run.id, {
        epoch: EPOCHS, step: EPOCHS * STEPS_PER_EPOCH,
        train: { loss: last('train', 'loss'), dataLoss: last('train', 'dataLoss'), regLoss: 0.01, accuracy: last('train', 'accuracy') },
        val: { loss: last('val', 'loss'), dataLoss: last('val', 'dataLoss'), regLoss: 0.01, accuracy: last('val', 'accuracy') },
        lr: 0.01, samplesPerSecond: 20_000,
      });
      store.finishRun(run.id, r % 10 === 0 ? 'failed' : 'done', { error: r % 10 === 0 ? 'bench' : null });
    }
  });

  const longRun = store.createRun({ name: 'long', config, data: { kind: 'toy', toy: 'moons', samples: 300, noise: 0.1, seed: 1 }, split: { val: 0.1, test: 0, seed: 1 } });
  const stepRows: MetricRow[] = Array.from({ length: LONG_SERIES }, (_, i) => ({
    split: 'batch', name: 'loss', epoch: 1 + Math.floor(i / STEPS_PER_EPOCH), step: i + 1, value: 2.3 * Math.exp(-i / 20_000) + 0.2 * rng.normal(),
  }));
  const epochWrites = time(() => {
    // the live path: one progress transaction per ~50 steps
    for (let i = 0; i < stepRows.length; i += STEPS_PER_EPOCH) {
      store.recordProgress(longRun.id, { epochsDone: i / STEPS_PER_EPOCH, stepsDone: i + STEPS_PER_EPOCH, trainSeconds: 0.05, metrics: stepRows.slice(i, i + STEPS_PER_EPOCH) });
    }
  });
  const metricRows = RUNS * EPOCHS * 10 + LONG_SERIES;

  const target = RUNS / 2;
  const queries = {
    'list all runs (newest first)': measure(() => store.listRuns().length),
    'list runs sorted by val accuracy': measure(() => store.listRuns({ sort: 'valAccuracy' }).length),
    'list done runs tagged "cifar"': measure(() => store.listRuns({ status: ['done'], tag: 'cifar' }).length),
    'list runs matching text "study 7"': measure(() => store.listRuns({ text: 'study 7' }).length),
    'first page of 50 runs': measure(() => store.listRuns({ limit: 50 }).length),
    'val loss, 200 epochs → ≤ 500 points': measure(() => store.metricSeries(target, 'val', 'loss', 500).points.length),
    'val loss, 200 epochs → ≤ 100 points': measure(() => store.metricSeries(target, 'val', 'loss', 100).points.length),
    'compare two runs (all series, ≤ 500 points)': measure(() => store.compareRuns(target, target + 1, 500).series.length),
  };
  const extras = {
    'batch loss, 100,000 steps → ≤ 500 points': measure(() => store.metricSeries(longRun.id, 'batch', 'loss', 500).points.length),
    'batch loss, 100,000 steps → ≤ 2000 points': measure(() => store.metricSeries(longRun.id, 'batch', 'loss', 2000).points.length),
  };

  const sizeMb = (statSync(path).size + (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1e6;
  console.log(`store benchmark: ${RUNS} runs × ${EPOCHS} epochs × 10 metrics + one run with ${LONG_SERIES.toLocaleString('en-US')} steps`);
  console.log(`  ${metricRows.toLocaleString('en-US')} metric rows, database ${sizeMb.toFixed(1)} MB (${path})`);
  console.log(`  fill: ${(fill.ms / 1000).toFixed(2)} s (${Math.round((RUNS * EPOCHS * 10) / (fill.ms / 1000)).toLocaleString('en-US')} rows/s, one transaction per run)`);
  console.log(`  live writes: ${(epochWrites.ms / (LONG_SERIES / STEPS_PER_EPOCH)).toFixed(3)} ms per progress transaction of ${STEPS_PER_EPOCH} steps × 1 metric`);
  let failed = 0;
  for (const [name, { ms, result }] of Object.entries(queries)) {
    const ok = ms < TARGET_MS;
    if (!ok) failed++;
    console.log(`  ${ok ? 'ok  ' : 'SLOW'} ${ms.toFixed(2).padStart(7)} ms  ${name} (${result})`);
  }
  for (const [name, { ms, result }] of Object.entries(extras)) console.log(`  info ${ms.toFixed(2).padStart(7)} ms  ${name} (${result})`);
  console.log(failed === 0 ? `all queries under ${TARGET_MS} ms` : `${failed} queries over ${TARGET_MS} ms`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  store.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
}
