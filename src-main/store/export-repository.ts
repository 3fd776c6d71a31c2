import type { ExportFormat, ExportRecord } from '../../src-shared/training/records';
import type { Sql } from './sql';

interface ExportRow {
  id: number;
  run_id: number;
  checkpoint_id: number | null;
  format: ExportFormat;
  path: string;
  bytes: number | null;
  created_at: number;
}

/** Files written from a run (model exports, CSV, templates): where, which format, how large. */
export class ExportRepository {
  constructor(private readonly sql: Sql) {}

  /** The caller checks that the run exists (the facade does). */
  record(input: { runId: number; checkpointId?: number | null; format: ExportFormat; path: string; bytes?: number | null }): ExportRecord {
    const id = this.sql.run(
      'INSERT INTO exports (run_id, checkpoint_id, format, path, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      input.runId, input.checkpointId ?? null, input.format, input.path, input.bytes ?? null, Date.now(),
    ).lastInsertRowid;
    return this.list(input.runId).find((e) => e.id === Number(id))!;
  }

  list(runId: number): ExportRecord[] {
    return this.sql.all<ExportRow>('SELECT * FROM exports WHERE run_id = ? ORDER BY created_at, id', runId).map((r) => ({
      id: r.id, runId: r.run_id, checkpointId: r.checkpoint_id, format: r.format, path: r.path, bytes: r.bytes, createdAt: r.created_at,
    }));
  }
}
