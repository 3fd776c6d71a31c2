/**
 * Both fast paths, native BLAS and WebAssembly, against the reference kernels and the
 * engine's own functions: products on random shapes (odd sizes, 1-row batches, every
 * transpose form) within a relative error of 1e-5, and the fused steps (loss with its
 * gradient, optimiser updates) against losses.ts, regularizers.ts and optimizers.ts.
 *
 * With NEURAL_LAB_NATIVE=off (the CI pass that runs without the native path) the native
 * cases are skipped; otherwise the addon must be built and load.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceKernels, type FloatArray, type Kernels, type OptimizerStep } from '../../../src-shared/engine/kernels';
import { softmaxCrossEntropy, svmHinge } from '../../../src-shared/engine/losses';
import { applyUpdate, DEFAULT_ADAM } from '../../../src-shared/engine/optimizers';
import { addRegularizationGradient, regularizationLoss } from '../../../src-shared/engine/regularizers';
import type { OptimizerSpec, RegularizerSpec } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';
import { createNodeKernels, type NodeKernels } from '../../../src-main/kernels/node-kernels';
import {
  CHUNK_MIN, CHUNKS_PER_PRODUCT, loadNativeAddon, nativeAddonPath, nativeDisabledByEnv, nativeKernels, PARALLEL_MIN_WORK, productSplit,
} from '../../../src-main/kernels/native-kernels';

const nativeOff = nativeDisabledByEnv();

/** ‖C − C_ref‖ / ‖C_ref‖ (Frobenius), C_ref computed in float64. */
function gemmRelativeError(kernels: Kernels, rng: Rng, m: number, n: number, k: number, transA: boolean, transB: boolean, alpha: number, beta: number): number {
  const fill = (length: number) => {
    const x = kernels.allocate(length);
    for (let i = 0; i < length; i++) x[i] = rng.uniform() * 2 - 1;
    return x;
  };
  const a = fill(m * k), b = fill(k * n), c = fill(m * n);
  const want = Float64Array.from(c);
  referenceKernels.gemm(transA, transB, m, n, k, alpha, Float64Array.from(a), Float64Array.from(b), beta, want);
  kernels.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
  let diff = 0, norm = 0;
  for (let i = 0; i < m * n; i++) {
    diff += (c[i] - want[i]) ** 2;
    norm += want[i] ** 2;
  }
  return Math.sqrt(diff / norm);
}

/** Random shapes: odd sides, 1-row batches, and sizes big enough to reach several threads. */
function randomShapes(rng: Rng, count: number): { m: number; n: number; k: number }[] {
  const side = () => 1 + rng.int(rng.uniform() < 0.3 ? 9 : 160);
  const shapes = [{ m: 1, n: 100, k: 784 }, { m: 1, n: 10, k: 3072 }, { m: 1, n: 1, k: 1 }, { m: 129, n: 257, k: 131 }];
  for (let i = 0; i < count; i++) shapes.push({ m: rng.uniform() < 0.25 ? 1 : side(), n: side(), k: side() });
  return shapes;
}

function expectGemmAgrees(kernels: Kernels, seed: number): void {
  const rng = new Rng(seed);
  for (const { m, n, k } of randomShapes(rng, 10)) {
    for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
      const [alpha, beta] = rng.uniform() < 0.5 ? [1, 0] : [rng.uniform() * 2 - 1, rng.uniform() * 2 - 1];
      const error = gemmRelativeError(kernels, rng, m, n, k, transA, transB, alpha, beta);
      expect(error, `${kernels.name} m=${m} n=${n} k=${k} transA=${transA} transB=${transB}`).toBeLessThanOrEqual(1e-5);
    }
  }
}

function randomArray(length: number, rng: Rng, scale = 1): Float32Array {
  return Float32Array.from({ length }, () => scale * (rng.uniform() * 2 - 1));
}

function maxRelativeDifference(a: FloatArray, b: FloatArray): number {
  let worst = 0, norm = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
    norm = Math.max(norm, Math.abs(b[i]));
  }
  return worst / Math.max(norm, 1e-30);
}

