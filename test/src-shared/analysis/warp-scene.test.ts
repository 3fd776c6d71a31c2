import { describe, expect, it } from 'vitest';
import { buildWarpScene, defaultSceneOptions, rasterSide, squareBounds } from '../../../src-shared/analysis/warp-scene';
import { argmaxRows, forwardStages, readoutScores, type WarpNet } from '../../../src-shared/analysis/warp';
import { WarpSession, defaultWarpSettings, warpDataset, type WarpSettings } from '../../../src-shared/analysis/warp-session';

function trainedNet(overrides: Partial<WarpSettings>, steps = 300) {
  const settings = { ...defaultWarpSettings, ...overrides };
  const session = new WarpSession(settings);
  session.train(Infinity, () => performance.now(), steps);
  const snap = session.snapshot();
  const data = warpDataset(settings);
  return { net: { layers: snap.layers, activations: snap.activations } as WarpNet, data, n: data.labels.length };
}

describe('buildWarpScene', () => {
  it('2 ReLU units: the after-activation plane is the units themselves, in the first quadrant; the morph runs x → z → h', () => {
    const { net, data, n } = trainedNet({ toy: 'xor', width: 2, activation: 'relu' });
    const scene = buildWarpScene(net, data.x, n);
    expect(scene.layer).toBe(0);
    expect(scene.activation).toBe('relu');
    expect(scene.post!.projection).toBe('units');
    expect(scene.post!.exact).toBe(true);
    expect(scene.post!.points.every((v) => v >= 0)).toBe(true);
    expect(scene.post!.bounds.xMin).toBeLessThan(0); // the axes (origin) are in view
    expect(scene.pre!.points.some((v) => v < 0)).toBe(true);
    expect(scene.morph.stages).toHaveLength(3);
    expect(scene.morph.labels).toEqual(['x', 'z₁ = W₁·x + b', 'h₁ = act(z₁)']);
    expect(Array.from(scene.morph.stages[0])).toEqual(Array.from(data.x));
    expect(scene.morph.stages[2]).toBe(scene.post!.points);
    expect(scene.morph.bounds).toHaveLength(3);
    expect(scene.collapse).toBeNull();
    expect(scene.input.boundaries).toBeUndefined();
    // the read-out in the hidden plane decides the points as the whole net does
    const fromPlane = argmaxRows(readoutScores(scene.post!.readout!, scene.post!.points, n), n, 2);
    const fromNet = argmaxRows(forwardStages(net, data.x, n).scores, n, 2);
    expect(Array.from(fromPlane)).toEqual(Array.from(fromNet));
    const regions = scene.input.regions;
    expect(regions.cols * regions.rows).toBe(defaultSceneOptions.inputRaster ** 2);
    expect(new Set(regions.classes).size).toBe(2);
  });

  it('identity activations: the net collapses to one 2×K matrix matching its scores within 1e-4, with straight boundaries', () => {
    const { net, data, n } = trainedNet({ toy: 'spiral', classes: 3, width: 8, depth: 2, activation: 'identity' });
    const scene = buildWarpScene(net, data.x, n);
    expect(scene.collapse).not.toBeNull();
    expect([scene.collapse!.layer.inputs, scene.collapse!.layer.units]).toEqual([2, 3]);
    expect(scene.collapse!.maxDifference).toBeLessThan(1e-4);
    expect(scene.input.boundaries!.length).toBeGreaterThan(0);
  });

  it('a linear classifier has no hidden planes and nothing to morph', () => {
    const { net, data, n } = trainedNet({ toy: 'circles', depth: 0 });
    const scene = buildWarpScene(net, data.x, n);
    expect(scene.layer).toBe(-1);
    expect(scene.pre).toBeNull();
    expect(scene.post).toBeNull();
    expect(scene.morph.stages).toHaveLength(1);
    expect(scene.collapse).toBeNull(); // nothing was stacked
    expect(scene.input.boundaries!.length).toBe(1);
  });

  it('wider layers: the read-out plane for the last hidden layer, widest spread for earlier ones, or a chosen pair', () => {
    const { net, data, n } = trainedNet({ toy: 'circles', width: 5, depth: 2, activation: 'tanh' });
    const last = buildWarpScene(net, data.x, n, { ...defaultSceneOptions, layer: 1 });
    expect(last.post!.projection).toBe('read-out');
    expect(last.post!.exact).toBe(true);
    expect(last.post!.readout).toBeDefined();
    expect(last.morph.stages).toHaveLength(5);
    expect(last.pre!.projection).toBe('principal');
    const first = buildWarpScene(net, data.x, n, { ...defaultSceneOptions, layer: 0 });
    // z₁ = W₁·x + b lies on a flat plane: shown in it, every grid line stays straight
    expect(first.pre!.exact).toBe(true);
    const samples = defaultSceneOptions.gridSamples;
    for (let line = 0; line < 2 * defaultSceneOptions.gridLines; line++) {
      const g = first.pre!.grid;
      const o = line * samples * 2;
      const [x0, y0, x1, y1] = [g[o], g[o + 1], g[o + 2 * (samples - 1)], g[o + 2 * (samples - 1) + 1]];
      for (let k = 0; k < samples; k++) {
        const cross = (x1 - x0) * (g[o + 2 * k + 1] - y0) - (y1 - y0) * (g[o + 2 * k] - x0);
        expect(Math.abs(cross)).toBeLessThan(1e-6 * (1 + Math.hypot(x1 - x0, y1 - y0) ** 2));
      }
    }
    expect(first.post!.projection).toBe('principal');
    expect(first.post!.readout).toBeUndefined();
    const pair = buildWarpScene(net, data.x, n, { ...defaultSceneOptions, layer: 1, plane: { kind: 'pair', pair: [3, 1] } });
    expect(pair.post!.projection).toBe('pair');
    expect(pair.post!.axes).toEqual(['h₄', 'h₂']);
    expect(pair.pre!.axes).toEqual(['z₄', 'z₂']);
    expect(pair.post!.exact).toBe(false);
    // an out-of-range layer is clamped
    expect(buildWarpScene(net, data.x, n, { ...defaultSceneOptions, layer: 7 }).layer).toBe(1);
  });

  it('big nets get a coarser input raster, never below 32 cells a side', () => {
    const small = trainedNet({ width: 4, depth: 1 }, 1);
    expect(rasterSide(small.net, 120, 3_000_000)).toBe(120);
    const big = trainedNet({ width: 32, depth: 3 }, 1);
    // 2·32 + 32·32·2 + 32·2 = 2176 multiply-adds per point
    expect(rasterSide(big.net, 120, 4_000_000)).toBe(Math.floor(Math.sqrt(4_000_000 / 2176)));
    const side = rasterSide(big.net, 120, defaultSceneOptions.rasterBudget);
    expect(side).toBeLessThan(120);
    expect(buildWarpScene(big.net, big.data.x, big.n).input.regions.cols).toBe(side);
    expect(rasterSide(big.net, 120, 1000)).toBe(32);
  });

  it('squareBounds keeps the center and takes the longer side', () => {
    expect(squareBounds({ xMin: 0, xMax: 4, yMin: 1, yMax: 2 })).toEqual({ xMin: 0, xMax: 4, yMin: -0.5, yMax: 3.5 });
  });
});
