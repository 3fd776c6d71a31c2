import { imageModelInputSchema, type ImageModelInput } from '../../src-shared/data/normalize';
import type { TrainConfig } from '../../src-shared/engine/types';
import {
  FINAL_RUN_STATUSES,
  RESUMABLE_RUN_STATUSES,
  type RunDataSpec,
  type RunOrigin,
  type RunQuery,
  type RunRecord,
  type RunSortKey,
  type RunSplitSpec,
  type RunSplitCounts,
  type RunStatus,
} from '../../src-shared/training/records';
import type { CheckpointRepository, NewCheckpoint, SavedCheckpoint } from './checkpoint-repository';
import { StoreError } from './database';
import type { DatasetRepository } from './dataset-repository';
import type { ExperimentRepository } from './experiment-repository';
import type { MetricRepository } from './metric-repository';
import { ownerGone, systemProbe, THIS_PROCESS, type OwnerProbe } from './owner';
import { existing, type Sql } from './sql';

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
  trainDataLoss: 'r.train_data_loss',
  valDataLoss: 'r.val_data_loss',
  trainAccuracy: 'r.train_accuracy',
  valAccuracy: 'r.val_accuracy',
  trainSeconds: 'r.train_seconds',
};

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
  owner_started: string | null;
  heartbeat_at: number | null;
  epochs_done: number;
  steps_done: number;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
  train_seconds: number;
  train_data_loss: number | null;
  train_penalty: number | null;
  train_accuracy: number | null;
  val_data_loss: number | null;
  val_accuracy: number | null;
  splits: string | null;
}

/** The other repositories a run's life touches: what it belongs to, what it recorded. */
export interface RunRelations {
  experiments: ExperimentRepository;
  datasets: DatasetRepository;
  metrics: MetricRepository;
  checkpoints: CheckpointRepository;
}

/**
 * Runs and their status. Status changes follow ALLOWED_TRANSITIONS and are durable; the
 * owner of a running run (process id, its start time, a heartbeat: owner.ts) lets a live
 * app tell a crash from a live CLI run.
 */
export class RunRepository {
  constructor(private readonly sql: Sql, private readonly related: RunRelations, private readonly appVersion: string) {}

