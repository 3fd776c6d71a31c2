import { describe, expect, it } from 'vitest';
import {
  affine, argmaxRows, boundsOf, collapseLinear, decisionRegions, forwardStages, gridLines, inputReadout, morph,
  pairProjection, projectedReadout, projectPoints, rasterPoints, readoutBoundaries, readoutProjection, readoutRegions,
  readoutScores, type BoundarySegment, type DenseParams, type PlaneReadout, type WarpNet,
} from '../../../src-shared/analysis/warp';
import { WarpSession, defaultWarpSettings, warpDataset, type WarpSettings } from '../../../src-shared/analysis/warp-session';
import { Network } from '../../../src-shared/engine/network';
import type { ActivationKind } from '../../../src-shared/engine/types';
import { Rng } from '../../../src-shared/random';

function randomLayer(rng: Rng, inputs: number, units: number, scale = 1): DenseParams {
  return {
    inputs, units,
    w: Float32Array.from({ length: inputs * units }, () => scale * rng.normal()),
    b: Float32Array.from({ length: units }, () => 0.3 * rng.normal()),
  };
}

function randomNet(rng: Rng, widths: number[], activation: ActivationKind): WarpNet {
  const layers = widths.slice(1).map((units, i) => randomLayer(rng, widths[i], units));
  return { layers, activations: layers.slice(1).map(() => ({ kind: activation })) };
}

function randomPoints(rng: Rng, n: number, dims = 2, scale = 1.5): Float64Array {
  return Float64Array.from({ length: n * dims }, () => scale * rng.normal());
}

/** Trains a session to its epoch limit and returns its last snapshot with its data. */
function trained(overrides: Partial<WarpSettings>) {
  const settings = { ...defaultWarpSettings, ...overrides };
  const session = new WarpSession(settings);
  session.train(Infinity, () => performance.now());
  const snap = session.snapshot();
  const net: WarpNet = { layers: snap.layers, activations: snap.activations };
  return { snap, net, data: warpDataset(settings) };
}

describe('forwardStages', () => {
  it.each(['relu', 'leaky-relu', 'sigmoid', 'tanh', 'identity'] as const)('%s: gives the engine\'s scores, and each stage is act(previous·W + b)', (activation) => {
    const rng = new Rng(7);
    const net = randomNet(rng, [2, 5, 4, 3], activation);
    const x = randomPoints(rng, 50);
    const stages = forwardStages(net, x, 50);
    const engine = Network.fromLayerWeights(
      { inputSize: 2, numClasses: 3, hidden: [{ units: 5, activation }, { units: 4, activation }] },
      net.layers.map((l, i) => ({ ...l, w: Float32Array.from(l.w), b: Float32Array.from(l.b), activation: i < 2 ? activation : 'none' })),
    );
    const scores = engine.forward(Float32Array.from(x), 50);
    for (let i = 0; i < 150; i++) expect(stages.scores[i]).toBeCloseTo(scores[i], 4);
    expect(stages.pre.map((z) => z.length)).toEqual([250, 200]);
    expect(Array.from(stages.pre[1])).toEqual(Array.from(affine(net.layers[1], stages.post[0], 50)));
  });

  it('ReLU puts every point into the first quadrant (orthant); Leaky ReLU does not', () => {
    const rng = new Rng(2);
    const x = randomPoints(rng, 200);
    const relu = forwardStages(randomNet(new Rng(3), [2, 2, 2], 'relu'), x, 200);
    expect(relu.pre[0].some((v) => v < 0)).toBe(true); // there was something to fold
    expect(relu.post[0].every((v) => v >= 0)).toBe(true);
    const plane = projectPoints(relu.post[0], 200, pairProjection(2, [0, 1]));
    expect(Array.from(plane)).toEqual(Array.from(relu.post[0]));
    // folded points land on the axes: a negative z coordinate becomes exactly 0
    const onAxes = Array.from({ length: 200 }, (_, r) => relu.pre[0][2 * r] < 0 || relu.pre[0][2 * r + 1] < 0).filter(Boolean).length;
    const zeros = Array.from({ length: 200 }, (_, r) => plane[2 * r] === 0 || plane[2 * r + 1] === 0).filter(Boolean).length;
    expect(zeros).toBe(onAxes);
    const leaky = forwardStages(randomNet(new Rng(3), [2, 2, 2], 'leaky-relu'), x, 200);
    expect(leaky.post[0].some((v) => v < 0)).toBe(true);
  });

  it('rejects a net whose shapes do not chain', () => {
    const rng = new Rng(1);
    const net: WarpNet = { layers: [randomLayer(rng, 2, 3), randomLayer(rng, 4, 2)], activations: [{ kind: 'relu' }] };
    expect(() => forwardStages(net, [0, 0], 1)).toThrow(/layer 2 takes 4 inputs but layer 1 gives 3/);
    expect(() => forwardStages({ layers: net.layers, activations: [] }, [0, 0], 1)).toThrow(/2 layers need 1 activations/);
  });
});

