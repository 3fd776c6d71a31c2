import { describe, expect, it } from 'vitest';
import { matrixProduct, topFeeders, unitNorms, unitsByNorm } from '../../../src-shared/analysis/units';

// W [inputs 3 × units 2], row-major: column 0 = (3, 0, 4), column 1 = (1, 2, 2)
const w1 = { inputs: 3, units: 2, w: [3, 1, 0, 2, 4, 2] };

describe('unit norms and ordering', () => {
  it('unitNorms is the length of each column (a unit\'s template)', () => {
    expect(Array.from(unitNorms(w1))).toEqual([5, 3]);
  });

  it('unitsByNorm lists units from the strongest template down, ties by index', () => {
    expect(unitsByNorm(w1)).toEqual([0, 1]);
    // columns: (0,1), (3,4), (0,0), (4,3)
    expect(unitsByNorm({ inputs: 2, units: 4, w: [0, 3, 0, 4, 1, 4, 0, 3] })).toEqual([1, 3, 0, 2]);
  });

  it('rejects a matrix whose values do not match its shape', () => {
    expect(() => unitNorms({ inputs: 3, units: 2, w: [1, 2, 3] })).toThrow(/3×2 needs 6 values, got 3/);
  });
});

describe('topFeeders', () => {
  // W2 [hidden 4 × classes 2]: class 0 column (0.5, −1, 2, 0.5), class 1 column (1, 3, −2, 0)
  const w2 = { inputs: 4, units: 2, w: [0.5, 1, -1, 3, 2, -2, 0.5, 0] };

  it('gives, per class, the hidden units with the largest W2 weight into it', () => {
    const feeders = topFeeders(w2, 2);
    expect(feeders).toEqual([
      [{ unit: 2, weight: 2 }, { unit: 0, weight: 0.5 }],
      [{ unit: 1, weight: 3 }, { unit: 0, weight: 1 }],
    ]);
  });

  it('returns every unit when k exceeds the hidden width, sorted, ties by index', () => {
    expect(topFeeders(w2, 10)[0].map((f) => f.unit)).toEqual([2, 0, 3, 1]);
    expect(() => topFeeders(w2, 0)).toThrow(/k must be a positive whole number/);
  });
});

describe('matrixProduct', () => {
  it('multiplies [2×3]·[3×2] as written by hand', () => {
    const a = { inputs: 2, units: 3, w: [1, 2, 3, 4, 5, 6] };
    const b = { inputs: 3, units: 2, w: [7, 8, 9, 10, 11, 12] };
    const p = matrixProduct(a, b);
    expect(p.inputs).toBe(2);
    expect(p.units).toBe(2);
    expect(Array.from(p.w)).toEqual([58, 64, 139, 154]);
    expect(() => matrixProduct(a, a)).toThrow(/does not fit/);
  });
});
