import type Database from 'better-sqlite3';
import type { LayerWeights, LossReport, TrainConfig, TrainerState } from '../../src-shared/engine/types';
import {
  FINAL_RUN_STATUSES,
  RESUMABLE_RUN_STATUSES,
  WEIGHT_SPARSITY_METRICS,
  type CheckpointReason,
  type CheckpointRecord,
  type DatasetRecord,
  type EpochMetrics,
  type ExperimentRecord,
  type ExportFormat,
  type ExportRecord,
  type MetricPoint,
  type MetricRow,
  type MetricSeries,
  type MetricSplit,
  type RunDataSpec,
  type RunOrigin,
  type RunQuery,
  type RunRecord,
  type RunSortKey,
  type RunSplitSpec,
  type RunStatus,
} from '../../src-shared/training/records';
import packageJson from '../../package.json';
import { durably, openDatabase, StoreError, type OpenDatabaseOptions } from './database';
import { SpaceKeeper } from './space';
import { CHECKPOINT_BYTES_SQL, checkpointLayers, insertCheckpoint, latestResumable, layersOf, type NewCheckpoint, type SqlRunner } from './checkpoint-history';

export interface NewRun {
  experimentId?: number | null;
  name?: string;
  config: TrainConfig;
  data: RunDataSpec;
  split: RunSplitSpec;
  origin?: RunOrigin;
  /** 'queued' for the app's queue; 'running' for a run that starts right away (the CLI) */
  status?: 'queued' | 'running';
  twinGroup?: string | null;
}

export interface NewDataset {
  name: string;
  source: string;
  options?: Record<string, unknown>;
  contentHash?: string | null;
  report?: Record<string, unknown> | null;
}

export interface RunProgress {
  epochsDone: number;
  stepsDone: number;
  /** seconds of training to add to the run's total */
  trainSeconds: number;
  /** per-step values since the last call */
  metrics: MetricRow[];
}

export interface SavedCheckpoint {
  id: number;
  epoch: number;
  step: number;
  reason: CheckpointReason;
  state: Uint8Array;
}

export type { NewCheckpoint } from './checkpoint-history';

export interface RunComparison {
  runs: [RunRecord, RunRecord];
  /** config values that differ, by dotted path (e.g. 'regularizer.kind') */
  differences: { path: string; a: unknown; b: unknown }[];
  /** every metric series either run has, downsampled; null where a run lacks it */
  series: { split: MetricSplit; name: string; a: MetricSeries | null; b: MetricSeries | null }[];
}

/** Which status may follow which: the store refuses anything else, so no run can leave a final state. */
const ALLOWED_TRANSITIONS: Record<RunStatus, readonly RunStatus[]> = {
  queued: ['running', 'paused', 'cancelled', 'failed'],
  running: ['paused', 'done', 'cancelled', 'failed', 'diverged', 'interrupted'],
  paused: ['queued', 'cancelled'],
  interrupted: ['queued', 'cancelled'],
  failed: ['queued'],
  done: [],
  cancelled: [],
  diverged: [],
};

const SORT_COLUMNS: Record<RunSortKey, string> = {
  createdAt: 'r.created_at',
  name: 'r.name COLLATE NOCASE',
  status: 'r.status',
  trainLoss: 'r.train_loss',
  valLoss: 'r.val_loss',
  trainAccuracy: 'r.train_accuracy',
  valAccuracy: 'r.val_accuracy',
  trainSeconds: 'r.train_seconds',
};

/** Values the epoch summary records for each split (LossReport fields). */
const LOSS_METRICS = ['loss', 'dataLoss', 'regLoss', 'accuracy'] as const;

interface RunRow {
  id: number;
  experiment_id: number | null;
  name: string;
  config: string;
  seed: number;
  dataset_id: number | null;
  data: string;
  split: string;
  app_version: string;
  origin: RunOrigin;
  status: RunStatus;
  twin_group: string | null;
  owner_pid: number | null;
  epochs_done: number;
  steps_done: number;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  train_seconds: number;
  train_loss: number | null;
  train_accuracy: number | null;
  val_loss: number | null;
  val_accuracy: number | null;
}

