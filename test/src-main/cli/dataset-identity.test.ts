/**
 * One folder with the same options is one dataset, whoever imports it: the app's import
 * and `lab train --data` on the same folder share one record with the import's full report
 * (class names, counts), named after the folder, whichever came first.
 */

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../src-main/api';
import { tempFolder } from '../store/helpers';
import { writeImageFolder } from '../api/harness';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let folder: ReturnType<typeof tempFolder>;
let lab: Lab | null = null;
beforeEach(() => {
  folder = tempFolder('lab-identity-');
});
afterEach(async () => {
  await lab?.close();
  lab = null;
  folder.cleanup();
});

function cliTrain(data: string, db: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const args = ['train', '--data', data, '--db', db, '--model', 'linear', '--epochs', '1', '--batch', '4', '--threads', '1', '--json'];
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function invoke<T>(channel: string, request: unknown): Promise<T> {
  const result = await lab!.router.invoke(channel, request, { transport: 'web' });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

type Listed = { datasets: { id: number; name: string; classNames: string[]; samples: { train: number; val: number } }[] };

describe('dataset identity', () => {
  it('the app imports a folder, then the CLI trains on it: one dataset, the run on it', async () => {
    const images = folder.file('horse-cat');
    await writeImageFolder(images, ['cat', 'horse'], 8);
    lab = await startLab({ mode: 'web', appRoot: root, dbPath: folder.file('lab.db'), cacheDir: null });
    const imported = await invoke<{ dataset: { id: number } }>('importFolder', { jobId: 'j1', path: images });

    const cli = await cliTrain(images, folder.file('lab.db'));
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const runId = Number(JSON.parse(cli.stdout.trimEnd().split('\n').at(-1)!).runId);

    const listed = await invoke<Listed>('listDatasets', {});
    expect(listed.datasets).toHaveLength(1);
    expect(listed.datasets[0]).toMatchObject({ id: imported.dataset.id, name: 'horse-cat', classNames: ['cat', 'horse'] });
    const run = await invoke<{ run: { datasetId: number } }>('getRun', { id: runId });
    expect(run.run.datasetId).toBe(imported.dataset.id);
  }, 90_000);

  it('the CLI trains first: its dataset has the full report, and the app import reuses it', async () => {
    const images = folder.file('horse-cat');
    await writeImageFolder(images, ['cat', 'horse'], 8);
    const cli = await cliTrain(images, folder.file('lab.db'));
    expect(cli.code).toBe(0);

    lab = await startLab({ mode: 'web', appRoot: root, dbPath: folder.file('lab.db'), cacheDir: null });
    const before = await invoke<Listed>('listDatasets', {});
    expect(before.datasets).toHaveLength(1);
    // not "0 images, 0 classes, Folder: folder": the CLI recorded what the app records
    expect(before.datasets[0]).toMatchObject({ name: 'horse-cat', classNames: ['cat', 'horse'] });
    expect(before.datasets[0].samples.train + before.datasets[0].samples.val).toBe(16);
    const report = await invoke<{ report: { source: string; counts: unknown[] } }>('getDatasetReport', { id: before.datasets[0].id });
    expect(report.report.source).toBe(images);
    expect(report.report.counts).toHaveLength(2);

    const imported = await invoke<{ dataset: { id: number } }>('importFolder', { jobId: 'j2', path: images });
    expect(imported.dataset.id).toBe(before.datasets[0].id);
    expect((await invoke<Listed>('listDatasets', {})).datasets).toHaveLength(1);
    // other options are another dataset
    await invoke('importFolder', { jobId: 'j3', path: images, options: { width: 16, height: 16 } });
    expect((await invoke<Listed>('listDatasets', {})).datasets).toHaveLength(2);
  }, 90_000);
});
