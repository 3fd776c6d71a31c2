/**
 * Fixed feature transforms φ: a model with one computes s = f(φ(x)) instead of f(x). φ has
 * no weights; it is part of the model (training, predict and every export apply it), so a
 * trained model always reads the raw input it was trained on.
 *
 * The point (CONCEPTS §2): data with no linear boundary in input space can have one after
 * the right fixed transform. Two concentric rings are not linearly separable in (x, y),
 * but in polar coordinates (r, θ) the line r = const splits them.
 *
 * 2-D points (x, y):
 *   polar        (r, θ) = (√(x² + y²), atan2(y, x)), θ ∈ [−π, π]
 *   polynomial   (x, y, x², y², x·y): every conic is a straight line here
 *   sincos       (sin πx, cos πx, sin πy, cos πy): periodic features (stripes, checkerboards)
 * Images (H×W×C, channels interleaved, values in [0, 1] so pixels must be scaled, not centred):
 *   color-histogram  per channel, the share of pixels in each of `bins` equal bins of [0, 1]
 *   hog              grey level = channel mean; gradients by centred differences; per cell
 *                    of cell×cell pixels a histogram of unsigned gradient orientation
 *                    (bins over [0, π)) weighted by gradient magnitude, scaled to unit length
 *
 * Layout as everywhere in the engine: a batch is rows, x [n × inputSize] → φ [n × featureSize].
 * The 2-D transforms are differentiable (backward gives dL/dx, checked by centred
 * differences); the image ones are step functions of the pixels and have no input gradient.
 */
import { z } from 'zod';

type FloatArray = Float32Array | Float64Array;

const imageShape = {
  width: z.number().int().min(1).max(4096),
  height: z.number().int().min(1).max(4096),
  channels: z.union([z.literal(1), z.literal(3)]),
};

export const featureTransformSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('polar') }),
  z.object({ kind: z.literal('polynomial') }),
  z.object({ kind: z.literal('sincos') }),
  z.object({ kind: z.literal('color-histogram'), ...imageShape, bins: z.number().int().min(2).max(256) }),
  z.object({ kind: z.literal('hog'), ...imageShape, cell: z.number().int().min(2).max(256), bins: z.number().int().min(2).max(36) }),
]);

export type FeatureTransform = z.infer<typeof featureTransformSchema>;
export type FeatureKind = FeatureTransform['kind'];

export const POINT_FEATURES = ['polar', 'polynomial', 'sincos'] as const;
export const IMAGE_FEATURES = ['color-histogram', 'hog'] as const;
export type PointFeatureKind = (typeof POINT_FEATURES)[number];
export type ImageFeatureKind = (typeof IMAGE_FEATURES)[number];

/** Defaults of the image transforms: 8 bins per channel; 8×8-pixel cells with 9 orientation bins (Dalal & Triggs). */
export const DEFAULT_HISTOGRAM_BINS = 8;
export const DEFAULT_HOG_CELL = 8;
export const DEFAULT_HOG_BINS = 9;

/** One line per transform, for help texts and the form. */
export const featureDescriptions: Record<FeatureKind, string> = {
  polar: '2-D: polar coordinates (r, θ)',
  polynomial: '2-D: degree-2 polynomial (x, y, x², y², xy)',
  sincos: '2-D: (sin πx, cos πx, sin πy, cos πy)',
  'color-histogram': `images: color histogram, ${DEFAULT_HISTOGRAM_BINS} bins per channel`,
  hog: `images: histogram of oriented gradients, ${DEFAULT_HOG_CELL}×${DEFAULT_HOG_CELL}-pixel cells, ${DEFAULT_HOG_BINS} orientations`,
};

export function isImageFeature(t: FeatureTransform): t is Extract<FeatureTransform, { kind: ImageFeatureKind }> {
  return t.kind === 'color-histogram' || t.kind === 'hog';
}

/** The transform `kind` for inputs of this shape (image kinds take their shape from it). */
export function featureTransform(
  kind: FeatureKind, input: { kind: 'vector' } | { kind: 'image'; width: number; height: number; channels: 1 | 3 },
): FeatureTransform {
  if (kind === 'polar' || kind === 'polynomial' || kind === 'sincos') return { kind };
  if (input.kind !== 'image') throw new RangeError(`the ${kind} features are for images, not 2-D points`);
  const { width, height, channels } = input;
  return kind === 'hog'
    ? { kind, width, height, channels, cell: DEFAULT_HOG_CELL, bins: DEFAULT_HOG_BINS }
    : { kind, width, height, channels, bins: DEFAULT_HISTOGRAM_BINS };
}

