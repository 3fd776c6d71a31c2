import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import { encodeTrainerState } from '../../../src-shared/engine/state';
import { Rng } from '../../../src-shared/random';
import type { MetricRow } from '../../../src-shared/training/records';
import { LATEST_VERSION } from '../../../src-main/store/migrations';
import { defaultDatabasePath } from '../../../src-main/store/paths';
import { HEARTBEAT_STALE_MS, LabStore, StoreError, THIS_PROCESS, type OwnerProbe } from '../../../src-main/store';
import { smallConfig, tempFolder, toyData, toySplit } from './helpers';

const require = createRequire(import.meta.url);
let folder: ReturnType<typeof tempFolder>;
let store: LabStore;

beforeEach(() => {
  folder = tempFolder();
  store = new LabStore(folder.file('lab.db'), { appVersion: '9.9.9' });
});
afterEach(() => {
  store.close();
  folder.cleanup();
});

/** A raw second connection, as another process would have. */
function raw(): Database.Database {
  return new Database(store.path);
}

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('opening the database', () => {
  it('uses WAL, foreign keys and the latest schema', () => {
    const db = raw();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    // foreign_keys is per connection: check the store's own by breaking a reference.
    expect(() => store.createRun({ config: smallConfig(), data: { kind: 'dataset', datasetId: 42, normalization: 'scale' }, split: toySplit }))
      .toThrow(/dataset 42 does not exist/);
    const other = new Database(store.path);
    other.pragma('foreign_keys = ON');
    expect(() => other.prepare("INSERT INTO metrics (run_id, split, name, step, epoch, value) VALUES (999, 'train', 'loss', 1, 1, 0)").run()).toThrow(/FOREIGN KEY/);
    other.close();
  });

  it('names the folder when it does not exist', () => {
    const path = folder.file('missing/sub/lab.db');
    expect(() => new LabStore(path)).toThrow(StoreError);
    expect(() => new LabStore(path)).toThrow(/folder .*missing\/sub does not exist/);
    const created = new LabStore(path, { createFolder: true });
    created.close();
  });

  it('refuses a folder, a non-database file and a path under a file', () => {
    mkdirSync(folder.file('adir'));
    expect(() => new LabStore(folder.file('adir'))).toThrow(/it is a folder, not a file/);
    writeFileSync(folder.file('notes.txt'), 'hello, this is not a database at all, just some text '.repeat(40));
    expect(() => new LabStore(folder.file('notes.txt'))).toThrow(/is not a Neural Lab database/);
    expect(() => new LabStore(folder.file('notes.txt/lab.db'))).toThrow(/is not a folder/);
    expect(() => new LabStore('  ')).toThrow(/database path is empty/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write to', () => {
    mkdirSync(folder.file('locked'));
    chmodSync(folder.file('locked'), 0o500);
    expect(() => new LabStore(folder.file('locked/lab.db'))).toThrow(/is not writable/);
    chmodSync(folder.file('locked'), 0o700);
  });

  it('refuses a database from a newer version', () => {
    store.close();
    const db = new Database(folder.file('lab.db'));
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => new LabStore(folder.file('lab.db'))).toThrow(/written by a newer Neural Lab/);
    store = new LabStore(folder.file('other.db'));
  });

  it('puts the default database in the per-user app data folder', () => {
    expect(defaultDatabasePath({ HOME: '/home/ada' }, 'linux')).toBe('/home/ada/.config/Neural Lab/lab.db');
    expect(defaultDatabasePath({ HOME: '/home/ada', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/Neural Lab/lab.db');
    expect(defaultDatabasePath({ HOME: '/Users/ada' }, 'darwin')).toBe('/Users/ada/Library/Application Support/Neural Lab/lab.db');
    expect(defaultDatabasePath({ HOME: '/x', NEURAL_LAB_DB: '/tmp/t.db' }, 'linux')).toBe('/tmp/t.db');
  });
});

describe('runs', () => {
  it('records the full config, seed, data, split and app version', () => {
    const config = smallConfig({ seed: 1234 });
    const run = store.createRun({ name: 'first', config, data: toyData, split: toySplit });
    const again = store.getRun(run.id)!;
    expect(again).toMatchObject({ name: 'first', config, seed: 1234, data: toyData, split: toySplit, appVersion: '9.9.9', status: 'queued', origin: 'app' });
    expect(again.startedAt).toBeNull();
  });

  it('filters by status, experiment, tag and text, and sorts with missing values last', () => {
    const mnist = store.createExperiment({ name: 'MNIST sweep', notes: 'learning rates', tags: ['digits', 'sweep'] });
    const toys = store.createExperiment({ name: 'Spirals', tags: ['toy'] });
    const a = store.createRun({ experimentId: mnist.id, name: 'lr 0.1', config: smallConfig(), data: toyData, split: toySplit });
    const b = store.createRun({ experimentId: mnist.id, name: 'lr 0.01', config: smallConfig(), data: toyData, split: toySplit });
    const c = store.createRun({ experimentId: toys.id, name: 'relu 100%', config: smallConfig(), data: toyData, split: toySplit });
    const d = store.createRun({ name: 'loose', config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const epoch = (acc: number) => ({ epoch: 1, step: 5, train: { loss: 1, dataLoss: 1, regLoss: 0, accuracy: acc }, val: { loss: 1, dataLoss: 1, regLoss: 0, accuracy: acc }, lr: 0.1, samplesPerSecond: 1 });
    store.recordEpoch(a.id, epoch(0.9));
    store.recordEpoch(b.id, epoch(0.5));
    store.recordEpoch(c.id, epoch(0.7));

    const ids = (q: Parameters<LabStore['listRuns']>[0]) => store.listRuns(q).map((r) => r.id);
    expect(ids({})).toEqual([d.id, c.id, b.id, a.id]);
    expect(ids({ status: ['running'] })).toEqual([d.id]);
    expect(ids({ status: ['queued', 'running'] })).toHaveLength(4);
    expect(ids({ experimentId: mnist.id })).toEqual([b.id, a.id]);
    expect(ids({ tag: 'toy' })).toEqual([c.id]);
    expect(ids({ text: 'sweep' })).toEqual([b.id, a.id]);
    expect(ids({ text: 'RATES' })).toEqual([b.id, a.id]);
    expect(ids({ text: '100%' })).toEqual([c.id]); // % is literal, not a wildcard
    expect(ids({ text: '0%' })).toEqual([c.id]);
    expect(ids({ sort: 'valAccuracy' })).toEqual([a.id, c.id, b.id, d.id]);
    expect(ids({ sort: 'valAccuracy', descending: false })).toEqual([b.id, c.id, a.id, d.id]);
    expect(ids({ sort: 'name', descending: false, limit: 2, offset: 1 })).toEqual([b.id, a.id]);
  });

  it('only allows status changes that make sense', () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    expect(() => store.setRunStatus(run.id, 'done')).toThrow(/queued and cannot become done/);
    expect(store.setRunStatus(run.id, 'running').startedAt).not.toBeNull();
    const done = store.finishRun(run.id, 'done');
    expect(done.finishedAt).not.toBeNull();
    expect(() => store.setRunStatus(run.id, 'running')).toThrow(/done and cannot become running/);
    expect(() => store.prepareResume(run.id)).toThrow(/done and cannot be resumed/);
    expect(() => store.setRunStatus(12345, 'running')).toThrow(/run 12345 does not exist/);
  });

  it('marks runs whose process is gone as interrupted, and leaves live ones alone', () => {
    const mine = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const orphan = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const elsewhere = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const db = raw();
    db.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(999_999_001, orphan.id);
    db.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(999_999_002, elsewhere.id);
    db.close();
    const probe: OwnerProbe = { isAlive: (pid) => pid === 999_999_002, startTime: () => THIS_PROCESS.started, now: Date.now };
    expect(store.recoverInterruptedRuns(probe)).toEqual([orphan.id]);
    expect(store.getRun(orphan.id)!.status).toBe('interrupted');
    expect(store.getRun(orphan.id)!.error).toMatch(/the process training it \(pid 999999001\) ended without finishing it; resume continues/);
    expect(store.getRun(mine.id)!.status).toBe('running');
    expect(store.getRun(elsewhere.id)!.status).toBe('running');
  });

  it('tells a reused process id and a silent owner from a live one (start time, heartbeat)', () => {
    const [reused, silent, beating, busy] = [0, 1, 2, 3].map(() => store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' }));
    const stale = Date.now() - HEARTBEAT_STALE_MS - 1000;
    const db = raw();
    // the same live id for all: only start time and heartbeat tell them apart
    db.prepare("UPDATE runs SET owner_pid = 999999003, owner_started = 'proc:100', heartbeat_at = ? WHERE id = ?").run(Date.now(), reused.id);
    // start times of these owners cannot be read (no /proc where they run): the heartbeat decides
    db.prepare("UPDATE runs SET owner_pid = 999999003, owner_started = 'clock:5', heartbeat_at = ? WHERE id = ?").run(stale, silent.id);
    db.prepare("UPDATE runs SET owner_pid = 999999003, owner_started = 'clock:5', heartbeat_at = ? WHERE id = ?").run(Date.now(), beating.id);
    // the owner itself, checked by its start time: silent (busy, or stopped with Ctrl+Z) but alive
    db.prepare("UPDATE runs SET owner_pid = 999999003, owner_started = 'proc:200', heartbeat_at = ? WHERE id = ?").run(stale, busy.id);
    db.close();
    const probe: OwnerProbe = { isAlive: (pid) => pid === 999_999_003, startTime: () => 'proc:200', now: Date.now };
    expect(store.runsOwnedElsewhere([reused.id, silent.id, beating.id, busy.id], probe)).toEqual([{ id: beating.id, pid: 999_999_003 }, { id: busy.id, pid: 999_999_003 }]);
    expect(store.recoverInterruptedRuns(probe).sort()).toEqual([reused.id, silent.id].sort());
    expect(store.getRun(reused.id)!.error).toBe('the process training it (pid 999999003) ended without finishing it (that id now belongs to another process); resume continues from its last checkpoint');
    expect(store.getRun(silent.id)!.error).toMatch(/^the process training it \(pid 999999003\) stopped answering \(no heartbeat for 1[12] s\); resume continues/);
    expect(store.getRun(beating.id)!.status).toBe('running');
    expect(store.getRun(busy.id)!.status).toBe('running');
  });

  it('beats the heartbeat of this process\' running runs only', () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const other = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const db = raw();
    db.prepare('UPDATE runs SET heartbeat_at = 1 WHERE id IN (?, ?)').run(run.id, other.id);
    db.prepare('UPDATE runs SET owner_pid = 999999004 WHERE id = ?').run(other.id);
    expect(store.heartbeatRuns()).toBe(true);
    const beat = (id: number) => (db.prepare('SELECT heartbeat_at FROM runs WHERE id = ?').get(id) as { heartbeat_at: number }).heartbeat_at;
    expect(beat(run.id)).toBeGreaterThan(Date.now() - 60_000);
    expect(beat(other.id)).toBe(1);
    // another writer holds the lock: the beat is skipped at once instead of waiting for it
    db.prepare('UPDATE runs SET heartbeat_at = 1 WHERE id = ?').run(run.id);
    db.exec('BEGIN IMMEDIATE');
    const started = performance.now();
    expect(store.heartbeatRuns()).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000); // the busy timeout is 5 s
    db.exec('ROLLBACK');
    expect(beat(run.id)).toBe(1);
    expect(store.heartbeatRuns()).toBe(true);
    db.close();
  });

  it('a change that reads before it writes waits for another writer\'s lock instead of failing', async () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    // another process (the CLI, the log checkpointer) holds the write lock for 300 ms
    const holder = spawn(process.execPath, ['-e', `
      const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(store.path)});
      db.exec('BEGIN IMMEDIATE');
      process.stdout.write('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`]);
    await new Promise<void>((resolve, reject) => {
      holder.stdout.once('data', () => resolve());
      holder.once('exit', (code) => reject(new Error(`the lock holder exited (${code}) before locking`)));
    });
    // a deferred transaction would read first and then get SQLITE_BUSY at once: the busy timeout only covers its start
    expect(store.setRunStatus(run.id, 'paused').status).toBe('paused');
    await new Promise((resolve) => holder.once('exit', resolve));
  });
});

describe('metrics', () => {
  it('writes a batch in one transaction: a bad row leaves none of its batch behind', () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    const rows: MetricRow[] = Array.from({ length: 5000 }, (_, i) => ({ split: 'batch', name: 'loss', epoch: 1 + Math.floor(i / 100), step: i + 1, value: 1 / (i + 1) }));
    store.recordProgress(run.id, { epochsDone: 50, stepsDone: 5000, trainSeconds: 1.5, metrics: rows });
    expect(store.metricNames(run.id)).toEqual([{ split: 'batch', name: 'loss', count: 5000 }]);
    expect(store.getRun(run.id)).toMatchObject({ epochsDone: 50, stepsDone: 5000, trainSeconds: 1.5 });

    const bad: MetricRow[] = [
      { split: 'batch', name: 'accuracy', epoch: 1, step: 1, value: 0.5 },
      { split: 'nonsense' as 'batch', name: 'accuracy', epoch: 1, step: 2, value: 0.5 },
    ];
    expect(() => store.appendMetrics(run.id, bad)).toThrow(/CHECK constraint/);
    expect(store.metricNames(run.id)).toEqual([{ split: 'batch', name: 'loss', count: 5000 }]);
  });

  it('keeps NaN and infinities of a diverged run', () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    store.appendMetrics(run.id, [
      { split: 'batch', name: 'loss', epoch: 1, step: 1, value: 2 },
      { split: 'batch', name: 'loss', epoch: 1, step: 2, value: Infinity },
      { split: 'batch', name: 'loss', epoch: 1, step: 3, value: NaN },
    ]);
    expect(store.metricSeries(run.id, 'batch', 'loss').points.map((p) => p.value)).toEqual([2, Infinity, NaN]);
  });

  it('downsamples to at most N points, keeping every bucket\'s extremes and both ends', () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    const rng = new Rng(5);
    const n = 10_000;
    const values = Array.from({ length: n }, (_, i) => Math.exp(-i / 3000) + 0.05 * rng.normal());
    values[1234] = 50; // one spike up
    values[8765] = -50; // one spike down
    store.appendMetrics(run.id, values.map((value, i) => ({ split: 'batch', name: 'loss', epoch: 1 + Math.floor(i / 100), step: i + 1, value })));

    const maxPoints = 100;
    const series = store.metricSeries(run.id, 'batch', 'loss', maxPoints);
    expect(series.total).toBe(n);
    expect(series.points.length).toBeLessThanOrEqual(maxPoints);
    expect(series.points.length).toBeGreaterThan(maxPoints / 2);
    const steps = series.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(n);
    for (const p of series.points) {
      expect(p.value).toBe(values[p.step - 1]);
      expect(p.epoch).toBe(1 + Math.floor((p.step - 1) / 100));
    }
    // Every bucket's lowest and highest value is among the points (buckets recomputed here).
    const buckets = Math.floor((maxPoints - 2) / 2);
    const kept = new Set(steps);
    for (let b = 0; b < buckets; b++) {
      const members = values.map((v, i) => ({ v, step: i + 1 })).filter(({ step }) => Math.floor(((step - 1) * buckets) / n) === b);
      const lowest = members.reduce((m, x) => (x.v < m.v ? x : m));
      const highest = members.reduce((m, x) => (x.v > m.v ? x : m));
      expect(kept.has(lowest.step)).toBe(true);
      expect(kept.has(highest.step)).toBe(true);
    }
    expect(kept.has(1235)).toBe(true);
    expect(kept.has(8766)).toBe(true);
    // Short series come back whole.
    expect(store.metricSeries(run.id, 'batch', 'loss', n).points).toHaveLength(n);
    // Two points: just the overall extremes.
    expect(store.metricSeries(run.id, 'batch', 'loss', 2).points.map((p) => p.value)).toEqual([50, -50]);
    expect(() => store.metricSeries(run.id, 'batch', 'loss', 1)).toThrow(/maxPoints must be an integer ≥ 2/);
  });
});

