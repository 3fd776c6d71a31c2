import { describe, expect, it } from 'vitest';
import {
  applyFeatures, featureInputGradient, featureNames, featureProblem, featureSize, featureTransform, type FeatureTransform,
} from '../../../src-shared/features/transforms';
import { Network } from '../../../src-shared/engine/network';
import { Rng } from '../../../src-shared/random';
import { maxRelativeError, numericGradient } from '../engine/gradcheck';

function phi(t: FeatureTransform, x: number[], n = x.length / 2): number[] {
  const out = new Float64Array(n * featureSize(t));
  applyFeatures(t, x, n, out);
  return Array.from(out);
}

describe('2-D feature transforms', () => {
  it('polar: (r, θ) of points in every quadrant and on the axes', () => {
    const out = phi({ kind: 'polar' }, [3, 4, -1, 0, 0, -2, -1, -1, 0, 0]);
    expect(out[0]).toBeCloseTo(5, 15);
    expect(out[1]).toBeCloseTo(Math.atan(4 / 3), 15);
    expect(out.slice(2, 4)).toEqual([1, Math.PI]);
    expect(out.slice(4, 6)).toEqual([2, -Math.PI / 2]);
    expect(out[6]).toBeCloseTo(Math.SQRT2, 15);
    expect(out[7]).toBeCloseTo(-3 * Math.PI / 4, 15);
    expect(out.slice(8)).toEqual([0, 0]);
  });

  it('polynomial and sin/cos', () => {
    expect(phi({ kind: 'polynomial' }, [2, -3])).toEqual([2, -3, 4, 9, -6]);
    const s = phi({ kind: 'sincos' }, [0.5, 1]);
    [1, 0, 0, -1].forEach((v, i) => expect(s[i]).toBeCloseTo(v, 15));
    expect(featureNames({ kind: 'polynomial' })).toEqual(['x', 'y', 'x²', 'y²', 'xy']);
  });

  for (const kind of ['polar', 'polynomial', 'sincos'] as const) {
    it(`${kind}: input gradient against float64 centered differences`, () => {
      const t: FeatureTransform = { kind };
      const rng = new Rng(5);
      const n = 6;
      const x = Float64Array.from({ length: 2 * n }, () => rng.normal());
      const weights = Float64Array.from({ length: n * featureSize(t) }, () => rng.normal());
      const objective = () => phi(t, Array.from(x)).reduce((sum, v, i) => sum + weights[i] * v, 0);
      const dx = new Float64Array(2 * n);
      featureInputGradient(t, x, n, weights, dx);
      expect(maxRelativeError(dx, numericGradient(objective, x))).toBeLessThan(1e-7);
    });
  }

  it('a transform for the wrong input is refused with the reason', () => {
    expect(featureProblem({ kind: 'polar' }, 3072)).toMatch(/for 2-D points, the input has 3072 values/);
    expect(() => new Network({ inputSize: 4, numClasses: 2, hidden: [], features: { kind: 'polar' } })).toThrow(/2-D points/);
    expect(() => featureTransform('hog', { kind: 'vector' })).toThrow(/for images/);
    expect(featureProblem({ kind: 'hog', width: 4, height: 4, channels: 1, cell: 8, bins: 9 }, 16)).toMatch(/do not fit/);
  });
});

describe('image feature transforms', () => {
  it('color histogram: the share of each channel\'s pixels per bin', () => {
    // 2×1 RGB image: pixel 1 (0.1, 0.6, 1.0), pixel 2 (0.1, 0.9, 0.3); 4 bins of [0, 1]
    const t: FeatureTransform = { kind: 'color-histogram', width: 2, height: 1, channels: 3, bins: 4 };
    expect(phi(t, [0.1, 0.6, 1.0, 0.1, 0.9, 0.3], 1)).toEqual([1, 0, 0, 0, 0, 0, 0.5, 0.5, 0, 0.5, 0, 0.5]);
    expect(() => featureInputGradient(t, [0, 0, 0, 0, 0, 0], 1, new Float64Array(12), new Float64Array(6))).toThrow(/no input gradient/);
  });

  it('HOG: a vertical edge fills the 0° bin of its cells, a horizontal one the 90° bin; cells have unit length', () => {
    const side = 8;
    const t: FeatureTransform = { kind: 'hog', width: side, height: side, channels: 1, cell: 4, bins: 4 };
    expect(featureSize(t)).toBe(2 * 2 * 4);
    const vertical = Array.from({ length: side * side }, (_, p) => (p % side >= 4 ? 1 : 0));
    const horizontal = Array.from({ length: side * side }, (_, p) => (Math.floor(p / side) >= 4 ? 1 : 0));
    const v = phi(t, vertical, 1);
    const h = phi(t, horizontal, 1);
    for (let cell = 0; cell < 4; cell++) {
      expect(v[cell * 4]).toBeCloseTo(1, 5); // gradient along x: orientation 0
      expect(h[cell * 4 + 2]).toBeCloseTo(1, 5); // gradient along y: orientation π/2
      const norm = Math.hypot(...v.slice(cell * 4, cell * 4 + 4));
      expect(norm).toBeCloseTo(1, 5);
    }
    // contrast does not matter, only the edges
    expect(phi(t, vertical.map((p) => 0.2 + 0.3 * p), 1).map((x) => Number(x.toFixed(5)))).toEqual(v.map((x) => Number(x.toFixed(5))));
  });
});
