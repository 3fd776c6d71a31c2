/**
 * Dataset channels: folder and built-in sample imports (with progress events and
 * cancellation by job id), listing, reports, deletion. Imports run in main's event loop
 * (sharp decodes on libuv's pool) and are recorded in the store when they succeed.
 */

import { join } from 'node:path';
import { importFolder, jsonReport } from '../datasets';
import type { LabStore } from '../store';
import type { DatasetRecord } from '../../src-shared/training/records';
import type { ImportReport } from '../../src-shared/data/dataset';
import type { EventOf, ParsedRequestOf, ResponseOf } from '../../src-shared/api/contract';
import { ApiFailure } from './router';

export const builtinSampleFolder = (appRoot: string) => join(appRoot, 'resources', 'fashion-mnist-sample');

/** Import progress arrives per file; the renderer needs at most ~20 updates a second. */
const progressIntervalMs = 50;

export interface DatasetChannelsDeps {
  store: LabStore;
  appRoot: string;
  /** the built-in sample (default: builtinSampleFolder(appRoot)) */
  sampleFolder?: string;
  /** decoded-pixel cache; null: none */
  cacheDir: string | null;
  emitProgress: (event: EventOf<'importProgress'>) => void;
}

type ImportOptions = ParsedRequestOf<'importFolder'>['options'];

/** What the contract shows of a stored dataset. */
export function datasetSummary(record: DatasetRecord): ResponseOf<'listDatasets'>['datasets'][number] {
  const report = record.report as Partial<ImportReport> | null;
  const options = record.options as Partial<{ width: number; height: number; channels: 1 | 3 }>;
  const counts = report?.counts ?? [];
  return {
    id: record.id,
    name: record.name,
    source: record.source,
    createdAt: record.createdAt,
    width: report?.width ?? options.width ?? 0,
    height: report?.height ?? options.height ?? 0,
    channels: report?.channels ?? options.channels ?? 3,
    classNames: report?.classNames ?? [],
    samples: {
      train: counts.reduce((s, c) => s + c.train, 0),
      val: counts.reduce((s, c) => s + c.val, 0),
      test: counts.reduce((s, c) => s + c.test, 0),
    },
    skippedFiles: report?.skipped?.length ?? 0,
  };
}

/** The report as the contract sends it (see jsonReport). */
export function reportForApi(report: ImportReport): ResponseOf<'importFolder'>['report'] {
  return jsonReport(report);
}

export function datasetChannels(deps: DatasetChannelsDeps) {
  const jobs = new Map<string, AbortController>();

  async function runImport(jobId: string, root: string, source: 'folder' | 'builtin', name: string, options: ImportOptions) {
    if (jobs.has(jobId)) throw new ApiFailure('conflict', `An import with job id ${jobId} is already running`);
    const controller = new AbortController();
    jobs.set(jobId, controller);
    let lastSent = 0;
    try {
      const result = await importFolder(
        root,
        { width: options.width, height: options.height, channels: options.channels, fit: options.fit, valFraction: options.valFraction, seed: options.seed, dropDuplicates: options.dropDuplicates },
        {
          signal: controller.signal,
          cacheDir: deps.cacheDir,
          onProgress: (progress) => {
            const now = Date.now();
            const last = progress.phase === 'decoding' && progress.done === progress.total;
            if (!last && now - lastSent < progressIntervalMs) return;
            lastSent = now;
            deps.emitProgress({ jobId, ...progress });
          },
        },
      );
      // the same folder with the same options again (from here or the CLI): the same dataset, with this report
      const record = deps.store.findOrCreateFolderDataset({
        name,
        source,
        options: { path: root, ...options },
        contentHash: result.report.contentHash,
        report: reportForApi(result.report) as unknown as Record<string, unknown>,
      });
      return { dataset: datasetSummary(record), report: reportForApi(result.report) };
    } finally {
      jobs.delete(jobId);
    }
  }

  return {
    importFolder: (request: ParsedRequestOf<'importFolder'>) => {
      const folderName = request.path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || request.path;
      return runImport(request.jobId, request.path, 'folder', request.name ?? folderName, request.options);
    },
    importSample: (request: ParsedRequestOf<'importSample'>) =>
      runImport(request.jobId, deps.sampleFolder ?? builtinSampleFolder(deps.appRoot), 'builtin', 'Fashion-MNIST sample', request.options),
    cancelImport: (request: ParsedRequestOf<'cancelImport'>) => {
      const job = jobs.get(request.jobId);
      job?.abort();
      return { cancelled: job !== undefined };
    },
    listDatasets: () => ({ datasets: deps.store.listDatasets().map(datasetSummary) }),
    getDatasetReport: (request: ParsedRequestOf<'getDatasetReport'>) => {
      const record = deps.store.getDataset(request.id);
      if (!record) throw new ApiFailure('not-found', `Dataset ${request.id} does not exist`);
      return { dataset: datasetSummary(record), report: (record.report as ResponseOf<'getDatasetReport'>['report']) ?? null };
    },
    deleteDataset: (request: ParsedRequestOf<'deleteDataset'>) => {
      if (!deps.store.getDataset(request.id)) throw new ApiFailure('not-found', `Dataset ${request.id} does not exist`);
      const users = deps.store.listRuns({}).filter((run) => run.datasetId === request.id).length;
      if (users > 0) throw new ApiFailure('conflict', `Dataset ${request.id} is used by ${users} run${users === 1 ? '' : 's'}; delete those runs first`);
      return { deleted: deps.store.deleteDataset(request.id) };
    },
    /** Aborts every running import (quit). */
    cancelAll: () => {
      for (const job of jobs.values()) job.abort();
    },
  };
}
