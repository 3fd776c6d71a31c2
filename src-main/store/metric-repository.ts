import type { LossReport } from '../../src-shared/engine/types';
import {
  epochSummary,
  WEIGHT_SPARSITY_METRICS,
  type EpochMetrics,
  type MetricPoint,
  type MetricRow,
  type MetricSeries,
  type MetricSplit,
} from '../../src-shared/training/records';
import { healthMetricRows } from '../../src-shared/training/health-metrics';
import { StoreError } from './database';
import type { Sql } from './sql';

export interface RunProgress {
  epochsDone: number;
  stepsDone: number;
  /** seconds of training to add to the run's total */
  trainSeconds: number;
  /** per-step values since the last call */
  metrics: MetricRow[];
}

/** Values the epoch summary records for each split (LossReport fields). */
const LOSS_METRICS = ['loss', 'dataLoss', 'regLoss', 'accuracy'] as const;

/**
 * Metric rows of runs: per step ('batch'), per epoch ('train', 'val'), and the run
 * counters and summary columns that move with them (so a list sorts by the latest data loss).
 */
export class MetricRepository {
  constructor(private readonly sql: Sql) {}

  /** Per-step metrics and counters since the last call, in one transaction. */
  recordProgress(runId: number, progress: RunProgress): void {
    this.sql.transaction(() => {
      this.insert(runId, progress.metrics);
      this.sql.run(
        'UPDATE runs SET epochs_done = ?, steps_done = ?, train_seconds = train_seconds + ?, updated_at = ? WHERE id = ?',
        progress.epochsDone, progress.stepsDone, progress.trainSeconds, Date.now(), runId,
      );
    });
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
    if (report.health) for (const row of healthMetricRows(report.health)) add('train', row.name, row.value);
    this.sql.transaction(() => {
      this.insert(runId, rows);
      const summary = epochSummary(report);
      this.sql.run(
        `UPDATE runs SET epochs_done = ?, steps_done = MAX(steps_done, ?), train_data_loss = ?, train_penalty = ?, train_accuracy = ?,
           val_data_loss = ?, val_accuracy = ?, updated_at = ? WHERE id = ?`,
        report.epoch, report.step, summary.trainDataLoss, summary.trainPenalty, summary.trainAccuracy,
        summary.valDataLoss, summary.valAccuracy, Date.now(), runId,
      );
    });
  }

  /** Any metric rows, batched into one transaction. A row for an existing (split, name, step) replaces it. */
  append(runId: number, rows: MetricRow[]): void {
    this.sql.transaction(() => this.insert(runId, rows));
  }

  private insert(runId: number, rows: MetricRow[]): void {
    if (rows.length === 0) return;
    const insert = this.sql.statement('INSERT OR REPLACE INTO metrics (run_id, split, name, step, epoch, value) VALUES (?, ?, ?, ?, ?, ?)');
    for (const row of rows) insert.run(runId, row.split, row.name, row.step, row.epoch, Number.isNaN(row.value) ? null : row.value);
  }

  /** Forgets what a run recorded after `step` (a resume trains it again). */
  deleteAfter(runId: number, step: number): void {
    this.sql.run('DELETE FROM metrics WHERE run_id = ? AND step > ?', runId, step);
  }

  /** The run's summary columns from its latest train/val epoch rows (after `deleteAfter`). */
  refreshSummary(runId: number): void {
    const last = (split: string, name: string) =>
      this.sql.get<{ value: number | null }>('SELECT value FROM metrics WHERE run_id = ? AND split = ? AND name = ? ORDER BY step DESC LIMIT 1', runId, split, name)?.value ?? null;
    this.sql.run(
      'UPDATE runs SET train_data_loss = ?, train_penalty = ?, train_accuracy = ?, val_data_loss = ?, val_accuracy = ? WHERE id = ?',
      last('train', 'dataLoss'), last('train', 'regLoss'), last('train', 'accuracy'), last('val', 'dataLoss'), last('val', 'accuracy'), runId,
    );
  }

  /** Which series a run has, with their lengths. */
  names(runId: number): { split: MetricSplit; name: string; count: number }[] {
    return this.sql.all('SELECT split, name, COUNT(*) AS count FROM metrics WHERE run_id = ? GROUP BY split, name ORDER BY split, name', runId);
  }

  has(runId: number, split: MetricSplit, name: string): boolean {
    return this.sql.get('SELECT 1 FROM metrics WHERE run_id = ? AND split = ? AND name = ? LIMIT 1', runId, split, name) !== undefined;
  }

  /**
   * One metric of one run for a chart: at most `maxPoints` points (≥ 2). Long series are
   * cut into equal step ranges and each range keeps its lowest and highest value, plus
   * the first and last point (from 4 points up), so spikes and the best value never
   * vanish from the chart. A NaN (diverged) value is kept as NaN when the series fits;
   * buckets skip it.
   */
  series(runId: number, split: MetricSplit, name: string, maxPoints = 500): MetricSeries {
    if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new StoreError(`maxPoints must be an integer ≥ 2 (got ${maxPoints})`);
    const range = this.sql.get<{ total: number; lo: number | null; hi: number | null }>(
      'SELECT COUNT(*) AS total, MIN(step) AS lo, MAX(step) AS hi FROM metrics WHERE run_id = ? AND split = ? AND name = ?',
      runId, split, name,
    )!;
    const series = { runId, split, name, total: range.total };
    if (range.total <= maxPoints) {
      const points = this.sql.all<MetricPoint>(
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
    const lowest = this.sql.statement(`SELECT epoch, step, MIN(value) AS value FROM metrics WHERE ${where}`);
    const highest = this.sql.statement(`SELECT epoch, step, MAX(value) AS value FROM metrics WHERE ${where}`);
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
      for (const step of [lo, range.hi!]) keep(this.sql.get<MetricPoint>('SELECT epoch, step, value FROM metrics WHERE run_id = ? AND split = ? AND name = ? AND step = ?', runId, split, name, step));
    }
    const rows = [...byStep.values()].sort((x, y) => x.step - y.step);
    return { ...series, points: rows.map(withNaN) };
  }
}

function withNaN(p: MetricPoint): MetricPoint {
  return p.value === null ? { ...p, value: NaN } : p;
}