describe('grid lines through the net', () => {
  const collinear = (pts: Float64Array, samples: number, line: number) => {
    const o = line * samples * 2;
    const [x0, y0] = [pts[o], pts[o + 1]];
    const [x1, y1] = [pts[o + 2 * (samples - 1)], pts[o + 2 * (samples - 1) + 1]];
    let worst = 0;
    for (let s = 0; s < samples; s++) {
      const [x, y] = [pts[o + 2 * s], pts[o + 2 * s + 1]];
      worst = Math.max(worst, Math.abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)));
    }
    return worst < 1e-9;
  };

  it('span the bounds, vertical lines first', () => {
    const grid = gridLines({ xMin: -1, xMax: 3, yMin: 0, yMax: 2 }, 5, 11);
    expect(grid.points.length).toBe(2 * 5 * 11 * 2);
    expect([grid.points[0], grid.points[1]]).toEqual([-1, 0]);
    expect([grid.points[20], grid.points[21]]).toEqual([-1, 2]); // end of the first vertical line
    const lastH = (2 * 5 - 1) * 11 * 2;
    expect([grid.points[lastH], grid.points[lastH + 1], grid.points[lastH + 20], grid.points[lastH + 21]]).toEqual([-1, 2, 3, 2]);
    expect(() => gridLines({ xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, 1, 5)).toThrow(/≥ 2 lines/);
  });

  it('W x + b keeps them straight; ReLU bends some of them', () => {
    const net = randomNet(new Rng(9), [2, 2, 2], 'relu');
    const grid = gridLines({ xMin: -2, xMax: 2, yMin: -2, yMax: 2 }, 9, 41);
    const n = grid.points.length / 2;
    const stages = forwardStages(net, grid.points, n);
    for (let line = 0; line < 18; line++) expect(collinear(stages.pre[0], 41, line)).toBe(true);
    const bent = Array.from({ length: 18 }, (_, line) => !collinear(stages.post[0], 41, line)).filter(Boolean).length;
    expect(bent).toBeGreaterThan(0);
  });
});

describe('decision regions', () => {
  it('each raster cell holds the class the net picks at its center', () => {
    const net = randomNet(new Rng(4), [2, 6, 3], 'tanh');
    const bounds = { xMin: -2, xMax: 2, yMin: -1, yMax: 1 };
    const regions = decisionRegions(net, bounds, 20, 10);
    const centers = rasterPoints(bounds, 20, 10);
    expect([centers[0], centers[1]]).toEqual([-1.9, 0.9]); // row 0 is the top
    const picks = argmaxRows(forwardStages(net, centers, 200).scores, 200, 3);
    expect(Array.from(regions.classes)).toEqual(Array.from(picks));
    expect(new Set(regions.classes).size).toBeGreaterThan(1);
    expect(regions.confidence.every((p) => p >= 1 / 3 - 1e-6 && p <= 1)).toBe(true);
  });
});

