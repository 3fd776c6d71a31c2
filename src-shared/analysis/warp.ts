/**
 * "Space warping": the geometry behind the picture of a 2-D toy problem going through a
 * fully connected net.
 *
 *   x ∈ ℝ²  ──W1 x + b1──▶  z1  ──act──▶  h1  ── … ──▶  h_L  ──W_out h + b_out──▶  scores
 *
 * W x + b rotates, stretches and shifts the plane (straight grid lines stay straight);
 * the activation bends it (ReLU folds everything negative onto the axes, into the first
 * quadrant); the last layer is linear, so in the space of the last hidden layer the
 * classes are split by straight lines. Pulled back through the net, those straight lines
 * become the curved decision boundary in input space.
 *
 * Everything here is plain float64 arithmetic on points, in the engine's layout: a dense
 * layer's W is [inputs × units] row-major and a point is a row, so z = x·W + b (the
 * textbook W x + b with W transposed).
 */
import { activationFor } from '../engine/activations';
import { applyFeatures, featureSize, type FeatureTransform } from '../features/transforms';
import type { ActivationKind } from '../engine/types';
import type { WeightMatrix } from './units';

/** One dense layer's parameters: W [inputs × units] row-major, b [units]. */
export interface DenseParams extends WeightMatrix {
  b: ArrayLike<number>;
}

export interface WarpActivation {
  kind: ActivationKind;
  /** Leaky ReLU slope below zero */
  alpha?: number;
}

/** Dense layers with an activation after every one but the last (the class scores). */
export interface WarpNet {
  layers: readonly DenseParams[];
  /** [layers.length − 1] */
  activations: readonly WarpActivation[];
  /** a fixed feature transform φ the first layer reads (x → φ(x) → W1 φ + b1 → …) */
  features?: FeatureTransform;
}

/** Values per input point: 2 for the toy plane (φ takes them to featureSize). */
export function netInputSize(net: WarpNet): number {
  return net.features ? 2 : net.layers[0].inputs;
}

export interface Stages {
  /** number of points */
  n: number;
  /** φ(x), [n × featureSize], when the net has a feature transform */
  features: Float64Array | null;
  /** per hidden layer l: z_l = h_{l−1}·W_l + b_l, [n × units_l] */
  pre: Float64Array[];
  /** per hidden layer l: h_l = act(z_l), [n × units_l] */
  post: Float64Array[];
  /** class scores, [n × classes] */
  scores: Float64Array;
}

export function checkNet(net: WarpNet): void {
  if (net.layers.length === 0) throw new RangeError('a net needs at least one layer');
  if (net.activations.length !== net.layers.length - 1) {
    throw new RangeError(`${net.layers.length} layers need ${net.layers.length - 1} activations, got ${net.activations.length}`);
  }
  if (net.features && net.layers[0].inputs !== featureSize(net.features)) {
    throw new RangeError(`layer 1 takes ${net.layers[0].inputs} inputs but the ${net.features.kind} features give ${featureSize(net.features)}`);
  }
  net.layers.forEach((layer, i) => {
    if (layer.w.length !== layer.inputs * layer.units || layer.b.length !== layer.units) {
      throw new RangeError(`layer ${i + 1}: ${layer.inputs}×${layer.units} needs ${layer.inputs * layer.units} weights and ${layer.units} biases, got ${layer.w.length} and ${layer.b.length}`);
    }
    if (i > 0 && layer.inputs !== net.layers[i - 1].units) {
      throw new RangeError(`layer ${i + 1} takes ${layer.inputs} inputs but layer ${i} gives ${net.layers[i - 1].units}`);
    }
  });
}

/** z = x·W + b for n rows of x [n × inputs]; returns [n × units]. */
export function affine(layer: DenseParams, x: ArrayLike<number>, n: number): Float64Array {
  const { inputs, units, w, b } = layer;
  if (x.length < n * inputs) throw new RangeError(`affine: ${n} points × ${inputs} inputs need ${n * inputs} values, got ${x.length}`);
  const z = new Float64Array(n * units);
  for (let r = 0; r < n; r++) {
    const zr = r * units;
    for (let j = 0; j < units; j++) z[zr + j] = b[j];
    for (let i = 0; i < inputs; i++) {
      const xi = x[r * inputs + i];
      const wi = i * units;
      for (let j = 0; j < units; j++) z[zr + j] += xi * w[wi + j];
    }
  }
  return z;
}

