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

/** `maxPoints` for a series at full resolution (an export, a comparison): whatever its length, no point is dropped. */
export const EVERY_POINT = Number.MAX_SAFE_INTEGER;

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

  /**
   * Which series a run has, with their lengths, in (split, name) order, without reading
   * their rows: counting them read every row of the run (160,000 for a 3,000-epoch run of
   * 10 mini-batches an epoch, tens of ms, on every getRun and for every run in the Storage
   * panel). One index seek finds each series' first row (a loose index scan over the
   * key's (split, name) prefix); a series evenly spaced in steps, as the recorder writes
   * all of them (every step, or every epoch's last step), has (last − first) / spacing + 1
   * rows. Its second and next-to-last steps, and the step halfway with the one before it,
   * give the spacing and check it: a series failing that check is counted. A series with a
   * gap in an even spacing would read as longer than it is: callers that need every point
   * ask for EVERY_POINT instead of trusting `count`.
   */
  names(runId: number): { split: MetricSplit; name: string; count: number }[] {
    const step = (sql: string, ...params: unknown[]) => this.sql.get<{ step: number | null }>(sql, ...params)?.step ?? null;
    const key = 'run_id = ? AND split = ? AND name = ?';
    const series: { split: MetricSplit; name: string; count: number }[] = [];
    // The next series' first row: its next name in the split, else the next split's first.
    // Two seeks: SQLite seeks a row value (split, name) > (?, ?) on `split` alone, and then
    // reads through every row of the rest of the split.
    type FirstRow = { split: MetricSplit; name: string; step: number };
    const nextSeries = (after: FirstRow | null) =>
      (after && this.sql.get<FirstRow>('SELECT split, name, step FROM metrics WHERE run_id = ? AND split = ? AND name > ? ORDER BY name, step LIMIT 1', runId, after.split, after.name)) ??
      // '' sorts before every split (the schema's CHECK allows no empty one)
      this.sql.get<FirstRow>('SELECT split, name, step FROM metrics WHERE run_id = ? AND split > ? ORDER BY split, name, step LIMIT 1', runId, after?.split ?? '');
    for (let first = nextSeries(null); first; first = nextSeries(first)) {
      const { split, name } = first;
      const evenly = (): number | null => {
        const last = step(`SELECT MAX(step) AS step FROM metrics WHERE ${key}`, runId, split, name)!;
        if (last === first.step) return 1;
        const stepAfter = (at: number) => step(`SELECT step FROM metrics WHERE ${key} AND step > ? ORDER BY step LIMIT 1`, runId, split, name, at);
        const spacing = stepAfter(first.step)! - first.step;
        const intervals = (last - first.step) / spacing;
        const stepBefore = (at: number) => step(`SELECT step FROM metrics WHERE ${key} AND step < ? ORDER BY step DESC LIMIT 1`, runId, split, name, at);
        if (!Number.isInteger(intervals) || stepBefore(last) !== last - spacing) return null;
        const middle = first.step + Math.floor(intervals / 2) * spacing;
        return stepAfter(middle - 1) === middle && (middle === first.step || stepBefore(middle) === middle - spacing) ? intervals + 1 : null;
      };
      const count = evenly() ?? this.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM metrics WHERE ${key}`, runId, split, name)!.n;
      series.push({ split, name, count });
    }
    return series;
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
