/**
 * Runs with a fixed feature transform, and with mirror augmentation, leave as PyTorch
 * projects that Debian's PyTorch (/usr/bin/python3) replays: model.py applies the
 * transform (polar, polynomial, sincos on 2-D points; HOG and colour histogram on real
 * PNG images written with sharp) and train.py flips the images the lab flipped, drawing
 * from the lab's generator in the lab's order, under torchrun too. The exported model's
 * forward on the inputs the lab reads gives the lab's own predictions (ModelRunner, what
 * `lab predict` runs) to within 1e-5.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStore } from '../../../src-main/store';
import { decodeTrainerState } from '../../../src-shared/engine/state';
import { applyFeatures, featureSize, type FeatureKind } from '../../../src-shared/features/transforms';
import { decodeNativeModel } from '../../../src-shared/export/native';
import { ModelRunner } from '../../../src-shared/export/predict';
import { Rng } from '../../../src-shared/random';
import { rawImage, tempDir, writeBytes } from '../datasets/fixtures';
import { compareWeights, lab, PYTHON, readMetrics, readSafetensors, run, TORCHRUN } from './pytorch-fixtures';

const work = tempDir('pytorch-features');
const path = (...names: string[]) => join(work.path, ...names);

/**
 * Horizontal stripes, vertical stripes and plain noise, 16×16 RGB in random tints: a
 * left-right flip keeps each class what it is, and HOG's orientations tell them apart.
 */
async function writeStripeFolder(folder: string, perClass: number): Promise<void> {
  const rng = new Rng(5);
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  const classes: Record<string, (x: number, y: number) => number> = {
    horizontal: (_x, y) => (y % 6 < 3 ? 200 : 60),
    vertical: (x) => (x % 6 < 3 ? 200 : 60),
    plain: () => 130,
  };
  for (const [name, shade] of Object.entries(classes)) {
    for (let i = 0; i < perClass; i++) {
      const shift = Math.floor(6 * rng.uniform());
      const tint = [0.5 + 0.5 * rng.uniform(), 0.5 + 0.5 * rng.uniform(), 0.5 + 0.5 * rng.uniform()];
      const raw = rawImage(16, 16, (x, y) => {
        const v = shade(x + shift, y + shift);
        return [clamp(v * tint[0] + 50 * rng.normal()), clamp(v * tint[1] + 50 * rng.normal()), clamp(v * tint[2] + 50 * rng.normal())];
      });
      writeBytes(join(folder, name, `${name}-${String(i).padStart(2, '0')}.png`), await sharp(raw, { raw: { width: 16, height: 16, channels: 3 } }).png().toBuffer());
    }
  }
}

/** One run per transform; the image ones follow the Must-show run (mlp:32, Adam, L1 proximal, 3 epochs). */
const RUNS: Record<FeatureKind, string[]> = {
  polar: ['--toy', 'circles', '--model', 'mlp:8', '--opt', 'adam', '--lr', '0.02', '--reg', 'l1:0.001', '--prox'],
  polynomial: ['--toy', 'xor', '--opt', 'momentum', '--lr', '0.05', '--reg', 'l2:0.001', '--loss', 'svm'],
  sincos: ['--toy', 'spiral', '--model', 'mlp:8', '--act', 'tanh', '--opt', 'sgd', '--lr', '0.2'],
  hog: ['--data', path('images'), '--size', '16x16', '--mirror', '--model', 'mlp:32', '--opt', 'adam', '--lr', '0.01', '--reg', 'l1:0.002', '--prox',
    '--batch', '16', '--test-split', '0.2', '--cache', path('cache')],
  'color-histogram': ['--data', path('images'), '--size', '16x16', '--mirror', '--model', 'mlp:32', '--opt', 'adam', '--lr', '0.01', '--reg', 'l1:0.002', '--prox',
    '--batch', '16', '--test-split', '0.2', '--cache', path('cache')],
};
const KINDS = Object.keys(RUNS) as FeatureKind[];
const project = (kind: FeatureKind) => path(`project-${kind}`);
const database = (kind: FeatureKind) => path(`${kind}.db`);