/** Every intermediate of the forward pass for n points x [n × inputs]. */
export function forwardStages(net: WarpNet, x: ArrayLike<number>, n: number): Stages {
  checkNet(net);
  const pre: Float64Array[] = [];
  const post: Float64Array[] = [];
  let features: Float64Array | null = null;
  if (net.features) {
    features = new Float64Array(n * featureSize(net.features));
    applyFeatures(net.features, x, n, features);
  }
  let h: ArrayLike<number> = features ?? x;
  net.activations.forEach((act, l) => {
    const z = affine(net.layers[l], h, n);
    const a = new Float64Array(z.length);
    activationFor(act.kind, act.alpha).forward(z, a, z.length);
    pre.push(z);
    post.push(a);
    h = a;
  });
  return { n, features, pre, post, scores: affine(net.layers[net.layers.length - 1], h, n) };
}

/** Class with the highest score per row of scores [n × classes]. */
export function argmaxRows(scores: ArrayLike<number>, n: number, classes: number): Int32Array {
  const out = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[r * classes + c] > scores[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}

// ---------------------------------------------------------------- planes

export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * The box around points [n × 2] (finite ones), grown by `pad` of its size on every side;
 * `includeOrigin` keeps (0, 0) inside (to show ReLU's axes). A degenerate side gets width 1.
 */
export function boundsOf(points: ArrayLike<number>, n: number, options: { pad?: number; includeOrigin?: boolean } = {}): Bounds {
  const pad = options.pad ?? 0.1;
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let r = 0; r < n; r++) {
    const x = points[2 * r];
    const y = points[2 * r + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xMin = Math.min(xMin, x); xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y); yMax = Math.max(yMax, y);
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  if (options.includeOrigin) {
    xMin = Math.min(xMin, 0); xMax = Math.max(xMax, 0);
    yMin = Math.min(yMin, 0); yMax = Math.max(yMax, 0);
  }
  const grow = (lo: number, hi: number): [number, number] => {
    const size = hi - lo;
    if (!(size > 1e-9)) return [lo - 0.5, hi + 0.5];
    return [lo - pad * size, hi + pad * size];
  };
  [xMin, xMax] = grow(xMin, xMax);
  [yMin, yMax] = grow(yMin, yMax);
  return { xMin, xMax, yMin, yMax };
}

export interface GridLines {
  /** all polylines' points, [lines × samplesPerLine × 2]: first the vertical lines (x fixed), then the horizontal ones */
  points: Float64Array;
  /** vertical lines (the same number of horizontal ones follows) */
  perDirection: number;
  samplesPerLine: number;
}

/** `perDirection` vertical and as many horizontal straight lines across `bounds`, each sampled at `samplesPerLine` points. */
export function gridLines(bounds: Bounds, perDirection: number, samplesPerLine: number): GridLines {
  if (!(Number.isInteger(perDirection) && perDirection >= 2 && Number.isInteger(samplesPerLine) && samplesPerLine >= 2)) {
    throw new RangeError(`grid needs ≥ 2 lines and ≥ 2 samples per line, got ${perDirection} and ${samplesPerLine}`);
  }
  const { xMin, xMax, yMin, yMax } = bounds;
  const points = new Float64Array(2 * perDirection * samplesPerLine * 2);
  let o = 0;
  for (const vertical of [true, false]) {
    for (let k = 0; k < perDirection; k++) {
      const fixed = k / (perDirection - 1);
      for (let s = 0; s < samplesPerLine; s++) {
        const along = s / (samplesPerLine - 1);
        const fx = vertical ? fixed : along;
        const fy = vertical ? along : fixed;
        points[o++] = xMin + fx * (xMax - xMin);
        points[o++] = yMin + fy * (yMax - yMin);
      }
    }
  }
  return { points, perDirection, samplesPerLine };
}

export interface Regions {
  cols: number;
  rows: number;
  /** winning class per cell, [rows × cols], row 0 at the top (yMax) */
  classes: Uint8Array;
  /** softmax probability of the winning class per cell, [rows × cols] */
  confidence: Float32Array;
}

/** Centres of a cols × rows raster over `bounds`, row 0 at the top, as points [rows·cols × 2]. */
export function rasterPoints(bounds: Bounds, cols: number, rows: number): Float64Array {
  const pts = new Float64Array(cols * rows * 2);
  for (let r = 0; r < rows; r++) {
    const y = bounds.yMax - ((r + 0.5) / rows) * (bounds.yMax - bounds.yMin);
    for (let c = 0; c < cols; c++) {
      const o = 2 * (r * cols + c);
      pts[o] = bounds.xMin + ((c + 0.5) / cols) * (bounds.xMax - bounds.xMin);
      pts[o + 1] = y;
    }
  }
  return pts;
}

function regionsFromScores(scores: Float64Array, cols: number, rows: number, classes: number): Regions {
  const cells = cols * rows;
  const winners = new Uint8Array(cells);
  const confidence = new Float32Array(cells);
  for (let p = 0; p < cells; p++) {
    const o = p * classes;
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores[o + c] > scores[o + best]) best = c;
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(scores[o + c] - scores[o + best]);
    winners[p] = best;
    confidence[p] = 1 / sum;
  }
  return { cols, rows, classes: winners, confidence };
}

/** The net's decision over the input plane: the class it picks at each raster cell. */
export function decisionRegions(net: WarpNet, bounds: Bounds, cols: number, rows: number): Regions {
  if (netInputSize(net) !== 2) throw new RangeError(`decision regions need a net with 2 inputs, got ${netInputSize(net)}`);
  const { scores } = forwardStages(net, rasterPoints(bounds, cols, rows), cols * rows);
  return regionsFromScores(scores, cols, rows, net.layers[net.layers.length - 1].units);
}

// ---------------------------------------------------------------- a plane through hidden space

/**
 * A plane through a `width`-dimensional space, h ≈ origin + u·e1 + v·e2, with orthonormal
 * e1, e2; a point's plane coordinates are u = (h − origin)·e1, v = (h − origin)·e2.
 * With two hidden units the plane is the whole space (the pair (0, 1), origin 0).
 */
export interface PlaneProjection {
  width: number;
  origin: Float64Array;
  e1: Float64Array;
  e2: Float64Array;
  /**
   * true when the read-out's decision is the same at every point as at its projection
   * (the plane holds every direction the class scores differ along), so the regions and
   * lines drawn in the plane are the net's own
   */
  exact: boolean;
}

/**
 * The plane of hidden units `pair` = (i, j): u = h_i, v = h_j, every other unit k held at
 * rest[k] (e.g. its mean over the data). Exact only with two units.
 */
export function pairProjection(width: number, pair: readonly [number, number], rest?: ArrayLike<number>): PlaneProjection {
  const [i, j] = pair;
  if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && i < width && j >= 0 && j < width && i !== j)) {
    throw new RangeError(`unit pair (${i}, ${j}) must be two different units of 0..${width - 1}`);
  }
  if (width > 2 && (!rest || rest.length !== width)) throw new RangeError(`a plane through ${width} units needs a rest value for each of them`);
  const origin = new Float64Array(width);
  for (let k = 0; k < width; k++) if (k !== i && k !== j) origin[k] = rest![k];
  const e1 = new Float64Array(width);
  const e2 = new Float64Array(width);
  e1[i] = 1;
  e2[j] = 1;
  return { width, origin, e1, e2, exact: width === 2 };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** Removes from v its components along each (unit) vector of `basis`, then scales it to length 1; null if nothing is left. */
