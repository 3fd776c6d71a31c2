import { sweepAxesSchema, sweepMetricSchema, type SweepAxes, type SweepCell, type SweepMetric, type SweepRecord } from '../../src-shared/training/sweep';
import type { Sql } from './sql';

interface SweepRow {
  id: number;
  experiment_id: number;
  name: string;
  base_run_id: number | null;
  axes: string;
  metric: string;
  created_at: number;
}

function toRecord(row: SweepRow): SweepRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    name: row.name,
    baseRunId: row.base_run_id,
    axes: sweepAxesSchema.parse(JSON.parse(row.axes)),
    metric: sweepMetricSchema.parse(row.metric),
    createdAt: row.created_at,
  };
}

/** Sweeps: a grid over two settings whose cells are runs of one experiment. */
export class SweepRepository {
  constructor(private readonly sql: Sql) {}

  create(input: { experimentId: number; name: string; baseRunId: number | null; axes: SweepAxes; metric: SweepMetric; cells: readonly SweepCell[] }): SweepRecord {
    return this.sql.transaction(() => {
      const { lastInsertRowid } = this.sql.run(
        'INSERT INTO sweeps (experiment_id, name, base_run_id, axes, metric, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        input.experimentId, input.name, input.baseRunId, JSON.stringify(input.axes), input.metric, Date.now(),
      );
      const id = Number(lastInsertRowid);
      for (const c of input.cells) this.sql.run('INSERT INTO sweep_cells (sweep_id, i, j, run_id) VALUES (?, ?, ?, ?)', id, c.i, c.j, c.runId);
      return this.get(id)!;
    });
  }

  get(id: number): SweepRecord | null {
    const row = this.sql.get<SweepRow>('SELECT * FROM sweeps WHERE id = ?', id);
    return row ? toRecord(row) : null;
  }

  list(): SweepRecord[] {
    return this.sql.all<SweepRow>('SELECT * FROM sweeps ORDER BY id').map(toRecord);
  }

  /** The cells whose runs still exist, row by row. */
  cells(id: number): SweepCell[] {
    return this.sql.all<{ i: number; j: number; run_id: number }>('SELECT i, j, run_id FROM sweep_cells WHERE sweep_id = ? ORDER BY i, j', id).map((r) => ({ i: r.i, j: r.j, runId: r.run_id }));
  }
}
