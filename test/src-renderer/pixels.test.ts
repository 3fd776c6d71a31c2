import { describe, expect, it } from 'vitest';
import { column, maxAbs, pixelsToRgba, rangeToRgba, robustScale, signedToRgba } from '../../src-renderer/pixels';

describe('pixels to RGBA', () => {
  it('copies gray into all three channels and RGB as it is, opaque', () => {
    expect([...pixelsToRgba([0, 128, 255, 7], 2, 2, 1)]).toEqual([0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 7, 7, 7, 255]);
    expect([...pixelsToRgba([1, 2, 3, 4, 5, 6], 2, 1, 3)]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });
  it('reads one image of many at an offset', () => {
    const two = [9, 9, 9, 9, 1, 2, 3, 4];
    expect([...pixelsToRgba(two, 2, 2, 1, 4)].filter((_, i) => i % 4 === 0)).toEqual([1, 2, 3, 4]);
  });
});

describe('weights to colors', () => {
  const neg = [0, 0, 255] as const;
  const zero = [255, 255, 255] as const;
  const pos = [255, 0, 0] as const;
  it('puts zero at the neutral color and ±scale at the ends, clamping beyond', () => {
    const rgba = signedToRgba([-1, 0, 0.5, 3], 4, 1, 1, neg, zero, pos);
    expect([...rgba.slice(0, 4)]).toEqual([0, 0, 255, 255]);
    expect([...rgba.slice(4, 8)]).toEqual([255, 255, 255, 255]);
    expect([...rgba.slice(8, 12)]).toEqual([255, 128, 128, 255]);
    expect([...rgba.slice(12, 16)]).toEqual([255, 0, 0, 255]);
  });
  it('stretches a color template from its min to its max', () => {
    const rgba = rangeToRgba([-2, 0, 2], 1, 1, 3, -2, 2);
    expect([...rgba]).toEqual([0, 128, 255, 255]);
  });
  it('finds the largest magnitude and a unit\'s column of a row-major matrix', () => {
    expect(maxAbs([0.5, -3, 2])).toBe(3);
    // W is [3 inputs × 2 units]
    expect([...column([1, 2, 3, 4, 5, 6], 3, 2, 1)]).toEqual([2, 4, 6]);
  });
});

describe('robustScale', () => {
  it('ignores the few largest weights, so a noisy template keeps its contrast', () => {
    const values = Float32Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : -1) * (i < 99 ? 0.1 : 50));
    expect(maxAbs(values)).toBe(50);
    expect(robustScale(values)).toBeCloseTo(0.1);
    expect(robustScale(values, 1)).toBe(50);
    expect(robustScale(new Float32Array(4))).toBe(0);
  });
});
