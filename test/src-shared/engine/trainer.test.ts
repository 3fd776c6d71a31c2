import { beforeAll, describe, expect, it } from 'vitest';
import { divergenceMessage, Trainer, watchLoss } from '../../../src-shared/engine/trainer';
import { arraySource } from '../../../src-shared/engine/source';
import { referenceKernels, type FloatArray, type Kernels } from '../../../src-shared/engine/kernels';
import { decodeTrainerState, encodeTrainerState } from '../../../src-shared/engine/state';
import { makeToyDataset } from '../../../src-shared/toy/datasets';
import type { OptimizerSpec, TrainConfig } from '../../../src-shared/engine/types';
import { bitIdentical, config } from './helpers';

const spiral = makeToyDataset('spiral', { samples: 300, noise: 0.2, classes: 3, seed: 1 });
const spiralSource = arraySource(spiral.x, spiral.labels, 2);

function trainToEnd(cfg: TrainConfig, source = spiralSource, options?: ConstructorParameters<typeof Trainer>[3]): Trainer {
  const trainer = new Trainer(cfg, source, undefined, options);
  while (!trainer.finished) trainer.runEpoch();
  return trainer;
}

describe('Trainer on the 3-arm spiral', () => {
  let linear: Trainer;
  let linearAccuracy: number;
  beforeAll(() => {
    linear = trainToEnd(config({ inputSize: 2, numClasses: 3, epochs: 100 }));
    linearAccuracy = linear.evaluate(spiralSource).accuracy;
  });

  it('a linear softmax classifier cannot separate the arms (< 60% train accuracy)', () => {
    expect(linear.stopReason).toBe('done');
    expect(linearAccuracy).toBeGreaterThan(0.4); // it did learn something (chance is 33%)
    expect(linearAccuracy).toBeLessThan(0.6);
  });

  it('mlp:100 with ReLU reaches at least 97% train accuracy', () => {
    const mlp = trainToEnd(config({ inputSize: 2, numClasses: 3, hidden: [{ units: 100, activation: 'relu' }], epochs: 150 }));
    expect(mlp.evaluate(spiralSource).accuracy).toBeGreaterThanOrEqual(0.97);
  });

  it('the same net with identity activations scores like the linear model and is one linear map', () => {
    const net = trainToEnd(config({ inputSize: 2, numClasses: 3, hidden: [{ units: 100, activation: 'identity' }], epochs: 100 }));
    expect(Math.abs(net.evaluate(spiralSource).accuracy - linearAccuracy)).toBeLessThanOrEqual(0.03);

    // s = (x·W1 + b1)·W2 + b2 = x·(W1·W2) + (b1·W2 + b2): collapse it in float64
    const [first, second] = net.layerWeights();
    const classes = second.units;
    const w = new Float64Array(first.inputs * classes);
    const b = Float64Array.from(second.b);
    for (let h = 0; h < first.units; h++) {
      for (let c = 0; c < classes; c++) {
        for (let i = 0; i < first.inputs; i++) w[i * classes + c] += first.w[i * first.units + h] * second.w[h * classes + c];
        b[c] += first.b[h] * second.w[h * classes + c];
      }
    }
    const scores = net.network.forward(spiral.x, spiral.labels.length);
    let maxDiff = 0;
    for (let n = 0; n < spiral.labels.length; n++) {
      for (let c = 0; c < classes; c++) {
        let s = b[c];
        for (let i = 0; i < first.inputs; i++) s += spiral.x[n * 2 + i] * w[i * classes + c];
        maxDiff = Math.max(maxDiff, Math.abs(s - scores[n * classes + c]));
      }
    }
    expect(maxDiff).toBeLessThan(1e-4);
  });
});

describe('Trainer determinism and resuming', () => {
  const small = arraySource(spiral.x, spiral.labels, 2);
  const OPTIMIZERS: OptimizerSpec[] = [{ kind: 'sgd', lr: 0.3 }, { kind: 'momentum', lr: 0.05 }, { kind: 'adam', lr: 0.01 }];

  for (const optimizer of OPTIMIZERS) {
    const cfg = config({
      inputSize: 2, numClasses: 3, hidden: [{ units: 12, activation: 'leaky-relu', alpha: 0.05 }, { units: 8, activation: 'tanh' }],
      optimizer, batchSize: 32, epochs: 4, seed: 9,
      regularizer: { kind: 'elastic', l1: 1e-3, l2: 1e-3, proximal: true },
      schedule: { kind: 'cosine', minLr: 0 },
    });

    it(`${optimizer.kind}: the same seed twice gives bit-identical weights; another seed does not`, () => {
      const a = trainToEnd(cfg, small);
      const b = trainToEnd(cfg, small);
      expect(bitIdentical(a.layerWeights(), b.layerWeights())).toBe(true);
      const c = trainToEnd({ ...cfg, seed: 10 }, small);
      expect(bitIdentical(a.layerWeights(), c.layerWeights())).toBe(false);
    });

    it(`${optimizer.kind}: paused mid-epoch, encoded, decoded and resumed in a new Trainer ends bit-identical`, () => {
      const uninterrupted = trainToEnd(cfg, small);

      const first = new Trainer(cfg, small);
      for (let i = 0; i < 13; i++) first.trainStep(); // 300 samples / 32 = 10 steps per epoch: stops in epoch 2
      expect(first.epoch).toBe(1);
      const bytes = encodeTrainerState(first.saveState());

      const resumed = new Trainer(cfg, small, undefined, { state: decodeTrainerState(bytes) });
      expect(resumed.epoch).toBe(1);
      expect(resumed.step).toBe(13);
      while (!resumed.finished) resumed.runEpoch();

      expect(resumed.step).toBe(uninterrupted.step);
      expect(bitIdentical(resumed.layerWeights(), uninterrupted.layerWeights())).toBe(true);
      expect(encodeTrainerState(resumed.saveState())).toEqual(encodeTrainerState(uninterrupted.saveState()));
    });
  }
});

