/**
 * `lab train --db`: the CLI's run in the lab database, recorded like the app's runs
 * (origin 'cli') by the same RunRecorder the training service uses.
 */
import type { NormalizationKind } from '../../src-shared/data/normalize';
import type { TrainConfig } from '../../src-shared/engine/types';
import type { WorkerMessage } from '../../src-shared/training/messages';
import type { RunDataSpec, RunSplitSpec } from '../../src-shared/training/records';
import { defaultDatabasePath, HEARTBEAT_MS, LabStore, prepareDatabase, type NewDataset } from '../store';
import { RunRecorder } from '../training';

/** Where a CLI run's samples came from: toy data as the app would rebuild it, or an imported image dataset. */
export type RecordedData =
  | Extract<RunDataSpec, { kind: 'toy' }>
  | { kind: 'images'; dataset: NewDataset; normalization: NormalizationKind };

export interface CliRunSpec {
  name: string;
  config: TrainConfig;
  data: RecordedData;
  split: RunSplitSpec;
}

/** An open run record: the run loop's messages go to `record`; `close` when training has ended. */
export interface CliRunRecord {
  runId: number;
  record(message: WorkerMessage): void;
  close(): void;
}

/**
 * Opens the database given with --db (which must open), or else the app's default one,
 * created if needed, and records a new running run. When the default database cannot be
 * opened the run still trains, unrecorded, after a one-line warning on stderr (null).
 * A CLI killed midway leaves its run 'running' with a dead owner process; a live app marks
 * it interrupted within seconds (its owner watch), resumable from the last checkpoint. The
 * run's heartbeat is refreshed every second meanwhile (the loop yields to timers between reports).
 */
export async function openCliRun(dbOption: string | undefined, spec: CliRunSpec): Promise<CliRunRecord | null> {
  // Refuses a damaged or foreign file (the app, not the CLI, moves such a file aside) and backs up one about to be migrated.
  if (dbOption !== undefined) {
    await prepareDatabase(dbOption, { setAsideUnusable: false });
    return createRun(new LabStore(dbOption), spec);
  }
  const path = defaultDatabasePath();
  let store: LabStore;
  try {
    await prepareDatabase(path, { setAsideUnusable: false });
    store = new LabStore(path, { createFolder: true });
  } catch (error) {
    console.error(`lab: warning: this run is not recorded (${(error as Error).message}); use --db PATH to choose a database`);
    return null;
  }
  return createRun(store, spec);
}

function createRun(store: LabStore, spec: CliRunSpec): CliRunRecord {
  try {
    const data: RunDataSpec = spec.data.kind === 'toy'
      ? spec.data
      : { kind: 'dataset', datasetId: (spec.data.dataset.source === 'folder' ? store.findOrCreateFolderDataset(spec.data.dataset) : store.findOrCreateDataset(spec.data.dataset)).id, normalization: spec.data.normalization };
    const runId = store.createRun({ name: spec.name, config: spec.config, data, split: spec.split, origin: 'cli', status: 'running' }).id;
    const recorder = new RunRecorder(store, runId);
    const heartbeat = setInterval(() => {
      try {
        store.heartbeatRuns();
      } catch {
        // a full or read-only disk: the recorder says so when it writes; the owner's process id still tells it is alive
      }
    }, HEARTBEAT_MS);
    heartbeat.unref();
    return {
      runId,
      record: (message) => recorder.record(message),
      close: () => {
        clearInterval(heartbeat);
        store.close();
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}
