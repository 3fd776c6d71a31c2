import type { ImageModelInput } from '../../src-shared/data/normalize';
import type { LayerWeights } from '../../src-shared/engine/types';
import type {
  CheckpointRecord,
  DatasetRecord,
  EpochMetrics,
  ExperimentRecord,
  ExportFormat,
  ExportRecord,
  MetricRow,
  MetricSeries,
  MetricSplit,
  RunQuery,
  RunRecord,
  RunSplitCounts,
  RunStatus,
} from '../../src-shared/training/records';
import packageJson from '../../package.json';
import { CheckpointRepository, type NewCheckpoint, type SavedCheckpoint } from './checkpoint-repository';
import { openDatabase, type OpenDatabaseOptions } from './database';
import { DatasetRepository, type NewDataset } from './dataset-repository';
import { ExperimentRepository } from './experiment-repository';
import { ExportRepository } from './export-repository';
import { MetricRepository, type RunProgress } from './metric-repository';
import type { OwnerProbe } from './owner';
import { RunRepository } from './run-repository';
import { SpaceKeeper } from './space';
import { Sql } from './sql';
import { HEALTH_METRIC_PREFIX } from '../../src-shared/training/health-metrics';
import { ReplayRepository } from './replay-repository';
import { SweepRepository } from './sweep-repository';

export interface RunComparison {
  runs: [RunRecord, RunRecord];
  /** config values that differ, by dotted path (e.g. 'regularizer.kind') */
  differences: { path: string; a: unknown; b: unknown }[];
  /** every metric series either run has, downsampled; null where a run lacks it */
  series: { split: MetricSplit; name: string; a: MetricSeries | null; b: MetricSeries | null }[];
}

export interface LabStoreOptions extends OpenDatabaseOptions {
  /** recorded with every run; default: package.json version */
  appVersion?: string;
}

/**
 * The lab's memory: one SQLite file holding datasets, experiments, runs, their metrics,
 * checkpoints and exports, one repository per record kind over one connection. Only the
 * main process writes (workers post messages to it). Every method is synchronous and each
 * write is one transaction.
 *
 * The methods below are the store's vocabulary for the rest of src-main; each hands the
 * call to its repository (`store.runs`, `store.metrics`, … for code that works with one kind).
 */
export class LabStore {
  readonly path: string;
  readonly datasets: DatasetRepository;
  readonly experiments: ExperimentRepository;
  readonly runs: RunRepository;
  readonly metrics: MetricRepository;
  readonly checkpoints: CheckpointRepository;
  readonly exports: ExportRepository;
  /** provenance, course changes and re-runs (issue 19) */
  readonly replays: ReplayRepository;
  readonly sweeps: SweepRepository;
  /** disk space: sizes, deleting runs and giving space back a slice at a time */
  readonly space: SpaceKeeper;
  private readonly sql: Sql;

  constructor(path: string, options: LabStoreOptions = {}) {
    this.sql = new Sql(openDatabase(path, options));
    this.path = this.sql.db.name;
    this.datasets = new DatasetRepository(this.sql);
    this.experiments = new ExperimentRepository(this.sql);
    this.metrics = new MetricRepository(this.sql);
    this.checkpoints = new CheckpointRepository(this.sql);
    this.space = new SpaceKeeper(this.sql.db, this.metrics, { nativeBinding: options.nativeBinding });
    this.exports = new ExportRepository(this.sql);
    this.replays = new ReplayRepository(this.sql);
    this.sweeps = new SweepRepository(this.sql);
    this.runs = new RunRepository(this.sql, this, options.appVersion ?? packageJson.version);
  }

  close(): void {
    if (this.sql.db.open) this.sql.db.close();
  }

  /** SQLite's count of commits made by other connections (another process: the CLI): moves when they wrote. */
  externalVersion(): number {
    return this.sql.db.pragma('data_version', { simple: true }) as number;
  }

  // ── datasets ────────────────────────────────────────────────────────────────────
  createDataset(input: NewDataset): DatasetRecord { return this.datasets.create(input); }
  findOrCreateDataset(input: NewDataset): DatasetRecord { return this.datasets.findOrCreate(input); }
  findOrCreateFolderDataset(input: NewDataset): DatasetRecord { return this.datasets.findOrCreateFolder(input); }
  getDataset(id: number): DatasetRecord | null { return this.datasets.get(id); }
  listDatasets(): DatasetRecord[] { return this.datasets.list(); }
  updateDataset(id: number, patch: { name?: string; contentHash?: string | null; report?: Record<string, unknown> | null }): DatasetRecord { return this.datasets.update(id, patch); }
  deleteDataset(id: number): boolean { return this.datasets.delete(id); }

