import { describe, expect, it } from 'vitest';
import { isPiecewiseLinear, linearRegions } from '../../../src-shared/analysis/linear-regions';
import type { Bounds, WarpNet } from '../../../src-shared/analysis/warp';
import { Rng } from '../../../src-shared/random';

const box: Bounds = { xMin: -2, xMax: 2, yMin: -2, yMax: 2 };

/**
 * 2 inputs → 2 ReLUs → 2 scores. Unit j switches on the line w_j·x + b_j = 0; with the
 * weights given as lines (a, b, c) meaning a·x + b·y + c = 0.
 */
function twoUnitNet(lines: [number, number, number][]): WarpNet {
  const units = lines.length;
  const w = new Float64Array(2 * units);
  lines.forEach(([a, b], j) => {
    w[j] = a;
    w[units + j] = b;
  });
  return {
    layers: [
      { inputs: 2, units, w, b: lines.map(([, , c]) => c) },
      { inputs: units, units: 2, w: new Float64Array(units * 2).fill(1), b: [0, 0] },
    ],
    activations: [{ kind: 'relu' }],
  };
}

describe('linear regions of a 2-unit ReLU net (the arrangement of its two lines)', () => {
  // Hand-derived: two lines crossing inside the box cut it into 4 cells; two parallel lines
  // through it into 3; one line through it and one outside into 2; both outside leave 1.
  it.each([
    ['x = 0 and y = 0 cross at the origin', [[1, 0, 0], [0, 1, 0]], 4],
    ['x + y = 0.5 and x − y = −0.3 cross inside', [[1, 1, -0.5], [1, -1, 0.3]], 4],
    ['x = −0.5 and x = 0.7 are parallel', [[1, 0, 0.5], [1, 0, -0.7]], 3],
    ['y = 1 runs through, x = 5 misses the box', [[0, 1, -1], [1, 0, -5]], 2],
    ['x = 5 and y = −9 both miss the box', [[1, 0, -5], [0, 1, 9]], 1],
  ] as [string, [number, number, number][], number][])('%s: %i regions', (_name, lines, expected) => {
    const regions = linearRegions(twoUnitNet(lines), box, 120, 120);
    expect(regions.count).toBe(expected);
    expect(regions.countByDepth).toEqual([expected]);
    expect(new Set(regions.region).size).toBe(expected);
  });

  it('draws the borders where the lines run: x = 0 and y = 0 cross the raster mid-way', () => {
    const { border, cols, rows, region } = linearRegions(twoUnitNet([[1, 0, 0], [0, 1, 0]]), box, 8, 8);
    // column 3 meets column 4 at x = 0; row 3 meets row 4 at y = 0
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
      expect(border[r * cols + c], `cell ${r},${c}`).toBe(c === 3 || r === 3 ? 1 : 0);
    }
    // numbered in reading order: top-left first
    expect(region[0]).toBe(0);
  });

  it('three lines in general position through the box: 1 + 3 + 3 = 7 regions', () => {
    const regions = linearRegions(twoUnitNet([[1, 0, 0.2], [0, 1, -0.1], [1, 1, -1]]), box, 200, 200);
    expect(regions.count).toBe(7);
  });

  it('a deeper net can only cut each piece further, and one layer stays within 1 + m + m(m−1)/2', () => {
    const rng = new Rng(11);
    const layer = (inputs: number, units: number) => ({
      inputs, units,
      w: Float64Array.from({ length: inputs * units }, () => rng.normal()),
      b: Float64Array.from({ length: units }, () => rng.normal() * 0.5),
    });
    const net: WarpNet = { layers: [layer(2, 8), layer(8, 8), layer(8, 3)], activations: [{ kind: 'relu' }, { kind: 'relu' }] };
    const regions = linearRegions(net, box, 160, 160);
    expect(regions.countByDepth).toHaveLength(2);
    expect(regions.countByDepth[0]).toBeLessThanOrEqual(1 + 8 + 28);
    expect(regions.countByDepth[0]).toBeGreaterThan(1);
    expect(regions.countByDepth[1]).toBeGreaterThanOrEqual(regions.countByDepth[0]);
    expect(regions.count).toBe(regions.countByDepth[1]);
  });

  it('a linear net is one piece; smooth activations are refused with a reason', () => {
    const linear: WarpNet = { layers: [{ inputs: 2, units: 3, w: [1, 2, 3, 4, 5, 6], b: [0, 0, 0] }], activations: [] };
    expect(linearRegions(linear, box, 10, 10).count).toBe(1);
    const identity = { ...twoUnitNet([[1, 0, 0], [0, 1, 0]]), activations: [{ kind: 'identity' as const }] };
    expect(linearRegions(identity, box, 10, 10).count).toBe(1);
    const tanh = { ...twoUnitNet([[1, 0, 0], [0, 1, 0]]), activations: [{ kind: 'tanh' as const }] };
    expect(isPiecewiseLinear(tanh)).toBe(false);
    expect(() => linearRegions(tanh, box, 10, 10)).toThrow(/sigmoid and tanh bend continuously/);
  });
});