function orthonormalize(v: Float64Array, basis: readonly Float64Array[]): Float64Array | null {
  const out = Float64Array.from(v);
  const before = Math.sqrt(dot(out, out));
  for (let pass = 0; pass < 2; pass++) {
    for (const e of basis) {
      const d = dot(out, e);
      for (let k = 0; k < out.length; k++) out[k] -= d * e[k];
    }
  }
  const norm = Math.sqrt(dot(out, out));
  if (!(norm > 1e-9 * Math.max(1, before))) return null;
  for (let k = 0; k < out.length; k++) out[k] /= norm;
  return out;
}

/**
 * The direction of largest spread of rows [n × width] around `center`, orthogonal to every
 * vector of `basis` (power iteration on the covariance, deterministic start).
 */
function principalDirection(values: ArrayLike<number>, n: number, width: number, center: Float64Array, basis: readonly Float64Array[]): Float64Array | null {
  const cov = new Float64Array(width * width);
  const d = new Float64Array(width);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < width; k++) d[k] = values[r * width + k] - center[k];
    for (let a = 0; a < width; a++) for (let b = 0; b < width; b++) cov[a * width + b] += d[a] * d[b];
  }
  let v: Float64Array | null = Float64Array.from({ length: width }, (_, k) => 1 + k / width);
  v = orthonormalize(v, basis);
  for (let iter = 0; iter < 200 && v; iter++) {
    const next = new Float64Array(width);
    for (let a = 0; a < width; a++) for (let b = 0; b < width; b++) next[a] += cov[a * width + b] * v[b];
    v = orthonormalize(next, basis) ?? v;
  }
  return v;
}

