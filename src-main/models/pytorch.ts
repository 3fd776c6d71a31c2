/**
 * `lab export --run N --format pytorch --out DIR`: a stored run as a PyTorch project
 * folder (the files come from src-shared/export/pytorch/project.ts). The run's data is
 * rebuilt as it trained (runData), its checkpoint and its epoch-0 state decoded, and
 * every file written atomically into DIR.
 */
import { readdir, mkdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { subsetDataset } from '../../src-shared/data/dataset';
import { decodeTrainerState } from '../../src-shared/engine/state';
import type { TrainerState } from '../../src-shared/engine/types';
import { pytorchProjectFiles, type ProjectSplit, type ProjectSplitName, type PytorchProjectSpec } from '../../src-shared/export/pytorch/project';
import { EVERY_POINT, type LabStore } from '../store';
import { ExportError, writeFilesAtomically, type FileToWrite } from './files';
import { APP_VERSION, runData, type ExportedFile, type RunModelOptions } from './service';

/** Names in a folder that mark an earlier export, which a new one may replace. */
const PROJECT_MARKER = 'experiment.json';

export interface PytorchExportResult {
  folder: string;
  files: ExportedFile[];
  /** the checkpoint exported */
  checkpointId: number;
}

/** The project spec of run `runId` at its latest (or chosen) checkpoint. */
export async function pytorchProjectOfRun(store: LabStore, runId: number, options: RunModelOptions = {}): Promise<PytorchProjectSpec & { checkpointId: number }> {
  const run = store.requireRun(runId);
  const saved = options.checkpointId !== undefined ? store.checkpointState(options.checkpointId) : store.latestCheckpoint(runId);
  if (!saved) throw new ExportError(`run ${runId} has no saved weights yet (no epoch has finished); export it after its first epoch`);
  if ('runId' in saved && saved.runId !== runId) throw new ExportError(`checkpoint ${saved.id} belongs to run ${saved.runId}, not run ${runId}`);
  const decode = (id: number, bytes: Uint8Array): TrainerState => {
    try {
      return decodeTrainerState(bytes);
    } catch (error) {
      throw new ExportError(`run ${runId}: its checkpoint ${id} cannot be read (${(error as Error).message})`);
    }
  };
  const checkpoint = decode(saved.id, saved.state);
  const start = store.listCheckpoints(runId).find((c) => c.epoch === 0 && c.step === 0);
  const initial = start ? decode(start.id, store.checkpointState(start.id).state) : null;

  const data = await runData(store, run, options.loadDataset);
  const splits: Partial<Record<ProjectSplitName, ProjectSplit>> = {};
  let source: string;
  if (data.toy) {
    const { x, labels, splits: rows } = data.toy;
    for (const name of ['train', 'val', 'test'] as const) {
      const picked = rows[name];
      if (picked.length === 0) continue;
      const inputs = new Float32Array(picked.length * 2);
      picked.forEach((row, i) => inputs.set(x.subarray(row * 2, row * 2 + 2), i * 2));
      splits[name] = { labels: picked.map((row) => labels[row]), inputs };
    }
    source = run.data.kind === 'toy' ? `generated ${run.data.toy} points (${run.data.samples}, noise ${run.data.noise}, seed ${run.data.seed})` : '';
  } else {
    const { dataset, splits: rows } = data.images!;
    for (const name of ['train', 'val', 'test'] as const) {
      if (rows[name].length === 0) continue;
      const part = subsetDataset(dataset, rows[name]);
      splits[name] = { labels: part.labels, inputs: part.pixels, ...(part.sources && !part.sources.some((s) => s.includes('#')) ? { files: part.sources } : {}) };
    }
    const record = run.data.kind === 'dataset' ? store.getDataset(run.data.datasetId) : null;
    const folder = (record?.options as { path?: unknown; folder?: unknown } | undefined);
    source = `${record?.name ?? 'image dataset'}${typeof (folder?.path ?? folder?.folder) === 'string' ? ` (${String(folder!.path ?? folder!.folder)})` : ''}`;
  }
  if (!splits.train) throw new ExportError(`run ${runId} has no training samples to export`);

  const labMetrics = store.metrics.has(runId, 'train', 'loss')
    ? store.metricSeries(runId, 'train', 'loss', EVERY_POINT).points.map((p) => ({ epoch: p.epoch, trainLoss: p.value }))
    : [];
  return {
    run: { id: run.id, name: run.name.trim() || `run ${run.id}`, experimentId: run.experimentId },
    appVersion: APP_VERSION,
    config: run.config,
    classNames: data.classNames,
    input: data.input,
    source,
    splits: splits as PytorchProjectSpec['splits'],
    checkpoint,
    initial,
    labMetrics,
    checkpointId: saved.id,
  };
}

/**
 * Writes run `runId` as a PyTorch project into `folder`: created if missing (its parent
 * must exist); an existing folder must be empty or hold an earlier project export, whose
 * files are replaced.
 */
export async function exportPytorchProject(store: LabStore, runId: number, folder: string, options: RunModelOptions = {}): Promise<PytorchExportResult> {
  const spec = await pytorchProjectOfRun(store, runId, options);
  const root = resolve(folder);
  await prepareFolder(root);
  await mkdir(join(root, 'data'), { recursive: true }).catch((error: Error) => {
    throw new ExportError(`cannot create ${join(root, 'data')}: ${error.message.split('\n')[0]}`);
  });
  let files: FileToWrite[];
  try {
    files = pytorchProjectFiles(spec).map((f) => ({ path: join(root, ...f.path.split('/')), bytes: f.bytes }));
  } catch (error) {
    if (error instanceof RangeError) throw new ExportError(`run ${runId} cannot be exported as a PyTorch project: ${error.message}`);
    throw error;
  }
  await writeFilesAtomically(files);
  return {
    folder: root,
    files: files.map((f) => ({ path: f.path, bytes: typeof f.bytes === 'string' ? Buffer.byteLength(f.bytes) : f.bytes.length })),
    checkpointId: spec.checkpointId,
  };
}

async function prepareFolder(root: string): Promise<void> {
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new ExportError(`cannot use ${root}: ${error.message.split('\n')[0]}`);
  });
  if (info && !info.isDirectory()) throw new ExportError(`${root} is a file; a PyTorch project needs a folder`);
  if (info) {
    const entries = await readdir(root);
    if (entries.length > 0 && !entries.includes(PROJECT_MARKER)) {
      throw new ExportError(`the folder ${root} is not empty and holds no earlier project export; choose a new or empty folder`);
    }
    return;
  }
  await mkdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new ExportError(`cannot create ${basename(root)}: its folder ${resolve(root, '..')} does not exist`);
    throw new ExportError(`cannot create ${root}: ${error.message.split('\n')[0]}`);
  });
}
