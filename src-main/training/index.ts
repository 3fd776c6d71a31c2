export {
  TrainingService,
  defaultMaxConcurrent,
  defaultTwinRegularizers,
  spawnRunWorker,
  type DatasetLoader,
  type LoadedDataset,
  type RunSpec,
  type TrainingServiceOptions,
  type WorkerSpawner,
} from './service';
export { RunRecorder } from './recorder';
export { RecordedRun, openCliRun, type RecordedData, type RecordedRunSpec } from './cli-recording';