/** Any unit vector orthogonal to `basis` (the first coordinate axis that is not spanned). */
function anyOrthogonal(width: number, basis: readonly Float64Array[]): Float64Array {
  for (let k = 0; k < width; k++) {
    const axis = new Float64Array(width);
    axis[k] = 1;
    const v = orthonormalize(axis, basis);
    if (v) return v;
  }
  throw new RangeError(`no direction left in ${width} dimensions`);
}

/**
 * The plane of hidden space that shows the read-out `layer` best, centred on the mean of
 * the points `hidden` [n × width]. Class scores s = h·W + b only differ along the
 * directions w_a − w_b; with 2 classes that is one direction (the plane adds the points'
 * widest spread across it), with 3 classes two, so in both cases the plane holds them all
 * and is exact. With more classes it takes the two main directions of the differences and
 * holds the other coordinates at the mean (not exact).
 */
export function readoutProjection(layer: DenseParams, hidden: ArrayLike<number>, n: number): PlaneProjection {
  const { inputs: width, units: classes, w } = layer;
  if (width < 2) throw new RangeError(`a plane needs at least 2 hidden units, got ${width}`);
  const origin = columnMeans(hidden, n, width);
  // column c of W (class c's weights over the units), minus the last class's
  const diffs: Float64Array[] = [];
  for (let c = 0; c < classes - 1; c++) diffs.push(Float64Array.from({ length: width }, (_, k) => w[k * classes + c] - w[k * classes + classes - 1]));
  const basis: Float64Array[] = [];
  if (classes <= 3) {
    for (const d of diffs) {
      const e = orthonormalize(d, basis);
      if (e && basis.length < 2) basis.push(e);
    }
  } else {
    // the two main directions of the class differences, centred
    const flat = Float64Array.from(diffs.flatMap((d) => Array.from(d)));
    const mean = columnMeans(flat, diffs.length, width);
    while (basis.length < 2) {
      const e = principalDirection(flat, diffs.length, width, mean, basis);
      if (!e) break;
      basis.push(e);
    }
  }
  const exact = classes <= 3 && basis.length === Math.min(2, classes - 1);
  while (basis.length < 2) basis.push(principalDirection(hidden, n, width, origin, basis) ?? anyOrthogonal(width, basis));
  return { width, origin, e1: basis[0], e2: basis[1], exact };
}

/**
 * The plane of widest spread of the points `values` [n × width] through their mean: the
 * first two principal directions (for a layer whose read-out is not linear, there is no
 * boundary to align with). Not exact: the other directions are dropped.
 */
export function principalProjection(values: ArrayLike<number>, n: number, width: number): PlaneProjection {
  if (width < 2) throw new RangeError(`a plane needs at least 2 dimensions, got ${width}`);
  const origin = columnMeans(values, n, width);
  const basis: Float64Array[] = [];
  while (basis.length < 2) basis.push(principalDirection(values, n, width, origin, basis) ?? anyOrthogonal(width, basis));
  return { width, origin, e1: basis[0], e2: basis[1], exact: false };
}

/** Plane coordinates (u, v) of rows [n × width], as points [n × 2]. */
export function projectPoints(values: ArrayLike<number>, n: number, projection: PlaneProjection): Float64Array {
  const { width, origin, e1, e2 } = projection;
  if (values.length < n * width) throw new RangeError(`${n} points × ${width} values need ${n * width}, got ${values.length}`);
  const out = new Float64Array(n * 2);
  for (let r = 0; r < n; r++) {
    let u = 0;
    let v = 0;
    for (let k = 0; k < width; k++) {
      const d = values[r * width + k] - origin[k];
      u += d * e1[k];
      v += d * e2[k];
    }
    out[2 * r] = u;
    out[2 * r + 1] = v;
  }
  return out;
}