export interface LabStoreOptions extends OpenDatabaseOptions {
  /** recorded with every run; default: package.json version */
  appVersion?: string;
}

/**
 * The lab's memory: one SQLite file holding datasets, experiments, runs, their metrics and
 * checkpoints. Only the main process writes (workers post messages to it). Every method
 * is synchronous and each write is one transaction.
 */
export class LabStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly appVersion: string;
  private readonly statements = new Map<string, Database.Statement>();
  /** disk space: sizes, deleting runs and giving space back a slice at a time */
  readonly space: SpaceKeeper;
  private readonly sql: SqlRunner;

  constructor(path: string, options: LabStoreOptions = {}) {
    this.db = openDatabase(path, options);
    this.path = this.db.name;
    this.appVersion = options.appVersion ?? packageJson.version;
    this.space = new SpaceKeeper(this.db, { nativeBinding: options.nativeBinding });
    this.sql = { run: (sql, ...params) => this.run(sql, ...params), get: (sql, ...params) => this.get(sql, ...params), all: (sql, ...params) => this.all(sql, ...params) };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ── datasets ────────────────────────────────────────────────────────────────────

  createDataset(input: NewDataset): DatasetRecord {
    const id = this.run(
      'INSERT INTO datasets (name, source, options, content_hash, report, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.name, input.source, JSON.stringify(input.options ?? {}), input.contentHash ?? null,
      input.report ? JSON.stringify(input.report) : null, Date.now(),
    ).lastInsertRowid;
    return this.getDataset(Number(id))!;
  }

  /** The dataset with exactly this source and options (toy datasets are found this way), or a new one. */
  findOrCreateDataset(input: NewDataset): DatasetRecord {
    const row = this.get<{ id: number }>(
      'SELECT id FROM datasets WHERE source = ? AND options = ? AND content_hash IS ? ORDER BY id LIMIT 1',
      input.source, JSON.stringify(input.options ?? {}), input.contentHash ?? null,
    );
    return row ? this.getDataset(row.id)! : this.createDataset(input);
  }

  getDataset(id: number): DatasetRecord | null {
    const row = this.get<DatasetRow>('SELECT * FROM datasets WHERE id = ?', id);
    return row ? datasetRecord(row) : null;
  }

  listDatasets(): DatasetRecord[] {
    return this.all<DatasetRow>('SELECT * FROM datasets ORDER BY created_at DESC, id DESC').map(datasetRecord);
  }

  updateDataset(id: number, patch: { name?: string; contentHash?: string | null; report?: Record<string, unknown> | null }): DatasetRecord {
    const current = this.requireDataset(id);
    this.run(
      'UPDATE datasets SET name = ?, content_hash = ?, report = ? WHERE id = ?',
      patch.name ?? current.name,
      patch.contentHash === undefined ? current.contentHash : patch.contentHash,
      patch.report === undefined ? (current.report ? JSON.stringify(current.report) : null) : patch.report ? JSON.stringify(patch.report) : null,
      id,
    );
    return this.getDataset(id)!;
  }

  /** Refuses while runs still use the dataset: their records would lose their data. */
  deleteDataset(id: number): boolean {
    const users = this.get<{ n: number }>('SELECT COUNT(*) AS n FROM runs WHERE dataset_id = ?', id)!.n;
    if (users > 0) throw new StoreError(`dataset ${id} is used by ${users} run${users === 1 ? '' : 's'}; delete those runs first`);
    return this.run('DELETE FROM datasets WHERE id = ?', id).changes > 0;
  }

  // ── experiments ─────────────────────────────────────────────────────────────────

  createExperiment(input: { name: string; notes?: string; tags?: string[] }): ExperimentRecord {
    const name = input.name.trim();
    if (name === '') throw new StoreError('experiment name is empty');
    const now = Date.now();
    const id = this.db.transaction(() => {
      const newId = Number(this.run('INSERT INTO experiments (name, notes, created_at, updated_at) VALUES (?, ?, ?, ?)', name, input.notes ?? '', now, now).lastInsertRowid);
      this.setTags(newId, input.tags ?? []);
      return newId;
    })();
    return this.getExperiment(id)!;
  }

  updateExperiment(id: number, patch: { name?: string; notes?: string; tags?: string[] }): ExperimentRecord {
    const current = this.requireExperiment(id);
    const name = (patch.name ?? current.name).trim();
    if (name === '') throw new StoreError('experiment name is empty');
    this.db.transaction(() => {
      this.run('UPDATE experiments SET name = ?, notes = ?, updated_at = ? WHERE id = ?', name, patch.notes ?? current.notes, Date.now(), id);
      if (patch.tags) this.setTags(id, patch.tags);
    })();
    return this.getExperiment(id)!;
  }

  getExperiment(id: number): ExperimentRecord | null {
    const row = this.get<ExperimentRow>(`${EXPERIMENT_SELECT} WHERE e.id = ?`, id);
    return row ? experimentRecord(row) : null;
  }

  listExperiments(): ExperimentRecord[] {
    return this.all<ExperimentRow>(`${EXPERIMENT_SELECT} ORDER BY e.updated_at DESC, e.id DESC`).map(experimentRecord);
  }

  /** Deletes the experiment with its runs, their metrics, checkpoints and exports, in one transaction. */
  deleteExperiment(id: number): boolean {
    return this.db.transaction(() => this.run('DELETE FROM experiments WHERE id = ?', id).changes > 0)();
  }

  private setTags(experimentId: number, tags: string[]): void {
    this.run('DELETE FROM experiment_tags WHERE experiment_id = ?', experimentId);
    for (const tag of new Set(tags.map((t) => t.trim()).filter((t) => t !== ''))) {
      this.run('INSERT INTO experiment_tags (experiment_id, tag) VALUES (?, ?)', experimentId, tag);
    }
  }

  // ── runs ────────────────────────────────────────────────────────────────────────

  createRun(input: NewRun): RunRecord {
    if (input.experimentId != null) this.requireExperiment(input.experimentId);
    const datasetId = input.data.kind === 'dataset' ? input.data.datasetId : null;
    if (datasetId !== null) this.requireDataset(datasetId);
    const status = input.status ?? 'queued';
    const now = Date.now();
    const id = this.run(
      `INSERT INTO runs (experiment_id, name, config, seed, dataset_id, data, split, app_version, origin, status,
                         twin_group, owner_pid, created_at, started_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.experimentId ?? null, input.name ?? '', JSON.stringify(input.config), input.config.seed, datasetId,
      JSON.stringify(input.data), JSON.stringify(input.split), this.appVersion, input.origin ?? 'app', status,
      input.twinGroup ?? null, status === 'running' ? process.pid : null, now, status === 'running' ? now : null, now,
    ).lastInsertRowid;
    return this.getRun(Number(id))!;
  }

  getRun(id: number): RunRecord | null {
    const row = this.get<RunRow>('SELECT * FROM runs WHERE id = ?', id);
    return row ? runRecord(row) : null;
  }

  requireRun(id: number): RunRecord {
    const run = this.getRun(id);
    if (!run) throw new StoreError(`run ${id} does not exist`);
    return run;
  }

  /** Runs for the UI's list: filtered, sorted (missing values last), newest first by default. */
  listRuns(query: RunQuery = {}): RunRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status && query.status.length > 0) {
      where.push(`r.status IN (${query.status.map(() => '?').join(', ')})`);
      params.push(...query.status);
    }
    if (query.experimentId !== undefined) {
      where.push('r.experiment_id = ?');
      params.push(query.experimentId);
    }
    if (query.tag !== undefined) {
      where.push('r.experiment_id IN (SELECT experiment_id FROM experiment_tags WHERE tag = ?)');
      params.push(query.tag);
    }
    if (query.twinGroup !== undefined) {
      where.push('r.twin_group = ?');
      params.push(query.twinGroup);
    }
    if (query.text !== undefined && query.text.trim() !== '') {
      const pattern = `%${query.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`(r.name LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\' OR e.notes LIKE ? ESCAPE '\\')`);
      params.push(pattern, pattern, pattern);
    }
    const sort = SORT_COLUMNS[query.sort ?? 'createdAt'];
    if (!sort) throw new StoreError(`cannot sort runs by '${String(query.sort)}'`);
    const direction = query.descending ?? true ? 'DESC' : 'ASC';
    const limit = query.limit ?? -1;
    const offset = query.offset ?? 0;
    return this.all<RunRow>(
      `SELECT r.* FROM runs r LEFT JOIN experiments e ON e.id = r.experiment_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY (${sort}) IS NULL, ${sort} ${direction}, r.id ${direction}
       LIMIT ? OFFSET ?`,
      ...params, limit, offset,
    ).map(runRecord);
  }

  renameRun(id: number, name: string): RunRecord {
    this.requireRun(id);
    this.run('UPDATE runs SET name = ?, updated_at = ? WHERE id = ?', name.trim(), Date.now(), id);
    return this.getRun(id)!;
  }

  /**
   * Moves a run to `status`, refusing transitions that make no sense (a finished run never
   * runs again). Committed durably: a status change must survive a crash.
   */
  setRunStatus(id: number, status: RunStatus, details: { error?: string | null } = {}): RunRecord {
    durably(this.db, () => this.transition(id, status, details.error ?? null));
    return this.getRun(id)!;
  }

  private transition(id: number, status: RunStatus, error: string | null): void {
    const row = this.get<{ status: RunStatus }>('SELECT status FROM runs WHERE id = ?', id);
    if (!row) throw new StoreError(`run ${id} does not exist`);
    if (!ALLOWED_TRANSITIONS[row.status].includes(status)) {
      throw new StoreError(`run ${id} is ${row.status} and cannot become ${status}`);
    }
    const now = Date.now();
    const final = FINAL_RUN_STATUSES.includes(status);
    this.run(
      `UPDATE runs SET status = ?, error = ?, updated_at = ?,
         owner_pid = CASE WHEN ? = 'running' THEN ? ELSE NULL END,
         started_at = CASE WHEN ? = 'running' AND started_at IS NULL THEN ? ELSE started_at END,
         finished_at = CASE WHEN ? THEN ? ELSE NULL END
       WHERE id = ?`,
      status, error, now, status, process.pid, status, now, final ? 1 : 0, now, id,
    );
  }

  /** Per-step metrics and counters since the last call, in one transaction. */
  recordProgress(runId: number, progress: RunProgress): void {
    this.db.transaction(() => {
      this.insertMetrics(runId, progress.metrics);
      this.run(
        'UPDATE runs SET epochs_done = ?, steps_done = ?, train_seconds = train_seconds + ?, updated_at = ? WHERE id = ?',
        progress.epochsDone, progress.stepsDone, progress.trainSeconds, Date.now(), runId,
      );
    })();
  }

  /** One completed epoch: its train/val numbers (and weight sparsity) as metrics, and as the run's summary. */
  recordEpoch(runId: number, report: EpochMetrics): void {
    const rows: MetricRow[] = [];
    const add = (split: MetricSplit, name: string, value: number) => rows.push({ split, name, epoch: report.epoch, step: report.step, value });
    const addLoss = (split: MetricSplit, loss: LossReport) => {
      for (const name of LOSS_METRICS) add(split, name, loss[name]);
    };
    addLoss('train', report.train);
    if (report.val) addLoss('val', report.val);
    add('train', 'lr', report.lr);
    add('train', 'samplesPerSecond', report.samplesPerSecond);
    if (report.weights) for (const name of WEIGHT_SPARSITY_METRICS) add('train', name, report.weights[name]);
    this.db.transaction(() => {
      this.insertMetrics(runId, rows);
      this.run(
        `UPDATE runs SET epochs_done = ?, steps_done = MAX(steps_done, ?), train_loss = ?, train_accuracy = ?,
           val_loss = ?, val_accuracy = ?, updated_at = ? WHERE id = ?`,
        report.epoch, report.step, nullIfNaN(report.train.loss), nullIfNaN(report.train.accuracy),
        report.val ? nullIfNaN(report.val.loss) : null, report.val ? nullIfNaN(report.val.accuracy) : null, Date.now(), runId,
      );
    })();
  }

  /** Any metric rows, batched into one transaction. A row for an existing (split, name, step) replaces it. */
  appendMetrics(runId: number, rows: MetricRow[]): void {
    this.db.transaction(() => this.insertMetrics(runId, rows))();
  }

  private insertMetrics(runId: number, rows: MetricRow[]): void {
    if (rows.length === 0) return;
    const insert = this.statement('INSERT OR REPLACE INTO metrics (run_id, split, name, step, epoch, value) VALUES (?, ?, ?, ?, ?, ?)');
    for (const row of rows) insert.run(runId, row.split, row.name, row.step, row.epoch, Number.isNaN(row.value) ? null : row.value);
  }

  /** Deletes the run with its metrics, checkpoints and exports, in one transaction. */
  deleteRun(id: number): boolean {
    return this.db.transaction(() => this.run('DELETE FROM runs WHERE id = ?', id).changes > 0)();
  }

  /**
   * Runs a crash left 'running' (their owner process is gone) become 'interrupted'.
   * Runs owned by a live process (this one, or a CLI training right now) are left alone.
   */
  recoverInterruptedRuns(isAlive: (pid: number) => boolean = processIsAlive): number[] {
    return durably(this.db, () => {
      const stale = this.all<{ id: number; owner_pid: number | null }>("SELECT id, owner_pid FROM runs WHERE status = 'running'")
        .filter((r) => r.owner_pid === null || (r.owner_pid !== process.pid && !isAlive(r.owner_pid)));
      for (const r of stale) this.transition(r.id, 'interrupted', 'the app stopped while this run was training; resume continues from its last checkpoint');
      return stale.map((r) => r.id);
    });
  }

  /**
   * Gets a paused, interrupted or failed run ready to continue: rolls its metrics back to
   * its last checkpoint (anything after it will be trained again) and queues it. Returns
   * the checkpoint to continue from, or null to start over from scratch.
   */
  prepareResume(id: number): SavedCheckpoint | null {
    return durably(this.db, () => {
      const run = this.requireRun(id);
      if (!RESUMABLE_RUN_STATUSES.includes(run.status)) throw new StoreError(`run ${id} is ${run.status} and cannot be resumed`);
      const checkpoint = this.latestCheckpoint(id);
      const step = checkpoint?.step ?? 0;
      this.run('DELETE FROM metrics WHERE run_id = ? AND step > ?', id, step);
      this.run('DELETE FROM checkpoints WHERE run_id = ? AND step > ?', id, step);
      this.run('UPDATE runs SET epochs_done = ?, steps_done = ? WHERE id = ?', checkpoint?.epoch ?? 0, step, id);
      this.refreshSummary(id);
      this.transition(id, 'queued', null);
      return checkpoint;
    });
  }

  private refreshSummary(id: number): void {
    const last = (split: string, name: string) =>
      this.get<{ value: number | null }>('SELECT value FROM metrics WHERE run_id = ? AND split = ? AND name = ? ORDER BY step DESC LIMIT 1', id, split, name)?.value ?? null;
    this.run(
      'UPDATE runs SET train_loss = ?, train_accuracy = ?, val_loss = ?, val_accuracy = ? WHERE id = ?',
      last('train', 'loss'), last('train', 'accuracy'), last('val', 'loss'), last('val', 'accuracy'), id,
    );
  }

  // ── metrics ─────────────────────────────────────────────────────────────────────

  /** Which series a run has, with their lengths. */
  metricNames(runId: number): { split: MetricSplit; name: string; count: number }[] {
    return this.all('SELECT split, name, COUNT(*) AS count FROM metrics WHERE run_id = ? GROUP BY split, name ORDER BY split, name', runId);
  }

  /**
   * One metric of one run for a chart: at most `maxPoints` points (≥ 2). Long series are
   * cut into equal step ranges and each range keeps its lowest and highest value, plus
   * the first and last point (from 4 points up), so spikes and the best value never
   * vanish from the chart. A NaN (diverged) value is kept as NaN when the series fits;
   * buckets skip it.
   */
  metricSeries(runId: number, split: MetricSplit, name: string, maxPoints = 500): MetricSeries {
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new StoreError(`maxPoints must be an integer ≥ 2 (got ${maxPoints})`);
    const range = this.get<{ total: number; lo: number | null; hi: number | null }>(
      'SELECT COUNT(*) AS total, MIN(step) AS lo, MAX(step) AS hi FROM metrics WHERE run_id = ? AND split = ? AND name = ?',
      runId, split, name,
    )!;
    const series = { runId, split, name, total: range.total };
    if (range.total <= maxPoints) {
      const points = this.all<MetricPoint>(
        'SELECT epoch, step, value FROM metrics WHERE run_id = ? AND split = ? AND name = ? ORDER BY step',
        runId, split, name,
      );
      return { ...series, points: points.map(withNaN) };
    }
    const withEnds = maxPoints >= 4;
    const buckets = withEnds ? Math.floor((maxPoints - 2) / 2) : 1;
    const lo = range.lo!;
    const span = range.hi! - lo + 1;
    // Bucket b holds the steps s with ⌊(s − lo)·buckets / span⌋ = b. One indexed range scan
    // per bucket and extreme: a GROUP BY over the expression would sort the whole series.
    // SQLite fills the bare epoch/step columns from the row holding the MIN() or MAX().
    const where = 'run_id = ? AND split = ? AND name = ? AND step >= ? AND step < ? AND value IS NOT NULL';
    const lowest = this.statement(`SELECT epoch, step, MIN(value) AS value FROM metrics WHERE ${where}`);
    const highest = this.statement(`SELECT epoch, step, MAX(value) AS value FROM metrics WHERE ${where}`);
    const start = (b: number) => lo + Math.floor((b * span + buckets - 1) / buckets);
    const byStep = new Map<number, MetricPoint>();
    const keep = (p: MetricPoint | undefined) => {
      if (p && p.step !== null) byStep.set(p.step, p); // an empty bucket gives a row of NULLs
    };
    for (let b = 0; b < buckets; b++) {
      const from = start(b);
      const to = start(b + 1);
      keep(lowest.get(runId, split, name, from, to) as MetricPoint | undefined);
      keep(highest.get(runId, split, name, from, to) as MetricPoint | undefined);
    }
    if (withEnds) {
      for (const step of [lo, range.hi!]) keep(this.get<MetricPoint>('SELECT epoch, step, value FROM metrics WHERE run_id = ? AND split = ? AND name = ? AND step = ?', runId, split, name, step));
    }
    const rows = [...byStep.values()].sort((x, y) => x.step - y.step);
    return { ...series, points: rows.map(withNaN) };
  }

  // ── checkpoints ─────────────────────────────────────────────────────────────────

  /**
   * Saves a trainer state. A second save at the same step replaces the first; older
   * checkpoints keep only their weights snapshot, and the history is thinned to its bound
   * (checkpoint-history.ts). Committed with synchronous=NORMAL: it survives a crash of the
   * app; a power cut may lose the latest one, and a resume then starts from the one before.
   * Final and pause states go through `finishRun`, which is durable.
   */
  saveCheckpoint(runId: number, checkpoint: NewCheckpoint): number {
    return this.db.transaction(() => insertCheckpoint(this.sql, runId, checkpoint))();
  }

  /**
   * Ends a run: optional final checkpoint and the final status in one durable
   * transaction, so a finished run always has the weights it finished with.
   */
  finishRun(id: number, status: 'done' | 'cancelled' | 'failed' | 'diverged' | 'paused' | 'interrupted', details: { error?: string | null; checkpoint?: NewCheckpoint } = {}): RunRecord {
    durably(this.db, () => {
      if (details.checkpoint) insertCheckpoint(this.sql, id, details.checkpoint);
      this.transition(id, status, details.error ?? null);
    });
    return this.getRun(id)!;
  }

  listCheckpoints(runId: number): CheckpointRecord[] {
    return this.all<CheckpointRow>(
      `SELECT id, run_id, epoch, step, reason, ${CHECKPOINT_BYTES_SQL} AS bytes, created_at FROM checkpoints WHERE run_id = ? ORDER BY step`,
      runId,
    ).map(checkpointRecord);
  }

  /**
   * The newest checkpoint with a full state: where a resume continues. The initial weights
   * (epoch 0) sit at step 0, so they are the latest only until the first epoch is saved.
   */
  latestCheckpoint(runId: number): SavedCheckpoint | null {
    return latestResumable(this.sql, runId);
  }

  /** The full trainer state (encodeTrainerState bytes) of one checkpoint; a history checkpoint keeps its weights only (see checkpointWeights). */
  checkpointState(checkpointId: number): SavedCheckpoint & { runId: number } {
    const row = this.get<{ id: number; run_id: number; epoch: number; step: number; reason: CheckpointReason; state: Buffer }>(
      'SELECT id, run_id, epoch, step, reason, state FROM checkpoints WHERE id = ?',
      checkpointId,
    );
    if (!row) throw new StoreError(`checkpoint ${checkpointId} does not exist`);
    if (row.state.length === 0) throw new StoreError(`checkpoint ${checkpointId} (epoch ${row.epoch}) keeps its weights only: only a run's latest checkpoint can be resumed from`);
    return { id: row.id, runId: row.run_id, epoch: row.epoch, step: row.step, reason: row.reason, state: toUint8Array(row.state) };
  }

  /** The layer weights (W, b per dense layer) saved in one checkpoint: float32 from a full state, float16-exact from a history snapshot. */
  checkpointWeights(checkpointId: number): LayerWeights[] {
    return checkpointLayers(this.sql, checkpointId);
  }

  // ── exports ─────────────────────────────────────────────────────────────────────

  recordExport(input: { runId: number; checkpointId?: number | null; format: ExportFormat; path: string; bytes?: number | null }): ExportRecord {
    this.requireRun(input.runId);
    const id = this.run(
      'INSERT INTO exports (run_id, checkpoint_id, format, path, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.runId, input.checkpointId ?? null, input.format, input.path, input.bytes ?? null, Date.now(),
    ).lastInsertRowid;
    return this.listExports(input.runId).find((e) => e.id === Number(id))!;
  }

  listExports(runId: number): ExportRecord[] {
    return this.all<ExportRow>('SELECT * FROM exports WHERE run_id = ? ORDER BY created_at, id', runId).map((r) => ({
      id: r.id, runId: r.run_id, checkpointId: r.checkpoint_id, format: r.format, path: r.path, bytes: r.bytes, createdAt: r.created_at,
    }));
  }

  // ── comparison ──────────────────────────────────────────────────────────────────

  /** Two runs side by side: both records, how their configs differ, and every series of both. */
  compareRuns(a: number, b: number, maxPoints = 500): RunComparison {
    const runA = this.requireRun(a);
    const runB = this.requireRun(b);
    const keys = new Map<string, { split: MetricSplit; name: string }>();
    for (const m of [...this.metricNames(a), ...this.metricNames(b)]) keys.set(`${m.split}/${m.name}`, { split: m.split, name: m.name });
    const has = (runId: number, split: MetricSplit, name: string) =>
      this.get('SELECT 1 FROM metrics WHERE run_id = ? AND split = ? AND name = ? LIMIT 1', runId, split, name) !== undefined;
    return {
      runs: [runA, runB],
      differences: diffValues(runA.config, runB.config),
      series: [...keys.values()].map(({ split, name }) => ({
        split,
        name,
        a: has(a, split, name) ? this.metricSeries(a, split, name, maxPoints) : null,
        b: has(b, split, name) ? this.metricSeries(b, split, name, maxPoints) : null,
      })),
    };
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────

  private requireExperiment(id: number): ExperimentRecord {
    const experiment = this.getExperiment(id);
    if (!experiment) throw new StoreError(`experiment ${id} does not exist`);
    return experiment;
  }

  private requireDataset(id: number): DatasetRecord {
    const dataset = this.getDataset(id);
    if (!dataset) throw new StoreError(`dataset ${id} does not exist`);
    return dataset;
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  private get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }
}

/** Opens the store at `path` (see `defaultDatabasePath`). */
export function openStore(path: string, options?: LabStoreOptions): LabStore {
  return new LabStore(path, options);
}

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Layer weights of a saved trainer state, laid out by the engine's own Network. */
export function weightsOfState(state: TrainerState): LayerWeights[] {
  return layersOf(state);
}

/** Dotted paths where two JSON-like values differ. */
function diffValues(a: unknown, b: unknown, path = ''): { path: string; a: unknown; b: unknown }[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffValues(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, a, b }];
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

function withNaN(p: MetricPoint): MetricPoint {
  return p.value === null ? { ...p, value: NaN } : p;
}

function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

interface DatasetRow {
  id: number;
  name: string;
  source: string;
  options: string;
  content_hash: string | null;
  report: string | null;
  created_at: number;
}

function datasetRecord(r: DatasetRow): DatasetRecord {
  return {
    id: r.id, name: r.name, source: r.source, options: JSON.parse(r.options), contentHash: r.content_hash,
    report: r.report ? JSON.parse(r.report) : null, createdAt: r.created_at,
  };
}

const EXPERIMENT_SELECT = `
  SELECT e.*,
    (SELECT COUNT(*) FROM runs WHERE experiment_id = e.id) AS run_count,
    (SELECT json_group_array(tag) FROM (SELECT tag FROM experiment_tags WHERE experiment_id = e.id ORDER BY tag)) AS tags
  FROM experiments e`;

interface ExperimentRow {
  id: number;
  name: string;
  notes: string;
  created_at: number;
  updated_at: number;
  run_count: number;
  tags: string;
}

function experimentRecord(r: ExperimentRow): ExperimentRecord {
  return { id: r.id, name: r.name, notes: r.notes, tags: JSON.parse(r.tags), createdAt: r.created_at, updatedAt: r.updated_at, runCount: r.run_count };
}

function runRecord(r: RunRow): RunRecord {
  return {
    id: r.id,
    experimentId: r.experiment_id,
    name: r.name,
    config: JSON.parse(r.config),
    seed: r.seed,
    datasetId: r.dataset_id,
    data: JSON.parse(r.data),
    split: JSON.parse(r.split),
    appVersion: r.app_version,
    origin: r.origin,
    status: r.status,
    twinGroup: r.twin_group,
    epochsDone: r.epochs_done,
    stepsDone: r.steps_done,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
    trainSeconds: r.train_seconds,
    summary: { trainLoss: r.train_loss, trainAccuracy: r.train_accuracy, valLoss: r.val_loss, valAccuracy: r.val_accuracy },
  };
}

interface CheckpointRow {
  id: number;
  run_id: number;
  epoch: number;
  step: number;
  reason: CheckpointReason;
  bytes: number;
  created_at: number;
}

function checkpointRecord(r: CheckpointRow): CheckpointRecord {
  return { id: r.id, runId: r.run_id, epoch: r.epoch, step: r.step, reason: r.reason, bytes: r.bytes, createdAt: r.created_at };
}

interface ExportRow {
  id: number;
  run_id: number;
  checkpoint_id: number | null;
  format: ExportFormat;
  path: string;
  bytes: number | null;
  created_at: number;
}