describe('the linear boundary in a plane', () => {
  const box = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const tieAndWin = (readout: PlaneReadout, seg: BoundarySegment) => {
    for (const t of [0, 0.3, 1]) {
      const p = [seg.x0 + t * (seg.x1 - seg.x0), seg.y0 + t * (seg.y1 - seg.y0)];
      const s = readoutScores(readout, p, 1);
      expect(s[seg.a]).toBeCloseTo(s[seg.b], 9);
      for (let c = 0; c < readout.classes; c++) expect(s[c]).toBeLessThanOrEqual(s[seg.a] + 1e-9);
    }
  };

  it('two classes, s0 = u and s1 = v: the diagonal of the box', () => {
    const readout: PlaneReadout = { classes: 2, w: Float64Array.from([1, 0, 0, 1]), b: new Float64Array(2) };
    const [seg] = readoutBoundaries(readout, box);
    const ends = [[seg.x0, seg.y0], [seg.x1, seg.y1]].sort((p, q) => p[0] - q[0]);
    expect(ends[0][0]).toBeCloseTo(-1, 12);
    expect(ends[0][1]).toBeCloseTo(-1, 12);
    expect(ends[1][0]).toBeCloseTo(1, 12);
    expect(ends[1][1]).toBeCloseTo(1, 12);
  });

  it('a line that misses the box gives no segment', () => {
    const readout: PlaneReadout = { classes: 2, w: Float64Array.from([1, 0, 0, 0]), b: Float64Array.from([0, 5]) }; // u = 5
    expect(readoutBoundaries(readout, box)).toEqual([]);
  });

  it('several classes: each segment is a tie between two classes that beat all others, and it separates their regions', () => {
    const rng = new Rng(21);
    for (let trial = 0; trial < 20; trial++) {
      const classes = 2 + (trial % 4);
      const readout: PlaneReadout = { classes, w: Float64Array.from({ length: 2 * classes }, () => rng.normal()), b: Float64Array.from({ length: classes }, () => 0.3 * rng.normal()) };
      const segments = readoutBoundaries(readout, box);
      for (const seg of segments) {
        tieAndWin(readout, seg);
        for (const p of [[seg.x0, seg.y0], [seg.x1, seg.y1]]) {
          expect(p[0]).toBeGreaterThanOrEqual(box.xMin - 1e-9);
          expect(p[0]).toBeLessThanOrEqual(box.xMax + 1e-9);
          expect(p[1]).toBeGreaterThanOrEqual(box.yMin - 1e-9);
          expect(p[1]).toBeLessThanOrEqual(box.yMax + 1e-9);
        }
      }
      // every pair of neighbouring raster cells with different classes is crossed by a segment of that pair
      const regions = readoutRegions(readout, box, 40, 40);
      const pairs = new Set(segments.map((s) => `${s.a}-${s.b}`));
      for (let r = 0; r < 40; r++) {
        for (let c = 0; c + 1 < 40; c++) {
          const a = regions.classes[r * 40 + c];
          const b = regions.classes[r * 40 + c + 1];
          if (a !== b) expect(pairs.has(`${Math.min(a, b)}-${Math.max(a, b)}`)).toBe(true);
        }
      }
    }
  });
});

describe('planes through hidden space', () => {
  it('a pair of units holds the others at their rest values', () => {
    const p = pairProjection(4, [2, 0], [1, 2, 3, 4]);
    expect(Array.from(p.origin)).toEqual([0, 2, 0, 4]);
    const uv = projectPoints([10, 20, 30, 40], 1, p);
    expect(Array.from(uv)).toEqual([30, 10]);
    expect(p.exact).toBe(false);
    expect(() => pairProjection(4, [1, 1], [0, 0, 0, 0])).toThrow(/two different units/);
    expect(() => pairProjection(4, [0, 1])).toThrow(/needs a rest value/);
  });

  it.each([2, 3])('the read-out plane with %i classes decides every point as the full read-out does', (classes) => {
    const rng = new Rng(30 + classes);
    const layer = randomLayer(rng, 8, classes);
    const h = randomPoints(rng, 300, 8);
    const projection = readoutProjection(layer, h, 300);
    expect(projection.exact).toBe(true);
    expect(Math.abs(projection.e1.reduce((s, v, k) => s + v * projection.e2[k], 0))).toBeLessThan(1e-9);
    const full = argmaxRows(affine(layer, h, 300), 300, classes);
    const inPlane = argmaxRows(readoutScores(projectedReadout(layer, projection), projectPoints(h, 300, projection), 300), 300, classes);
    expect(Array.from(inPlane)).toEqual(Array.from(full));
  });

  it('with more than 3 classes the read-out plane is marked as not exact', () => {
    const rng = new Rng(5);
    const layer = randomLayer(rng, 8, 5);
    const projection = readoutProjection(layer, randomPoints(rng, 50, 8), 50);
    expect(projection.exact).toBe(false);
    expect(Math.hypot(...projection.e1)).toBeCloseTo(1, 9);
    expect(Math.hypot(...projection.e2)).toBeCloseTo(1, 9);
  });
});

describe('morph', () => {
  const a = [0, 0, 1, 1];
  const b = [2, 0, 3, 1];
  const c = [2, 2, 3, 3];

  it('starts at the input, ends at the last stage, passes every stage at equal time steps', () => {
    expect(Array.from(morph([a, b, c], 0))).toEqual(a);
    expect(Array.from(morph([a, b, c], 1))).toEqual(c);
    expect(Array.from(morph([a, b, c], 0.5))).toEqual(b);
    expect(Array.from(morph([a, b, c], 0.25))).toEqual([1, 0, 2, 1]);
    expect(Array.from(morph([a, b, c], 7))).toEqual(c); // clamped
    expect(Array.from(morph([a], 0.5))).toEqual(a);
    expect(() => morph([a, [1]], 0.5)).toThrow(/equal lengths/);
  });
});

