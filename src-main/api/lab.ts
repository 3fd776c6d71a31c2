/**
 * The lab's services behind one router, started the same way by the Electron shell and by
 * web mode: the SQLite store, the training service (worker threads) and dataset imports.
 * Plain Node: nothing here imports Electron; what only a desktop has (native dialogs)
 * comes in as `dialogs`.
 */

import { dirname, join } from 'node:path';
import packageJson from '../../package.json';
import { DatasetError } from '../../src-shared/data/errors';
import type { Handlers } from './router';
import { ApiFailure, createRouter, type ApiRouter } from './router';
import { folderDatasetLoader } from '../datasets';
import { defaultDatabasePath, LabStore, prepareDatabase, StoreError } from '../store';
import { TrainingService } from '../training';
import type { ApiError } from '../../src-shared/api/result';
import { datasetChannels } from './datasets';
import { experimentChannels } from './experiments';
import { formDraftChannels } from './form-drafts';
import { modelChannels } from './models';
import { viewDataChannels } from './view-data';
import { runChannels } from './runs';
import { instrumentChannels } from './instruments';
import { storageChannels } from './storage';

export interface NativeDialogs {
  /** a folder chosen by the user, or null when cancelled */
  chooseFolder(title: string | undefined): Promise<string | null>;
  /** a file path to write, or null when cancelled */
  chooseSavePath(defaultName: string | undefined, extensions: string[] | undefined): Promise<string | null>;
  /** files to open (a model file, images), or null when cancelled; absent where the shell has no such dialog */
  chooseFiles?(title: string | undefined, filters: { name: string; extensions: string[] }[], multiple: boolean): Promise<string[] | null>;
}

/** What the open dialog offers for each kind of file the UI asks for. */
const openFilters = {
  model: [{ name: 'Neural Lab or ONNX model', extensions: ['json', 'onnx'] }],
  images: [{ name: 'Images', extensions: ['png', 'jpg', 'jpeg', 'webp', 'gif', 'tif', 'tiff', 'avif'] }],
};

export interface LabOptions {
  mode: 'desktop' | 'web';
  /** the repository (or packaged app) root: resources/ lives here */
  appRoot: string;
  /** the built-in sample's folder; default `<appRoot>/resources/fashion-mnist-sample` (a packaged app keeps it among its resources) */
  sampleFolder?: string;
  /** default: the shared app database (defaultDatabasePath: NEURAL_LAB_DB or the user data folder) */
  dbPath?: string;
  /** decoded-image cache; default `<database folder>/cache/images`, null: none */
  cacheDir?: string | null;
  /** better-sqlite3 native module for this runtime (Electron); default: node_modules' build */
  nativeBinding?: string;
  /** native dialogs (desktop only) */
  dialogs?: NativeDialogs;
  /** runs training at once; default: cores − 1 */
  maxConcurrentRuns?: number;
  /** the training worker's entry (bundled builds); default: the service's own */
  workerScript?: string | URL;
  /** checkpoint every this many epochs (default 1) */
  checkpointEvery?: number;
}

export interface Lab {
  router: ApiRouter;
  store: LabStore;
  training: TrainingService;
  /** Cancels imports, pauses (checkpoints) every training run, waits for the workers, closes the database. */
  close(): Promise<void>;
}

/** How often main looks for another process's writes (one PRAGMA: microseconds). */
const externalChangePollMs = 500;

/** Service errors the user can act on become typed API errors with their own message. */
export function classifyServiceError(error: unknown): ApiError | undefined {
  if (error instanceof DatasetError) {
    if (error.code === 'cancelled') return { code: 'cancelled', message: error.message };
    if (error.code === 'bad-options') return { code: 'invalid-request', message: error.message };
    return { code: 'failed', message: error.message };
  }
  if (error instanceof StoreError) return { code: 'failed', message: error.message };
  return undefined;
}

