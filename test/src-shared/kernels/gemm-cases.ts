/**
 * Shared checks for every fast gemm: agreement with the float64 reference on shapes that
 * hit every edge of the blocking (odd sizes, 1×N, N×1, sizes that are not multiples of the
 * micro-tile or of the cache blocks), in all transpose forms and alpha/beta variants.
 */
import { expect } from 'vitest';
import { type Kernels, referenceKernels } from '../../../src-shared/engine/kernels';
import { Rng } from '../../../src-shared/random';

export interface GemmCase { m: number; n: number; k: number }

/** Shapes around the generated block sizes (wide: mr 4, nr 8; narrow: mr 3, nr 12; kc 256, mc 128, nc 384) and the workloads'. */
export const EDGE_SHAPES: GemmCase[] = [
  { m: 1, n: 1, k: 1 }, { m: 1, n: 37, k: 5 }, { m: 29, n: 1, k: 7 }, { m: 1, n: 1, k: 300 },
  { m: 3, n: 5, k: 2 }, { m: 4, n: 8, k: 4 }, { m: 5, n: 9, k: 3 }, { m: 7, n: 13, k: 17 },
  { m: 12, n: 10, k: 64 }, { m: 33, n: 12, k: 257 }, { m: 130, n: 17, k: 9 }, { m: 9, n: 390, k: 11 },
  { m: 64, n: 100, k: 31 }, { m: 17, n: 3, k: 520 }, { m: 2, n: 777, k: 2 }, { m: 131, n: 41, k: 263 },
  { m: 130, n: 11, k: 9 }, { m: 260, n: 7, k: 300 },
];

function randomArray(kernels: Kernels, length: number, rng: Rng, inHeap: boolean): Float32Array {
  const out = inHeap ? kernels.allocate(length) : new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.uniform() * 2 - 1;
  return out;
}

/**
 * C = alpha·op(A)·op(B) + beta·C through `kernels`, compared with the float64 reference.
 * Tolerance: float32 rounding of a k-term sum, relative to Σ|a||b|.
 */
export function expectGemmMatches(
  kernels: Kernels, rng: Rng, shape: GemmCase, transA: boolean, transB: boolean,
  alpha: number, beta: number, inHeap = true,
): void {
  const { m, n, k } = shape;
  const a = randomArray(kernels, m * k, rng, inHeap);
  const b = randomArray(kernels, k * n, rng, inHeap);
  const c = randomArray(kernels, m * n, rng, inHeap);
  if (beta === 0) c.fill(Number.NaN); // beta = 0 must ignore C's old contents
  const before = Float64Array.from(c);
  const want = Float64Array.from(c);
  referenceKernels.gemm(transA, transB, m, n, k, alpha, Float64Array.from(a), Float64Array.from(b), beta, want);
  const magnitude = new Float64Array(m * n);
  referenceKernels.gemm(transA, transB, m, n, k, Math.abs(alpha), Float64Array.from(a, Math.abs), Float64Array.from(b, Math.abs), 0, magnitude);

  kernels.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);

  let worst = 0;
  for (let i = 0; i < m * n; i++) {
    const oldC = beta === 0 ? 0 : Math.abs(beta * before[i]);
    const tolerance = 4e-6 * (k + 2) * (magnitude[i] + oldC) + 1e-6;
    const excess = Math.abs(c[i] - want[i]) / tolerance;
    if (!(excess <= worst)) worst = excess;
  }
  expect(worst, `m=${m} n=${n} k=${k} transA=${transA} transB=${transB} alpha=${alpha} beta=${beta}`).toBeLessThanOrEqual(1);
}

export const FORMS: Array<[boolean, boolean]> = [[false, false], [false, true], [true, false], [true, true]];
export const SCALINGS: Array<[number, number]> = [[1, 0], [1, 1], [-0.5, 0.3], [2, -1]];

/** Every edge shape in every form, cycling through the alpha/beta variants. */
export function expectAllShapesMatch(kernels: Kernels, seed: number, shapes = EDGE_SHAPES): void {
  const rng = new Rng(seed);
  let variant = 0;
  for (const shape of shapes) {
    for (const [transA, transB] of FORMS) {
      const [alpha, beta] = SCALINGS[variant++ % SCALINGS.length];
      expectGemmMatches(kernels, rng, shape, transA, transB, alpha, beta);
    }
  }
}

/** Random shapes up to `max` in each dimension, every form and scaling. */
export function expectRandomShapesMatch(kernels: Kernels, seed: number, count: number, max: GemmCase): void {
  const rng = new Rng(seed);
  for (let t = 0; t < count; t++) {
    const shape = { m: 1 + rng.int(max.m), n: 1 + rng.int(max.n), k: 1 + rng.int(max.k) };
    const [transA, transB] = FORMS[t % 4];
    const [alpha, beta] = SCALINGS[(t >> 2) % 4];
    expectGemmMatches(kernels, rng, shape, transA, transB, alpha, beta);
  }
}