describe('Trainer loop', () => {
  it('counts steps and epochs, resumes partial batches and stops with "done"', () => {
    const trainer = new Trainer(config({ inputSize: 2, numClasses: 3, batchSize: 128, epochs: 2 }), spiralSource);
    const reports = [];
    while (!trainer.finished) reports.push(trainer.trainStep());
    // 300 samples in batches of 128: 128, 128, 44 per epoch
    expect(reports.map((r) => r.epochEnd)).toEqual([false, false, true, false, false, true]);
    expect(reports.map((r) => r.epoch)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(trainer.step).toBe(6);
    expect(trainer.epoch).toBe(2);
    expect(trainer.stopReason).toBe('done');
    expect(() => trainer.trainStep()).toThrow(/already finished/);
  });

  it('runEpoch reports train and val loss, accuracy, learning rate and pace', () => {
    const val = makeToyDataset('spiral', { samples: 90, noise: 0.2, seed: 2 });
    const cfg = config({
      inputSize: 2, numClasses: 3, hidden: [{ units: 20, activation: 'relu' }], epochs: 4,
      regularizer: { kind: 'l2', l1: 0, l2: 1e-3, proximal: false },
      schedule: { kind: 'step', everyEpochs: 2, gamma: 0.1 },
    });
    const trainer = new Trainer(cfg, spiralSource, arraySource(val.x, val.labels, 2));
    let steps = 0;
    const reports = [];
    while (!trainer.finished) reports.push(trainer.runEpoch(() => steps++));
    expect(steps).toBe(4 * Math.ceil(300 / 16));
    expect(reports.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    expect(reports.map((r) => r.lr)).toEqual([0.5, 0.5, 0.5 * 0.1, 0.5 * 0.1]);
    for (const r of reports) {
      expect(r.train.regLoss).toBeGreaterThan(0);
      expect(r.train.loss).toBeCloseTo(r.train.dataLoss + r.train.regLoss, 12);
      expect(r.val!.accuracy).toBeGreaterThan(0);
      expect(r.samplesPerSecond).toBeGreaterThan(0);
    }
    expect(reports[3].train.dataLoss).toBeLessThan(reports[0].train.dataLoss);
  });

  it('predict gives probabilities summing to 1 and the class evaluate counts as right', () => {
    const trainer = trainToEnd(config({ inputSize: 2, numClasses: 3, hidden: [{ units: 16, activation: 'relu' }], epochs: 5 }));
    const { probabilities, predicted } = trainer.predict(spiralSource);
    let correct = 0;
    for (let n = 0; n < spiralSource.length; n++) {
      const row = probabilities.subarray(3 * n, 3 * n + 3);
      expect(row[0] + row[1] + row[2]).toBeCloseTo(1, 5);
      expect(row[predicted[n]]).toBe(Math.max(...row));
      if (predicted[n] === spiral.labels[n]) correct++;
    }
    expect(correct / spiralSource.length).toBeCloseTo(trainer.evaluate(spiralSource).accuracy, 12);
  });

  it('trains with the multiclass SVM loss', () => {
    const blobs = makeToyDataset('blobs', { samples: 150, noise: 0.3, classes: 3, seed: 4 });
    const trainer = trainToEnd(config({ inputSize: 2, numClasses: 3, loss: 'svm', epochs: 10, optimizer: { kind: 'sgd', lr: 0.1 } }),
      arraySource(blobs.x, blobs.labels, 2));
    expect(trainer.evaluate(arraySource(blobs.x, blobs.labels, 2)).accuracy).toBeGreaterThan(0.95);
  });

  it('stops with reason "diverged" when the loss becomes NaN or infinite', () => {
    const trainer = new Trainer(config({ inputSize: 2, numClasses: 3, hidden: [{ units: 20, activation: 'relu' }], optimizer: { kind: 'sgd', lr: 1e30 } }), spiralSource);
    const report = trainer.runEpoch();
    expect(report.diverged).toBe(true);
    expect(trainer.finished).toBe(true);
    expect(trainer.stopReason).toBe('diverged');
    expect(trainer.epoch).toBe(0);
    expect(() => trainer.runEpoch()).toThrow(/diverged/);
  });

  it('flags a run whose loss explodes at finite values (lr 1e9) as diverged, with the rule in its message', () => {
    const trainer = new Trainer(config({ inputSize: 2, numClasses: 3, hidden: [{ units: 20, activation: 'relu' }], optimizer: { kind: 'sgd', lr: 1e9 } }), spiralSource);
    const report = trainer.runEpoch();
    expect(Number.isFinite(report.train.dataLoss)).toBe(true); // not NaN: only the rule can catch it
    expect(report.diverged).toBe(true);
    expect(trainer.stopReason).toBe('diverged');
    expect(divergenceMessage(trainer.step)).toMatch(/above 10× its first value.*Lower the learning rate/);
  });

  it('the divergence rule: a running mean above 10× the first loss fires, one bad batch does not, and it survives a save', () => {
    let { watch } = watchLoss(null, 1);
    expect(watchLoss(watch, 50).diverged).toBe(false); // one batch: the mean moves to 5.9
    for (let i = 0; i < 30; i++) ({ watch } = watchLoss(watch, 1));
    let diverged = false;
    for (let i = 0; i < 30 && !diverged; i++) ({ watch, diverged } = watchLoss(watch, 12));
    expect(diverged).toBe(true);
    expect(watchLoss({ reference: 0.001, smoothed: 0.001 }, 0.5).diverged).toBe(false); // floored reference
    expect(watchLoss({ reference: 1, smoothed: 1 }, NaN).diverged).toBe(true);

    // a healthy run is never flagged, and a resumed one carries the watch on exactly
    const cfg = config({ inputSize: 2, numClasses: 3, hidden: [{ units: 20, activation: 'relu' }], optimizer: { kind: 'sgd', lr: 0.5 }, epochs: 4 });
    const healthy = new Trainer(cfg, spiralSource);
    healthy.runEpoch();
    const saved = healthy.saveState();
    expect(saved.lossWatch!.reference).toBeGreaterThan(0.9);
    const resumed = new Trainer(cfg, spiralSource, undefined, { state: decodeTrainerState(encodeTrainerState(saved)) });
    expect(resumed.saveState().lossWatch).toEqual(saved.lossWatch);
    while (!healthy.finished) healthy.runEpoch();
    expect(healthy.stopReason).toBe('done');
  });

  it('rejects data that does not fit the model, saying what is wrong', () => {
    expect(() => new Trainer(config({ inputSize: 3, numClasses: 3 }), spiralSource)).toThrow(/2 inputs per sample, the model expects 3/);
    expect(() => new Trainer(config({ inputSize: 2, numClasses: 2 }), spiralSource)).toThrow(/label 2, outside 0..1/);
    expect(() => new Trainer(config({ inputSize: 2, numClasses: 3, batchSize: 0 }), spiralSource)).toThrow(/config: batchSize: must be at least 1/);
    const other = new Trainer(config({ inputSize: 2, numClasses: 3, hidden: [{ units: 5, activation: 'relu' }] }), spiralSource).saveState();
    expect(() => new Trainer(config({ inputSize: 2, numClasses: 3 }), spiralSource, undefined, { state: other })).toThrow(/different model/);
  });

  it('in float32 allocates every buffer through kernels.allocate, once, and multiplies only through kernels.gemm', () => {
    const allocated = new Set<FloatArray>();
    let allocations = 0;
    let products = 0;
    const foreign: string[] = [];
    const counting: Kernels = {
      ...referenceKernels,
      name: 'counting',
      allocate(length) {
        allocations++;
        const array = new Float32Array(length);
        allocated.add(array);
        return array;
      },
      gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
        products++;
        if (!allocated.has(a) || !allocated.has(b) || !allocated.has(c)) foreign.push(`${m}×${n}×${k}`);
        referenceKernels.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
      },
    };
    const cfg = config({ inputSize: 2, numClasses: 3, hidden: [{ units: 10, activation: 'relu' }], optimizer: { kind: 'adam', lr: 0.01 }, epochs: 2 });
    const trainer = new Trainer(cfg, spiralSource, undefined, { kernels: counting });
    const afterConstruction = allocations;
    // params + grads (2 layers × w, dw, b, db), activations (out, dx per layer), adam slots, batch and dScores
    expect(afterConstruction).toBeGreaterThanOrEqual(8 + 6 + 8 + 2);
    while (!trainer.finished) trainer.runEpoch();
    expect(allocations).toBe(afterConstruction);
    // per step: 2 forward products, 2 weight gradients, 1 input gradient (layer 2 only)
    expect(products).toBeGreaterThanOrEqual(2 * Math.ceil(300 / 16) * 5);
    expect(foreign).toEqual([]);
  });
});
