/**
 * The experiment store: one SQLite file (WAL, foreign keys on) written only by the main
 * process. One repository per record kind (datasets, experiments, runs, metrics,
 * checkpoints, exports; *-repository.ts) over shared helpers (sql.ts); LabStore is the
 * facade that opens the file and offers the methods below.
 *
 *   new LabStore(path, { createFolder?, appVersion? })   path: defaultDatabasePath() or --db
 *   datasets     createDataset · findOrCreateDataset · getDataset · listDatasets · updateDataset · deleteDataset
 *   experiments  createExperiment · updateExperiment · getExperiment · listExperiments · deleteExperiment
 *   runs         createRun · getRun · requireRun · listRuns(RunQuery) · renameRun · setRunStatus · deleteRun
 *                recoverInterruptedRuns · heartbeatRuns (owners: owner.ts) · prepareResume · finishRun
 *                setRunModelInput · runModelInput (what an image run's model reads)
 *   metrics      recordProgress · recordEpoch · appendMetrics · metricNames · metricSeries (downsampled)
 *   checkpoints  saveCheckpoint · listCheckpoints · latestCheckpoint · checkpointState · checkpointWeights
 *                (a bounded history: one full state, float16 snapshots of at most 64 epochs a run)
 *   space        store.space: figures · runSpaces · deleteRun (in slices) · releaseFreePages · shrinkLog · compact
 *   exports      recordExport · listExports
 *   comparison   compareRuns(a, b, maxPoints)
 *
 * Failures worded for the user (bad path, newer schema, refused transition, missing row)
 * are StoreError. Record types live in src-shared/training/records.ts.
 */
export { LabStore, openStore, type LabStoreOptions, type RunComparison } from './store';
export { RunRepository, type NewRun } from './run-repository';
export { HEARTBEAT_MS, HEARTBEAT_STALE_MS, ownerGone, processIsAlive, processStartTime, THIS_PROCESS, type OwnerProbe } from './owner';
export { DatasetRepository, type NewDataset } from './dataset-repository';
export { ExperimentRepository } from './experiment-repository';
export { EVERY_POINT, MetricRepository, type RunProgress } from './metric-repository';
export { CheckpointRepository, weightsOfState, type NewCheckpoint, type SavedCheckpoint } from './checkpoint-repository';
export { ExportRepository } from './export-repository';
export { ReplayRepository } from './replay-repository';
export { SweepRepository } from './sweep-repository';
export { SpaceKeeper, type CompactProgress, type RunSpace, type StorageFigures } from './space';
export { StoreError, openDatabase, schemaVersion } from './database';
export { defaultDatabasePath, APP_FOLDER_NAME, DATABASE_FILE_NAME } from './paths';
export { LATEST_VERSION } from './migrations';
export { prepareDatabase, type PrepareOptions, type PreparedDatabase, type StartupNotice } from './recovery';
export { diskWriteProblem, diskWriteText } from './write-errors';
