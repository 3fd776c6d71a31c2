import { statSync } from 'node:fs';
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

describe('version 7: ids are never reused', () => {
  const tables = ['datasets', 'experiments', 'experiment_tags', 'runs', 'run_inputs', 'metrics', 'checkpoints', 'exports', 'sweeps', 'sweep_cells'];
  const rebuilt = ['datasets', 'experiments', 'runs', 'checkpoints', 'exports', 'sweeps'];

  /** Every row of every table, in column order. */
  function contents(db: Database.Database): Record<string, unknown[]> {
    const orderOf = (t: string) => (db.pragma(`table_info(${t})`) as unknown[]).map((_, i) => i + 1).join(', ');
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${orderOf(t)}`).all()]));
  }

  /** What each table is: columns, foreign keys, indexes with their columns (sqlite_master's text differs: the rebuilt ones say AUTOINCREMENT). */
  function shape(db: Database.Database): Record<string, unknown> {
    return Object.fromEntries(tables.map((t) => [t, {
      columns: db.pragma(`table_info(${t})`),
      foreignKeys: db.pragma(`foreign_key_list(${t})`),
      indexes: (db.pragma(`index_list(${t})`) as { name: string; unique: number; origin: string; partial: number }[])
        .map((i) => ({ ...i, seq: undefined, columns: db.pragma(`index_info(${i.name})`), sql: (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(i.name) as { sql: string | null } | undefined)?.sql ?? null }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }]));
  }

  /** A schema-6 database with gaps in its ids, two runs of two experiments, a replay, a sweep, an export and history checkpoints. */
  function fillSix(db: Database.Database): void {
    fillVersion(db, 6);
    const now = 1_700_000_000_000;
    db.prepare("INSERT INTO experiments (id, name, created_at, updated_at) VALUES (4, 'second', ?, ?)").run(now, now);
    db.prepare("INSERT INTO experiment_tags (experiment_id, tag) VALUES (4, 'b'), (4, 'a')").run();
    const run = db.prepare(
      `INSERT INTO runs (id, experiment_id, name, config, seed, dataset_id, data, split, app_version, status, created_at, updated_at, replay_of, course, train_penalty)
       VALUES (?, ?, ?, ?, 7, 1, ?, ?, '0.0.6', 'paused', ?, ?, ?, '[]', 0.01)`,
    );
    run.run(5, 4, 'replay', JSON.stringify(smallConfig()), JSON.stringify(toyData), JSON.stringify(toySplit), now, now, 1);
    run.run(9, 4, 'newest', JSON.stringify(smallConfig()), JSON.stringify(toyData), JSON.stringify(toySplit), now, now, null);
    db.prepare("INSERT INTO run_inputs (run_id, input) VALUES (5, '{\"kind\":\"image\"}')").run();
    db.prepare("INSERT INTO metrics (run_id, split, name, step, epoch, value) VALUES (9, 'val', 'loss', 5, 1, 0.5), (5, 'train', 'loss', 5, 1, NULL)").run();
    const checkpoint = db.prepare("INSERT INTO checkpoints (id, run_id, epoch, step, reason, state, snapshot, created_at) VALUES (?, ?, ?, ?, 'epoch', ?, ?, ?)");
    checkpoint.run(3, 5, 1, 5, Buffer.alloc(0), Buffer.from([1, 2]), now);
    checkpoint.run(7, 5, 2, 10, Buffer.from([5, 6, 7]), Buffer.from([3, 4]), now);
    checkpoint.run(12, 9, 1, 5, Buffer.alloc(100_000, 1), null, now);
    db.prepare("INSERT INTO exports (id, run_id, checkpoint_id, format, path, bytes, created_at) VALUES (6, 9, 12, 'onnx', '/tmp/m.onnx', 10, ?)").run(now);
    db.prepare(`INSERT INTO sweeps (id, experiment_id, name, base_run_id, axes, metric, created_at) VALUES (2, 4, 'grid', 5, ?, 'valAccuracy', ?)`)
      .run(JSON.stringify([{ param: 'lr', values: [0.1] }, { param: 'seed', values: [1] }]), now);
    db.prepare('INSERT INTO sweep_cells (sweep_id, i, j, run_id) VALUES (2, 0, 0, 9)').run();
  }

  it('keeps every row, column, reference and index, and counts on from the largest id of each table', () => {
    const file = folder.file('v6.db');
    const old = openDatabase(file, { version: 6 });
    fillSix(old);
    const before = { contents: contents(old), shape: shape(old) };
    old.close();

    const db = openDatabase(file, { version: 7 }); // this migration's own result, before any later one
    expect(schemaVersion(db)).toBe(7);
    expect(contents(db)).toEqual(before.contents);
    expect(shape(db)).toEqual(before.shape);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')").all()).toEqual([]); // none before either
    for (const table of rebuilt) expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = '${table}'`).pluck().get(), table).toMatch(/id\s+INTEGER PRIMARY KEY AUTOINCREMENT/);
    expect(Object.fromEntries(db.prepare('SELECT name, seq FROM sqlite_sequence').all().map((r) => [(r as { name: string }).name, (r as { seq: number }).seq])))
      .toEqual({ datasets: 1, experiments: 4, runs: 9, checkpoints: 12, exports: 6, sweeps: 2 });

    // References hold: deleting a run cascades to its rows and clears the references to it.
    db.prepare('DELETE FROM runs WHERE id = 5').run();
    expect(db.prepare('SELECT COUNT(*) FROM checkpoints WHERE run_id = 5').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM metrics WHERE run_id = 5').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM run_inputs').pluck().get()).toBe(0);
    expect(db.prepare('SELECT base_run_id FROM sweeps WHERE id = 2').pluck().get()).toBeNull();
    db.prepare('DELETE FROM checkpoints WHERE id = 12').run();
    expect(db.prepare('SELECT checkpoint_id FROM exports WHERE id = 6').pluck().get()).toBeNull();
    expect(() => db.prepare('DELETE FROM datasets WHERE id = 1').run()).toThrow(/FOREIGN KEY/); // RESTRICT: runs 1 and 9 use it
    db.prepare('DELETE FROM experiments WHERE id = 4').run();
    for (const [table, where] of [['runs', 'id = 9'], ['experiment_tags', 'experiment_id = 4'], ['sweeps', 'experiment_id = 4'], ['sweep_cells', 'run_id = 9'], ['exports', 'run_id = 9']]) {
      expect(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`).pluck().get(), table).toBe(0);
    }
    expect(db.prepare('SELECT id FROM runs').pluck().all()).toEqual([1]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();

    // The newest rows are gone; new ones count on from them.
    const store = new LabStore(file);
    const experiment = store.createExperiment({ name: 'after' });
    const run = store.createRun({ experimentId: experiment.id, config: smallConfig(), data: toyData, split: toySplit });
    const checkpoint = store.saveCheckpoint(run.id, { epoch: 1, step: 1, reason: 'epoch', state: new Uint8Array([1]) });
    expect([experiment.id, run.id, checkpoint, store.recordExport({ runId: run.id, checkpointId: checkpoint, format: 'json', path: '/tmp/a.json' }).id])
      .toEqual([5, 10, 13, 7]);
    store.close();
  });

  it('rebuilds the checkpoints a row at a time: the file grows by about one checkpoint, not by a second copy of them all', () => {
    const file = folder.file('big.db');
    const old = openDatabase(file, { version: 6 });
    fillVersion(old, 6);
    const checkpointBytes = 1 << 20;
    const save = old.prepare("INSERT INTO checkpoints (run_id, epoch, step, reason, state, snapshot, created_at) VALUES (1, ?, ?, 'epoch', ?, ?, 0)");
    old.transaction(() => {
      for (let epoch = 3; epoch < 33; epoch++) save.run(epoch, epoch * 10, Buffer.alloc(checkpointBytes / 2, epoch), Buffer.alloc(checkpointBytes / 2, -epoch));
    })();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    const before = statSync(file).size;
    expect(before).toBeGreaterThan(30 * checkpointBytes);

    const db = openDatabase(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(statSync(file).size - before).toBeLessThan(2 * checkpointBytes);
    expect(db.prepare('SELECT COUNT(*) FROM checkpoints').pluck().get()).toBe(31);
    expect(db.prepare('SELECT length(state) + length(snapshot) FROM checkpoints WHERE step = 320').pluck().get()).toBe(checkpointBytes);
    db.close();
  });
});
