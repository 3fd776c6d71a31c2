import { Network } from '../../src-shared/engine/network';
import { decodeTrainerState } from '../../src-shared/engine/state';
import type { LayerWeights, TrainConfig } from '../../src-shared/engine/types';
import { decodeWeightsSnapshot, historyCapacity, historyToKeep, type HistoryEntry } from '../../src-shared/training/history';
import type { CheckpointReason, CheckpointRecord } from '../../src-shared/training/records';
import { StoreError } from './database';
import { toUint8Array, type Sql } from './sql';

export interface NewCheckpoint {
  epoch: number;
  step: number;
  reason: CheckpointReason;
  /** encodeTrainerState bytes: the resumable state; empty for a snapshot-only checkpoint (the newest full state stays the resume point) */
  state: Uint8Array;
  /**
   * encodeWeightsSnapshot bytes of the same weights (workers and the CLI send it, so main
   * never converts). Without one (tools, older callers) the row keeps its full state when
   * superseded, like rows from before schema 3.
   */
  snapshot?: Uint8Array;
}

export interface SavedCheckpoint {
  id: number;
  epoch: number;
  step: number;
  reason: CheckpointReason;
  state: Uint8Array;
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

/** Bytes a checkpoint row takes: its full state (empty once superseded) and its snapshot. */
const CHECKPOINT_BYTES_SQL = 'length(state) + IFNULL(length(snapshot), 0)';

/**
 * Saved training states of runs, one per step at most, as a bounded history
 * (src-shared/training/history.ts): each save stores the full state with its float16
 * snapshot, empties the full state of every older row but the initial one (`state` = x'', the snapshot stays)
 * and deletes the rows the retention policy lets go. A run thus holds one resumable state
 * and at most HISTORY_MAX_ENTRIES snapshots however long it trains. Rows from before
 * schema 3 have a full state and no snapshot: they read as before and are thinned like the rest.
 */
export class CheckpointRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Saves a trainer state. A second save at the same step replaces the first. Committed
   * with synchronous=NORMAL: it survives a crash of the app; a power cut may lose the
   * latest one, and a resume then starts from the one before. Final and pause states
   * go through `RunRepository.finish`, which is durable.
   */
  save(runId: number, checkpoint: NewCheckpoint): number {
    return this.sql.transaction(() => this.insert(runId, checkpoint));
  }

  /** The save without a transaction of its own, for callers that hold one. */
  insert(runId: number, c: NewCheckpoint): number {
    const snapshot = c.snapshot ?? null;
    const id = this.sql.get<{ id: number }>(
      `INSERT INTO checkpoints (run_id, epoch, step, reason, state, snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step) DO UPDATE SET epoch = excluded.epoch, reason = excluded.reason, state = excluded.state,
         snapshot = excluded.snapshot, created_at = excluded.created_at
       RETURNING id`,
      runId, c.epoch, c.step, c.reason, c.state, snapshot, Date.now(),
    )!.id;
    // Only the newest state resumes: the older ones keep their snapshots alone, except the
    // initial state (step 0), kept exact: "change since start", the PyTorch project's
    // initial weights and its replay read it. A checkpoint saved as a snapshot only (state
    // empty) leaves the newest full state where it is.
    if (c.state.length > 0) this.sql.run("UPDATE checkpoints SET state = x'' WHERE run_id = ? AND step > 0 AND step < ? AND snapshot IS NOT NULL AND length(state) > 0", runId, c.step);
    else if (!snapshot) throw new StoreError(`checkpoint of run ${runId} at step ${c.step} holds neither a state nor a snapshot`);
    this.thin(runId, historyCapacity((snapshot ?? c.state).length));
    return id;
  }