/** What is wrong with using `t` on inputs of `inputSize` values, or null. */
export function featureProblem(t: FeatureTransform, inputSize: number): string | null {
  if (!isImageFeature(t)) return inputSize === 2 ? null : `the ${t.kind} features are for 2-D points, the input has ${inputSize} values`;
  const size = t.width * t.height * t.channels;
  if (size !== inputSize) return `the ${t.kind} features are set up for ${t.width}×${t.height}×${t.channels} = ${size} values, the input has ${inputSize}`;
  if (t.kind === 'hog' && (t.width < t.cell || t.height < t.cell)) {
    return `HOG cells of ${t.cell}×${t.cell} pixels do not fit a ${t.width}×${t.height} image`;
  }
  return null;
}

/** Number of features φ(x) has. */
export function featureSize(t: FeatureTransform): number {
  switch (t.kind) {
    case 'polar': return 2;
    case 'polynomial': return 5;
    case 'sincos': return 4;
    case 'color-histogram': return t.channels * t.bins;
    case 'hog': return Math.floor(t.width / t.cell) * Math.floor(t.height / t.cell) * t.bins;
  }
}

/** Names of the features, in order ("r", "θ"; "x²"; "R bin 3"; "cell (0,1) 20°"). */
export function featureNames(t: FeatureTransform): string[] {
  switch (t.kind) {
    case 'polar': return ['r', 'θ'];
    case 'polynomial': return ['x', 'y', 'x²', 'y²', 'xy'];
    case 'sincos': return ['sin πx', 'cos πx', 'sin πy', 'cos πy'];
    case 'color-histogram': {
      const channel = t.channels === 1 ? ['gray'] : ['R', 'G', 'B'];
      return channel.flatMap((c) => Array.from({ length: t.bins }, (_, b) => `${c} bin ${b + 1}`));
    }
    case 'hog': {
      const cols = Math.floor(t.width / t.cell);
      const rows = Math.floor(t.height / t.cell);
      const names: string[] = [];
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) for (let b = 0; b < t.bins; b++) names.push(`cell (${r},${c}) ${Math.round((180 * (b + 0.5)) / t.bins)}°`);
      return names;
    }
  }
}

/** φ(x) for n rows x [n × inputSize] into out [n × featureSize]. */
export function applyFeatures(t: FeatureTransform, x: ArrayLike<number>, n: number, out: FloatArray): void {
  switch (t.kind) {
    case 'polar':
      for (let r = 0; r < n; r++) {
        const px = x[2 * r], py = x[2 * r + 1];
        out[2 * r] = Math.hypot(px, py);
        out[2 * r + 1] = Math.atan2(py, px);
      }
      return;
    case 'polynomial':
      for (let r = 0; r < n; r++) {
        const px = x[2 * r], py = x[2 * r + 1], o = 5 * r;
        out[o] = px;
        out[o + 1] = py;
        out[o + 2] = px * px;
        out[o + 3] = py * py;
        out[o + 4] = px * py;
      }
      return;
    case 'sincos':
      for (let r = 0; r < n; r++) {
        const ax = Math.PI * x[2 * r], ay = Math.PI * x[2 * r + 1], o = 4 * r;
        out[o] = Math.sin(ax);
        out[o + 1] = Math.cos(ax);
        out[o + 2] = Math.sin(ay);
        out[o + 3] = Math.cos(ay);
      }
      return;
    case 'color-histogram':
      colorHistogram(t, x, n, out);
      return;
    case 'hog':
      orientedGradients(t, x, n, out);
      return;
  }
}

/**
 * dL/dx [n × 2] from dL/dφ for the 2-D transforms, at the points x it was applied to.
 * Polar at the origin (where θ jumps) takes the one-sided limit 0.
 */
