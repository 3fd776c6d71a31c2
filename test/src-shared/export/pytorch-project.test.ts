/** The PyTorch project generator on its own: which files, which tensors, and specs it refuses before making any. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { arraySource } from '../../../src-shared/engine/source';
import { Trainer } from '../../../src-shared/engine/trainer';
import type { TrainConfig } from '../../../src-shared/engine/types';
import { pytorchProjectFiles, type PytorchProjectSpec } from '../../../src-shared/export/pytorch/project';
import { Rng } from '../../../src-shared/random';
import { makeToyDataset } from '../../../src-shared/toy/datasets';

const config: TrainConfig = {
  model: { inputSize: 2, numClasses: 3, hidden: [{ units: 5, activation: 'leaky-relu', alpha: 0.05 }] },
  loss: 'softmax',
  regularizer: { kind: 'l1', l1: 0.01, l2: 0, proximal: true },
  optimizer: { kind: 'adam', lr: 0.01 },
  schedule: { kind: 'constant' },
  batchSize: 8,
  epochs: 2,
  seed: 4,
};

function spec(): PytorchProjectSpec {
  const toy = makeToyDataset('spiral', { samples: 30, noise: 0.1, seed: 1 });
  const trainer = new Trainer(config, arraySource(toy.x, toy.labels, 2));
  const initial = trainer.saveState();
  trainer.trainStep(); // a state saved mid-epoch, as a pause leaves it
  return {
    run: { id: 7, name: 'spiral """ test', experimentId: 2 },
    appVersion: '0.1.0',
    config,
    classNames: toy.classNames,
    input: { kind: 'vector', size: 2 },
    source: 'generated spiral points',
    splits: { train: { labels: toy.labels, inputs: toy.x } },
    checkpoint: trainer.saveState(),
    initial,
    labMetrics: [],
  };
}


function tensorShapes(bytes: Uint8Array): Record<string, number[]> {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Record<string, { shape: number[] }>;
  return Object.fromEntries(Object.entries(header).filter(([k]) => k !== '__metadata__').map(([k, v]) => [k, v.shape]));
}

describe('pytorchProjectFiles', () => {
  it('writes the code, the experiment, the data and one weights file with checkpoint, optimizer state, initial weights and order', () => {
    const files = pytorchProjectFiles(spec());
    expect(files.map((f) => f.path)).toEqual([
      'README.md', 'requirements.txt', 'model.py', 'lab_rules.py', 'data.py', 'train.py', 'experiment.json', 'weights.safetensors',
      'data/train-inputs.f32', 'data/train-labels.i32',
    ]);
    const weights = files.find((f) => f.path === 'weights.safetensors')!.bytes as Uint8Array;
    const layer = (prefix: string) => [`${prefix}layers.0.weight`, `${prefix}layers.0.bias`, `${prefix}layers.2.weight`, `${prefix}layers.2.bias`];
    expect(Object.keys(tensorShapes(weights))).toEqual([...layer(''), ...layer('optimizer.0.'), ...layer('optimizer.1.'), ...layer('initial.'), 'checkpoint.order']);
    const model = files.find((f) => f.path === 'model.py')!.bytes as string;
    expect(model).toContain('nn.Linear(2, 5),  # layers.0: W1, b1');
    expect(model).toContain('nn.LeakyReLU(0.05),');
    // the generated Python parses, a run of quotes in the run's name included (it cannot end the docstring early)
    for (const file of files.filter((f) => f.path.endsWith('.py'))) {
      expect(() => execFileSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: file.bytes as string }), file.path).not.toThrow();
    }
    const experiment = JSON.parse(files.find((f) => f.path === 'experiment.json')!.bytes as string) as { checkpoint: { position: number; step: number }; splits: { train: { count: number } } };
    expect(experiment.checkpoint).toMatchObject({ position: 8, step: 1 });
    expect(experiment.splits.train.count).toBe(30);
  });

  it('puts an image run\'s feature transform into model.py and sizes the first layer for φ(x), not x', () => {
    const hog: TrainConfig = {
      ...config,
      model: { inputSize: 16 * 12 * 3, numClasses: 2, hidden: [{ units: 4, activation: 'relu' }], features: { kind: 'hog', width: 16, height: 12, channels: 3, cell: 4, bins: 6 } },
      augmentation: { mirror: { width: 16, height: 12, channels: 3 } },
    };
    const labels = Int32Array.from({ length: 6 }, (_, i) => i % 2);
    const rng = new Rng(2);
    const pixels = Float32Array.from({ length: 6 * hog.model.inputSize }, () => rng.uniform());
    const trainer = new Trainer(hog, arraySource(pixels, labels, hog.model.inputSize));
    const initial = trainer.saveState();
    const files = pytorchProjectFiles({
      ...spec(), config: hog, classNames: ['a', 'b'], splits: { train: { labels, inputs: pixels } }, checkpoint: initial, initial,
    });
    const model = files.find((f) => f.path === 'model.py')!.bytes as string;
    // 4×3 cells of 6 orientations
    expect(model).toContain('self.features = OrientedGradients(width=16, height=12, channels=3, cell=4, bins=6)');
    expect(model).toContain('nn.Linear(72, 4),  # layers.0: W1, b1');
    expect(() => execFileSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], { input: model })).not.toThrow();
    const weights = files.find((f) => f.path === 'weights.safetensors')!.bytes as Uint8Array;
    expect(tensorShapes(weights)['layers.0.weight']).toEqual([4, 72]);
    const readme = files.find((f) => f.path === 'README.md')!.bytes as string;
    expect(readme).toContain('The model reads HOG features (4×4-pixel cells, 6 orientations)');
    expect(readme).toContain('Mirror augmentation: each training image is flipped left-right');
  });

  it('refuses a spec whose parts do not fit, saying which', () => {
    const base = spec();
    expect(() => pytorchProjectFiles({ ...base, checkpoint: { ...base.checkpoint, params: base.checkpoint.params.slice(1) } }))
      .toThrow('the checkpoint holds 3 parameter arrays, the model has 4');
    expect(() => pytorchProjectFiles({ ...base, initial: { ...base.initial!, slots: [] } })).toThrow('the initial state holds optimizer slots for another optimizer than adam');
    expect(() => pytorchProjectFiles({ ...base, splits: { train: { ...base.splits.train, inputs: base.splits.train.inputs.subarray(2) } } }))
      .toThrow('the train split has 58 input values for 30 samples of 2');
    expect(() => pytorchProjectFiles({ ...base, splits: { train: { ...base.splits.train, files: ['a.png'] } } })).toThrow('the train split names 1 files for 30 samples');
  });
});