describe.skipIf(nativeOff)('native kernels', () => {
  it('are built and load (npm install builds them; libopenblas-dev on Debian)', () => {
    expect(loadNativeAddon()).toHaveProperty('addon');
  });

  describe('with the addon', () => {
    const addon = () => {
      const loaded = loadNativeAddon();
      if (!('addon' in loaded)) throw new Error(loaded.reason);
      return loaded.addon;
    };

    it('gemm agrees with the reference within 1e-5 on 1 and 2 threads', () => {
      expectGemmAgrees(nativeKernels(addon(), { threads: 1 }), 1);
      expectGemmAgrees(nativeKernels(addon(), { threads: 2 }), 2);
    });

    it('refuses arrays shorter than the sizes say, with a RangeError', () => {
      const k = nativeKernels(addon());
      const a = new Float32Array(6), b = new Float32Array(6), c = new Float32Array(3);
      expect(() => k.gemm(false, false, 2, 2, 3, 1, a, b, 0, c)).toThrow(RangeError);
      expect(() => k.axpby!(10, 1, new Float32Array(9), 1, new Float32Array(10))).toThrow(/shorter/);
      expect(() => addon().gemm(0, 0, 2, 2, 3, 1, new Float64Array(6) as unknown as Float32Array, b, 0, new Float32Array(4), 0, 0)).toThrow(/Float32Array/);
      expect(() => addon().gemm(0, 0, 2, 2, 3, 1, a, b, 0, new Float32Array(4), 3, 1)).toThrow(/split/);
    });

    /** Kernels whose every product is shared with the helper thread in chunks of `chunk` rows or columns. */
    const sharedKernels = (by: 'rows' | 'columns', chunk: number): Kernels => ({
      ...nativeKernels(addon(), { threads: 2 }),
      name: `native shared by ${by} of ${chunk}`,
      gemm: (transA, transB, m, n, k, alpha, a, b, beta, c) => addon().gemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha,
        a as Float32Array, b as Float32Array, beta, c as Float32Array, by === 'rows' ? 1 : 2, chunk),
    });

    it('products shared with the helper thread, in chunks of rows or of columns, agree with the reference within 1e-5', () => {
      // chunks far smaller than productSplit ever picks, so every shape here is cut into many
      expectGemmAgrees(sharedKernels('rows', 5), 5);
      expectGemmAgrees(sharedKernels('columns', 3), 6);
      expectGemmAgrees(sharedKernels('rows', 64), 7);
    });

    it('a shared product gives the same bits whichever thread computes which chunk', () => {
      const rng = new Rng(8);
      const [m, n, k] = [300, 70, 90];
      const a = randomArray(m * k, rng), b = randomArray(k * n, rng);
      const first = new Float32Array(m * n);
      addon().gemm(1, 0, m, n, k, 1, a, b, 0, first, 1, 16);
      for (let run = 0; run < 50; run++) {
        const again = new Float32Array(m * n);
        addon().gemm(1, 0, m, n, k, 1, a, b, 0, again, 1, 16);
        expect(Buffer.from(again.buffer).equals(Buffer.from(first.buffer)), `run ${run}`).toBe(true);
      }
    });

    it('the helper thread outlives the worker threads that load the addon: shared products in one worker after another all finish', () => {
      // Node unloads an addon when the last thread that loaded it exits; the helper thread
      // must not be left in unmapped or reloaded code (this hung at the third worker before
      // the library pinned itself). A child process, so a hang or a crash fails only this test.
      const worker = `
        const addon = require(${JSON.stringify(nativeAddonPath())});
        const [m, n, k] = [1024, 512, 3072];
        const a = new Float32Array(m * k).fill(1), b = new Float32Array(k * n).fill(1), c = new Float32Array(m * n);
        for (let i = 0; i < 5; i++) addon.gemm(0, 0, m, n, k, 1, a, b, 0, c, 1, 64);
        require('node:worker_threads').parentPort.postMessage(c[0]);
      `;
      const main = `
        const { Worker } = require('node:worker_threads');
        (async () => {
          for (let round = 0; round < 5; round++) {
            await new Promise((resolve, reject) => {
              const w = new Worker(${JSON.stringify(worker)}, { eval: true });
              w.on('message', (value) => console.log('worker', round, value));
              w.on('error', reject);
              w.on('exit', resolve);
            });
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
        })();
      `;
      const child = spawnSync(process.execPath, ['-e', main], { encoding: 'utf8', timeout: 60_000 });
      expect(child.error, child.stderr).toBeUndefined();
      expect(child.signal, child.stderr).toBeNull();
      expect(child.stdout.trim().split('\n')).toEqual([0, 1, 2, 3, 4].map((round) => `worker ${round} 3072`));
    });

    it('the fused loss equals losses.ts (softmax and SVM, value, accuracy and gradient), 1-row batches included', () => {
      const k = nativeKernels(addon());
      const rng = new Rng(3);
      for (const [batch, classes] of [[1, 10], [7, 3], [128, 10], [5, 2]]) {
        const scores = randomArray(batch * classes, rng, 4);
        const labels = Int32Array.from({ length: batch }, () => rng.int(classes));
        for (const [kind, engine] of [['softmax', softmaxCrossEntropy], ['svm', svmHinge]] as const) {
          const want = new Float32Array(batch * classes), got = new Float32Array(batch * classes);
          const expected = engine(scores, labels, batch, classes, want);
          const result = k.loss!(kind, scores, labels, batch, classes, got);
          expect(Math.abs(result.loss - expected.loss) / expected.loss, `${kind} ${batch}×${classes}`).toBeLessThanOrEqual(1e-6);
          expect(result.correct).toBe(expected.correct);
          expect(maxRelativeDifference(got, want), `${kind} gradient`).toBeLessThanOrEqual(1e-6);
          expect(k.loss!(kind, scores, labels, batch, classes).loss).toBeCloseTo(result.loss, 12);
        }
      }
      expect(() => k.loss!('softmax', new Float32Array(3), Int32Array.of(3), 1, 3)).toThrow(/label/);
    });

    it('one fused optimizer step equals the regularization gradient plus the update rule, for SGD, momentum and Adam', () => {
      const k = nativeKernels(addon());
      const rng = new Rng(4);
      const n = 1001;
      const optimizers: OptimizerSpec[] = [{ kind: 'sgd', lr: 0.1 }, { kind: 'momentum', lr: 0.05, momentum: 0.8 }, { kind: 'adam', lr: 0.01 }];
      const regularizers: RegularizerSpec[] = [
        { kind: 'none', l1: 0, l2: 0, proximal: false },
        { kind: 'l2', l1: 0, l2: 1e-2, proximal: false },
        { kind: 'elastic', l1: 1e-3, l2: 1e-2, proximal: false },
      ];
      for (const optimizer of optimizers) {
        for (const regularizer of regularizers) {
          const w = randomArray(n, rng), dw = randomArray(n, rng, 0.1);
          const slots = optimizer.kind === 'sgd' ? [] : Array.from({ length: optimizer.kind === 'adam' ? 2 : 1 }, () => randomArray(n, rng, 0.01).map(Math.abs));
          const t = 3;
          // the engine's way: gradient += λR'(w), then the rule, on copies
          const wantW = Float32Array.from(w), wantDw = Float32Array.from(dw), wantSlots = slots.map((s) => Float32Array.from(s));
          const regLoss = regularizationLoss(regularizer, [wantW]);
          addRegularizationGradient(regularizer, wantW, wantDw);
          applyUpdate(optimizer, wantW, wantDw, wantSlots, optimizer.lr, t);

          const step: OptimizerStep = {
            kind: optimizer.kind, lr: optimizer.lr, l1: regularizer.l1, l2: regularizer.l2,
            momentum: optimizer.kind === 'momentum' ? optimizer.momentum! : 0,
            beta1: DEFAULT_ADAM.beta1, beta2: DEFAULT_ADAM.beta2, eps: DEFAULT_ADAM.eps, t,
          };
          const sums = new Float64Array(3);
          const dwBefore = Float32Array.from(dw);
          k.optimizerStep!(step, w, dw, slots, sums);
          const label = `${optimizer.kind} with ${regularizer.kind}`;
          expect(maxRelativeDifference(w, wantW), label).toBeLessThanOrEqual(1e-6);
          slots.forEach((slot, i) => expect(maxRelativeDifference(slot, wantSlots[i]), `${label} slot ${i}`).toBeLessThanOrEqual(1e-5));
          expect(dw).toEqual(dwBefore);
          const fusedRegLoss = regularizer.l1 * sums[0] + regularizer.l2 * sums[1];
          expect(Math.abs(fusedRegLoss - regLoss), label).toBeLessThanOrEqual(1e-6 * regLoss);
          const sumAfter = wantW.reduce((s, v) => s + v, 0);
          expect(Math.abs(sums[2] - sumAfter), label).toBeLessThanOrEqual(1e-5 * wantW.reduce((s, v) => s + Math.abs(v), 0));
        }
      }
    });

    it('reports a non-finite sum when an update overflows', () => {
      const k = nativeKernels(addon());
      const w = Float32Array.of(3e38, 1), dw = Float32Array.of(-3e38, 0);
      const sums = new Float64Array(3);
      k.optimizerStep!({ kind: 'sgd', lr: 10, l1: 0, l2: 0, momentum: 0, beta1: 0, beta2: 0, eps: 0, t: 1 }, w, dw, [], sums);
      expect(Number.isFinite(sums[2])).toBe(false);
    });
  });
});