  // ── experiments ─────────────────────────────────────────────────────────────────
  createExperiment(input: { name: string; notes?: string; tags?: string[] }): ExperimentRecord { return this.experiments.create(input); }
  updateExperiment(id: number, patch: { name?: string; notes?: string; tags?: string[] }): ExperimentRecord { return this.experiments.update(id, patch); }
  getExperiment(id: number): ExperimentRecord | null { return this.experiments.get(id); }
  listExperiments(): ExperimentRecord[] { return this.experiments.list(); }
  deleteExperiment(id: number): boolean { return this.experiments.delete(id); }

  // ── runs ────────────────────────────────────────────────────────────────────────
  createRun(input: Parameters<RunRepository['create']>[0]): RunRecord { return this.runs.create(input); }
  getRun(id: number): RunRecord | null { return this.runs.get(id); }
  requireRun(id: number): RunRecord { return this.runs.require(id); }
  listRuns(query: RunQuery = {}): RunRecord[] { return this.runs.list(query); }
  renameRun(id: number, name: string): RunRecord { return this.runs.rename(id, name); }
  recordRunSplits(id: number, splits: RunSplitCounts): void { this.runs.recordSplits(id, splits); }
  setRunStatus(id: number, status: RunStatus, details: { error?: string | null } = {}): RunRecord { return this.runs.setStatus(id, status, details); }
  deleteRun(id: number): boolean { return this.runs.delete(id); }
  recoverInterruptedRuns(probe?: OwnerProbe): number[] { return this.runs.recoverInterrupted(probe); }
  heartbeatRuns(): boolean { return this.runs.heartbeat(); }
  setRunModelInput(id: number, input: ImageModelInput): void { this.runs.setModelInput(id, input); }
  runModelInput(id: number): ImageModelInput | null { return this.runs.modelInput(id); }
  runsOwnedElsewhere(ids: readonly number[], probe?: OwnerProbe): { id: number; pid: number }[] { return this.runs.ownedElsewhere(ids, probe); }
  prepareResume(id: number): SavedCheckpoint | null { return this.runs.prepareResume(id); }
  finishRun(id: number, status: Parameters<RunRepository['finish']>[1], details: Parameters<RunRepository['finish']>[2] = {}): RunRecord { return this.runs.finish(id, status, details); }

  // ── metrics ─────────────────────────────────────────────────────────────────────
  recordProgress(runId: number, progress: RunProgress): void { this.metrics.recordProgress(runId, progress); }
  recordEpoch(runId: number, report: EpochMetrics): void { this.metrics.recordEpoch(runId, report); }
  appendMetrics(runId: number, rows: MetricRow[]): void { this.metrics.append(runId, rows); }
  metricNames(runId: number): { split: MetricSplit; name: string; count: number }[] { return this.metrics.names(runId); }
  metricSeries(runId: number, split: MetricSplit, name: string, maxPoints = 500): MetricSeries { return this.metrics.series(runId, split, name, maxPoints); }

  // ── checkpoints ─────────────────────────────────────────────────────────────────
  saveCheckpoint(runId: number, checkpoint: NewCheckpoint): number { return this.checkpoints.save(runId, checkpoint); }
  listCheckpoints(runId: number): CheckpointRecord[] { return this.checkpoints.list(runId); }
  latestCheckpoint(runId: number): SavedCheckpoint | null { return this.checkpoints.latest(runId); }
  checkpointState(checkpointId: number): SavedCheckpoint & { runId: number } { return this.checkpoints.state(checkpointId); }
  checkpointWeights(checkpointId: number): LayerWeights[] { return this.checkpoints.weights(checkpointId); }

  // ── exports ─────────────────────────────────────────────────────────────────────
  recordExport(input: { runId: number; checkpointId?: number | null; format: ExportFormat; path: string; bytes?: number | null }): ExportRecord {
    this.runs.require(input.runId);
    return this.exports.record(input);
  }
  listExports(runId: number): ExportRecord[] { return this.exports.list(runId); }

  // ── comparison ──────────────────────────────────────────────────────────────────

  /** Two runs side by side: both records, how their configs differ, and every series of both. */
  compareRuns(a: number, b: number, maxPoints = 500): RunComparison {
    const runA = this.runs.require(a);
    const runB = this.runs.require(b);
    const keys = new Map<string, { split: MetricSplit; name: string }>();
    // layer health (a dozen series per layer) has its own panel; the comparison keeps to the run's curves
    for (const m of [...this.metrics.names(a), ...this.metrics.names(b)]) if (!m.name.startsWith(HEALTH_METRIC_PREFIX)) keys.set(`${m.split}/${m.name}`, { split: m.split, name: m.name });
    return {
      runs: [runA, runB],
      differences: diffValues(runA.config, runB.config),
      series: [...keys.values()].map(({ split, name }) => ({
        split,
        name,
        a: this.metrics.has(a, split, name) ? this.metrics.series(a, split, name, maxPoints) : null,
        b: this.metrics.has(b, split, name) ? this.metrics.series(b, split, name, maxPoints) : null,
      })),
    };
  }
}

/** Opens the store at `path` (see `defaultDatabasePath`). */
export function openStore(path: string, options?: LabStoreOptions): LabStore {
  return new LabStore(path, options);
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
