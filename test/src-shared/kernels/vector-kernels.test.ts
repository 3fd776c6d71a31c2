import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../../../src-shared/engine/kernels';
import { Rng } from '../../../src-shared/random';
import { createWasmKernelsSync, type SimdFlavor } from '../../../src-shared/kernels/wasm-kernels';

setFlagsFromString('--experimental-wasm-relaxed-simd');

const LENGTHS = [0, 1, 3, 4, 5, 17, 64, 1001];

describe.each(['simd', 'relaxed'] as SimdFlavor[])('vector kernels (%s)', (flavor) => {
  const kernels = createWasmKernelsSync({ flavor });
  const rng = new Rng(31);
  const random = (n: number, inHeap = true) => {
    const out = inHeap ? kernels.allocate(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = rng.uniform() * 2 - 1;
    return out;
  };

  it('axpby matches the reference and leaves values past n alone', () => {
    for (const n of LENGTHS) {
      for (const [a, b] of [[1, 1], [-0.01, 1], [2e-4, 1], [0.5, -3]]) {
        const x = random(n + 3), y = random(n + 3);
        const want = Float64Array.from(y);
        referenceKernels.axpby!(n, a, Float64Array.from(x), b, want);
        kernels.axpby!(n, a, x, b, y);
        for (let i = 0; i < n + 3; i++) {
          expect(Math.abs(y[i] - want[i]), `n=${n} i=${i}`).toBeLessThanOrEqual(1e-6 * (Math.abs(a * x[i]) + Math.abs(b * want[i]) + 1));
        }
      }
    }
  });

  it('dot and sum match the float64 reference closely (float64 accumulation)', () => {
    for (const n of LENGTHS) {
      const x = random(n), y = random(n);
      const want = referenceKernels.dot!(n, Float64Array.from(x), Float64Array.from(y));
      expect(Math.abs(kernels.dot!(n, x, y) - want), `n=${n}`).toBeLessThanOrEqual(1e-12 * n + 1e-15);
      const wantSum = referenceKernels.sum!(n, Float64Array.from(x));
      expect(Math.abs(kernels.sum!(n, x) - wantSum), `n=${n}`).toBeLessThanOrEqual(1e-12 * n + 1e-15);
    }
  });

  it('sum sees a NaN or an infinity anywhere', () => {
    for (const at of [0, 5, 998, 1000]) {
      const x = random(1001);
      x[at] = Number.NaN;
      expect(kernels.sum!(1001, x)).toBeNaN();
      x[at] = Number.POSITIVE_INFINITY;
      expect(kernels.sum!(1001, x)).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('work on arrays outside the heap too', () => {
    const x = random(37, false), y = random(37, false);
    const want = Float32Array.from(y);
    referenceKernels.axpby!(37, 0.5, x, 2, want);
    kernels.axpby!(37, 0.5, x, 2, y);
    expect(Array.from(y)).toEqual(Array.from(want));
    expect(kernels.dot!(37, x, y)).toBeCloseTo(referenceKernels.dot!(37, x, y), 10);
  });
});

describe.each(['simd', 'relaxed'] as SimdFlavor[])('matrix-vector kernels (%s)', (flavor) => {
  const kernels = createWasmKernelsSync({ flavor });
  const rng = new Rng(32);
  const random = (n: number) => {
    const out = kernels.allocate(n);
    for (let i = 0; i < n; i++) out[i] = rng.uniform() * 2 - 1;
    return out;
  };
  const SHAPES = [[1, 1], [1, 7], [5, 1], [3, 4], [64, 100], [7, 13], [256, 10]];

  it('fill sets exactly n values', () => {
    for (const n of LENGTHS) {
      const x = random(n + 2);
      const after = [x[n], x[n + 1]];
      kernels.fill!(n, 0, x);
      expect(x.subarray(0, n).every((v) => v === 0)).toBe(true);
      expect([x[n], x[n + 1]]).toEqual(after);
      kernels.fill!(n, 2.5, x);
      expect(x.subarray(0, n).every((v) => v === 2.5)).toBe(true);
    }
  });

  it('addRowVector and addColumnSums match the reference', () => {
    for (const [rows, cols] of SHAPES) {
      const v = random(cols), x = random(rows * cols);
      const want = Float32Array.from(x);
      referenceKernels.addRowVector!(rows, cols, v, want);
      kernels.addRowVector!(rows, cols, v, x);
      expect(Array.from(x)).toEqual(Array.from(want)); // one float32 add each: exact

      const out = random(cols);
      const wantSums = Float64Array.from(out);
      referenceKernels.addColumnSums!(rows, cols, Float64Array.from(x), wantSums);
      kernels.addColumnSums!(rows, cols, x, out);
      for (let j = 0; j < cols; j++) expect(Math.abs(out[j] - wantSums[j]), `${rows}×${cols} col ${j}`).toBeLessThanOrEqual(1e-6 * (rows + 1));
    }
  });
});

describe.each(['simd', 'relaxed'] as SimdFlavor[])('ReLU kernels (%s)', (flavor) => {
  const kernels = createWasmKernelsSync({ flavor });

  it('relu and reluBackward match the reference exactly, NaN, ±0 and infinities included', () => {
    const rng = new Rng(33);
    for (const n of LENGTHS) {
      const z = kernels.allocate(n), da = kernels.allocate(n);
      for (let i = 0; i < n; i++) { z[i] = rng.uniform() * 2 - 1; da[i] = rng.uniform() * 2 - 1; }
      const specials = [Number.NaN, -0, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
      specials.forEach((v, i) => { if (i < n) z[i] = v; });
      const a = kernels.allocate(n), wantA = new Float32Array(n);
      kernels.relu!(n, z, a);
      referenceKernels.relu!(n, z, wantA);
      expect(Array.from(a)).toEqual(Array.from(wantA));
      expect(a.every((v) => !Object.is(v, -0))).toBe(true);
      const dz = kernels.allocate(n), wantDz = new Float32Array(n);
      kernels.reluBackward!(n, z, da, dz);
      referenceKernels.reluBackward!(n, z, da, wantDz);
      expect(Array.from(dz)).toEqual(Array.from(wantDz));
    }
  });
});
