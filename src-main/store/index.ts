export { LabStore, openStore, processIsAlive, weightsOfState } from './store';
export type { LabStoreOptions, NewCheckpoint, NewDataset, NewRun, RunComparison, RunProgress, SavedCheckpoint } from './store';
export { StoreError, openDatabase, schemaVersion } from './database';
export { defaultDatabasePath, APP_FOLDER_NAME, DATABASE_FILE_NAME } from './paths';
export { LATEST_VERSION } from './migrations';
