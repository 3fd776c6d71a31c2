/**
 * The one place matrix products happen. Every layer calls `gemm` on row-major arrays;
 * the reference below is the readable definition, and faster kernels (WebAssembly SIMD,
 * several threads) plug in behind the same interface and are tested against it.
 */

import type { LossKind } from './types';

/** Float32Array in training, Float64Array in gradient checks. */
export type FloatArray = Float32Array | Float64Array;

/** One optimiser step's settings, for `Kernels.optimizerStep` (optimizers.ts has the rules). */
export interface OptimizerStep {
  kind: 'sgd' | 'momentum' | 'adam';
  lr: number;
  /** λ1 of a (non-proximal) L1 penalty, 0 without */
  l1: number;
  /** λ2 of an L2 penalty, 0 without */
  l2: number;
  momentum: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** 1-based step number (Adam's bias correction) */
  t: number;
}

export interface Kernels {
  readonly name: string;
  /**
   * A zeroed float32 array of `length` values, of the kind these kernels work on fastest
   * (for WebAssembly kernels: a view into shared WebAssembly memory; never detached).
   * Networks and trainers allocate every buffer they hand to `gemm` through this, once.
   */
  allocate(length: number): Float32Array;
  /**
   * true when gemm reads any Float32Array as fast as its own buffers (native BLAS), so the
   * engine may hand it data in place (rows of a dense source) instead of copying them into
   * an allocated buffer first.
   */
  readonly readsAnyMemory?: boolean;
  /**
   * C = alpha · op(A) · op(B) + beta · C, all row-major, where op(X) is X or Xᵀ.
   * op(A): [m × k], op(B): [k × n], C: [m × n].
   * Stored shapes: A is [m × k] (or [k × m] when transA), B is [k × n] (or [n × k] when transB).
   * Training uses three forms: X·W (forward), dY·Wᵀ (input gradient), Xᵀ·dY (weight gradient).
   * With beta = 0, C's old contents are ignored (even NaN).
   */
  gemm(
    transA: boolean, transB: boolean,
    m: number, n: number, k: number,
    alpha: number, a: FloatArray, b: FloatArray,
    beta: number, c: FloatArray,
  ): void;
  // Vector kernels for the elementwise part of a step (regularisation gradient, SGD update,
  // loss and finiteness sums, biases, ReLU). Each runs over the first n values.
  /** y ← a·x + b·y */
  axpby(n: number, a: number, x: FloatArray, b: number, y: FloatArray): void;
  /** Σ x·y, accumulated in float64 */
  dot(n: number, x: FloatArray, y: FloatArray): number;
  /** Σ x, accumulated in float64 (NaN or ±Infinity when any value is) */
  sum(n: number, x: FloatArray): number;
  /** x ← value */
  fill(n: number, value: number, x: FloatArray): void;
  /** x[i, j] += v[j] for x [rows × cols] (biases into a layer's outputs) */
  addRowVector(rows: number, cols: number, v: FloatArray, x: FloatArray): void;
  /** out[j] += Σ_i x[i, j] for x [rows × cols] (bias gradients) */
  addColumnSums(rows: number, cols: number, x: FloatArray, out: FloatArray): void;
  /** a = max(0, z) */
  relu(n: number, z: FloatArray, a: FloatArray): void;
  /** dz = da where z > 0, else 0 */
  reluBackward(n: number, z: FloatArray, da: FloatArray, dz: FloatArray): void;
  // Optional fused steps: several of the engine's elementwise passes as one (native
  // kernels). Each is defined by the engine functions it replaces, and tested against them.
  /** the data loss of losses.ts (softmax cross-entropy or SVM) and, given dScores, its gradient, in one pass */
  loss?(kind: LossKind, scores: FloatArray, labels: Int32Array, batch: number, classes: number, dScores?: FloatArray): { loss: number; correct: number };
  /**
   * One parameter's update in one pass: the regularisation gradient (regularizers.ts,
   * non-proximal) added to dw's values (dw itself untouched), then the optimiser's rule
   * (optimizers.ts) on w and its slots. Writes sums = [Σ|w| before, Σw² before, Σw after]
   * (regularisation loss and finiteness, without another pass over w).
   */
  optimizerStep?(step: OptimizerStep, w: FloatArray, dw: FloatArray, slots: readonly FloatArray[], sums: Float64Array): void;
}

/** Textbook triple loop; the definition every other kernel is checked against. */
export const referenceKernels: Kernels = {
  name: 'reference',
  allocate: (length) => new Float32Array(length),
  axpby(n, a, x, b, y) {
    for (let i = 0; i < n; i++) y[i] = a * x[i] + b * y[i];
  },
  dot(n, x, y) {
    let total = 0;
    for (let i = 0; i < n; i++) total += x[i] * y[i];
    return total;
  },
  sum(n, x) {
    let total = 0;
    for (let i = 0; i < n; i++) total += x[i];
    return total;
  },
  fill(n, value, x) {
    x.fill(value, 0, n);
  },
  addRowVector(rows, cols, v, x) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) x[i * cols + j] += v[j];
    }
  },
  addColumnSums(rows, cols, x, out) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[j] += x[i * cols + j];
    }
  },
  relu(n, z, a) {
    for (let i = 0; i < n; i++) a[i] = Math.max(0, z[i]);
  },
  reluBackward(n, z, da, dz) {
    for (let i = 0; i < n; i++) dz[i] = z[i] > 0 ? da[i] : 0;
  },
  gemm(transA, transB, m, n, k, alpha, a, b, beta, c) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let p = 0; p < k; p++) {
          const aip = transA ? a[p * m + i] : a[i * k + p];
          const bpj = transB ? b[j * k + p] : b[p * n + j];
          sum += aip * bpj;
        }
        const idx = i * n + j;
        c[idx] = beta === 0 ? alpha * sum : alpha * sum + beta * c[idx];
      }
    }
  },
};
