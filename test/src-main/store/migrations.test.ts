import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/store/migrations';
import { LabStore, openDatabase, schemaVersion } from '../../../src-main/store';
import { smallConfig, tempFolder, toyData, toySplit } from './helpers';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder('lab-migrations-');
});
afterEach(() => folder.cleanup());

/** Tables, indexes and their SQL: what a schema is, independent of the data in it. */
function schemaOf(db: Database.Database): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string }[])
    .map((r) => `${r.type} ${r.name}: ${r.sql.replace(/\s+/g, ' ')}`);
}

/** Rows a user of schema `version` would have: an experiment with a finished run and its metrics. */
function fillVersion(db: Database.Database, version: number): void {
  if (version < 1) return;
  const now = 1_700_000_000_000;
  db.prepare("INSERT INTO datasets (id, name, source, options, created_at) VALUES (1, 'spiral', 'toy', '{\"toy\":\"spiral\"}', ?)").run(now);
  db.prepare("INSERT INTO experiments (id, name, notes, created_at, updated_at) VALUES (1, 'old experiment', 'kept', ?, ?)").run(now, now);
  db.prepare("INSERT INTO experiment_tags (experiment_id, tag) VALUES (1, 'legacy')").run();
  db.prepare(
    `INSERT INTO runs (id, experiment_id, name, config, seed, dataset_id, data, split, app_version, status, epochs_done, steps_done, created_at, updated_at)
     VALUES (1, 1, 'old run', ?, 7, 1, ?, ?, '0.0.1', 'done', 2, 20, ?, ?)`,
  ).run(JSON.stringify(smallConfig()), JSON.stringify(toyData), JSON.stringify(toySplit), now, now);
  const metric = db.prepare('INSERT INTO metrics (run_id, split, name, step, epoch, value) VALUES (1, ?, ?, ?, ?, ?)');
  for (const [split, name, step, epoch, value] of [
    ['train', 'loss', 10, 1, 0.9], ['train', 'loss', 20, 2, 0.6],
    ['train', 'dataLoss', 10, 1, 0.8], ['train', 'dataLoss', 20, 2, 0.45],
    ['train', 'regLoss', 10, 1, 0.1], ['train', 'regLoss', 20, 2, 0.15],
    ['val', 'dataLoss', 10, 1, 0.9], ['val', 'dataLoss', 20, 2, 0.65],
    ['train', 'accuracy', 10, 1, 0.5], ['train', 'accuracy', 20, 2, 0.7],
    ['val', 'loss', 10, 1, 1.0], ['val', 'loss', 20, 2, 0.8],
    ['val', 'accuracy', 10, 1, 0.4], ['val', 'accuracy', 20, 2, 0.65],
    ['batch', 'loss', 20, 2, 0.55],
  ] as const) metric.run(split, name, step, epoch, value);
  db.prepare("INSERT INTO checkpoints (run_id, epoch, step, reason, state, created_at) VALUES (1, 2, 20, 'final', x'01020304', ?)").run(now);
}