describe('identity activations collapse the net into one linear map', () => {
  it('the product of the weight matrices gives the net\'s scores within 1e-4 (trained 3-layer identity net)', () => {
    const { net, data, snap } = trained({ toy: 'spiral', classes: 3, width: 8, depth: 2, activation: 'identity', maxEpochs: 40 });
    const n = data.labels.length;
    const collapsed = collapseLinear(net.layers);
    expect([collapsed.inputs, collapsed.units]).toEqual([2, 3]);
    const direct = affine(collapsed, data.x, n);
    const engine = Network.fromLayerWeights(
      { inputSize: 2, numClasses: 3, hidden: [{ units: 8, activation: 'identity' }, { units: 8, activation: 'identity' }] }, snap.layers,
    ).forward(data.x, n);
    let worst = 0;
    for (let i = 0; i < n * 3; i++) worst = Math.max(worst, Math.abs(direct[i] - engine[i]));
    expect(worst).toBeLessThan(1e-4);
    // …and so its boundary is straight: the net decides as the single linear map does
    const picks = argmaxRows(forwardStages(net, data.x, n).scores, n, 3);
    expect(Array.from(argmaxRows(direct, n, 3))).toEqual(Array.from(picks));
    expect(readoutBoundaries(inputReadout(collapsed), boundsOf(data.x, n)).length).toBeGreaterThan(0);
  });

  it('multiplies out by hand: ((x·W1 + b1)·W2 + b2) = x·(W1·W2) + (b1·W2 + b2)', () => {
    const l1: DenseParams = { inputs: 2, units: 2, w: [1, 2, 3, 4], b: [1, -1] };
    const l2: DenseParams = { inputs: 2, units: 1, w: [5, 6], b: [0.5] };
    const c = collapseLinear([l1, l2]);
    expect(Array.from(c.w)).toEqual([17, 39]);
    expect(Array.from(c.b)).toEqual([1 * 5 - 1 * 6 + 0.5]);
  });
});

describe('separating in hidden space (trained nets on toy data)', () => {
  /** accuracy of the side of each straight boundary segment's line, for a 2-class problem */
  const sideAccuracy = (seg: BoundarySegment, points: Float64Array, labels: Int32Array, readout: PlaneReadout) => {
    let correct = 0;
    const n = labels.length;
    const s = readoutScores(readout, [seg.x0 + 1e-3, seg.y0], 1); // which side of the line is class a?
    const cross = (x: number, y: number) => (seg.x1 - seg.x0) * (y - seg.y0) - (seg.y1 - seg.y0) * (x - seg.x0);
    const aSign = Math.sign(cross(seg.x0 + 1e-3, seg.y0)) * (s[seg.a] > s[seg.b] ? 1 : -1);
    for (let r = 0; r < n; r++) {
      const predicted = Math.sign(cross(points[2 * r], points[2 * r + 1])) === aSign ? seg.a : seg.b;
      if (predicted === labels[r]) correct++;
    }
    return correct / n;
  };

  it('xor: a linear model fails; with 2 ReLU units, points sit in the first quadrant and a straight line there does clearly better', () => {
    const linear = trained({ toy: 'xor', noise: 0.1, depth: 0, maxEpochs: 200 });
    expect(linear.snap.accuracy).toBeLessThan(0.6);

    const { net, data, snap } = trained({ toy: 'xor', noise: 0.1, width: 2, depth: 1, activation: 'relu', learningRate: 0.03, maxEpochs: 300 });
    const n = data.labels.length;
    const h = forwardStages(net, data.x, n).post[0];
    expect(h.every((v) => v >= 0)).toBe(true);
    const projection = pairProjection(2, [0, 1]);
    const readout = projectedReadout(net.layers[1], projection);
    const points = projectPoints(h, n, projection);
    const segments = readoutBoundaries(readout, boundsOf(points, n, { includeOrigin: true }));
    expect(segments).toHaveLength(1);
    const accuracy = sideAccuracy(segments[0], points, data.labels, readout);
    expect(accuracy).toBeCloseTo(snap.accuracy, 9); // the line in h-space is the net's decision
    expect(accuracy).toBeGreaterThan(linear.snap.accuracy + 0.1);
  });

  it('circles: 4 ReLU units lift the rings apart; the read-out plane\'s straight line separates ≥ 97%', () => {
    const linear = trained({ toy: 'circles', depth: 0, maxEpochs: 200 });
    expect(linear.snap.accuracy).toBeLessThan(0.65);

    const { net, data } = trained({ toy: 'circles', width: 4, depth: 1, activation: 'relu', learningRate: 0.03, maxEpochs: 300 });
    const n = data.labels.length;
    const h = forwardStages(net, data.x, n).post[0];
    const projection = readoutProjection(net.layers[1], h, n);
    expect(projection.exact).toBe(true);
    const readout = projectedReadout(net.layers[1], projection);
    const points = projectPoints(h, n, projection);
    const segments = readoutBoundaries(readout, boundsOf(points, n));
    expect(segments).toHaveLength(1);
    expect(sideAccuracy(segments[0], points, data.labels, readout)).toBeGreaterThanOrEqual(0.97);
  });
});