describe('WebAssembly kernels (the fallback) on the same random shapes', () => {
  const made: NodeKernels[] = [];
  beforeAll(async () => {
    made.push(await createNodeKernels({ threads: 1, native: false }), await createNodeKernels({ threads: 2, native: false }));
  });
  afterAll(() => { for (const k of made) k.close(); });

  it('gemm agrees with the reference within 1e-5 on 1 and 2 threads', () => {
    expect(made.map((k) => k.path)).toEqual(['wasm', 'wasm']);
    made.forEach((k, i) => expectGemmAgrees(k, 10 + i));
  });
});

describe('choosing the path', () => {
  it('NEURAL_LAB_NATIVE=off (or 0, false, no) turns the native path off; anything else leaves it on', () => {
    for (const value of ['off', '0', 'false', 'NO']) expect(nativeDisabledByEnv({ NEURAL_LAB_NATIVE: value })).toBe(true);
    for (const value of [undefined, '', '1', 'on']) expect(nativeDisabledByEnv({ NEURAL_LAB_NATIVE: value })).toBe(false);
  });

  it('createNodeKernels says which path it took and why not native', async () => {
    const wasm = await createNodeKernels({ threads: 1, native: false });
    expect(wasm.path).toBe('wasm');
    expect(wasm.fallbackReason).toMatch(/asked for/);
    wasm.close();
    const auto = await createNodeKernels({ threads: 1 });
    expect(auto.path).toBe(nativeOff ? 'wasm' : 'native');
    if (nativeOff) expect(auto.fallbackReason).toMatch(/NEURAL_LAB_NATIVE/);
    auto.close();
  });
});

