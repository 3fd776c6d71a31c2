/**
 * Space warping on real images: the validation images as points in a plane, in input
 * space and in the space of every hidden layer, at each saved epoch of a run. Each space
 * gets one PCA per run (input space: of the images; a hidden layer: of its activations
 * pooled over all the epochs shown), so the axes stay put while the scrubber moves and the
 * student sees the classes untangle layer by layer and epoch by epoch.
 *
 * With each picture goes a number: how often a point's nearest class centre in the plane
 * is its own class (nearest-centroid accuracy), which rises as the classes pull apart.
 */
import { fitPca, projectPca } from './pca';
import { forwardStages } from './warp';
import { warpNetOf } from './layer-health';
import type { LayerWeights, ModelSpec } from '../engine/types';

/** Rows of pooled activations a hidden space's PCA is fitted on at most (evenly spread over the epochs). */
const MAX_FIT_ROWS = 2000;
/**
 * Block multiplications per PCA at most: for a picture, a plane within a few degrees of the
 * exact one is as good, and near-equal variances (where iterations crawl) make any plane in
 * their span as good as another.
 */
export const WARP_PCA_OPTIONS = { maxIterations: 80, tolerance: 1e-9 } as const;

export interface ImageWarpOptions {
  /** awaited between the pieces of work (one per epoch and per fit), so a caller's event loop can breathe */
  pause?: () => Promise<void>;
}

export interface WarpFrameInput {
  epoch: number;
  checkpointId: number;
  layers: readonly LayerWeights[];
}

export interface WarpSpace {
  /** 'input' or 'hidden 1', 'hidden 2', … */
  name: string;
  /** dimensions of the space */
  width: number;
  /** share of the space's variance the plane shows (over the rows it was fitted on) */
  shown: number;
}

export interface WarpFrame {
  epoch: number;
  checkpointId: number;
  /** per space, the points [n × 2] */
  points: Float64Array[];
  /** per space, nearest-centroid accuracy in the plane */
  separation: number[];
}

export interface ImageWarp {
  spaces: WarpSpace[];
  frames: WarpFrame[];
}

/**
 * Projects the samples x [n × inputs] (normalised as the net sees them, labels [n]) through
 * each frame's weights. `frames` in epoch order; all of one model `spec`.
 */
export async function imageWarp(spec: ModelSpec, x: ArrayLike<number>, labels: ArrayLike<number>, n: number, frames: readonly WarpFrameInput[], options: ImageWarpOptions = {}): Promise<ImageWarp> {
  if (n < 1) throw new RangeError('space warping needs at least one sample');
  if (frames.length === 0) throw new RangeError('space warping needs at least one saved epoch');
  const pause = options.pause ?? (() => Promise.resolve());
  const stages: Float64Array[][] = [];
  for (const f of frames) {
    stages.push(forwardStages(warpNetOf(spec, f.layers), x, n).post);
    await pause();
  }
  const inputPca = fitPca(x, n, spec.inputSize, WARP_PCA_OPTIONS);
  await pause();
  const spaces: WarpSpace[] = [{ name: 'input', width: spec.inputSize, shown: shownShare(inputPca) }];
  const inputPoints = projectPca(inputPca, x, n);
  const perSpace: Float64Array[][] = [frames.map(() => inputPoints)];
  for (const [l, hidden] of spec.hidden.entries()) {
    const width = hidden.units;
    // pool the layer's activations over the epochs, thinned to MAX_FIT_ROWS rows
    const stride = Math.max(1, Math.ceil((frames.length * n) / MAX_FIT_ROWS));
    const pooled: number[] = [];
    for (let f = 0, row = 0; f < frames.length; f++) {
      for (let r = 0; r < n; r++, row++) {
        if (row % stride !== 0) continue;
        for (let k = 0; k < width; k++) pooled.push(stages[f][l][r * width + k]);
      }
    }
    const pca = fitPca(pooled, pooled.length / width, width, { ...WARP_PCA_OPTIONS, components: Math.min(2, width) });
    spaces.push({ name: `hidden ${l + 1}`, width, shown: shownShare(pca) });
    perSpace.push(stages.map((post) => asPlane(projectPca(pca, post[l], n), n, pca.components.length)));
    await pause();
  }
  return {
    spaces,
    frames: frames.map((f, i) => {
      const points = perSpace.map((space) => space[i]);
      return { epoch: f.epoch, checkpointId: f.checkpointId, points, separation: points.map((p) => nearestCentroidAccuracy(p, labels, n)) };
    }),
  };
}

function shownShare(pca: ReturnType<typeof fitPca>): number {
  return pca.totalVariance > 0 ? Math.min(1, pca.variances.reduce((s, v) => s + v, 0) / pca.totalVariance) : 0;
}

/** [n × k] coordinates as [n × 2] (a one-unit layer gets v = 0). */
function asPlane(coordinates: Float64Array, n: number, k: number): Float64Array {
  if (k === 2) return coordinates;
  const out = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) out[2 * r] = coordinates[r * k];
  return out;
}

/** Share of points [n × 2] whose nearest class mean (Euclidean) is their own class's. */
export function nearestCentroidAccuracy(points: ArrayLike<number>, labels: ArrayLike<number>, n: number): number {
  const sums = new Map<number, [number, number, number]>();
  for (let r = 0; r < n; r++) {
    const s = sums.get(labels[r]) ?? [0, 0, 0];
    s[0] += points[2 * r];
    s[1] += points[2 * r + 1];
    s[2]++;
    sums.set(labels[r], s);
  }
  const centers = [...sums].map(([label, [u, v, count]]) => ({ label, u: u / count, v: v / count }));
  let correct = 0;
  for (let r = 0; r < n; r++) {
    let best = centers[0];
    let bestDistance = Infinity;
    for (const c of centers) {
      const d = (points[2 * r] - c.u) ** 2 + (points[2 * r + 1] - c.v) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    if (best.label === labels[r]) correct++;
  }
  return correct / n;
}
