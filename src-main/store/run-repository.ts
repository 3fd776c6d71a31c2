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
 * owner process id of a running run lets a later start tell a crash from a live CLI run.
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
                         twin_group, owner_pid, created_at, started_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      input.experimentId ?? null, input.name ?? '', JSON.stringify(input.config), input.config.seed, datasetId,
      JSON.stringify(input.data), JSON.stringify(input.split), this.appVersion, input.origin ?? 'app', status,
      input.twinGroup ?? null, status === 'running' ? process.pid : null, now, status === 'running' ? now : null, now,
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
    this.sql.run(
      `UPDATE runs SET status = ?, error = ?, updated_at = ?,
         owner_pid = CASE WHEN ? = 'running' THEN ? ELSE NULL END,
         started_at = CASE WHEN ? = 'running' AND started_at IS NULL THEN ? ELSE started_at END,
         finished_at = CASE WHEN ? THEN ? ELSE NULL END
       WHERE id = ?`,
      status, error, now, status, process.pid, status, now, final ? 1 : 0, now, id,
    );
  }

  /** Deletes the run with its metrics, checkpoints and exports, in one transaction. */
  delete(id: number): boolean {
    return this.sql.transaction(() => this.sql.run('DELETE FROM runs WHERE id = ?', id).changes > 0);
  }

  /**
   * Runs a crash left 'running' (their owner process is gone) become 'interrupted'.
   * Runs owned by a live process (this one, or a CLI training right now) are left alone.
   */
  recoverInterrupted(isAlive: (pid: number) => boolean = processIsAlive): number[] {
    return this.sql.durably(() => {
      const stale = this.sql.all<{ id: number; owner_pid: number | null }>("SELECT id, owner_pid FROM runs WHERE status = 'running'")
        .filter((r) => r.owner_pid === null || (r.owner_pid !== process.pid && !isAlive(r.owner_pid)));
      for (const r of stale) {
        const why = r.owner_pid === null || r.owner_pid === process.pid ? 'the app stopped while this run was training' : `the process training it (pid ${r.owner_pid}) ended without finishing it`;
        this.transition(r.id, 'interrupted', `${why}; resume continues from its last checkpoint`);
      }
      return stale.map((r) => r.id);
    });
  }

  /**
   * Of `ids`, the runs training in another live process (a `lab train --db` run): this app
   * cannot stop them, so it must not delete them under that process (its next write would
   * fail on a missing run). Each with the owner's process id.
   */
  ownedElsewhere(ids: readonly number[], isAlive: (pid: number) => boolean = processIsAlive): { id: number; pid: number }[] {
    if (ids.length === 0) return [];
    const rows = this.sql.all<{ id: number; owner_pid: number | null }>(
      `SELECT id, owner_pid FROM runs WHERE status = 'running' AND id IN (${ids.map(() => '?').join(',')})`, ...ids);
    return rows.filter((r) => r.owner_pid !== null && r.owner_pid !== process.pid && isAlive(r.owner_pid)).map((r) => ({ id: r.id, pid: r.owner_pid! }));
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

/** Whether a process with this id exists (signal 0 checks without sending anything). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
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
