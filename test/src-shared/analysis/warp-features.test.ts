/**
 * Space warping with a fixed feature transform: the rings go through polar coordinates,
 * where a linear model splits them with a straight line (r = const), and that line pulled
 * back into the input plane is a circle around the inner ring.
 */
import { describe, expect, it } from 'vitest';
import { WarpSession, defaultWarpSettings, warpDataset } from '../../../src-shared/analysis/warp-session';
import { buildWarpScene } from '../../../src-shared/analysis/warp-scene';
import { forwardStages, readoutBoundaries, readoutScores } from '../../../src-shared/analysis/warp';

const clock = () => performance.now();

describe('space warping through a feature transform', () => {
  const settings = { ...defaultWarpSettings, toy: 'circles' as const, depth: 0, features: 'polar' as const, maxEpochs: 150 };

  function trained() {
    const session = new WarpSession(settings);
    session.train(Infinity, clock);
    const snapshot = session.snapshot();
    const data = warpDataset(settings);
    const net = { layers: snapshot.layers, activations: snapshot.activations, features: snapshot.features };
    return { snapshot, data, net, scene: buildWarpScene(net, data.x, data.labels.length) };
  }

  it('a linear model on polar features separates the rings; without them it cannot', () => {
    const { snapshot } = trained();
    expect(snapshot.layers.map((l) => [l.inputs, l.units])).toEqual([[2, 2]]); // (r, θ) → 2 classes
    expect(snapshot.accuracy).toBeGreaterThanOrEqual(0.97);
    const raw = new WarpSession({ ...settings, features: 'none' });
    raw.train(Infinity, clock);
    expect(raw.snapshot().accuracy).toBeLessThan(0.7);
  });

  it('input plane → (r, θ) plane with a straight boundary → that boundary pulled back as a circle', () => {
    const { scene, data, net } = trained();
    const panel = scene.features!;
    // θ spans 2π, r about 1: the θ axis is drawn scaled so the plane is not a strip
    expect(panel.axes[0]).toBe('r');
    const k = Number(/^θ \(scaled ×([\d.]+)\)$/.exec(panel.axes[1])![1]);
    expect(k).toBeGreaterThan(0.1);
    expect(k).toBeLessThan(0.5);
    expect(panel.projection).toBe('features');
    expect(panel.exact).toBe(true);
    // the plane's points are the data's (r, θ), θ scaled
    const phi = forwardStages(net, data.x, data.labels.length).features!;
    for (let i = 0; i < 8; i += 2) {
      expect(panel.points[i]).toBeCloseTo(phi[i], 12);
      expect(panel.points[i + 1] / phi[i + 1]).toBeCloseTo(k, 1);
    }
    // one straight boundary in feature space, about r = const (nearly vertical: |Δθ| ≫ |Δr|)
    const [segment, ...others] = readoutBoundaries(panel.readout!, panel.bounds);
    expect(others).toEqual([]);
    expect(Math.abs(segment.y1 - segment.y0)).toBeGreaterThan(5 * Math.abs(segment.x1 - segment.x0));
    // the read-out in the plane gives the model's own scores
    const scores = readoutScores(panel.readout!, panel.points, data.labels.length);
    const direct = forwardStages(net, data.x, data.labels.length).scores;
    for (let i = 0; i < scores.length; i++) expect(scores[i]).toBeCloseTo(direct[i], 9);
    // no straight boundary in the input plane: the pulled-back one is a circle, so the centre
    // and every corner of the input plane fall on different sides of it
    expect(scene.input.boundaries).toBeUndefined();
    expect(scene.collapse).toBeNull();
    const { cols, rows, classes } = scene.input.regions;
    const center = classes[Math.floor(rows / 2) * cols + Math.floor(cols / 2)];
    for (const corner of [0, cols - 1, (rows - 1) * cols, rows * cols - 1]) expect(classes[corner]).not.toBe(center);
    // the morph runs x → φ(x)
    expect(scene.morph.labels).toEqual(['x', 'φ(x): polar']);
    // grid lines crossing θ = ±π lift the pen instead of crossing the plane
    expect(panel.grid.some((v) => Number.isNaN(v))).toBe(true);
  });

  it('with more features than two and a hidden layer, the feature plane is the widest-spread one', () => {
    const session = new WarpSession({ ...defaultWarpSettings, toy: 'moons', features: 'polynomial', maxEpochs: 5 });
    session.train(Infinity, clock);
    const s = session.snapshot();
    const data = warpDataset(s.settings);
    const scene = buildWarpScene({ layers: s.layers, activations: s.activations, features: s.features }, data.x, data.labels.length);
    expect(s.layers[0].inputs).toBe(5);
    expect(scene.features!.projection).toBe('principal');
    expect(scene.features!.readout).toBeUndefined();
    expect(scene.post!.readout).toBeDefined();
    expect(scene.morph.labels[1]).toBe('φ(x): polynomial');
    expect(scene.morph.labels[2]).toMatch(/^z₁ = W₁·φ\(x\) \+ b$/);
  });
});
