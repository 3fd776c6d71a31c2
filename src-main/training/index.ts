/**
 * Background training: each run in its own worker thread (run-worker.ts), a queue of at
 * most `maxConcurrent` at once, main as the only database writer.
 *
 *   const service = new TrainingService(store, { workerScript, loadDataset, maxConcurrent })
 *   service.recover()                       at start-up: crashed runs → interrupted, queued runs → queue
 *   service.start(spec) · startTwins(spec, [reg, reg]?) · pause(id) · resume(id) · cancel(id)
 *   service.deleteRun(id) · deleteExperiment(id)   (stop the workers first)
 *   service.on('progress' | 'status' | 'finished', listener) → unsubscribe
 *   service.waitFor(id) · whenIdle() · snapshot() · shutdown()   (shutdown pauses training runs)
 *
 * Message and event types: src-shared/training/messages.ts. The CLI trains in its own
 * process through the same run loop (trainInProcess) and records it with the same RunRecorder.
 */
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
export { RunQueue } from './run-queue';
export { RunSupervisor } from './run-supervisor';
export { nextRunState, initialRunState, type RunState, type RunEvent, type StopRequest } from './run-state';
export { SharedDatasetCache } from './shared-dataset-cache';
export { trainInProcess, type InProcessOptions } from './in-process';