describe('checkpoints and deletion', () => {
  function trainedState(epochs: number) {
    const config = smallConfig({ epochs });
    const rng = new Rng(1);
    const x = Float32Array.from({ length: 40 }, () => rng.normal());
    const labels = Int32Array.from({ length: 20 }, (_, i) => i % 3);
    const trainer = new Trainer(config, arraySource(x, labels, 2));
    while (!trainer.finished) trainer.runEpoch();
    return { config, trainer, bytes: encodeTrainerState(trainer.saveState()) };
  }

  it('gives back the weights saved at any checkpoint', () => {
    const { config, trainer, bytes } = trainedState(2);
    const run = store.createRun({ config, data: toyData, split: toySplit, status: 'running' });
    const id = store.saveCheckpoint(run.id, { epoch: 2, step: trainer.step, reason: 'epoch', state: bytes });
    expect(store.listCheckpoints(run.id)).toEqual([expect.objectContaining({ id, epoch: 2, step: trainer.step, reason: 'epoch', bytes: bytes.length })]);
    expect(store.checkpointState(id).state).toEqual(bytes);
    expect(store.checkpointWeights(id)).toEqual(trainer.layerWeights());
    // The final save at the same step supersedes the epoch one.
    const finished = store.finishRun(run.id, 'done', { checkpoint: { epoch: 2, step: trainer.step, reason: 'final', state: bytes } });
    expect(finished.status).toBe('done');
    expect(store.listCheckpoints(run.id).map((c) => c.reason)).toEqual(['final']);
    expect(() => store.checkpointState(999)).toThrow(/checkpoint 999 does not exist/);
  });

  it('rolls metrics back to the last checkpoint when a run resumes, past the initial weights (epoch 0)', () => {
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    const rows = (from: number, to: number): MetricRow[] =>
      Array.from({ length: to - from + 1 }, (_, i) => ({ split: 'batch', name: 'loss', epoch: 1 + Math.floor((from + i - 1) / 10), step: from + i, value: from + i }));
    store.saveCheckpoint(run.id, { epoch: 0, step: 0, reason: 'epoch', state: new Uint8Array([9]) });
    store.recordProgress(run.id, { epochsDone: 1, stepsDone: 10, trainSeconds: 1, metrics: rows(1, 10) });
    const weights = { zeroFraction: 0.25, nearZeroFraction: 0.5, firstLayerZeroFraction: 0.125, firstLayerNearZeroFraction: 0.375 };
    const epochOne = { loss: 1.25, dataLoss: 1, regLoss: 0.25, accuracy: 0.4 };
    store.recordEpoch(run.id, { epoch: 1, step: 10, train: epochOne, val: { ...epochOne, dataLoss: 1.5, loss: 1.75 }, lr: 0.1, samplesPerSecond: 5, weights });
    store.saveCheckpoint(run.id, { epoch: 1, step: 10, reason: 'epoch', state: new Uint8Array([1, 2, 3]) });
    store.recordProgress(run.id, { epochsDone: 1, stepsDone: 20, trainSeconds: 1, metrics: rows(11, 20) });
    // an epoch recorded after the last checkpoint: a resume trains it again, so the summary goes back to epoch 1
    store.recordEpoch(run.id, { epoch: 2, step: 20, train: { loss: 0.5, dataLoss: 0.2, regLoss: 0.3, accuracy: 0.9 }, lr: 0.1, samplesPerSecond: 5 });
    // the summary holds the data loss and the penalty apart, never their sum
    expect(store.getRun(run.id)!.summary).toEqual({ trainDataLoss: 0.2, trainPenalty: 0.3, trainAccuracy: 0.9, valDataLoss: null, valAccuracy: null });
    store.finishRun(run.id, 'interrupted');
    // the weight sparsity is kept as one 'train' series per measure
    for (const [name, value] of Object.entries(weights)) {
      expect(store.metricSeries(run.id, 'train', name).points).toEqual([{ epoch: 1, step: 10, value }]);
    }

    expect(store.latestCheckpoint(run.id)).toMatchObject({ epoch: 1, step: 10 });
    const checkpoint = store.prepareResume(run.id)!;
    expect(checkpoint).toMatchObject({ epoch: 1, step: 10, state: new Uint8Array([1, 2, 3]) });
    expect(store.metricSeries(run.id, 'batch', 'loss').points.map((p) => p.step)).toEqual(rows(1, 10).map((r) => r.step));
    expect(store.getRun(run.id)).toMatchObject({ status: 'queued', epochsDone: 1, stepsDone: 10, error: null });
    expect(store.getRun(run.id)!.summary).toEqual({ trainDataLoss: 1, trainPenalty: 0.25, trainAccuracy: 0.4, valDataLoss: 1.5, valAccuracy: 0.4 });
    expect(store.listCheckpoints(run.id).map((c) => c.epoch)).toEqual([0, 1]);

    // interrupted within its first epoch: it continues from the initial weights, with nothing recorded before them
    const early = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    store.saveCheckpoint(early.id, { epoch: 0, step: 0, reason: 'epoch', state: new Uint8Array([7]) });
    store.recordProgress(early.id, { epochsDone: 0, stepsDone: 4, trainSeconds: 1, metrics: rows(1, 4) });
    store.finishRun(early.id, 'interrupted');
    expect(store.prepareResume(early.id)).toMatchObject({ epoch: 0, step: 0, state: new Uint8Array([7]) });
    expect(store.metricNames(early.id)).toEqual([]);
    expect(store.getRun(early.id)).toMatchObject({ status: 'queued', epochsDone: 0, stepsDone: 0 });
  });

  it('deletes an experiment with everything under it in one go, leaving no orphans', () => {
    const keep = store.createExperiment({ name: 'keep', tags: ['a'] });
    const drop = store.createExperiment({ name: 'drop', tags: ['a', 'b'] });
    const fill = (experimentId: number) => {
      for (let r = 0; r < 3; r++) {
        const run = store.createRun({ experimentId, config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
        store.appendMetrics(run.id, [{ split: 'batch', name: 'loss', epoch: 1, step: 1, value: 1 }, { split: 'val', name: 'accuracy', epoch: 1, step: 1, value: 0.5 }]);
        const checkpointId = store.saveCheckpoint(run.id, { epoch: 1, step: 1, reason: 'epoch', state: new Uint8Array(16) });
        store.recordExport({ runId: run.id, checkpointId, format: 'json', path: `/tmp/model-${run.id}.json`, bytes: 10 });
      }
    };
    fill(keep.id);
    fill(drop.id);
    const before = raw();
    const counts = () => ['experiments', 'experiment_tags', 'runs', 'metrics', 'checkpoints', 'exports'].map((t) => count(before, t));
    expect(counts()).toEqual([2, 3, 6, 12, 6, 6]);

    expect(store.deleteExperiment(drop.id)).toBe(true);
    expect(counts()).toEqual([1, 1, 3, 6, 3, 3]);
    expect(before.pragma('foreign_key_check')).toEqual([]);
    expect(store.listRuns().every((r) => r.experimentId === keep.id)).toBe(true);

    const [first] = store.listRuns();
    expect(store.deleteRun(first.id)).toBe(true);
    expect(counts()).toEqual([1, 1, 2, 4, 2, 2]);
    expect(store.deleteRun(first.id)).toBe(false);
    expect(before.pragma('foreign_key_check')).toEqual([]);
    before.close();
  });

  it('refuses to delete a dataset that runs still use', () => {
    const dataset = store.createDataset({ name: 'digits', source: 'idx', options: { images: 'a.gz' } });
    const run = store.createRun({ config: smallConfig(), data: { kind: 'dataset', datasetId: dataset.id, normalization: 'scale' }, split: toySplit });
    expect(() => store.deleteDataset(dataset.id)).toThrow(/dataset \d+ is used by 1 run; delete those runs first/);
    store.deleteRun(run.id);
    expect(store.deleteDataset(dataset.id)).toBe(true);
    expect(store.findOrCreateDataset({ name: 'spiral', source: 'toy', options: { toy: 'spiral' } }).id)
      .toBe(store.findOrCreateDataset({ name: 'spiral', source: 'toy', options: { toy: 'spiral' } }).id);
  });

  it('compares two runs side by side', () => {
    const a = store.createRun({ config: smallConfig({ regularizer: { kind: 'l1', l1: 1e-3, l2: 0, proximal: true } }), data: toyData, split: toySplit });
    const b = store.createRun({ config: smallConfig(), data: toyData, split: toySplit });
    store.appendMetrics(a.id, [{ split: 'val', name: 'loss', epoch: 1, step: 5, value: 0.8 }, { split: 'batch', name: 'loss', epoch: 1, step: 5, value: 0.9 }]);
    store.appendMetrics(b.id, [{ split: 'val', name: 'loss', epoch: 1, step: 5, value: 0.7 }]);
    const comparison = store.compareRuns(a.id, b.id);
    expect(comparison.runs.map((r) => r.id)).toEqual([a.id, b.id]);
    expect(comparison.differences).toEqual([
      { path: 'regularizer.kind', a: 'l1', b: 'l2' },
      { path: 'regularizer.l1', a: 1e-3, b: 0 },
      { path: 'regularizer.l2', a: 0, b: 1e-3 },
      { path: 'regularizer.proximal', a: true, b: false },
    ]);
    const valLoss = comparison.series.find((s) => s.split === 'val' && s.name === 'loss')!;
    expect(valLoss.a!.points[0].value).toBe(0.8);
    expect(valLoss.b!.points[0].value).toBe(0.7);
    expect(comparison.series.find((s) => s.split === 'batch')!.b).toBeNull();
  });
});

describe('ids are never handed out twice', () => {
  // Caches, the renderer and CLI users know rows by id: a new row must never take the id of a deleted one.
  it('a run, experiment, checkpoint, dataset, export or sweep made after the newest one was deleted gets a new id, also after reopening', () => {
    const make = () => {
      const experiment = store.createExperiment({ name: 'e', tags: ['t'] });
      const dataset = store.createDataset({ name: 'd', source: 'idx', options: {} });
      const run = store.createRun({ experimentId: experiment.id, config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
      const checkpoint = store.saveCheckpoint(run.id, { epoch: 1, step: 10, reason: 'epoch', state: new Uint8Array([1]) });
      const exported = store.recordExport({ runId: run.id, checkpointId: checkpoint, format: 'json', path: '/tmp/m.json' });
      const sweep = store.sweeps.create({
        experimentId: experiment.id, name: 's', baseRunId: run.id, metric: 'valAccuracy', cells: [{ i: 0, j: 0, runId: run.id }],
        axes: [{ param: 'lr', values: [0.1] }, { param: 'seed', values: [1] }],
      });
      return { experiment: experiment.id, dataset: dataset.id, run: run.id, checkpoint, export: exported.id, sweep: sweep.id };
    };
    const remove = (ids: ReturnType<typeof make>) => {
      expect(store.deleteExperiment(ids.experiment)).toBe(true); // with its runs, their checkpoints and exports, and its sweeps
      expect(store.deleteDataset(ids.dataset)).toBe(true);
      const db = raw();
      for (const table of ['experiments', 'datasets', 'runs', 'checkpoints', 'exports', 'sweeps']) expect(count(db, table)).toBe(0);
      db.close();
    };

    const first = make();
    remove(first);
    const second = make();
    for (const key of Object.keys(first) as (keyof typeof first)[]) expect(second[key], key).toBeGreaterThan(first[key]);
    remove(second);
    store.close();
    store = new LabStore(folder.file('lab.db'));
    const third = make();
    for (const key of Object.keys(first) as (keyof typeof first)[]) expect(third[key], key).toBeGreaterThan(second[key]);
  });

  it('a resumed run\'s new checkpoint does not take the id of one the resume let go', () => {
    // Epoch saves between full states keep a snapshot only; a resume goes back to the last full
    // state and deletes what came after, here the newest checkpoint of the whole table.
    const run = store.createRun({ config: smallConfig(), data: toyData, split: toySplit, status: 'running' });
    store.saveCheckpoint(run.id, { epoch: 1, step: 10, reason: 'epoch', state: new Uint8Array([1]), snapshot: new Uint8Array([1]) });
    const after = store.saveCheckpoint(run.id, { epoch: 2, step: 20, reason: 'epoch', state: new Uint8Array(0), snapshot: new Uint8Array([2]) });
    store.finishRun(run.id, 'interrupted');
    expect(store.prepareResume(run.id)).toMatchObject({ epoch: 1, step: 10 });
    expect(store.listCheckpoints(run.id).map((c) => c.step)).toEqual([10]);
    const retrained = store.saveCheckpoint(run.id, { epoch: 2, step: 20, reason: 'epoch', state: new Uint8Array([3]), snapshot: new Uint8Array([3]) });
    expect(retrained).toBeGreaterThan(after);
  });
});
