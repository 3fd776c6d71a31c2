import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CONTROL_BYTES, PoolRunner } from '../../../src-shared/kernels/gemm-pool';
import {
  compileWasmKernelsSync, instantiateKernels, kernelsOver, SharedHeap, WORK_BYTES,
} from '../../../src-shared/kernels/wasm-kernels';
import { Rng } from '../../../src-shared/random';
import { expectGemmMatches } from './gemm-cases';

setFlagsFromString('--experimental-wasm-relaxed-simd');

describe('gemm pool without its helpers', () => {
  it('the caller claims every chunk itself (no deadlock) and the contention guard then keeps it alone', () => {
    // A pool of "2 threads" whose helper never started: the worst case of a helper that
    // gets no core at all.
    const setup = compileWasmKernelsSync({ shared: true });
    const heap = new SharedHeap(setup.memory);
    const control = heap.reserve(CONTROL_BYTES);
    const work = heap.reserve(WORK_BYTES);
    heap.reserve(WORK_BYTES); // the absent helper's area
    const runner = new PoolRunner(instantiateKernels(setup), setup.memory, control, 2, work, () => {}, 600_000);
    const kernels = kernelsOver(setup, heap, runner);
    const rng = new Rng(41);
    expect(runner.alone).toBe(false);
    for (let i = 0; i < 10; i++) expectGemmMatches(kernels, rng, { m: 130, n: 70, k: 300 }, i % 2 === 0, false, 1, 0);
    expect(runner.alone).toBe(true);
    const x = kernels.allocate(300_000).fill(1);
    expect(kernels.sum!(300_000, x)).toBe(300_000);
  });
});
