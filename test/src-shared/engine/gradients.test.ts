import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../../../src-shared/engine/kernels';
import { activationFor } from '../../../src-shared/engine/activations';
import { ActivationLayer, DenseLayer } from '../../../src-shared/engine/layers';
import { softmaxCrossEntropy, svmHinge, lossFunction } from '../../../src-shared/engine/losses';
import { addRegularizationGradient, regularizationLoss } from '../../../src-shared/engine/regularizers';
import { createNetwork } from '../../../src-shared/engine/network';
import type { ActivationKind, LossKind, ModelSpec, RegularizerSpec } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';
import { filled, maxRelativeError, numericGradient } from './gradcheck';

const TOLERANCE = 1e-6;
const f64 = (n: number) => new Float64Array(n);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
};

/** Values from N(0,1) kept at least `gap` away from 0 (so ReLU's kink is out of reach of ±h). */
function awayFromZero(rng: Rng, length: number, gap = 0.1): Float64Array {
  return filled(length, () => {
    const v = rng.normal();
    return Math.sign(v) * (gap + Math.abs(v));
  });
}

const ACTIVATIONS: { kind: ActivationKind; alpha?: number }[] = [
  { kind: 'relu' }, { kind: 'leaky-relu', alpha: 0.1 }, { kind: 'sigmoid' }, { kind: 'tanh' }, { kind: 'identity' },
];