  /**
   * Deletes the history rows the retention policy no longer keeps; returns how many. Never
   * the newest row, nor the newest full state (the resume point) when a snapshot-only row
   * came after it: that one takes a place of its own within the bound.
   */
  private thin(runId: number, capacity: number): number {
    const entries = this.sql.all<HistoryEntry & { id: number; full: number }>('SELECT id, epoch, step, length(state) > 0 AS full FROM checkpoints WHERE run_id = ? ORDER BY step', runId);
    if (entries.length <= capacity) return 0;
    const best = this.sql.get<{ epoch: number }>(
      "SELECT epoch FROM metrics WHERE run_id = ? AND split = 'val' AND name = 'loss' AND value IS NOT NULL ORDER BY value, step LIMIT 1",
      runId,
    );
    const resumePoint = entries.findLast((e) => e.full === 1);
    const apart = resumePoint !== undefined && resumePoint !== entries.at(-1);
    const keep = historyToKeep(entries, best?.epoch ?? null, apart ? Math.max(3, capacity - 1) : capacity);
    if (apart) keep.add(resumePoint.step);
    let deleted = 0;
    for (const entry of entries) {
      if (!keep.has(entry.step)) deleted += this.sql.run('DELETE FROM checkpoints WHERE id = ?', entry.id).changes;
    }
    return deleted;
  }

  /** The run's kept epochs, oldest first; `bytes` counts the full state (newest only) and the snapshot. */
  list(runId: number): CheckpointRecord[] {
    return this.sql.all<CheckpointRow>(
      `SELECT id, run_id, epoch, step, reason, ${CHECKPOINT_BYTES_SQL} AS bytes, created_at FROM checkpoints WHERE run_id = ? ORDER BY step`,
      runId,
    ).map(checkpointRecord);
  }

  /**
   * The newest checkpoint with a full state: where a resume continues. The initial weights
   * (epoch 0) sit at step 0, so they are the latest only until the first epoch is saved.
   */
  latest(runId: number): SavedCheckpoint | null {
    const row = this.sql.get<{ id: number; epoch: number; step: number; reason: CheckpointReason; state: Buffer }>(
      'SELECT id, epoch, step, reason, state FROM checkpoints WHERE run_id = ? AND length(state) > 0 ORDER BY step DESC LIMIT 1',
      runId,
    );
    return row ? { ...row, state: toUint8Array(row.state) } : null;
  }

  /** Forgets the states a run saved after `step` (a resume trains them again). */
  deleteAfter(runId: number, step: number): void {
    this.sql.run('DELETE FROM checkpoints WHERE run_id = ? AND step > ?', runId, step);
  }

  /** The full trainer state of one checkpoint; an older kept epoch has its weights only (see `weights`). */
  state(checkpointId: number): SavedCheckpoint & { runId: number } {
    const row = this.sql.get<{ id: number; run_id: number; epoch: number; step: number; reason: CheckpointReason; state: Buffer }>(
      'SELECT id, run_id, epoch, step, reason, state FROM checkpoints WHERE id = ?',
      checkpointId,
    );
    if (!row) throw new StoreError(`checkpoint ${checkpointId} does not exist`);
    if (row.state.length === 0) throw new StoreError(`checkpoint ${checkpointId} (epoch ${row.epoch}) keeps its weights only: a run resumes from its latest checkpoint`);
    return { id: row.id, runId: row.run_id, epoch: row.epoch, step: row.step, reason: row.reason, state: toUint8Array(row.state) };
  }

  /** The layer weights (W, b per dense layer) of one checkpoint: exact from a full state, else from its float16 snapshot. */
  weights(checkpointId: number): LayerWeights[] {
    const row = this.sql.get<{ state: Buffer; snapshot: Buffer | null }>('SELECT state, snapshot FROM checkpoints WHERE id = ?', checkpointId);
    if (!row) throw new StoreError(`checkpoint ${checkpointId} does not exist`);
    try {
      if (row.state.length > 0) return weightsOfState(decodeTrainerState(toUint8Array(row.state)));
      if (row.snapshot) return weightsOfState(decodeWeightsSnapshot(toUint8Array(row.snapshot)));
    } catch (error) {
      throw new StoreError(`checkpoint ${checkpointId} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    throw new StoreError(`checkpoint ${checkpointId} holds no weights`);
  }
}

/** Layer weights of saved parameters (a trainer state or a snapshot), laid out by the engine's own Network. */
export function weightsOfState(saved: { config: TrainConfig; params: Float32Array[] }): LayerWeights[] {
  const network = new Network(saved.config.model);
  network.parameters().forEach((p, i) => p.value.set(saved.params[i]));
  return network.layerWeights();
}

function checkpointRecord(r: CheckpointRow): CheckpointRecord {
  return { id: r.id, runId: r.run_id, epoch: r.epoch, step: r.step, reason: r.reason, bytes: r.bytes, createdAt: r.created_at };
}
