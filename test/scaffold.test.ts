import { describe, expect, it } from 'vitest';
import { referenceKernels } from '../src-shared/engine/kernels';

describe('reference gemm', () => {
  it('computes all transpose forms against an explicit product', () => {
    // A = [[1,2,3],[4,5,6]] (2×3), B = [[1,0],[0,1],[1,1]] (3×2) → AB = [[4,5],[10,11]]
    const a = new Float64Array([1, 2, 3, 4, 5, 6]);
    const aT = new Float64Array([1, 4, 2, 5, 3, 6]);
    const b = new Float64Array([1, 0, 0, 1, 1, 1]);
    const bT = new Float64Array([1, 0, 1, 0, 1, 1]);
    const expected = [4, 5, 10, 11];
    for (const [ta, tb, aa, bb] of [[false, false, a, b], [true, false, aT, b], [false, true, a, bT], [true, true, aT, bT]] as const) {
      const c = new Float64Array([NaN, NaN, NaN, NaN]);
      referenceKernels.gemm(ta, tb, 2, 2, 3, 1, aa, bb, 0, c);
      expect(Array.from(c)).toEqual(expected);
    }
    const c = new Float64Array([1, 1, 1, 1]);
    referenceKernels.gemm(false, false, 2, 2, 3, 2, a, b, 0.5, c);
    expect(Array.from(c)).toEqual([8.5, 10.5, 20.5, 22.5]);
  });
});
