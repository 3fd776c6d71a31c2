import { Network } from '../../src-shared/engine/network';
import { decodeTrainerState } from '../../src-shared/engine/state';
import type { LayerWeights, TrainerState } from '../../src-shared/engine/types';
import type { CheckpointReason, CheckpointRecord } from '../../src-shared/training/records';
import { StoreError } from './database';
import { toUint8Array, type Sql } from './sql';

export interface NewCheckpoint {
  epoch: number;
  step: number;
  reason: CheckpointReason;
  state: Uint8Array;
}

export interface SavedCheckpoint extends NewCheckpoint {
  id: number;
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

/** Saved trainer states (encodeTrainerState bytes) of runs, one per step at most. */
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

  /** The insert without a transaction of its own, for callers that hold one. */
  insert(runId: number, c: NewCheckpoint): number {
    return this.sql.get<{ id: number }>(
      `INSERT INTO checkpoints (run_id, epoch, step, reason, state, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step) DO UPDATE SET epoch = excluded.epoch, reason = excluded.reason, state = excluded.state, created_at = excluded.created_at
       RETURNING id`,
      runId, c.epoch, c.step, c.reason, c.state, Date.now(),
    )!.id;
  }

  list(runId: number): CheckpointRecord[] {
    return this.sql.all<CheckpointRow>(
      'SELECT id, run_id, epoch, step, reason, length(state) AS bytes, created_at FROM checkpoints WHERE run_id = ? ORDER BY step',
      runId,
    ).map(checkpointRecord);
  }

  /**
   * The checkpoint with the most steps trained: where a resume continues. The initial
   * weights (epoch 0) sit at step 0, so they are the latest only until the first epoch is saved.
   */
  latest(runId: number): SavedCheckpoint | null {
    const row = this.sql.get<{ id: number; epoch: number; step: number; reason: CheckpointReason; state: Buffer }>(
      'SELECT id, epoch, step, reason, state FROM checkpoints WHERE run_id = ? ORDER BY step DESC LIMIT 1',
      runId,
    );
    return row ? { ...row, state: toUint8Array(row.state) } : null;
  }

  /** Forgets the states a run saved after `step` (a resume trains them again). */
  deleteAfter(runId: number, step: number): void {
    this.sql.run('DELETE FROM checkpoints WHERE run_id = ? AND step > ?', runId, step);
  }

  /** The saved trainer state of one checkpoint. */
  state(checkpointId: number): SavedCheckpoint & { runId: number } {
    const row = this.sql.get<{ id: number; run_id: number; epoch: number; step: number; reason: CheckpointReason; state: Buffer }>(
      'SELECT id, run_id, epoch, step, reason, state FROM checkpoints WHERE id = ?',
      checkpointId,
    );
    if (!row) throw new StoreError(`checkpoint ${checkpointId} does not exist`);
    return { id: row.id, runId: row.run_id, epoch: row.epoch, step: row.step, reason: row.reason, state: toUint8Array(row.state) };
  }

  /** The layer weights (W, b per dense layer) saved in one checkpoint. */
  weights(checkpointId: number): LayerWeights[] {
    const { state } = this.state(checkpointId);
    let decoded: TrainerState;
    try {
      decoded = decodeTrainerState(state);
    } catch (error) {
      throw new StoreError(`checkpoint ${checkpointId} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    return weightsOfState(decoded);
  }
}

/** Layer weights of a saved trainer state, laid out by the engine's own Network. */
export function weightsOfState(state: TrainerState): LayerWeights[] {
  const network = new Network(state.config.model);
  network.parameters().forEach((p, i) => p.value.set(state.params[i]));
  return network.layerWeights();
}

function checkpointRecord(r: CheckpointRow): CheckpointRecord {
  return { id: r.id, runId: r.run_id, epoch: r.epoch, step: r.step, reason: r.reason, bytes: r.bytes, createdAt: r.created_at };
}
