/** `lab train --out`, `lab predict` and `lab export` as a user runs them (child processes through tsx). */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../datasets/fixtures';
import { writeImageFolder } from '../models/fixtures';

const root = fileURLToPath(new URL('../../../', import.meta.url));

interface Result { code: number; stdout: string; stderr: string }

function lab(...args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src-main/cli/lab.ts', ...args], { cwd: root, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function expectError(result: Result, code: number, message: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lab: /);
  expect(lines[0]).toMatch(message);
}

type Predictions = { predictions: { file: string; label: string; probabilities: Record<string, number> }[] };
const lastJson = <T>(r: Result): T => JSON.parse(r.stdout.trimEnd().split('\n').pop()!) as T;

const work = tempDir('cli-export');
const path = (name: string) => join(work.path, name);
let images: string[];

beforeAll(async () => {
  images = await writeImageFolder(path('images'), 6);
  const trained = await lab('train', '--data', path('images'), '--size', '8x6', '--epochs', '3', '--model', 'mlp:6', '--cache', path('cache'),
    '--out', path('model.json'), '--db', path('lab.db'), '--json');
  expect(trained.code, trained.stderr).toBe(0);
  expect(trained.stdout).toContain(`model written to ${path('model.json')}`);
});
afterAll(() => work.remove());

describe('lab predict and lab export', () => {
  it('predicts with the model train --out wrote, and with its ONNX export, identically', async () => {
    const chosen = [images[0], images[6], images[12]];
    const exported = await lab('export', '--model', path('model.json'), '--format', 'onnx', '--out', path('model.onnx'));
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/wrote .*model\.onnx \(onnx, [\d.]+ kB\)/);
    const [fromJson, fromOnnx] = await Promise.all([
      lab('predict', '--model', path('model.json'), ...chosen, '--json'),
      lab('predict', '--model', path('model.onnx'), ...chosen, '--json'),
    ]);
    expect(fromJson.code, fromJson.stderr).toBe(0);
    const json = lastJson<Predictions>(fromJson);
    expect(json.predictions.map((p) => p.file)).toEqual(chosen);
    for (const p of json.predictions) {
      expect(Object.keys(p.probabilities)).toEqual(['blue', 'green', 'red']);
      expect(Object.values(p.probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(p.label).toBe(Object.entries(p.probabilities).sort((a, b) => b[1] - a[1])[0][0]);
    }
    expect(lastJson<Predictions>(fromOnnx).predictions).toEqual(json.predictions);
  });

  it('exports a run of the database as safetensors with its PyTorch snippet, and its templates as PNG', async () => {
    const result = await lab('export', '--run', '1', '--db', path('lab.db'), '--format', 'safetensors', '--out', path('run.safetensors'),
      '--templates', path('templates'), '--metrics', path('run.csv'), '--json');
    expect(result.code, result.stderr).toBe(0);
    const files = lastJson<{ files: { path: string; kind: string }[] }>(result).files;
    expect(files.map((f) => f.kind)).toEqual(['safetensors', 'pytorch snippet', ...Array(6).fill('template'), 'metrics csv']);
    expect(readFileSync(path('run.py'), 'utf8')).toContain('PATH = "run.safetensors"');
    expect(existsSync(join(path('templates'), 'unit-0.png'))).toBe(true);
    expect(readFileSync(path('run.csv'), 'utf8').split('\n')[0]).toMatch(/^step,epoch,batch\./);
  });

  it('bad models, images and paths end with one line and a non-zero exit', async () => {
    const text = readFileSync(path('model.json'), 'utf8');
    writeFileSync(path('cut.json'), text.slice(0, 300));
    writeFileSync(path('v9.json'), text.replace('"version": 1', '"version": 9'));
    writeFileSync(path('broken.png'), readFileSync(images[0]).subarray(0, 50));
    const [cut, newer, notModel, noImages, badImage, traversal, reserved, format, both, missingFolder] = await Promise.all([
      lab('predict', '--model', path('cut.json'), images[0]),
      lab('predict', '--model', path('v9.json'), images[0]),
      lab('predict', '--model', images[0], images[0]),
      lab('predict', '--model', path('model.json')),
      lab('predict', '--model', path('model.json'), images[0], path('broken.png'), path('nothing.png')),
      lab('export', '--model', path('model.json'), '--format', 'json', '--out', `${work.path}/sub/..`),
      lab('export', '--model', path('model.json'), '--format', 'onnx', '--out', path('AUX.onnx')),
      lab('export', '--model', path('model.json'), '--format', 'tflite', '--out', path('m.tflite')),
      lab('export', '--model', path('model.json'), '--run', '1', '--format', 'json', '--out', path('m.json')),
      lab('train', '--toy', 'xor', '--epochs', '1', '--out', path('no/such/folder/m.json'), '--db', path('lab.db')),
    ]);
    expectError(cut, 1, /cut\.json: the model file is cut off/);
    expectError(newer, 1, /v9\.json: model format version 9 is newer than this app reads/);
    expectError(notModel, 1, /not a model file: neither Neural Lab JSON nor ONNX/);
    expectError(noImages, 2, /predict needs at least one IMAGE/);
    expectError(badImage, 1, /cannot predict: .*broken\.png: corrupt or truncated image .*\(and 1 more image that cannot be read\)/);
    expectError(traversal, 1, /refusing to write "\.\.": "\.\." is not a file name/);
    expectError(reserved, 1, /"AUX\.onnx" is a reserved device name on Windows/);
    expectError(format, 2, /--format expects one of json, onnx, safetensors, pytorch, got "tflite"/);
    expectError(both, 2, /either --model FILE or --run ID/);
    expectError(missingFolder, 1, /--out .*: the folder .*no\/such\/folder does not exist/);
    expect(missingFolder.stdout).not.toMatch(/epoch 1/); // refused before training
  });
});