export function featureInputGradient(t: FeatureTransform, x: ArrayLike<number>, n: number, dPhi: ArrayLike<number>, dx: FloatArray): void {
  switch (t.kind) {
    case 'polar':
      for (let r = 0; r < n; r++) {
        const px = x[2 * r], py = x[2 * r + 1];
        const r2 = px * px + py * py;
        const radius = Math.sqrt(r2);
        const dr = dPhi[2 * r], dTheta = dPhi[2 * r + 1];
        // ∂r/∂x = x/r, ∂r/∂y = y/r; ∂θ/∂x = −y/r², ∂θ/∂y = x/r²
        dx[2 * r] = radius > 0 ? (dr * px) / radius - (dTheta * py) / r2 : 0;
        dx[2 * r + 1] = radius > 0 ? (dr * py) / radius + (dTheta * px) / r2 : 0;
      }
      return;
    case 'polynomial':
      for (let r = 0; r < n; r++) {
        const px = x[2 * r], py = x[2 * r + 1], o = 5 * r;
        dx[2 * r] = dPhi[o] + 2 * px * dPhi[o + 2] + py * dPhi[o + 4];
        dx[2 * r + 1] = dPhi[o + 1] + 2 * py * dPhi[o + 3] + px * dPhi[o + 4];
      }
      return;
    case 'sincos':
      for (let r = 0; r < n; r++) {
        const ax = Math.PI * x[2 * r], ay = Math.PI * x[2 * r + 1], o = 4 * r;
        dx[2 * r] = Math.PI * (Math.cos(ax) * dPhi[o] - Math.sin(ax) * dPhi[o + 1]);
        dx[2 * r + 1] = Math.PI * (Math.cos(ay) * dPhi[o + 2] - Math.sin(ay) * dPhi[o + 3]);
      }
      return;
    case 'color-histogram':
    case 'hog':
      throw new RangeError(`the ${t.kind} features count pixels into bins, a step function with no input gradient`);
  }
}

/** Bin of a value in [0, 1] split into `bins` equal parts (values outside are clamped; 1 goes into the last bin). */
function binOf(value: number, bins: number): number {
  const b = Math.floor(value * bins);
  return b < 0 ? 0 : b >= bins ? bins - 1 : b;
}

function colorHistogram(t: Extract<FeatureTransform, { kind: 'color-histogram' }>, x: ArrayLike<number>, n: number, out: FloatArray): void {
  const { channels, bins } = t;
  const pixels = t.width * t.height;
  const size = pixels * channels;
  const features = channels * bins;
  for (let r = 0; r < n; r++) {
    const o = r * features;
    for (let k = 0; k < features; k++) out[o + k] = 0;
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < channels; c++) out[o + c * bins + binOf(x[r * size + p * channels + c], bins)] += 1 / pixels;
    }
  }
}

function orientedGradients(t: Extract<FeatureTransform, { kind: 'hog' }>, x: ArrayLike<number>, n: number, out: FloatArray): void {
  const { width, height, channels, cell, bins } = t;
  const cols = Math.floor(width / cell);
  const rows = Math.floor(height / cell);
  const size = width * height * channels;
  const features = rows * cols * bins;
  const gray = new Float64Array(width * height);
  for (let r = 0; r < n; r++) {
    for (let p = 0; p < width * height; p++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += x[r * size + p * channels + c];
      gray[p] = sum / channels;
    }
    const o = r * features;
    for (let k = 0; k < features; k++) out[o + k] = 0;
    for (let cy = 0; cy < rows; cy++) {
      for (let cx = 0; cx < cols; cx++) {
        const base = o + (cy * cols + cx) * bins;
        for (let py = cy * cell; py < (cy + 1) * cell; py++) {
          for (let px = cx * cell; px < (cx + 1) * cell; px++) {
            // centred differences, one-sided at the image border
            const gx = gray[py * width + Math.min(width - 1, px + 1)] - gray[py * width + Math.max(0, px - 1)];
            const gy = gray[Math.min(height - 1, py + 1) * width + px] - gray[Math.max(0, py - 1) * width + px];
            const magnitude = Math.hypot(gx, gy);
            if (magnitude === 0) continue;
            let angle = Math.atan2(gy, gx);
            if (angle < 0) angle += Math.PI; // unsigned orientation: an edge is the same edge either way round
            out[base + binOf(angle / Math.PI, bins)] += magnitude;
          }
        }
        // unit length per cell, so contrast does not matter, only the shape of the edges
        let norm = 0;
        for (let b = 0; b < bins; b++) norm += out[base + b] * out[base + b];
        norm = Math.sqrt(norm) + 1e-6;
        for (let b = 0; b < bins; b++) out[base + b] /= norm;
      }
    }
  }
}
