import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunking, chunkStart, PARALLEL_MIN_VECTOR, PARALLEL_MIN_WORK } from '../../../src-shared/kernels/gemm-pool';
import { referenceKernels } from '../../../src-shared/engine/kernels';
import type { WasmKernels } from '../../../src-shared/kernels/wasm-kernels';
import { Rng } from '../../../src-shared/random';
import { createThreadedKernels, defaultKernelThreads } from '../../../src-main/kernels/threaded-kernels';
import { expectAllShapesMatch, expectGemmMatches, expectRandomShapesMatch } from '../../src-shared/kernels/gemm-cases';

describe('gemm chunking', () => {
  it('covers C with evenly sized chunks of whole micro-tiles, cut along its longer side', () => {
    for (const [m, n, k, threads] of [[256, 512, 3072, 2], [3072, 10, 256, 2], [256, 10, 3072, 2], [64, 100, 784, 2], [8, 512, 300, 2], [130, 41, 263, 3], [1, 2000, 100, 2]]) {
      const plan = chunking(m, n, k, threads);
      const extent = plan.splitColumns ? n : m;
      expect(plan.granule).toBe(plan.splitColumns ? 8 : 12);
      expect(plan.chunks).toBeLessThanOrEqual(3 * threads);
      if (extent >= threads * plan.granule) expect(plan.chunks % threads).toBe(0);
      const sizes: number[] = [];
      for (let c = 0; c < plan.chunks; c++) {
        const start = chunkStart(c, plan.chunks, extent, plan.granule);
        const end = chunkStart(c + 1, plan.chunks, extent, plan.granule);
        expect(start % plan.granule).toBe(0);
        sizes.push(end - start);
      }
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(extent);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(plan.granule);
    }
    expect(chunking(3072, 10, 256, 2).splitColumns).toBe(false);
    expect(chunking(3072, 512, 256, 2).splitColumns).toBe(false);
    expect(chunking(256, 512, 3072, 2).splitColumns).toBe(true);
    expect(chunking(8, 512, 300, 2).splitColumns).toBe(true);
    expect(chunking(8, 10, 300, 2).splitColumns).toBe(false);
  });

  it('gives each thread as many chunks as the others: several on big products, one on small ones', () => {
    expect(chunking(256, 512, 3072, 2).chunks).toBe(6);
    expect(chunking(3072, 512, 256, 2).chunks).toBe(6);
    expect(chunking(256, 10, 3072, 2).chunks).toBe(4); // 3 by work, rounded up to a multiple of 2
    expect(chunking(64, 100, 784, 2).chunks).toBe(2);
    expect(chunking(128, 100, 3072, 2).chunks).toBe(2); // 64-row chunks at least: each packs all of B
  });
});

describe('default thread count', () => {
  it('leaves one core for the app when there are more than two', () => {
    expect(defaultKernelThreads(1)).toBe(1);
    expect(defaultKernelThreads(2)).toBe(2);
    expect(defaultKernelThreads(8)).toBe(7);
  });
});

for (const threads of [2, 3]) {
  describe(`${threads} threads`, () => {
    let kernels: WasmKernels;
    beforeAll(async () => { kernels = await createThreadedKernels({ threads }); });
    afterAll(() => kernels.close());

    it('reports its thread count', () => {
      expect(kernels.threads).toBe(threads);
      expect(kernels.name).toMatch(new RegExp(`^wasm-(relaxed|simd)-${threads}t$`));
    });

    it('matches the reference on edge shapes (below the parallel threshold: caller only)', () => {
      expectAllShapesMatch(kernels, 21);
    });

    it('matches the reference on shapes big enough to split, by rows and by columns', () => {
      const rng = new Rng(22);
      const shapes = [
        { m: 131, n: 41, k: 263 }, { m: 3, n: 900, k: 300 }, { m: 9, n: 391, k: 260 },
        { m: 257, n: 10, k: 300 }, { m: 1, n: 2000, k: 100 }, { m: 2000, n: 1, k: 100 }, { m: 66, n: 130, k: 70 },
      ];
      for (const shape of shapes) {
        expect(shape.m * shape.n * shape.k).toBeGreaterThanOrEqual(PARALLEL_MIN_WORK);
        for (const [transA, transB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
          expectGemmMatches(kernels, rng, shape, transA, transB, 1, 0);
          expectGemmMatches(kernels, rng, shape, transA, transB, -0.5, 0.25);
        }
      }
    });

    it('matches the reference on random shapes', () => {
      expectRandomShapesMatch(kernels, 23, 24, { m: 200, n: 200, k: 300 });
    });

    it('spreads the vector kernels over threads on long arrays, with the same results', () => {
      const rng = new Rng(24);
      for (const n of [PARALLEL_MIN_VECTOR + 13, 3 * PARALLEL_MIN_VECTOR + 1]) {
        const x = kernels.allocate(n + 1), y = kernels.allocate(n + 1);
        for (let i = 0; i <= n; i++) { x[i] = rng.uniform() - 0.5; y[i] = rng.uniform() - 0.5; }
        const x64 = Float64Array.from(x), y64 = Float64Array.from(y);
        expect(kernels.dot!(n, x, y)).toBeCloseTo(referenceKernels.dot!(n, x64, y64), 9);
        expect(kernels.sum!(n, x)).toBeCloseTo(referenceKernels.sum!(n, x64), 9);
        kernels.axpby!(n, -0.25, x, 2, y);
        referenceKernels.axpby!(n, -0.25, x64, 2, y64);
        let worst = 0;
        for (let i = 0; i <= n; i++) worst = Math.max(worst, Math.abs(y[i] - y64[i]));
        expect(worst).toBeLessThan(1e-6);
        const last = x[n];
        kernels.fill!(n, 0, x);
        expect(x.subarray(0, n).every((v) => v === 0)).toBe(true);
        expect(x[n]).toBe(last);
      }
    });
  });
}

describe('helper threads', () => {
  it('report a missing entry file as a clear error', async () => {
    await expect(createThreadedKernels({ threads: 2, workerUrl: new URL('./no-such-worker.js', import.meta.url) }))
      .rejects.toThrow(/gemm helper thread/);
  });
});
