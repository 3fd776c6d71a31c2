/**
 * Issue 15, failure 5: a trained image model depended on its dataset folder. After the
 * folder moved or gained a file, export, predict and evaluate failed ("folder not found",
 * "images changed since it was imported"): the model's class names and normalisation were
 * refitted from the folder every time.
 *
 * Now a run keeps what its model reads (class names, preprocessing, the normalisation
 * fitted on its training split) when it starts training, so predicting and exporting need
 * no folder; evaluating, which reads the images themselves, says which folder it needs and
 * why. A run recorded before that is rebuilt from its folder once and kept from then on.
 *
 * Real PNGs written with sharp, a real SQLite file, the real services (restarted after every
 * change to the folder, so nothing cached in memory answers) and the real CLI.
 */

import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../src-main/api/lab';
import { readModelFile } from '../../src-main/models';
import { repoRoot, startTestLab, tempFolder, type TempFolder } from './helpers';

let folder: TempFolder;
let lab: Lab | null = null;
let images: string;
let moved: string;

const invoke = async <T>(channel: string, request: unknown): Promise<T> => {
  const answer = await lab!.router.invoke(channel, request, { transport: 'web' });
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value as T;
};
const refusal = async (channel: string, request: unknown): Promise<{ code: string; message: string }> => {
  const answer = await lab!.router.invoke(channel, request, { transport: 'web' });
  if (answer.ok) throw new Error(`${channel} answered ok; expected a refusal`);
  return answer.error;
};

/** The services started afresh on the same database: no model or dataset held in memory. */
async function restartLab(): Promise<void> {
  await lab?.close();
  lab = await startTestLab(folder.file('lab.db'));
}

const classColors: Record<string, [number, number, number]> = { red: [220, 40, 40], green: [40, 200, 60], blue: [50, 60, 230] };

/** A w×h PNG of `color` with seeded noise, so every file differs. */
function png(color: [number, number, number], seed: number, w = 20, h = 14): Promise<Buffer> {
  const raw = Buffer.alloc(w * h * 3);
  let s = seed * 7919 + 13;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    raw[i] = Math.max(0, Math.min(255, color[i % 3] + ((s >> 16) % 61) - 30));
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
}

const probes: string[] = [];

