/**
 * The experiment store: one SQLite file (WAL, foreign keys on) written only by the main
 * process.
 *
 *   new LabStore(path, { createFolder?, appVersion? })   path: defaultDatabasePath() or --db
 *   datasets     createDataset · findOrCreateDataset · getDataset · listDatasets · updateDataset · deleteDataset
 *   experiments  createExperiment · updateExperiment · getExperiment · listExperiments · deleteExperiment
 *   runs         createRun · getRun · requireRun · listRuns(RunQuery) · renameRun · setRunStatus · deleteRun
 *                recoverInterruptedRuns · prepareResume · finishRun
 *   metrics      recordProgress · recordEpoch · appendMetrics · metricNames · metricSeries (downsampled)
 *   checkpoints  saveCheckpoint · listCheckpoints · latestCheckpoint · checkpointState · checkpointWeights
 *   exports      recordExport · listExports
 *   comparison   compareRuns(a, b, maxPoints)
 *
 * Failures worded for the user (bad path, newer schema, refused transition, missing row)
 * are StoreError. Record types live in src-shared/training/records.ts.
 */
export { LabStore, openStore, processIsAlive, weightsOfState } from './store';
export type { LabStoreOptions, NewCheckpoint, NewDataset, NewRun, RunComparison, RunProgress, SavedCheckpoint } from './store';
export { StoreError, openDatabase, schemaVersion } from './database';
export { defaultDatabasePath, APP_FOLDER_NAME, DATABASE_FILE_NAME } from './paths';
export { LATEST_VERSION } from './migrations';
export { prepareDatabase, type PrepareOptions, type PreparedDatabase, type StartupNotice } from './recovery';
export { diskWriteProblem } from './write-errors';