describe('which products the helper thread shares (productSplit)', () => {
  // [m, n, k] of every product one training step of W1–W4 makes, and a 1024-row evaluation batch of Fashion-MNIST
  const forward = (batch: number, inputs: number, units: number) => [batch, units, inputs] as const;
  const weightGradient = (batch: number, inputs: number, units: number) => [inputs, units, batch] as const;
  const inputGradient = (batch: number, inputs: number, units: number) => [batch, inputs, units] as const;
  const layerProducts = (batch: number, sizes: number[]) => sizes.slice(1).flatMap((units, i) => [
    forward(batch, sizes[i], units), weightGradient(batch, sizes[i], units), ...(i > 0 ? [inputGradient(batch, sizes[i], units)] : []),
  ]);

  it('one thread never shares', () => {
    for (const [m, n, k] of [[256, 512, 3072], [4096, 4096, 4096], [1, 1, 1]]) expect(productSplit(m, n, k, 1)).toEqual({ by: 'none' });
  });

  it('keeps W1, W2, W4 and the small products of W3 on the calling thread, where sharing lost under load', () => {
    const small = [...layerProducts(64, [784, 100, 10]), ...layerProducts(128, [3072, 100, 10]), ...layerProducts(256, [3072, 10]),
      ...layerProducts(256, [3072, 512, 256, 10]).filter(([m, n, k]) => m * n * k < 100e6)];
    for (const [m, n, k] of small) expect(productSplit(m, n, k, 2), `${m}×${n}×${k}`).toEqual({ by: 'none' });
  });

  it("shares W3's first-layer products and 1024-row evaluation batches, cut along C's longer side", () => {
    expect(productSplit(...forward(256, 3072, 512), 2)).toEqual({ by: 'columns', chunk: 128 });
    expect(productSplit(...weightGradient(256, 3072, 512), 2)).toEqual({ by: 'rows', chunk: 768 });
    expect(productSplit(...forward(1024, 784, 100), 2)).toEqual({ by: 'rows', chunk: 256 });
    // more threads than the one helper changes nothing
    expect(productSplit(...forward(256, 3072, 512), 8)).toEqual(productSplit(...forward(256, 3072, 512), 2));
  });

  it('cuts shared products into 2 to CHUNKS_PER_PRODUCT chunks of whole 16-wide blocks, at least CHUNK_MIN wide', () => {
    const rng = new Rng(11);
    let shared = 0;
    for (let i = 0; i < 500; i++) {
      const [m, n, k] = [1 + rng.int(4000), 1 + rng.int(4000), 1 + rng.int(4000)];
      const split = productSplit(m, n, k, 2);
      if (split.by === 'none') {
        expect(m * n * k < PARALLEL_MIN_WORK || Math.max(m, n) < 2 * CHUNK_MIN, `${m}×${n}×${k}`).toBe(true);
        continue;
      }
      shared++;
      const side = split.by === 'rows' ? m : n;
      expect(side).toBe(Math.max(m, n));
      expect(m * n * k).toBeGreaterThanOrEqual(PARALLEL_MIN_WORK);
      expect(split.chunk % 16).toBe(0);
      expect(split.chunk).toBeGreaterThanOrEqual(CHUNK_MIN);
      const chunks = Math.ceil(side / split.chunk);
      expect(chunks).toBeGreaterThanOrEqual(2);
      expect(chunks).toBeLessThanOrEqual(CHUNKS_PER_PRODUCT);
    }
    expect(shared).toBeGreaterThan(25);
  });
});