beforeAll(async () => {
  await writeStripeFolder(path('images'), 30);
  // one at a time: the image runs share a decoded-pixel cache
  for (const kind of KINDS) {
    const trained = await lab('train', ...RUNS[kind], '--features', kind, '--epochs', '3', '--seed', '7', '--db', database(kind));
    expect(trained.code, `${kind}: ${trained.stderr}`).toBe(0);
    const exported = await lab('export', '--run', '1', '--db', database(kind), '--format', 'pytorch', '--out', project(kind));
    expect(exported.code, `${kind}: ${exported.stderr}`).toBe(0);
    const native = await lab('export', '--run', '1', '--db', database(kind), '--format', 'json', '--out', path(`${kind}.json`));
    expect(native.code, `${kind}: ${native.stderr}`).toBe(0);
  }
}, 300_000);
afterAll(() => work.remove());

/** Replays `kind`'s run: per-epoch loss (relative) and final weights against the lab's. */
async function replay(kind: FeatureKind): Promise<{ epochs: number[]; relative: number[]; worst: number; labZeros: number; torchZeros: number }> {
  const result = await run(PYTHON, [join(project(kind), 'train.py'), '--replay', '--metrics', path(`${kind}.jsonl`), '--save', path(`${kind}.safetensors`)]);
  expect(result.code, result.stderr).toBe(0);
  const store = new LabStore(database(kind));
  try {
    const labLoss = store.metricSeries(1, 'train', 'loss', 100).points;
    const torch = readMetrics(path(`${kind}.jsonl`)).filter((m) => m.split === 'train');
    expect(torch.map((m) => [m.epoch, m.step])).toEqual(labLoss.map((p) => [p.epoch, p.step]));
    const relative = labLoss.map((p, i) => Math.abs(torch[i].loss! - p.value) / Math.abs(p.value));
    const final = decodeTrainerState(store.latestCheckpoint(1)!.state);
    expect(final.config.model.features?.kind).toBe(kind);
    const { worst, compared, labZeros, torchZeros } = compareWeights(final, readSafetensors(path(`${kind}.safetensors`)));
    console.log(`${kind} replay: per-epoch loss relative difference ${relative.map((r) => r.toExponential(2)).join(', ')}; ${compared} final parameters, largest difference ${worst.toExponential(2)}`);
    return { epochs: labLoss.map((p) => p.epoch), relative, worst, labZeros, torchZeros };
  } finally {
    store.close();
  }
}

