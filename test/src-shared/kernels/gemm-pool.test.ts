import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CONTROL_BYTES, PoolRunner } from '../../../src-shared/kernels/gemm-pool';
import {
  compileWasmKernelsSync, instantiateKernels, kernelsOver, SharedHeap, WORK_BYTES,
} from '../../../src-shared/kernels/wasm-kernels';
import { Rng } from '../../../src-shared/random';
import { expectGemmMatches } from './gemm-cases';

setFlagsFromString('--experimental-wasm-relaxed-simd');

/**
 * A pool of "2 threads" whose helper never started: the worst case of a helper that gets
 * no core at all. Its contention guard stays on for 10 minutes once it trips.
 */
function helperlessPool() {
  const setup = compileWasmKernelsSync({ shared: true });
  const heap = new SharedHeap(setup.memory);
  const control = heap.reserve(CONTROL_BYTES);
  const work = heap.reserve(WORK_BYTES);
  heap.reserve(WORK_BYTES); // the absent helper's area
  const runner = new PoolRunner(instantiateKernels(setup), setup.memory, control, 2, work, () => {}, 600_000);
  return { runner, kernels: kernelsOver(setup, heap, runner) };
}

describe('gemm pool without its helpers', () => {
  it('the caller claims every chunk itself (no deadlock) and the contention guard then keeps it alone', () => {
    const { runner, kernels } = helperlessPool();
    const rng = new Rng(41);
    expect(runner.alone).toBe(false);
    for (let i = 0; i < 10; i++) expectGemmMatches(kernels, rng, { m: 130, n: 70, k: 300 }, i % 2 === 0, false, 1, 0);
    expect(runner.alone).toBe(true);
    const x = kernels.allocate(300_000).fill(1);
    expect(kernels.sum!(300_000, x)).toBe(300_000);
  });
});

describe('the contention guard', () => {
  it('changes no result: products and reductions give the same bits shared and alone', () => {
    // Training must not depend on timing, and the guard switches on timing: a product or a
    // sum computed alone must equal, bit for bit, the same one computed in chunks.
    const { runner, kernels } = helperlessPool();
    const rng = new Rng(42);
    const random = (length: number) => {
      const x = kernels.allocate(length);
      for (let i = 0; i < length; i++) x[i] = rng.uniform() * 2 - 1;
      return x;
    };
    const n = 300_001; // above PARALLEL_MIN_VECTOR, and not a multiple of the chunks' 16
    const x = random(n), y = random(n);
    // by rows, by columns (n > m), and by columns of width 8 (a narrow-family chunk)
    const shapes = [{ m: 130, n: 70, k: 300 }, { m: 9, n: 391, k: 260 }, { m: 10, n: 16, k: 1000 }];
    const operands = shapes.map(({ m, n: cols, k }) => ({ m, n: cols, k, a: random(m * k), b: random(k * cols), c0: random(m * cols) }));
    const compute = () => ({
      dot: kernels.dot!(n, x, y),
      sum: kernels.sum!(n, x),
      products: operands.map(({ m, n: cols, k, a, b, c0 }) => {
        const c = kernels.allocate(m * cols);
        c.set(c0);
        kernels.gemm(false, false, m, cols, k, 1, a, b, 0.5, c); // beta ∉ {0, 1}: C's old values rounded in too
        return Array.from(c);
      }),
    });
    expect(runner.alone).toBe(false);
    const shared = compute();
    for (let i = 0; i < 10 && !runner.alone; i++) kernels.gemm(false, false, 130, 70, 300, 1, operands[0].a, operands[0].b, 0, kernels.allocate(130 * 70));
    expect(runner.alone).toBe(true);
    const alone = compute();
    expect(alone.dot).toBe(shared.dot);
    expect(alone.sum).toBe(shared.sum);
    alone.products.forEach((c, i) => expect(c, `product ${i}`).toEqual(shared.products[i]));
  });
});