  create(input: NewRun): RunRecord {
    if (input.experimentId != null) this.related.experiments.require(input.experimentId);
    const datasetId = input.data.kind === 'dataset' ? input.data.datasetId : null;
    if (datasetId !== null) this.related.datasets.require(datasetId);
    const status = input.status ?? 'queued';
    const now = Date.now();
    const id = this.sql.run(
      `INSERT INTO runs (experiment_id, name, config, seed, dataset_id, data, split, app_version, origin, status,
                         twin_group, owner_pid, owner_started, heartbeat_at, created_at, started_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.experimentId ?? null, input.name ?? '', JSON.stringify(input.config), input.config.seed, datasetId,
      JSON.stringify(input.data), JSON.stringify(input.split), this.appVersion, input.origin ?? 'app', status,
      input.twinGroup ?? null, ...(status === 'running' ? [THIS_PROCESS.pid, THIS_PROCESS.started, now] : [null, null, null]),
      now, status === 'running' ? now : null, now,
    ).lastInsertRowid;
    return this.get(Number(id))!;
  }

  get(id: number): RunRecord | null {
    const row = this.sql.get<RunRow>('SELECT * FROM runs WHERE id = ?', id);
    return row ? runRecord(row) : null;
  }

  require(id: number): RunRecord {
    return existing(this.get(id), `run ${id}`);
  }

  /** Runs for the UI's list: filtered, sorted (missing values last), newest first by default. */
  list(query: RunQuery = {}): RunRecord[] {
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
    return this.sql.all<RunRow>(
      `SELECT r.* FROM runs r LEFT JOIN experiments e ON e.id = r.experiment_id
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY (${sort}) IS NULL, ${sort} ${direction}, r.id ${direction}
       LIMIT ? OFFSET ?`,
      ...params, limit, offset,
    ).map(runRecord);
  }

  /** The sizes and majority baselines of the splits a run trains on (recorded as each session starts: same split, same numbers). */
  recordSplits(id: number, splits: RunSplitCounts): void {
    this.require(id);
    this.sql.run('UPDATE runs SET splits = ? WHERE id = ?', JSON.stringify(splits), id);
  }

  rename(id: number, name: string): RunRecord {
    this.require(id);
    this.sql.run('UPDATE runs SET name = ?, updated_at = ? WHERE id = ?', name.trim(), Date.now(), id);
    return this.get(id)!;
  }

  /**
   * Moves a run to `status`, refusing transitions that make no sense (a finished run never
   * runs again). Committed durably: a status change must survive a crash.
   */
  setStatus(id: number, status: RunStatus, details: { error?: string | null } = {}): RunRecord {
    this.sql.durably(() => this.transition(id, status, details.error ?? null));
    return this.get(id)!;
  }

  private transition(id: number, status: RunStatus, error: string | null): void {
    const row = this.sql.get<{ status: RunStatus }>('SELECT status FROM runs WHERE id = ?', id);
    if (!row) throw new StoreError(`run ${id} does not exist`);
    if (!ALLOWED_TRANSITIONS[row.status].includes(status)) {
      throw new StoreError(`run ${id} is ${row.status} and cannot become ${status}`);
    }
    const now = Date.now();
    const final = FINAL_RUN_STATUSES.includes(status);
    const running = status === 'running';
    this.sql.run(
      `UPDATE runs SET status = ?, error = ?, updated_at = ?, owner_pid = ?, owner_started = ?, heartbeat_at = ?,
         started_at = CASE WHEN ? AND started_at IS NULL THEN ? ELSE started_at END,
         finished_at = CASE WHEN ? THEN ? ELSE NULL END
       WHERE id = ?`,
      status, error, now, ...(running ? [THIS_PROCESS.pid, THIS_PROCESS.started, now] : [null, null, null]), running ? 1 : 0, now, final ? 1 : 0, now, id,
    );
  }

  /** Keeps what an image run's model reads with the run (imageModelInputSchema), so its model needs no dataset folder. */
  setModelInput(id: number, input: ImageModelInput): void {
    this.require(id);
    this.sql.run('INSERT INTO run_inputs (run_id, input) VALUES (?, ?) ON CONFLICT (run_id) DO UPDATE SET input = excluded.input',
      id, JSON.stringify(imageModelInputSchema.parse(input)));
  }

  /** What an image run's model reads, or null when the run did not keep it (toy runs, runs from before schema 5). */
  modelInput(id: number): ImageModelInput | null {
    const row = this.sql.get<{ input: string }>('SELECT input FROM run_inputs WHERE run_id = ?', id);
    if (!row) return null;
    // checked like any file content: a row edited by hand reads as missing, and the folder is asked instead
    const parsed = imageModelInputSchema.safeParse(JSON.parse(row.input));
    return parsed.success ? parsed.data : null;
  }

  /** Deletes the run with its metrics, checkpoints and exports, in one transaction. */
  delete(id: number): boolean {
    return this.sql.transaction(() => this.sql.run('DELETE FROM runs WHERE id = ?', id).changes > 0);
  }

  /**
   * Runs a crash left 'running' (their owner is gone: ownerGone) become 'interrupted',
   * saying why. Runs owned by a live process (this one, or a CLI training right now) are left alone.
   */
  recoverInterrupted(probe: OwnerProbe = systemProbe): number[] {
    // read first, outside the write transaction: a live server asks every second
    const stale = this.runningOwners().flatMap((r) => {
      const why = ownerGone(r, probe);
      return why === null ? [] : [{ id: r.id, why }];
    });
    if (stale.length === 0) return [];
    return this.sql.durably(() => stale.filter(({ id, why }) => {
      // the owner may have finished the run meanwhile
      if (this.sql.get<{ status: RunStatus }>('SELECT status FROM runs WHERE id = ?', id)?.status !== 'running') return false;
      this.transition(id, 'interrupted', `${why}; resume continues from its last checkpoint`);
      return true;
    }).map((r) => r.id));
  }

  /**
   * Of `ids`, the runs training in another live process (a `lab train --db` run): this app
   * cannot stop them, so it must not delete them under that process (its next write would
   * fail on a missing run). Each with the owner's process id.
   */
  ownedElsewhere(ids: readonly number[], probe: OwnerProbe = systemProbe): { id: number; pid: number }[] {
    if (ids.length === 0) return [];
    const wanted = new Set(ids);
    return this.runningOwners()
      .filter((r) => wanted.has(r.id) && r.pid !== null && r.pid !== THIS_PROCESS.pid && ownerGone(r, probe) === null)
      .map((r) => ({ id: r.id, pid: r.pid! }));
  }

  private runningOwners(): { id: number; pid: number | null; started: string | null; heartbeatAt: number | null }[] {
    return this.sql.all<{ id: number; pid: number | null; started: string | null; heartbeatAt: number | null }>(
      "SELECT id, owner_pid AS pid, owner_started AS started, heartbeat_at AS heartbeatAt FROM runs WHERE status = 'running' ORDER BY id");
  }

  /**
   * The owner's heartbeat: marks this process' running runs alive now. One small UPDATE
   * (runs_status index), called every HEARTBEAT_MS by the app's owner watch and the CLI.
   * It never waits for another writer's lock (false: skipped): a missed beat is harmless,
   * a main thread held for the busy timeout every second is not.
   */
  heartbeat(): boolean {
    const { db } = this.sql;
    const wait = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma('busy_timeout = 0');
    try {
      this.sql.run("UPDATE runs SET heartbeat_at = ? WHERE status = 'running' AND owner_pid = ? AND owner_started = ?",
        Date.now(), THIS_PROCESS.pid, THIS_PROCESS.started);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return false;
      throw error;
    } finally {
      db.pragma(`busy_timeout = ${wait}`);
    }
  }

  /**
   * Gets a paused, interrupted or failed run ready to continue: rolls its metrics back to
   * its last checkpoint (anything after it will be trained again) and queues it. Returns
   * the checkpoint to continue from, or null to start over from scratch.
   */
  prepareResume(id: number): SavedCheckpoint | null {
    const { metrics, checkpoints } = this.related;
    return this.sql.durably(() => {
      const run = this.require(id);
      if (!RESUMABLE_RUN_STATUSES.includes(run.status)) throw new StoreError(`run ${id} is ${run.status} and cannot be resumed`);
      const checkpoint = checkpoints.latest(id);
      const step = checkpoint?.step ?? 0;
      metrics.deleteAfter(id, step);
      checkpoints.deleteAfter(id, step);
      this.sql.run('UPDATE runs SET epochs_done = ?, steps_done = ? WHERE id = ?', checkpoint?.epoch ?? 0, step, id);
      metrics.refreshSummary(id);
      this.transition(id, 'queued', null);
      return checkpoint;
    });
  }

  /**
   * Ends a run: optional final checkpoint and the final status in one durable
   * transaction, so a finished run always has the weights it finished with.
   */
  finish(id: number, status: 'done' | 'cancelled' | 'failed' | 'diverged' | 'paused' | 'interrupted', details: { error?: string | null; checkpoint?: NewCheckpoint } = {}): RunRecord {
    this.sql.durably(() => {
      if (details.checkpoint) this.related.checkpoints.insert(id, details.checkpoint);
      this.transition(id, status, details.error ?? null);
    });
    return this.get(id)!;
  }
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
    summary: { trainDataLoss: r.train_data_loss, trainPenalty: r.train_penalty, trainAccuracy: r.train_accuracy, valDataLoss: r.val_data_loss, valAccuracy: r.val_accuracy },
    splits: r.splits === null ? null : JSON.parse(r.splits),
  };
}