describe('schema migrations', () => {
  it('creates the latest schema on an empty file', () => {
    const db = openDatabase(folder.file('fresh.db'));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    db.close();
  });

  for (const migration of MIGRATIONS) {
    it(`migrates from version ${migration.version - 1} with data to the same schema as a fresh install (${migration.description})`, () => {
      const fresh = openDatabase(folder.file('fresh.db'));
      const expected = schemaOf(fresh);
      fresh.close();

      const old = openDatabase(folder.file('old.db'), { version: migration.version - 1 });
      expect(schemaVersion(old)).toBe(migration.version - 1);
      fillVersion(old, migration.version - 1);
      old.close();

      const upgraded = openDatabase(folder.file('old.db'));
      expect(schemaVersion(upgraded)).toBe(LATEST_VERSION);
      expect(schemaOf(upgraded)).toEqual(expected);
      expect(upgraded.pragma('foreign_key_check')).toEqual([]);
      expect(upgraded.pragma('integrity_check', { simple: true })).toBe('ok');
      upgraded.close();

      if (migration.version - 1 >= 1) {
        // Everything written under the old schema is still there and readable.
        const store = new LabStore(folder.file('old.db'));
        const run = store.getRun(1)!;
        expect(run).toMatchObject({ name: 'old run', status: 'done', appVersion: '0.0.1', config: smallConfig(), epochsDone: 2 });
        expect(store.getExperiment(1)).toMatchObject({ name: 'old experiment', notes: 'kept', tags: ['legacy'], runCount: 1 });
        expect(store.metricSeries(1, 'val', 'loss').points.map((p) => p.value)).toEqual([1.0, 0.8]);
        expect(store.listCheckpoints(1)).toEqual([expect.objectContaining({ epoch: 2, step: 20, bytes: 4 })]);
        store.close();
      }
    });
  }

  it('version 2 fills the new run summary from each run\'s last epoch and adds exports', () => {
    const old = openDatabase(folder.file('v1.db'), { version: 1 });
    fillVersion(old, 1);
    old.close();
    const store = new LabStore(folder.file('v1.db'));
    expect(store.getRun(1)!.summary).toEqual({ trainDataLoss: 0.45, trainPenalty: 0.15, trainAccuracy: 0.7, valDataLoss: 0.65, valAccuracy: 0.65 });
    const exported = store.recordExport({ runId: 1, checkpointId: store.listCheckpoints(1)[0].id, format: 'onnx', path: '/tmp/m.onnx', bytes: 123 });
    expect(store.listExports(1)).toEqual([exported]);
    expect(store.listRuns({ sort: 'valAccuracy' }).map((r) => r.id)).toEqual([1]);
    store.close();
  });

  it('version 6 keeps the data loss and the penalty apart in the summary (version 5 kept their sum as "loss")', () => {
    const old = openDatabase(folder.file('v5.db'), { version: 5 });
    fillVersion(old, 5);
    // what version 2's summary held: the total, data loss + penalty
    old.prepare('UPDATE runs SET train_loss = 0.6, train_accuracy = 0.7, val_loss = 0.8, val_accuracy = 0.65 WHERE id = 1').run();
    old.close();
    const store = new LabStore(folder.file('v5.db'));
    const run = store.getRun(1)!;
    expect(run.summary).toEqual({ trainDataLoss: 0.45, trainPenalty: 0.15, trainAccuracy: 0.7, valDataLoss: 0.65, valAccuracy: 0.65 });
    expect(run.splits).toBeNull(); // recorded when it next trains
    expect(store.listRuns({ sort: 'trainDataLoss' }).map((r) => r.id)).toEqual([1]);
    store.close();
  });

  it('version 8 renames the stored key normalisation to normalization in runs and their kept model input', () => { // spelling: keep
    const old = openDatabase(folder.file('v6.db'), { version: 6 });
    fillVersion(old, 6);
    const now = 1_700_000_000_000;
    const preprocessing = { width: 2, height: 1, channels: 1, fit: 'cover', background: [0, 0, 0] };
    const fitted = { kind: 'per-channel', mean: [0.25], std: [0.5] };
    old.prepare("INSERT INTO datasets (id, name, source, options, created_at) VALUES (2, 'pets', 'folder', '{}', ?)").run(now);
    const insertRun = old.prepare(
      `INSERT INTO runs (id, experiment_id, name, config, seed, dataset_id, data, split, app_version, status, created_at, updated_at)
       VALUES (?, 1, ?, ?, 7, 2, ?, ?, '0.0.1', 'done', ?, ?)`,
    );
    // as schema 6 wrote them: the British key, in the data and in the kept model input
    insertRun.run(2, 'image run', JSON.stringify(smallConfig()), '{"kind":"dataset","datasetId":2,"normalisation":"per-channel"}', JSON.stringify(toySplit), now, now); // spelling: keep
    insertRun.run(3, 'mean image run', JSON.stringify(smallConfig()), '{"kind":"dataset","datasetId":2,"normalisation":"mean-image"}', JSON.stringify(toySplit), now, now); // spelling: keep
    old.prepare('INSERT INTO run_inputs (run_id, input) VALUES (2, ?)').run(JSON.stringify({ preprocessing, normalisation: fitted, classNames: ['cat', 'dog'] })); // spelling: keep
    old.close();

    const store = new LabStore(folder.file('v6.db'));
    expect(store.getRun(1)!.data).toEqual(toyData);
    expect(store.getRun(2)!.data).toEqual({ kind: 'dataset', datasetId: 2, normalization: 'per-channel' });
    expect(store.getRun(3)!.data).toEqual({ kind: 'dataset', datasetId: 2, normalization: 'mean-image' });
    expect(store.runModelInput(2)).toEqual({ preprocessing, normalization: fitted, classNames: ['cat', 'dog'] });
    expect(store.runModelInput(3)).toBeNull();
    store.close();
    const db = new Database(folder.file('v6.db'), { readonly: true });
    const texts = db.prepare("SELECT data AS text FROM runs UNION ALL SELECT input FROM run_inputs").all() as { text: string }[];
    expect(texts.filter((row) => row.text.includes('normalisation'))).toEqual([]); // spelling: keep
    db.close();
  });
});