function labCommand(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function waitDone(runId: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const { run } = await invoke<{ run: { status: string; error: string | null } }>('getRun', { id: runId });
    if (run.status === 'done') return;
    if (!['queued', 'running'].includes(run.status)) throw new Error(`run ${runId} ended ${run.status}: ${run.error}`);
    if (Date.now() - started > 60_000) throw new Error(`run ${runId} still ${run.status} after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Prediction = { ok: true; label: string; probabilities: number[] } | { ok: false; error: string };
const predict = async (runId: number) => (await invoke<{ results: Prediction[] }>('predict', { model: { kind: 'run', runId }, paths: probes })).results;

/** Every export format of run `runId` into `out`: what each file holds that prediction uses. */
async function exportAll(runId: number, out: string): Promise<Record<string, unknown>> {
  mkdirSync(out, { recursive: true });
  const kept: Record<string, unknown> = {};
  for (const format of ['json', 'onnx', 'safetensors'] as const) {
    const path = join(out, `model.${format}`);
    await invoke('exportModel', { model: { kind: 'run', runId }, format, path, overwrite: true });
    if (format === 'safetensors') {
      kept[format] = readFileSync(path).toString('base64');
      kept.snippet = readFileSync(join(out, 'model.py'), 'utf8');
    } else {
      const model = await readModelFile(path);
      kept[format] = { classNames: model.classNames, input: model.input, layers: model.layers, architecture: model.architecture };
    }
  }
  return kept;
}

let appRun: number;
let cliRun: number;
const before: Record<number, { predictions: Prediction[]; exports: Record<string, unknown> }> = {};

beforeAll(async () => {
  folder = tempFolder('nl-dataset-gone-');
  images = folder.file('colors');
  moved = folder.file('colors-moved');
  for (const [name, color] of Object.entries(classColors)) {
    mkdirSync(join(images, name), { recursive: true });
    for (let i = 0; i < 12; i++) writeFileSync(join(images, name, `${i}.png`), await png(color, i));
  }
  for (const [k, color] of Object.values(classColors).entries()) {
    const probe = folder.file(`probe-${k}.png`);
    writeFileSync(probe, await png(color, 100 + k, 31, 17));
    probes.push(probe);
  }

  // an MLP trained by the app (per-channel statistics) …
  await restartLab();
  const { dataset } = await invoke<{ dataset: { id: number } }>('importFolder', { jobId: 'colors', path: images, options: { width: 8, height: 6, valFraction: 0.25 } });
  const config = {
    model: { inputSize: 8 * 6 * 3, numClasses: 3, hidden: [{ units: 5, activation: 'relu' }] },
    loss: 'softmax', regularizer: { kind: 'l2', l1: 0, l2: 0.001, proximal: false }, optimizer: { kind: 'sgd', lr: 0.1 },
    schedule: { kind: 'constant' }, batchSize: 8, epochs: 4, seed: 3,
  };
  appRun = (await invoke<{ id: number }>('startRun', { config, data: { kind: 'dataset', datasetId: dataset.id, normalization: 'per-channel' }, split: { val: 0.25, test: 0, seed: 3 } })).id;
  await waitDone(appRun);
  await lab!.close();
  lab = null;

  // … and a linear model trained by `lab train --db` (mean image)
  const trained = labCommand('train', '--data', images, '--size', '8x6', '--norm', 'mean-image', '--model', 'linear', '--epochs', '2', '--db', folder.file('lab.db'), '--json');
  expect(trained.stderr).toBe('');
  expect(trained.code).toBe(0);
  cliRun = Number(JSON.parse(trained.stdout.trimEnd().split('\n').pop()!).runId);

  await restartLab();
  for (const runId of [appRun, cliRun]) {
    before[runId] = { predictions: await predict(runId), exports: await exportAll(runId, folder.file(`before-${runId}`)) };
    expect(before[runId].predictions.every((p) => p.ok)).toBe(true);
    await invoke('evaluateRun', { runId, split: 'val' });
  }
}, 180_000);

afterAll(async () => {
  await lab?.close();
  folder?.cleanup();
});

/** Predictions and every export format of both runs, as before the folder changed. */
async function expectModelsWork(when: string): Promise<void> {
  await restartLab();
  for (const runId of [appRun, cliRun]) {
    expect(await predict(runId), `run ${runId} predictions ${when}`).toEqual(before[runId].predictions);
    expect(await exportAll(runId, folder.file(`${when}-${runId}`)), `run ${runId} exports ${when}`).toEqual(before[runId].exports);
  }
}

describe('image models without their dataset folder (failure 5)', () => {
  it('keeps class names, preprocessing and fitted statistics with each run', () => {
    const db = new Database(folder.file('lab.db'), { readonly: true });
    const kept = (id: number) => JSON.parse((db.prepare('SELECT input FROM run_inputs WHERE run_id = ?').get(id) as { input: string }).input);
    const app = kept(appRun);
    expect(app.classNames).toEqual(['blue', 'green', 'red']);
    expect(app.preprocessing).toEqual({ width: 8, height: 6, channels: 3, fit: 'cover', background: [255, 255, 255] });
    expect(app.normalization.kind).toBe('per-channel');
    expect(app.normalization.std).toHaveLength(3);
    const cli = kept(cliRun);
    expect(cli.normalization.kind).toBe('mean-image');
    expect(cli.normalization.mean).toHaveLength(8 * 6 * 3);
    db.close();
  });

  it('predicts and exports the same after the folder moved', async () => {
    renameSync(images, moved);
    await expectModelsWork('moved');
  }, 60_000);

  it('evaluating says which folder it needs and why', async () => {
    const error = await refusal('evaluateRun', { runId: appRun, split: 'val' });
    expect(error.code).toBe('failed');
    expect(error.message).toBe(`evaluating run ${appRun} on its val split needs the images it trained on (it scores its model on each of them): `
      + `dataset "colors" (read from the folder ${images}): folder not found: ${images}. Its model predicts and exports without them.`);
    // a PyTorch project carries the training samples, so it needs them too, and says so
    const project = await refusal('exportPytorchProject', { runId: appRun, folder: folder.file('project') });
    expect(project.message).toBe(`dataset "colors" (read from the folder ${images}): folder not found: ${images}`);
  }, 30_000);

  it('predicts and exports the same after the folder gained a file; evaluating names the change', async () => {
    renameSync(moved, images);
    writeFileSync(join(images, 'red', 'new.png'), await png(classColors.red, 999));
    await expectModelsWork('grown');
    const error = await refusal('evaluateRun', { runId: cliRun, split: 'val' });
    expect(error.message).toBe(`evaluating run ${cliRun} on its val split needs the images it trained on (it scores its model on each of them): `
      + `dataset "colors" (read from the folder ${images}): its images changed since it was imported (files added, removed or edited); import it again. `
      + 'Its model predicts and exports without them.');
  }, 60_000);

  it('predicts and exports the same after the folder was deleted, also through the CLI', async () => {
    rmSync(images, { recursive: true });
    await expectModelsWork('deleted');
    await lab!.close();
    lab = null;
    const onnx = folder.file('cli.onnx');
    const exported = labCommand('export', '--run', String(appRun), '--format', 'onnx', '--out', onnx, '--db', folder.file('lab.db'));
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const predicted = labCommand('predict', '--model', onnx, ...probes, '--json');
    expect(predicted.code).toBe(0);
    const cli = JSON.parse(predicted.stdout.trimEnd().split('\n').pop()!) as { predictions: { label: string; probabilities: Record<string, number> }[] };
    const app = before[appRun].predictions.flatMap((p) => (p.ok ? [p] : []));
    expect(cli.predictions.map((p) => p.label)).toEqual(app.map((p) => p.label));
    cli.predictions.forEach((p, i) => expect(Object.values(p.probabilities)).toEqual(app[i].probabilities));
  }, 60_000);

  it('a run recorded before runs kept their input: rebuilt from its folder once, then works without it', async () => {
    // as a schema-4 database migrated to 5 leaves it: no kept input
    const db = new Database(folder.file('lab.db'));
    db.prepare('DELETE FROM run_inputs WHERE run_id = ?').run(appRun);
    db.close();
    await restartLab();
    const error = await refusal('predict', { model: { kind: 'run', runId: appRun }, paths: probes });
    expect(error.message).toBe(`run ${appRun} was recorded before runs kept their image preprocessing, so its model needs its dataset once to recover it: `
      + `dataset "colors" (read from the folder ${images}): folder not found: ${images}`);

    // the folder back as it was imported: the run's input is derived, as training fitted it, and kept
    for (const [name, color] of Object.entries(classColors)) {
      mkdirSync(join(images, name), { recursive: true });
      for (let i = 0; i < 12; i++) writeFileSync(join(images, name, `${i}.png`), await png(color, i));
    }
    expect(await predict(appRun)).toEqual(before[appRun].predictions);
    appendFileSync(join(images, 'red', '0.png'), Buffer.from([0])); // changed: would be refused now
    await expectModelsWork('rebuilt');
  }, 60_000);
});
