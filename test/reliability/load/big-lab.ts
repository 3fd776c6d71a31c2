/**
 * A lab database the size of a long-used one: 1,000 finished runs over 20 experiments and
 * 1,000,000 metric rows (per-step batch values and per-epoch train/val numbers), one run
 * holding a 100,900-step series, each run with a final checkpoint. Built with the store's
 * own methods for runs and one bulk SQL insert for the rows (the store's per-message
 * inserts would take minutes for a million rows, and are not what is measured).
 */

import Database from 'better-sqlite3';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { encodeTrainerState } from '../../../src-shared/engine/state';
import { Trainer } from '../../../src-shared/engine/trainer';
import { runSources } from '../../../src-shared/training/run-data';
import { LabStore } from '../../../src-main/store';

export const BIG = { runs: 1000, metricRows: 1_000_000, longSeries: 100_000 };

const config = (seed: number): TrainConfig => ({
  model: { inputSize: 2, numClasses: 3, hidden: [{ units: 16, activation: 'relu' }] },
  loss: 'softmax',
  regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
  optimizer: { kind: 'momentum', lr: 0.05 },
  schedule: { kind: 'constant' },
  batchSize: 10,
  epochs: 20,
  seed,
});

/** Fills `path` (a new file); returns the id of the run with the long series, and timings. */
export function buildBigLab(path: string): { longRunId: number; buildMs: number } {
  const started = performance.now();
  const store = new LabStore(path);
  const data = { kind: 'toy' as const, toy: 'spiral' as const, samples: 150, noise: 0.1, seed: 1 };
  const split = { val: 0.2, test: 0, seed: 1 };
  // one real trained state, reused as every run's final checkpoint
  const { train, val } = runSources({ kind: 'toy', spec: data, split });
  const trainer = new Trainer({ ...config(1), epochs: 1 }, train, val);
  trainer.runEpoch();
  const state = encodeTrainerState(trainer.saveState());
  const experiments = Array.from({ length: 20 }, (_, i) => store.createExperiment({ name: `study ${i}`, notes: `notes ${i}`, tags: [i % 2 ? 'mnist' : 'cifar'] }));
  const ids: number[] = [];
  for (let i = 0; i < BIG.runs; i++) {
    const run = store.createRun({ experimentId: experiments[i % 20].id, name: `run ${i}`, config: config(i), data, split, status: 'running' });
    store.finishRun(run.id, 'done', { checkpoint: { epoch: 20, step: 240, reason: 'final', state } });
    ids.push(run.id);
  }
  store.close();

  const longRunId = ids[0];
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const perRun = Math.floor((BIG.metricRows - BIG.longSeries) / (BIG.runs - 1));
  // the long series takes the remainder, so the table holds exactly BIG.metricRows
  const longSteps = BIG.metricRows - perRun * (BIG.runs - 1);
  db.transaction(() => {
    // the long run: a ~100,000-step batch loss series
    db.prepare(`
      WITH RECURSIVE s(step) AS (SELECT 1 UNION ALL SELECT step + 1 FROM s WHERE step < ?)
      INSERT INTO metrics (run_id, split, name, step, epoch, value)
      SELECT ?, 'batch', 'loss', step, 1 + step / 5000, 2.0 / (1 + step / 1000.0) + 0.1 * ((step * 7919) % 97) / 97.0 FROM s`).run(longSteps, longRunId);
    // every other run: per-epoch train/val loss and accuracy, and per-step batch loss, `perRun` rows each
    const epochs = 20;
    const epochRows = epochs * 4;
    const steps = perRun - epochRows;
    const insert = db.prepare(`
      WITH RECURSIVE s(step) AS (SELECT 1 UNION ALL SELECT step + 1 FROM s WHERE step < ?)
      INSERT INTO metrics (run_id, split, name, step, epoch, value)
      SELECT ?, 'batch', 'loss', step, 1 + (step - 1) * ? / ?, 1.0 / (1 + step / 50.0) FROM s`);
    const epoch = db.prepare('INSERT INTO metrics (run_id, split, name, step, epoch, value) VALUES (?, ?, ?, ?, ?, ?)');
    for (const id of ids.slice(1)) {
      insert.run(steps, id, epochs, steps);
      for (let e = 1; e <= epochs; e++) {
        const step = Math.round((e * steps) / epochs);
        for (const [splitName, name, value] of [['train', 'loss', 1 / e], ['train', 'accuracy', 1 - 1 / (e + 1)], ['val', 'loss', 1.1 / e], ['val', 'accuracy', 1 - 1.1 / (e + 2)]] as const) {
          epoch.run(id, splitName, name, step, e, value);
        }
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { longRunId, buildMs: performance.now() - started };
}

/** Rows in the metrics table (to check the build). */
export function metricRowCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM metrics').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