// ---------------------------------------------------------------- the linear read-out in a plane

/**
 * An affine map of a plane onto class scores: s(u, v) = u·w[0, :] + v·w[1, :] + b,
 * w [2 × classes]. The last layer of a net seen in a plane of its input.
 */
export interface PlaneReadout {
  classes: number;
  w: Float64Array;
  b: Float64Array;
}

/** The read-out `layer` (s = h·W + b) on the plane: s(u, v) = (origin + u·e1 + v·e2)·W + b. */
export function projectedReadout(layer: DenseParams, projection: PlaneProjection): PlaneReadout {
  const { inputs: width, units: classes, w } = layer;
  if (projection.width !== width) throw new RangeError(`the plane is in ${projection.width} dimensions, the read-out takes ${width}`);
  const pw = new Float64Array(2 * classes);
  const pb = Float64Array.from(layer.b);
  for (let c = 0; c < classes; c++) {
    for (let k = 0; k < width; k++) {
      const wkc = w[k * classes + c];
      pw[c] += projection.e1[k] * wkc;
      pw[classes + c] += projection.e2[k] * wkc;
      pb[c] += projection.origin[k] * wkc;
    }
  }
  return { classes, w: pw, b: pb };
}

/** A single linear layer on 2 inputs (e.g. the collapsed identity net) as a plane read-out. */
export function inputReadout(layer: DenseParams): PlaneReadout {
  if (layer.inputs !== 2) throw new RangeError(`an input-plane read-out needs 2 inputs, got ${layer.inputs}`);
  return { classes: layer.units, w: Float64Array.from(layer.w), b: Float64Array.from(layer.b) };
}

/** Scores of a plane read-out at points [n × 2]. */
export function readoutScores(readout: PlaneReadout, points: ArrayLike<number>, n: number): Float64Array {
  return affine({ inputs: 2, units: readout.classes, w: readout.w, b: readout.b }, points, n);
}

/** Where each class wins under a plane read-out, over a raster of `bounds`. */
export function readoutRegions(readout: PlaneReadout, bounds: Bounds, cols: number, rows: number): Regions {
  return regionsFromScores(readoutScores(readout, rasterPoints(bounds, cols, rows), cols * rows), cols, rows, readout.classes);
}

