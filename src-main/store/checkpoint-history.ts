import type Database from 'better-sqlite3';
import { Network } from '../../src-shared/engine/network';
import { decodeTrainerState } from '../../src-shared/engine/state';
import type { LayerWeights, TrainConfig } from '../../src-shared/engine/types';
import { decodeWeightsSnapshot, historyCapacity, historyToKeep, type HistoryEntry } from '../../src-shared/training/history';
import type { CheckpointReason } from '../../src-shared/training/records';
import { StoreError } from './database';

/**
 * A run's checkpoints as a bounded history (src-shared/training/history.ts): each save
 * stores the full state and its float16 snapshot, empties the full state of every older
 * row (`state` = x'', only the snapshot stays), and deletes the rows the retention policy
 * lets go. So a run holds one resumable state and at most HISTORY_MAX_ENTRIES snapshots,
 * however long it trains. Rows from before schema 3 have a full state and no snapshot:
 * they read as before and are thinned like the rest.
 */

/** The statements the history needs; the store's own helpers (cached statements) fit. */
export interface SqlRunner {
  run(sql: string, ...params: unknown[]): Database.RunResult;
  get<T>(sql: string, ...params: unknown[]): T | undefined;
  all<T>(sql: string, ...params: unknown[]): T[];
}

export interface NewCheckpoint {
  epoch: number;
  step: number;
  reason: CheckpointReason;
  /** encodeTrainerState bytes: the resumable state */
  state: Uint8Array;
  /**
   * encodeWeightsSnapshot bytes of the same weights (workers and the CLI send it, so main
   * never converts). Without one (tools, older callers) the row keeps its full state when
   * superseded, like rows from before schema 3.
   */
  snapshot?: Uint8Array;
}

/** Bytes a checkpoint row takes: its full state (empty once superseded) and its snapshot. */
export const CHECKPOINT_BYTES_SQL = 'length(state) + IFNULL(length(snapshot), 0)';

/** Inserts (or replaces, at the same step) a checkpoint, then supersedes and thins the run's older ones. Call inside a transaction. */
export function insertCheckpoint(sql: SqlRunner, runId: number, c: NewCheckpoint): number {
  const snapshot = c.snapshot ?? null;
  const id = sql.get<{ id: number }>(
    `INSERT INTO checkpoints (run_id, epoch, step, reason, state, snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, step) DO UPDATE SET epoch = excluded.epoch, reason = excluded.reason, state = excluded.state,
       snapshot = excluded.snapshot, created_at = excluded.created_at
     RETURNING id`,
    runId, c.epoch, c.step, c.reason, c.state, snapshot, Date.now(),
  )!.id;
  // Only the newest state resumes: the older ones keep their snapshots alone.
  sql.run("UPDATE checkpoints SET state = x'' WHERE run_id = ? AND step < ? AND snapshot IS NOT NULL AND length(state) > 0", runId, c.step);
  thinHistory(sql, runId, historyCapacity((snapshot ?? c.state).length));
  return id;
}

/** Deletes the history rows the retention policy no longer keeps; never the resumable one. */
export function thinHistory(sql: SqlRunner, runId: number, capacity: number): number {
  const entries = sql.all<HistoryEntry & { id: number }>('SELECT id, epoch, step FROM checkpoints WHERE run_id = ? ORDER BY step', runId);
  if (entries.length <= capacity) return 0;
  const best = sql.get<{ epoch: number }>(
    "SELECT epoch FROM metrics WHERE run_id = ? AND split = 'val' AND name = 'loss' AND value IS NOT NULL ORDER BY value, step LIMIT 1",
    runId,
  );
  const keep = historyToKeep(entries, best?.epoch ?? null, capacity);
  let deleted = 0;
  for (const entry of entries) {
    if (!keep.has(entry.step)) deleted += sql.run('DELETE FROM checkpoints WHERE id = ?', entry.id).changes;
  }
  return deleted;
}

export interface ResumableCheckpoint {
  id: number;
  epoch: number;
  step: number;
  reason: CheckpointReason;
  state: Uint8Array;
}

/** The newest checkpoint with a full state: where a resume continues. */
export function latestResumable(sql: SqlRunner, runId: number): ResumableCheckpoint | null {
  const row = sql.get<{ id: number; epoch: number; step: number; reason: CheckpointReason; state: Buffer }>(
    'SELECT id, epoch, step, reason, state FROM checkpoints WHERE run_id = ? AND length(state) > 0 ORDER BY step DESC LIMIT 1',
    runId,
  );
  return row ? { ...row, state: toUint8Array(row.state) } : null;
}

/** The layer weights of one checkpoint: exact from its full state, else from its float16 snapshot. */
export function checkpointLayers(sql: SqlRunner, checkpointId: number): LayerWeights[] {
  const row = sql.get<{ state: Buffer; snapshot: Buffer | null }>('SELECT state, snapshot FROM checkpoints WHERE id = ?', checkpointId);
  if (!row) throw new StoreError(`checkpoint ${checkpointId} does not exist`);
  try {
    if (row.state.length > 0) return layersOf(decodeTrainerState(toUint8Array(row.state)));
    if (row.snapshot) return layersOf(decodeWeightsSnapshot(toUint8Array(row.snapshot)));
  } catch (error) {
    throw new StoreError(`checkpoint ${checkpointId} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  throw new StoreError(`checkpoint ${checkpointId} holds no weights`);
}

/** Layer weights of saved parameters, laid out by the engine's own Network. */
export function layersOf(saved: { config: TrainConfig; params: Float32Array[] }): LayerWeights[] {
  const network = new Network(saved.config.model);
  network.parameters().forEach((p, i) => p.value.set(saved.params[i]));
  return network.layerWeights();
}

function toUint8Array(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
