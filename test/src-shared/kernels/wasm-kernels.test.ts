import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../../../src-shared/engine/kernels';
import { Rng } from '../../../src-shared/random';
import {
  createWasmKernels, createWasmKernelsSync, detectSimd, type SimdFlavor,
} from '../../../src-shared/kernels/wasm-kernels';
import { EDGE_SHAPES, expectAllShapesMatch, expectGemmMatches, expectRandomShapesMatch } from './gemm-cases';

// Node 20's V8 has relaxed SIMD behind a flag (src-main/kernels/relaxed-simd.ts does this in the app).
setFlagsFromString('--experimental-wasm-relaxed-simd');

describe('WebAssembly SIMD kernels', () => {
  it('this runtime has SIMD and (with the flag) relaxed SIMD', () => {
    expect(detectSimd()).toEqual({ simd: true, relaxed: true });
  });

  for (const flavor of ['simd', 'relaxed'] as SimdFlavor[]) {
    describe(flavor, () => {
      const kernels = createWasmKernelsSync({ flavor });

      it('is named after its flavor', () => {
        expect(kernels.name).toBe(`wasm-${flavor}`);
        expect(kernels.flavor).toBe(flavor);
      });

      it('matches the reference on edge shapes in all forms and alpha/beta variants', () => {
        expectAllShapesMatch(kernels, 11);
      });

      it('matches the reference on random shapes', () => {
        expectRandomShapesMatch(kernels, 12, 48, { m: 70, n: 70, k: 600 });
      });

      it('matches the reference on the training shapes of W2 (forward, input and weight gradients)', () => {
        const rng = new Rng(13);
        expectGemmMatches(kernels, rng, { m: 128, n: 100, k: 3072 }, false, false, 1, 0);
        expectGemmMatches(kernels, rng, { m: 3072, n: 100, k: 128 }, true, false, 1, 0);
        expectGemmMatches(kernels, rng, { m: 128, n: 3072, k: 100 }, false, true, 1, 0);
      });

      it('accepts arrays outside its memory (copied through scratch)', () => {
        const rng = new Rng(14);
        for (const shape of EDGE_SHAPES.slice(0, 10)) expectGemmMatches(kernels, rng, shape, true, false, 1, 0.5, false);
      });
    });
  }

  it('falls back to the reference for float64 arrays (gradient checks)', () => {
    const kernels = createWasmKernelsSync();
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const b = Float64Array.from([1e-9, 1, 2, 3, 4, 5]);
    const c = new Float64Array(4);
    const want = new Float64Array(4);
    kernels.gemm(false, false, 2, 2, 3, 1, a, b, 0, c);
    referenceKernels.gemm(false, false, 2, 2, 3, 1, a, b, 0, want);
    expect(Array.from(c)).toEqual(Array.from(want));
    expect(c[0]).toBe(1e-9 + 2 * 2 + 3 * 4); // float64 precision kept
  });

  it('allocates zeroed views into its memory that stay valid while the memory grows', async () => {
    const kernels = await createWasmKernels({ initialBytes: 65536 });
    const first = kernels.allocate(1000);
    expect(first.every((v) => v === 0)).toBe(true);
    first.fill(3);
    const big = kernels.allocate(4_000_000); // forces growth
    expect(kernels.memory.buffer.byteLength).toBeGreaterThan(16_000_000);
    expect(big.length).toBe(4_000_000);
    expect(big[big.length - 1]).toBe(0);
    expect(first.length).toBe(1000);
    expect(first[999]).toBe(3);
    // the old view is still one the gemm recognises (no copy needed, result lands in place)
    const a = kernels.allocate(4).fill(1);
    kernels.gemm(false, false, 1, 1, 4, 1, a, first.subarray(0, 4), 0, big.subarray(0, 1));
    expect(big[0]).toBe(12);
    expect(first.byteOffset % 64).toBe(0);
    expect(big.byteOffset % 64).toBe(0);
  });

  it('work over an unshared fixed-size memory too (renderers without cross-origin isolation)', () => {
    const kernels = createWasmKernelsSync({ shared: false, initialBytes: 4 * 2 ** 20 });
    expect(kernels.memory.buffer).toBeInstanceOf(ArrayBuffer);
    expectAllShapesMatch(kernels, 15, EDGE_SHAPES.slice(0, 8));
    const x = kernels.allocate(10).fill(2);
    expect(kernels.dot!(10, x, x)).toBe(40);
    expect(() => kernels.allocate(2_000_000)).toThrow(/fixed \(unshared\) memory/);
    expect(x[9]).toBe(2); // nothing grew, nothing detached
  });

  it('says clearly when memory runs out', () => {
    const kernels = createWasmKernelsSync({ initialBytes: 65536, maximumBytes: 16 * 65536 });
    expect(() => kernels.allocate(2_000_000)).toThrow(/out of WebAssembly memory/);
  });
});