export interface BoundarySegment {
  /** the two classes tied along it */
  a: number;
  b: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The exact decision boundary of a plane read-out inside `bounds`: for each pair of classes
 * (a, b) the straight line s_a = s_b, cut to the stretch where a and b beat every other
 * class. Along a line every score difference is linear in the line parameter, so that
 * stretch is an interval and each pair gives at most one segment.
 */
export function readoutBoundaries(readout: PlaneReadout, bounds: Bounds): BoundarySegment[] {
  const { classes, w, b } = readout;
  const score = (c: number, u: number, v: number) => u * w[c] + v * w[classes + c] + b[c];
  const segments: BoundarySegment[] = [];
  const scale = Math.max(bounds.xMax - bounds.xMin, bounds.yMax - bounds.yMin);
  for (let a = 0; a < classes; a++) {
    for (let c2 = a + 1; c2 < classes; c2++) {
      // α u + β v + γ = 0
      const alpha = w[a] - w[c2];
      const beta = w[classes + a] - w[classes + c2];
      const gamma = b[a] - b[c2];
      if (Math.hypot(alpha, beta) * scale < 1e-12 * (1 + Math.abs(gamma))) continue;
      // a long segment along the line through the box's region: p(t) = p0 + t·(p1 − p0)
      const cx = (bounds.xMin + bounds.xMax) / 2;
      const cy = (bounds.yMin + bounds.yMax) / 2;
      const norm2 = alpha * alpha + beta * beta;
      const off = (alpha * cx + beta * cy + gamma) / norm2; // foot of the perpendicular from the centre
      const fx = cx - alpha * off;
      const fy = cy - beta * off;
      const len = Math.sqrt(norm2);
      const dx = (-beta / len) * scale * 2;
      const dy = (alpha / len) * scale * 2;
      const x0 = fx - dx, y0 = fy - dy;
      const ex = 2 * dx, ey = 2 * dy;
      // constraints g0 + g1·t ≥ 0: inside the box, and a beats every other class
      let lo = 0;
      let hi = 1;
      const keep = (g0: number, g1: number) => {
        if (Math.abs(g1) < 1e-15) {
          if (g0 < 0) hi = -Infinity;
          return;
        }
        const t = -g0 / g1;
        if (g1 > 0) lo = Math.max(lo, t);
        else hi = Math.min(hi, t);
      };
      keep(x0 - bounds.xMin, ex);
      keep(bounds.xMax - x0, -ex);
      keep(y0 - bounds.yMin, ey);
      keep(bounds.yMax - y0, -ey);
      for (let other = 0; other < classes; other++) {
        if (other === a || other === c2) continue;
        const g0 = score(a, x0, y0) - score(other, x0, y0);
        const g1 = score(a, x0 + ex, y0 + ey) - score(other, x0 + ex, y0 + ey) - g0;
        keep(g0, g1);
      }
      if (!(hi > lo)) continue;
      segments.push({ a, b: c2, x0: x0 + lo * ex, y0: y0 + lo * ey, x1: x0 + hi * ex, y1: y0 + hi * ey });
    }
  }
  return segments;
}

/** Mean of each column of rows [n × width]. */
export function columnMeans(values: ArrayLike<number>, n: number, width: number): Float64Array {
  const means = new Float64Array(width);
  if (n === 0) return means;
  for (let r = 0; r < n; r++) for (let k = 0; k < width; k++) means[k] += values[r * width + k];
  for (let k = 0; k < width; k++) means[k] /= n;
  return means;
}

// ---------------------------------------------------------------- morph

/**
 * Points on their way through `stages` (each [n × 2], e.g. input → z1 → h1) at time
 * t ∈ [0, 1]: each hop takes an equal share of the time and moves every point along a
 * straight line, so x → W x + b is a smooth shear-and-turn and z → ReLU(z) the fold.
 */
export function morph(stages: readonly ArrayLike<number>[], t: number, out?: Float64Array): Float64Array {
  if (stages.length === 0) throw new RangeError('morph needs at least one stage');
  const length = stages[0].length;
  for (const s of stages) if (s.length !== length) throw new RangeError(`morph stages must have equal lengths, got ${s.length} and ${length}`);
  const result = out ?? new Float64Array(length);
  const hops = stages.length - 1;
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const position = clamped * hops;
  const k = Math.min(hops - 1, Math.floor(position));
  if (hops === 0) {
    for (let i = 0; i < length; i++) result[i] = stages[0][i];
    return result;
  }
  const f = position - k;
  const from = stages[k];
  const to = stages[k + 1];
  for (let i = 0; i < length; i++) result[i] = (1 - f) * from[i] + f * to[i];
  return result;
}

// ---------------------------------------------------------------- collapse without non-linearity

/**
 * With identity activations the net is one affine map: x·W1·W2·…·WL + b with
 * b = ((b1·W2 + b2)·W3 + b3)·… . Returns it as a single layer [inputs × classes], in
 * float64. Only meaningful when every activation is the identity; callers check.
 */
export function collapseLinear(layers: readonly DenseParams[]): DenseParams & { w: Float64Array; b: Float64Array } {
  if (layers.length === 0) throw new RangeError('collapse needs at least one layer');
  let w = Float64Array.from(layers[0].w);
  let b = Float64Array.from(layers[0].b);
  const inputs = layers[0].inputs;
  let units = layers[0].units;
  for (let l = 1; l < layers.length; l++) {
    const next = layers[l];
    if (next.inputs !== units) throw new RangeError(`layer ${l + 1} takes ${next.inputs} inputs but layer ${l} gives ${units}`);
    const nw = new Float64Array(inputs * next.units);
    for (let i = 0; i < inputs; i++) {
      for (let k = 0; k < units; k++) {
        const wik = w[i * units + k];
        for (let j = 0; j < next.units; j++) nw[i * next.units + j] += wik * next.w[k * next.units + j];
      }
    }
    const nb = Float64Array.from(next.b);
    for (let k = 0; k < units; k++) for (let j = 0; j < next.units; j++) nb[j] += b[k] * next.w[k * next.units + j];
    w = nw;
    b = nb;
    units = next.units;
  }
  return { inputs, units, w, b };
}

/** True when the net has no non-linearity at all (no feature transform, every hidden activation the identity). */
export function isLinearNet(net: WarpNet): boolean {
  return !net.features && net.activations.every((a) => a.kind === 'identity');
}