describe('gradient checks (float64, centered differences)', () => {
  it('dense layer: wrt input X, weights W and biases b', () => {
    const rng = new Rng(1);
    const batch = 3, inputs = 4, units = 5;
    const layer = new DenseLayer(inputs, units, referenceKernels, f64, batch);
    layer.w.set(filled(inputs * units, () => rng.normal()));
    layer.b.set(filled(units, () => rng.normal()));
    const x = filled(batch * inputs, () => rng.normal());
    // scalar objective f = Σ Z ⊙ R, so dF/dZ = R
    const r = filled(batch * units, () => rng.normal());
    const f = () => dot(layer.forward(x, batch), r, batch * units);

    f();
    layer.dw.fill(0);
    layer.db.fill(0);
    const dx = Float64Array.from(layer.backward(r, true)!.subarray(0, batch * inputs));
    expect(maxRelativeError(dx, numericGradient(f, x))).toBeLessThan(TOLERANCE);
    expect(maxRelativeError(layer.dw, numericGradient(f, layer.w as Float64Array))).toBeLessThan(TOLERANCE);
    expect(maxRelativeError(layer.db, numericGradient(f, layer.b as Float64Array))).toBeLessThan(TOLERANCE);
  });

  it('dense layer backward accumulates into dW and db', () => {
    const rng = new Rng(2);
    const layer = new DenseLayer(3, 2, referenceKernels, f64, 2);
    layer.w.set(filled(6, () => rng.normal()));
    const x = filled(6, () => rng.normal());
    const r = filled(4, () => rng.normal());
    layer.forward(x, 2);
    layer.backward(r, false);
    const once = Float64Array.from(layer.dw);
    const onceB = Float64Array.from(layer.db);
    layer.backward(r, false);
    layer.dw.forEach((v, i) => expect(v).toBeCloseTo(2 * once[i], 12));
    layer.db.forEach((v, i) => expect(v).toBeCloseTo(2 * onceB[i], 12));
  });

  for (const { kind, alpha } of ACTIVATIONS) {
    it(`${kind} activation: wrt its input`, () => {
      const rng = new Rng(3);
      const batch = 3, units = 4;
      const layer = new ActivationLayer(units, activationFor(kind, alpha), f64, batch);
      const z = awayFromZero(rng, batch * units);
      const r = filled(batch * units, () => rng.normal());
      const f = () => dot(layer.forward(z, batch), r, batch * units);
      f();
      const dz = Float64Array.from(layer.backward(r).subarray(0, batch * units));
      expect(maxRelativeError(dz, numericGradient(f, z))).toBeLessThan(TOLERANCE);
    });
  }

  it('softmax cross-entropy: wrt the scores', () => {
    const rng = new Rng(4);
    const batch = 4, classes = 5;
    const scores = filled(batch * classes, () => 3 * rng.normal());
    const labels = Int32Array.from({ length: batch }, () => rng.int(classes));
    const dScores = f64(batch * classes);
    softmaxCrossEntropy(scores, labels, batch, classes, dScores);
    const numeric = numericGradient(() => softmaxCrossEntropy(scores, labels, batch, classes).loss, scores);
    expect(maxRelativeError(dScores, numeric)).toBeLessThan(TOLERANCE);
  });

  it('multiclass SVM hinge: wrt the scores', () => {
    const rng = new Rng(5);
    const batch = 4, classes = 5;
    const scores = filled(batch * classes, () => rng.normal());
    const labels = Int32Array.from({ length: batch }, () => rng.int(classes));
    // keep every margin s_j − s_y + 1 away from its kink at 0
    for (let i = 0; i < batch; i++) {
      for (let j = 0; j < classes; j++) {
        const margin = scores[i * classes + j] - scores[i * classes + labels[i]] + 1;
        if (j !== labels[i] && Math.abs(margin) < 0.05) scores[i * classes + j] += 0.1;
      }
    }
    const dScores = f64(batch * classes);
    const { loss } = svmHinge(scores, labels, batch, classes, dScores);
    expect(loss).toBeGreaterThan(0);
    const numeric = numericGradient(() => svmHinge(scores, labels, batch, classes).loss, scores);
    expect(maxRelativeError(dScores, numeric)).toBeLessThan(TOLERANCE);
  });

  const REGULARIZERS: RegularizerSpec[] = [
    { kind: 'l1', l1: 0.3, l2: 0, proximal: false },
    { kind: 'l2', l1: 0, l2: 0.2, proximal: false },
    { kind: 'elastic', l1: 0.3, l2: 0.2, proximal: false },
  ];
  for (const spec of REGULARIZERS) {
    it(`${spec.kind} regularizer: wrt the weights`, () => {
      const rng = new Rng(6);
      const w = awayFromZero(rng, 12, 0.01);
      const dw = f64(12);
      addRegularizationGradient(spec, w, dw);
      const numeric = numericGradient(() => regularizationLoss(spec, [w]), w);
      expect(maxRelativeError(dw, numeric)).toBeLessThan(TOLERANCE);
    });
  }

  /** Full network: loss(scores(x)) + λR(W) against every parameter and the input. */
  function checkNetwork(spec: ModelSpec, loss: LossKind, reg: RegularizerSpec, seed: number) {
    const rng = new Rng(seed);
    const batch = 3;
    const net = createNetwork(spec, rng, { dtype: 'f64', batchCapacity: batch });
    for (const layer of net.dense) layer.b.set(filled(layer.units, () => 0.1 * rng.normal()));
    const x = filled(batch * spec.inputSize, () => rng.normal());
    const labels = Int32Array.from({ length: batch }, (_, i) => i % spec.numClasses);
    const lossFn = lossFunction(loss);
    const objective = () => lossFn(net.forward(x, batch), labels, batch, spec.numClasses).loss
      + regularizationLoss(reg, net.weights());

    net.zeroGradients();
    const dScores = f64(batch * spec.numClasses);
    lossFn(net.forward(x, batch), labels, batch, spec.numClasses, dScores);
    const dx = Float64Array.from(net.backward(dScores, { inputGradient: true })!.subarray(0, x.length));
    for (const p of net.parameters()) if (p.isWeight) addRegularizationGradient(reg, p.value, p.grad);

    const errors: Record<string, number> = { x: maxRelativeError(dx, numericGradient(objective, x)) };
    for (const p of net.parameters()) errors[p.name] = maxRelativeError(p.grad, numericGradient(objective, p.value as Float64Array));
    for (const [name, error] of Object.entries(errors)) expect(error, `${name}: relative error ${error}`).toBeLessThan(TOLERANCE);
  }

  const elastic: RegularizerSpec = { kind: 'elastic', l1: 0.01, l2: 0.02, proximal: false };
  for (const features of [{ kind: 'polar' }, { kind: 'polynomial' }, { kind: 'sincos' }] as const) {
    it(`network 2-${features.kind}-4-3 with tanh: the fixed transform passes dL/dx on (wrt x and every parameter)`, () => {
      checkNetwork({ inputSize: 2, numClasses: 3, hidden: [{ units: 4, activation: 'tanh' }], features }, 'softmax', elastic, 11);
    });
  }
  for (const { kind, alpha } of ACTIVATIONS) {
    for (const loss of ['softmax', 'svm'] as const) {
      it(`network 3-5-4-3 with ${kind} and ${loss} loss + elastic regularization: wrt x and every parameter`, () => {
        const spec: ModelSpec = {
          inputSize: 3, numClasses: 3,
          hidden: [{ units: 5, activation: kind, alpha }, { units: 4, activation: kind, alpha }],
        };
        checkNetwork(spec, loss, elastic, 10);
      });
    }
  }

  it('linear classifier with L2: wrt x, W and b', () => {
    checkNetwork({ inputSize: 4, numClasses: 3, hidden: [] }, 'softmax', { kind: 'l2', l1: 0, l2: 0.05, proximal: false }, 11);
  });
});