export async function startLab(options: LabOptions): Promise<Lab> {
  const dbPath = options.dbPath ?? defaultDatabasePath();
  const dataDir = dirname(dbPath);
  const cacheDir = options.cacheDir === undefined ? join(dataDir, 'cache', 'images') : options.cacheDir;
  // A damaged or foreign file is moved aside (and the user told) before the store opens the path; an old schema is backed up first.
  const prepared = await prepareDatabase(dbPath, { nativeBinding: options.nativeBinding });
  const store = new LabStore(dbPath, { createFolder: true, nativeBinding: options.nativeBinding });
  // Datasets recorded by the app (`path`) and by `lab train --db` (`folder`, IDX files) alike.
  const loadDataset = folderDatasetLoader(store, cacheDir);
  const training = new TrainingService(store, {
    maxConcurrent: options.maxConcurrentRuns,
    loadDataset,
    ...(options.workerScript ? { workerScript: options.workerScript } : {}),
    ...(options.checkpointEvery !== undefined ? { checkpointEvery: options.checkpointEvery } : {}),
  });

  // The router is made first so the channels can emit through it.
  let router: ApiRouter | null = null;
  const datasets = datasetChannels({ store, appRoot: options.appRoot, sampleFolder: options.sampleFolder, cacheDir, emitProgress: (event) => router?.emit('importProgress', event) });
  const { cancelAll: cancelImports, ...datasetHandlers } = datasets;
  const dialogs = options.dialogs;
  const noDialogs = (what: string) =>
    new ApiFailure('unsupported', `Native dialogs exist only in the desktop app; type the ${what} into the path field instead`);

  const handlers: Handlers = {
    getAppInfo: () => ({
      name: 'Neural Lab',
      version: packageJson.version,
      mode: options.mode,
      dataDir,
      platform: process.platform,
      versions: {
        node: process.versions.node,
        ...(process.versions.electron ? { electron: process.versions.electron } : {}),
        ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}),
      },
      maxConcurrentRuns: training.maxConcurrent,
      nativeDialogs: dialogs !== undefined,
      notices: prepared.notices,
    }),
    chooseDatasetFolder: async (request) => {
      if (!dialogs) throw noDialogs('dataset folder');
      return { path: await dialogs.chooseFolder(request.title) };
    },
    chooseExportPath: async (request) => {
      if (!dialogs) throw noDialogs('export path');
      return { path: await dialogs.chooseSavePath(request.defaultName, request.extensions) };
    },
    chooseOpenFiles: async (request) => {
      const what = request.kind === 'model' ? 'model file path' : 'image paths';
      if (!dialogs) throw noDialogs(what);
      if (!dialogs.chooseFiles) throw new ApiFailure('unsupported', `This desktop shell has no open-file dialog; type the ${what} into the path field instead`);
      return { paths: await dialogs.chooseFiles(request.title, openFilters[request.kind], request.multiple) };
    },
    ...formDraftChannels(dataDir),
    ...datasetHandlers,
    ...experimentChannels(store),
    ...runChannels(store, training),
    ...modelChannels({ store, modelsFolder: join(dataDir, 'models'), loadDataset }),
    ...viewDataChannels({ store, appRoot: options.appRoot, sampleFolder: options.sampleFolder, loadDataset }),
    ...instrumentChannels({ store, training, loadDataset }),
    ...storageChannels({ store, training, emitProgress: (event) => router?.emit('storageProgress', event) }),
  };
  router = createRouter(handlers, { classifyError: classifyServiceError });
  const api = router;

  const unsubscribe = [
    training.on('progress', (event) => api.emit('runProgress', event)),
    training.on('finished', (event) => api.emit('runFinished', event)),
    training.on('status', (event) => api.emit('runStatus', event)),
  ];
  training.recover();
  training.watchOwners();
  store.space.startLogCheckpoints();

  // Runs and datasets another process (the lab CLI) records appear without a reload.
  let seenVersion = store.externalVersion();
  const watchOthers = setInterval(() => {
    const version = store.externalVersion();
    if (version === seenVersion) return;
    seenVersion = version;
    api.emit('labChanged', { at: Date.now() });
  }, externalChangePollMs);
  watchOthers.unref();

  let closing: Promise<void> | null = null;
  return {
    router: api,
    store,
    training,
    close() {
      closing ??= (async () => {
        clearInterval(watchOthers);
        cancelImports();
        try {
          await training.shutdown();
        } finally {
          for (const off of unsubscribe) off();
          await store.space.stopLogCheckpoints();
          store.close();
        }
      })();
      return closing;
    },
  };
}