describe('runs with feature transforms and mirror augmentation, exported as PyTorch projects', () => {
  it.each(['polar', 'polynomial', 'sincos'] as const)('train.py --replay of a toy run on %s features matches the lab (loss within 1e-4 relative, weights within 1e-4)', async (kind) => {
    const { epochs, relative, worst } = await replay(kind);
    expect(epochs).toEqual([1, 2, 3]);
    for (const r of relative) expect(r).toBeLessThan(1e-4);
    expect(worst).toBeLessThan(1e-4);
  }, 120_000);

  it.each(['hog', 'color-histogram'] as const)('train.py --replay of an image-folder run on %s features with mirror augmentation matches the lab', async (kind) => {
    const config = decodeNativeModel(readFileSync(path(`${kind}.json`))).training!;
    expect(config.augmentation?.mirror).toEqual({ width: 16, height: 16, channels: 3 });
    const { epochs, relative, worst, labZeros, torchZeros } = await replay(kind);
    expect(epochs).toEqual([1, 2, 3]);
    for (const r of relative) expect(r).toBeLessThan(1e-4);
    expect(worst).toBeLessThan(1e-4);
    // proximal L1 zeroes weights exactly, the same number on both sides
    expect(labZeros).toBeGreaterThan(0);
    expect(torchZeros).toBe(labZeros);
  }, 120_000);

  it('under torchrun with two gloo processes, each process draws the flips for the whole batch, so the HOG run still follows the lab', async () => {
    // Debian 12's torchrun cannot parse its default "--redirects 0 --tee 0" (see pytorch-project.test.ts)
    const ddp = await run(TORCHRUN, ['--nproc_per_node', '2', '--master_port', '29527', '--redirects', '1', '--tee', '1', join(project('hog'), 'train.py'), '--replay',
      '--metrics', path('hog-ddp.jsonl'), '--save', path('hog-ddp.safetensors')], { env: { OMP_NUM_THREADS: '1' } });
    expect(ddp.code, ddp.stderr).toBe(0);
    const lines = readMetrics(path('hog-ddp.jsonl'));
    expect(lines[0]).toMatchObject({ mode: 'replay', worldSize: 2 });
    const store = new LabStore(database('hog'));
    try {
      const labLoss = store.metricSeries(1, 'train', 'loss', 100).points;
      const torch = lines.filter((m) => m.split === 'train');
      expect(torch.map((m) => m.epoch)).toEqual([1, 2, 3]);
      const relative = labLoss.map((p, i) => Math.abs(torch[i].loss! - p.value) / Math.abs(p.value));
      console.log(`hog under torchrun x2: per-epoch loss relative difference ${relative.map((r) => r.toExponential(2)).join(', ')}`);
      for (const r of relative) expect(r).toBeLessThan(1e-4);
    } finally {
      store.close();
    }
  }, 300_000);

  it.each(KINDS)('the exported model on %s features, given the inputs the lab reads, predicts what the lab predicts (within 1e-5)', async (kind) => {
    // the lab's predictions: its native model file through ModelRunner, as `lab predict` runs it
    const runner = new ModelRunner(decodeNativeModel(readFileSync(path(`${kind}.json`))));
    const experiment = JSON.parse(readFileSync(join(project(kind), 'experiment.json'), 'utf8')) as { splits: { train: { count: number; inputs: string } } };
    const { count, inputs } = experiment.splits.train;
    const bytes = readFileSync(join(project(kind), inputs));
    const x = inputs.endsWith('.u8')
      ? runner.normalize(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), count)
      : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const labScores = runner.run(x, count);

    const forward = await run(PYTHON, ['-c', [
      'import json, torch, data, model',
      'split = data.load_split("train")',
      'x, _ = split.batch(torch.arange(len(split)))',
      'with torch.no_grad():',
      '    trained = model.load_trained()',
      '    phi, scores = trained.features(x), trained(x).double()',
      'print(json.dumps({"phi": phi.flatten().tolist(), "scores": scores.flatten().tolist(), "probabilities": torch.softmax(scores, dim=1).flatten().tolist()}))',
    ].join('\n')], { cwd: project(kind) });
    expect(forward.code, forward.stderr).toBe(0);
    const torch = JSON.parse(forward.stdout) as { phi: number[]; scores: number[]; probabilities: number[] };
    expect(torch.scores.length).toBe(labScores.scores.length);
    const worst = (a: ArrayLike<number>, b: number[]) => b.reduce((m, v, i) => Math.max(m, Math.abs(v - a[i])), 0);

    // φ itself: the lab's transform, stored in float32 as the lab's feature layer stores it
    const transform = runner.model.architecture.features!;
    const labPhi = new Float32Array(count * featureSize(transform));
    applyFeatures(transform, x, count, labPhi);
    expect(torch.phi.length).toBe(labPhi.length);
    const identical = torch.phi.filter((v, i) => v === labPhi[i]).length;
    const phi = worst(labPhi, torch.phi);
    const scores = worst(labScores.scores, torch.scores);
    const probabilities = worst(labScores.probabilities, torch.probabilities);
    console.log(`${kind}: ${count} samples; φ ${identical}/${labPhi.length} values bit-identical (largest difference ${phi.toExponential(2)}); `
      + `largest difference to the lab's scores ${scores.toExponential(2)}, probabilities ${probabilities.toExponential(2)}`);
    expect(phi).toBeLessThan(1e-6);
    expect(scores).toBeLessThan(1e-5);
    expect(probabilities).toBeLessThan(1e-5);
  }, 60_000);
});
