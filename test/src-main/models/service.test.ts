/**
 * The export service end to end on real files: a model trained on PNGs written with
 * sharp, exported to every format, run by ONNX Runtime and by the lab's predict on the
 * same image files, read back by independent parsers; then every kind of bad input.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportMetricsCsv, exportModel, exportRun, exportTemplates, importModel, listModels, modelFromRun,
  ModelFileError, predictFiles, predictImageBytes, readModelFile, ExportError,
} from '../../../src-main/models';
import { folderDatasetLoader, loadImage } from '../../../src-main/datasets';
import { LabStore } from '../../../src-main/store';
import { encodeTrainerState } from '../../../src-shared/engine/state';
import { Trainer } from '../../../src-shared/engine/trainer';
import { arraySource, subsetSource } from '../../../src-shared/engine/source';
import { stratifiedSplit } from '../../../src-shared/data/split';
import { makeToyDataset } from '../../../src-shared/toy/datasets';
import { encodeNativeModel } from '../../../src-shared/export/native';
import { ModelRunner } from '../../../src-shared/export/predict';
import type { TrainedModel } from '../../../src-shared/export/model';
import { tempDir } from '../datasets/fixtures';
import { sameBits } from '../../src-shared/export/helpers';
import { float32LE, parseSafetensors } from '../../src-shared/export/safetensors-parser';
import { trainConfig, trainOnFolder, writeImageFolder } from './fixtures';

const work = tempDir('export');
let images: string[];
let model: TrainedModel;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  images = await writeImageFolder(join(work.path, 'images'));
  ({ model } = await trainOnFolder(join(work.path, 'images')));
  mkdirSync(join(work.path, 'out'));
});
afterAll(() => work.remove());

const out = (name: string) => join(work.path, 'out', name);

describe('export, then run elsewhere', () => {
  it('ONNX Runtime on the exported ONNX and the lab\'s predict on the native JSON agree within 1e-5 on the same image files', async () => {
    const json = await exportModel(model, 'json', out('colors.json'));
    const onnx = await exportModel(model, 'onnx', out('colors.onnx'));
    console.log(`file sizes: native JSON ${json.file.bytes} B, ONNX ${onnx.file.bytes} B (${model.architecture.inputSize}-6-3 MLP)`);

    const lab = await predictFiles(await readModelFile(json.file.path), images);
    expect(lab.every((p) => p.ok)).toBe(true);

    // ONNX Runtime gets the same image files, decoded by the lab's own decoder and
    // normalised by the statistics stored in the model
    const runner = new ModelRunner(model);
    const size = model.architecture.inputSize;
    const pixels = new Uint8Array(images.length * size);
    for (let i = 0; i < images.length; i++) pixels.set(await loadImage(images[i], model.input.kind === 'image' ? model.input.preprocessing : never()), i * size);
    const x = runner.normalize(pixels, images.length);
    const session = await ort.InferenceSession.create(readFileSync(onnx.file.path));
    const result = await session.run({ input: new ort.Tensor('float32', x, [images.length, size]) });
    const ortProbabilities = result.probabilities.data as Float32Array;
    await session.release();

    let maxDiff = 0;
    let correct = 0;
    lab.forEach((p, i) => {
      if (!p.ok) return;
      p.probabilities.forEach((q, k) => { maxDiff = Math.max(maxDiff, Math.abs(q - ortProbabilities[i * 3 + k])); });
      if (images[i].includes(`/${p.label}/`)) correct++;
    });
    console.log(`ONNX Runtime vs lab predict on ${images.length} PNG files: max |Δp| = ${maxDiff.toExponential(2)}, lab accuracy ${correct}/${images.length}`);
    expect(maxDiff).toBeLessThan(1e-5);
    expect(correct).toBeGreaterThan(images.length * 0.8);

    // predict also reads the ONNX file itself, with identical results
    const fromOnnx = await predictFiles(await readModelFile(onnx.file.path), images);
    expect(fromOnnx).toEqual(lab);
  });

  it('native JSON on disk round-trips bit for bit', async () => {
    const { file } = await exportModel(model, 'json', out('roundtrip.json'));
    const back = await readModelFile(file.path);
    back.layers.forEach((layer, i) => {
      expect(sameBits(layer.w, model.layers[i].w)).toBe(true);
      expect(sameBits(layer.b, model.layers[i].b)).toBe(true);
    });
    expect(back.input).toEqual(model.input);
    expect(encodeNativeModel(back)).toBe(readFileSync(file.path, 'utf8'));
  });

  it('safetensors reads back byte-exactly, with the PyTorch snippet beside it', async () => {
    const result = await exportModel(model, 'safetensors', out('colors.safetensors'));
    expect(result.extras.map((f) => f.path)).toEqual([out('colors.py')]);
    expect(readFileSync(out('colors.py'), 'utf8')).toBe(result.snippet);
    const parsed = parseSafetensors(readFileSync(result.file.path));
    console.log(`file size: safetensors ${result.file.bytes} B`);
    model.layers.forEach((layer, i) => {
      const transposed: number[] = [];
      for (let j = 0; j < layer.units; j++) for (let k = 0; k < layer.inputs; k++) transposed.push(layer.w[k * layer.units + j]);
      expect(Buffer.from(parsed.tensors.get(`layers.${2 * i}.weight`)!.bytes).equals(Buffer.from(float32LE(transposed)))).toBe(true);
      expect(Buffer.from(parsed.tensors.get(`layers.${2 * i}.bias`)!.bytes).equals(Buffer.from(float32LE(layer.b)))).toBe(true);
    });
  });

  it('PyTorch loads the safetensors file with the generated snippet and gives the lab\'s probabilities (when python3 has torch)', async (context) => {
    const python = '/usr/bin/python3';
    const has = (module: string) => {
      try {
        execFileSync(python, ['-c', `import ${module}`], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    if (!existsSync(python) || !has('torch')) {
      context.skip();
      return;
    }
    const folder = join(work.path, 'torch');
    mkdirSync(folder);
    await exportModel(model, 'safetensors', join(folder, 'model.safetensors'));
    const shim = join(folder, 'shim');
    if (!has('safetensors')) {
      // Debian has no python3-safetensors: a minimal stand-in with the two calls the snippet makes
      mkdirSync(join(shim, 'safetensors'), { recursive: true });
      writeFileSync(join(shim, 'safetensors', '__init__.py'), [
        'import json, struct',
        'class safe_open:',
        '    def __init__(self, path, framework):',
        '        with open(path, "rb") as f:',
        '            n = struct.unpack("<Q", f.read(8))[0]',
        '            self.header = json.loads(f.read(n))',
        '    def __enter__(self): return self',
        '    def __exit__(self, *args): return False',
        '    def metadata(self): return self.header["__metadata__"]',
      ].join('\n'));
      writeFileSync(join(shim, 'safetensors', 'torch.py'), [
        'import json, struct, torch',
        'def load_file(path):',
        '    with open(path, "rb") as f:',
        '        n = struct.unpack("<Q", f.read(8))[0]',
        '        header = json.loads(f.read(n))',
        '        data = f.read()',
        '    out = {}',
        '    for name, t in header.items():',
        '        if name == "__metadata__": continue',
        '        b, e = t["data_offsets"]',
        '        out[name] = torch.frombuffer(bytearray(data[b:e]), dtype=torch.float32).reshape(t["shape"])',
        '    return out',
      ].join('\n'));
    }
    const count = 4;
    const size = model.architecture.inputSize;
    const pixels = new Uint8Array(count * size);
    for (let i = 0; i < count; i++) pixels.set(await loadImage(images[i * 7], model.input.kind === 'image' ? model.input.preprocessing : never()), i * size);
    writeFileSync(join(folder, 'pixels.json'), JSON.stringify(Array.from(pixels)));
    const script = `${readFileSync(join(folder, 'model.py'), 'utf8')}
pixels = torch.tensor(json.load(open("pixels.json")), dtype=torch.uint8).reshape(${count}, ${model.input.kind === 'image' ? `${model.input.preprocessing.height}, ${model.input.preprocessing.width}, 3` : ''})
with torch.no_grad():
    print(json.dumps([model(normalize(p)).softmax(dim=1)[0].tolist() for p in pixels]))
`;
    const stdout = execFileSync(python, ['-c', script], { cwd: folder, env: { ...process.env, PYTHONPATH: shim }, encoding: 'utf8' });
    const torchProbabilities = JSON.parse(stdout.trim().split('\n').pop()!) as number[][];
    const lab = new ModelRunner(model).predictImages(pixels, count);
    let maxDiff = 0;
    lab.forEach((p, i) => p.probabilities.forEach((q, k) => { maxDiff = Math.max(maxDiff, Math.abs(q - torchProbabilities[i][k])); }));
    console.log(`PyTorch vs lab: max |Δp| = ${maxDiff.toExponential(2)}`);
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('templates as PNG files: one per class for a linear model, named safely from the class names', async () => {
    const linear: TrainedModel = { ...model, architecture: { ...model.architecture, hidden: [] }, layers: [{ ...model.layers[0], units: 3, activation: 'none', w: new Float32Array(model.architecture.inputSize * 3).map((_, i) => Math.sin(i)), b: new Float32Array(3) }], training: null };
    linear.classNames = ['../../evil', 'CON', 'ok'];
    const folder = out('templates');
    mkdirSync(folder);
    const files = await exportTemplates(linear, folder, { zoom: 2 });
    expect(files.map((f) => f.path.slice(folder.length + 1))).toEqual(['template-0-_.._evil.png', 'template-1-_CON.png', 'template-2-ok.png']);
    const meta = await import('sharp').then((m) => m.default(files[0].path).metadata());
    expect([meta.width, meta.height, meta.format]).toEqual([16, 12, 'png']);
    expect(readdirSync(join(work.path))).not.toContain('evil.png');
  });
});

describe('runs from the store', () => {
  it('exports a toy run\'s latest checkpoint with its class names, config and metrics, and records the export', async () => {
    const store = new LabStore(out('toy.db'));
    try {
      const data = { kind: 'toy' as const, toy: 'spiral' as const, samples: 90, noise: 0.1, seed: 2 };
      const split = { val: 0.2, test: 0, seed: 4 };
      const config = { ...trainConfig(2), epochs: 2 };
      const toy = makeToyDataset('spiral', data);
      const all = arraySource(toy.x, toy.labels, 2);
      const rows = stratifiedSplit(toy.labels, split, split.seed);
      const trainer = new Trainer(config, subsetSource(all, rows.train), subsetSource(all, rows.val));
      const run = store.createRun({ name: 'spiral twin', config, data, split });
      store.setRunStatus(run.id, 'running');
      while (!trainer.finished) {
        const report = trainer.runEpoch();
        store.recordEpoch(run.id, { ...report, step: trainer.step });
        store.saveCheckpoint(run.id, { epoch: trainer.epoch, step: trainer.step, reason: 'epoch', state: encodeTrainerState(trainer.saveState()) });
      }
      store.finishRun(run.id, 'done');

      const result = await exportRun(store, run.id, 'json', out('spiral.json'));
      const back = await readModelFile(result.file.path);
      expect(back.classNames).toEqual(toy.classNames);
      expect(back.input).toEqual({ kind: 'vector', size: 2 });
      expect(back.training).toEqual(config);
      expect(back.origin).toMatchObject({ runId: run.id, epoch: 2, step: trainer.step });
      expect(back.metrics?.epochs).toBe(2);
      expect(back.metrics?.val?.accuracy).toBe(trainer.epochReport().val!.accuracy);
      back.layers.forEach((layer, i) => expect(sameBits(layer.w, trainer.layerWeights()[i].w)).toBe(true));
      expect(store.listExports(run.id)).toMatchObject([{ format: 'json', path: result.file.path, bytes: result.file.bytes }]);

      const csv = await exportMetricsCsv(store, run.id, out('spiral.csv'));
      const lines = readFileSync(csv.path, 'utf8').trim().split('\n');
      expect(lines[0].split(',')).toEqual(expect.arrayContaining(['train.dataLoss', 'train.penalty', 'train.totalLoss']));
      expect(lines).toHaveLength(3); // header + 2 epoch-end steps

      await expect(exportTemplates(back, out('x'))).rejects.toThrow(/reads numbers, not images: it has no templates/);
      const fresh = store.createRun({ config, data, split });
      await expect(modelFromRun(store, fresh.id)).rejects.toThrow(`run ${fresh.id} has no saved weights yet`);
      await expect(modelFromRun(store, 999)).rejects.toThrow('run 999 does not exist');
    } finally {
      store.close();
    }
  });

  it('an image run recorded without its model input refits its normalization on the run\'s training split once: the exported model predicts exactly like the trained one', async () => {
    const store = new LabStore(out('images.db'));
    try {
      const split = { val: 0.25, test: 0, seed: 11 };
      const { model: trained, trainer } = await trainOnFolder(join(work.path, 'images'), split);
      const dataset = store.createDataset({ name: 'colors', source: 'folder', options: { path: join(work.path, 'images'), width: 8, height: 6, channels: 3, fit: 'cover' } });
      const run = store.createRun({ config: trainer.config, data: { kind: 'dataset', datasetId: dataset.id, normalization: 'per-channel' }, split });
      store.setRunStatus(run.id, 'running');
      store.finishRun(run.id, 'done', { checkpoint: { epoch: trainer.epoch, step: trainer.step, reason: 'final', state: encodeTrainerState(trainer.saveState()) } });

      // a run that kept no model input (recorded before schema 5) needs its dataset once …
      await expect(modelFromRun(store, run.id)).rejects.toThrow(/recorded before runs kept their image preprocessing, so its model needs its dataset once/);
      const exported = await modelFromRun(store, run.id, { loadDataset: folderDatasetLoader(store, null) });
      expect(exported.input).toEqual(trained.input);
      expect(exported.classNames).toEqual(trained.classNames);
      expect(await predictFiles(exported, images)).toEqual(await predictFiles(trained, images));
      // … and keeps it from then on
      expect(store.runModelInput(run.id)).toEqual({ classNames: trained.classNames, ...(trained.input.kind === 'image' ? { preprocessing: trained.input.preprocessing, normalization: trained.input.normalization } : {}) });
      expect((await modelFromRun(store, run.id)).input).toEqual(trained.input);
    } finally {
      store.close();
    }
  });
});

describe('bad input changes nothing', () => {
  function badFiles(): Record<string, string | Uint8Array> {
    const text = encodeNativeModel(model);
    const doc = JSON.parse(text);
    doc.layers[0].bias.shape = [7];
    return {
      'truncated.json': text.slice(0, Math.floor(text.length * 0.6)),
      'edited.json': JSON.stringify(doc),
      'newer.json': text.replace('"version": 1', '"version": 3'),
      'package.json': readFileSync('package.json'),
      'photo.png': readFileSync(images[0]),
      'empty.json': '',
      'half.onnx': readFileSync(out('colors.onnx')).subarray(0, 500),
    };
  }
  const expected: Record<string, RegExp> = {
    'truncated.json': /truncated\.json: the model file is cut off/,
    'edited.json': /edited\.json: invalid model file: layers\[0\]\.bias: shape \[7\] does not match the layer's \[6\]/,
    'newer.json': /newer\.json: model format version 3 is newer than this app reads/,
    'package.json': /package\.json: not a Neural Lab model/,
    'photo.png': /photo\.png: not a model file: neither Neural Lab JSON nor ONNX/,
    'empty.json': /empty\.json: the file is empty/,
    'half.onnx': /half\.onnx: not a readable ONNX file .*cut off or damaged/,
  };

  it('import and predict refuse truncated, hand-edited, wrong-version and non-model files with one clear line; the models folder is untouched', async () => {
    const folder = out('bad');
    const models = out('models');
    mkdirSync(folder);
    mkdirSync(models);
    await importModel(out('colors.json'), models);
    const before = readdirSync(models).map((name) => [name, readFileSync(join(models, name), 'utf8')]);
    expect(before).toHaveLength(1);

    for (const [name, bytes] of Object.entries(badFiles())) {
      const path = join(folder, name);
      writeFileSync(path, bytes);
      for (const attempt of [() => importModel(path, models), async () => predictFiles(await readModelFile(path), images)]) {
        const error = await attempt().then(() => null, (e: unknown) => e);
        expect(error, name).toBeInstanceOf(ModelFileError);
        expect((error as Error).message).toMatch(expected[name]);
        expect((error as Error).message).not.toContain('\n');
      }
    }
    expect(readdirSync(models).map((name) => [name, readFileSync(join(models, name), 'utf8')])).toEqual(before);
    const listed = await listModels(models);
    expect(listed.models.map((m) => m.summary.name)).toEqual(['colors']);
    // a second import of the same model gets a fresh name
    const second = await importModel(out('colors.onnx'), models);
    expect(second.path).toBe(join(models, 'colors (2).json'));
  });

  it('predict names the image files it cannot read and still predicts the others', async () => {
    writeFileSync(out('broken.png'), readFileSync(images[0]).subarray(0, 60));
    const results = await predictFiles(model, [images[0], out('broken.png'), out('missing.png')]);
    expect(results[0].ok).toBe(true);
    expect(results[1]).toMatchObject({ ok: false, error: expect.stringMatching(/broken\.png: corrupt or truncated image/) });
    expect(results[2]).toMatchObject({ ok: false, error: expect.stringMatching(/image not found: .*missing\.png/) });

    // the same from bytes (web uploads): identical prediction, same kind of message
    const fromBytes = await predictImageBytes(model, [
      { name: 'upload.png', bytes: readFileSync(images[0]) },
      { name: 'notes.txt', bytes: new TextEncoder().encode('not an image') },
    ]);
    expect(fromBytes[0]).toEqual({ ...results[0], file: 'upload.png' });
    expect(fromBytes[1]).toEqual({ file: 'notes.txt', ok: false, error: 'notes.txt: not an image file' });
  });

  it('refuses export names that would leave the chosen folder, and writes nothing anywhere', async () => {
    const folder = out('safe');
    mkdirSync(folder);
    const parentBefore = readdirSync(work.path).sort();
    const attempts: [string, RegExp][] = [
      [`${folder}/..`, /"\.\." is not a file name/],
      [`${folder}/.`, /"\." is not a file name/],
      [`${folder}/`, /names a folder, not a file/],
      [join(folder, 'a\0b.onnx'), /NUL/],
      [join(folder, 'CON.onnx'), /reserved device name on Windows/],
      [join(folder, 'nul'), /reserved device name on Windows/],
      [join(folder, 'model.onnx.'), /ends with a dot or space/],
      [join(folder, 'a\\..\\..\\b.onnx'), /is a path, not a file name/],
      [join(folder, 'x'.repeat(300)), /longer than 255 bytes/],
      [join(folder, 'missing-folder', 'm.onnx'), /the folder .*missing-folder does not exist/],
    ];
    for (const [path, message] of attempts) {
      await expect(exportModel(model, 'onnx', path), path).rejects.toThrow(message);
    }
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(work.path).sort()).toEqual(parentBefore);
  });

  it('a model that cannot be encoded leaves an existing file untouched and no temporary files', async () => {
    const target = out('keep.onnx');
    writeFileSync(target, 'previous export');
    const broken = { ...model, layers: model.layers.map((l) => ({ ...l, w: Float32Array.from(l.w).fill(NaN, 0, 1) })) };
    await expect(exportModel(broken, 'onnx', target)).rejects.toThrow(ExportError);
    await expect(exportModel(broken, 'onnx', target)).rejects.toThrow(/cannot export this model: layer 1 contains NaN/);
    expect(readFileSync(target, 'utf8')).toBe('previous export');
    expect(readdirSync(out('')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a full disk is a clear message and leaves neither a half file nor temporaries (tmpfs of 64 kB; skipped where mounting is not allowed)', async (context) => {
    const mount = out('tiny');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      context.skip();
      return;
    }
    try {
      writeFileSync(join(mount, 'model.json'), 'previous export');
      const big: TrainedModel = { ...model, architecture: { ...model.architecture, hidden: [{ units: 200, activation: 'relu' }] } };
      big.layers = [
        { inputs: model.architecture.inputSize, units: 200, activation: 'relu', w: new Float32Array(model.architecture.inputSize * 200).fill(0.5), b: new Float32Array(200) },
        { inputs: 200, units: 3, activation: 'none', w: new Float32Array(600), b: new Float32Array(3) },
      ];
      big.training = null;
      await expect(exportModel(big, 'json', join(mount, 'model.json'))).rejects.toThrow(/not enough disk space to write .*model\.json; free some space or choose another drive \(nothing was written\)/);
      expect(readdirSync(mount)).toEqual(['model.json']);
      expect(readFileSync(join(mount, 'model.json'), 'utf8')).toBe('previous export');
    } finally {
      execFileSync('umount', [mount]);
    }
  });
});

function never(): never {
  throw new Error('unreachable');
}
