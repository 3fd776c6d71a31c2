/**
 * Weight templates as pictures. Column j of a first layer's W ([inputs × units]) holds the
 * weight unit j gives each input value; for an image input those values are the pixels of
 * an H×W×C image, so the column is itself an image: the unit's template. In a linear
 * classifier the units are the classes (the blurry "horse"); in an MLP they are the
 * hidden units that the next layer combines.
 *
 * Two ways to colour a template:
 *  - 'image': each channel rescaled from [lo, hi] to 0–255, so an RGB template looks like
 *    a photo (the classic CS231n picture);
 *  - 'diverging': one signed value per pixel (the channels summed) on a blue–white–red
 *    scale symmetric around zero: white is exactly zero, so L1's zeroed weights show.
 * Scaling is per template (each uses its own range: shapes show best) or shared (one range
 * for all: strengths compare).
 */

export type TemplateColoring = 'image' | 'diverging';
export type TemplateScaling = 'per-template' | 'shared';

export interface TemplateOptions {
  /** default: 'image' for RGB inputs, 'diverging' for grey ones */
  coloring?: TemplateColoring;
  /** default 'per-template' */
  scaling?: TemplateScaling;
}

export interface TemplateShape {
  width: number;
  height: number;
  channels: number;
}

export interface TemplateImage {
  /** unit (column of W) this template belongs to */
  unit: number;
  width: number;
  height: number;
  /** [height × width × 4] RGBA, row by row */
  rgba: Uint8ClampedArray;
  /**
   * The value range mapped onto the colours: 'image' maps lo → 0 and hi → 255;
   * 'diverging' maps −hi → blue, 0 → white, hi → red (lo = −hi).
   */
  lo: number;
  hi: number;
}

/** Blue (negative) and red (positive) ends of the diverging scale, as in ColorBrewer's RdBu. */
const NEGATIVE: [number, number, number] = [33, 102, 172];
const POSITIVE: [number, number, number] = [178, 24, 43];

/**
 * One RGBA image per unit of a first layer with weights `w` [inputs × units] over inputs
 * shaped `shape` (inputs = width·height·channels).
 */
export function templateImages(w: ArrayLike<number>, units: number, shape: TemplateShape, options: TemplateOptions = {}): TemplateImage[] {
  const { width, height, channels } = shape;
  const inputs = width * height * channels;
  if (!(Number.isInteger(units) && units > 0)) throw new RangeError(`units must be a positive whole number, got ${units}`);
  if (w.length !== inputs * units) throw new RangeError(`weights hold ${w.length} values, a ${width}×${height}×${channels} input with ${units} units needs ${inputs * units}`);
  if (channels !== 1 && channels !== 3) throw new RangeError(`templates need 1 or 3 channels, got ${channels}`);
  const coloring = options.coloring ?? (channels === 3 ? 'image' : 'diverging');
  const scaling = options.scaling ?? 'per-template';
  const pixels = width * height;

  /** the value each pixel of template j is coloured by ('diverging') or its channel values ('image') */
  const values = (j: number): Float64Array => {
    if (coloring === 'image') {
      const v = new Float64Array(inputs);
      for (let p = 0; p < inputs; p++) v[p] = w[p * units + j];
      return v;
    }
    const v = new Float64Array(pixels);
    for (let q = 0; q < pixels; q++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += w[(q * channels + c) * units + j];
      v[q] = sum;
    }
    return v;
  };
  const all = Array.from({ length: units }, (_, j) => values(j));
  const rangeOf = (v: Float64Array): [number, number] => {
    if (coloring === 'diverging') {
      let m = 0;
      for (const x of v) m = Math.max(m, Math.abs(x));
      return [-m, m];
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return [lo, hi];
  };
  const shared = scaling === 'shared'
    ? all.map(rangeOf).reduce<[number, number]>((a, b) => [Math.min(a[0], b[0]), Math.max(a[1], b[1])], [Infinity, -Infinity])
    : null;

  return all.map((v, unit) => {
    const [lo, hi] = shared ?? rangeOf(v);
    const rgba = new Uint8ClampedArray(pixels * 4);
    for (let q = 0; q < pixels; q++) {
      const o = q * 4;
      if (coloring === 'image') {
        for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(scale(v[q * channels + (channels === 1 ? 0 : c)], lo, hi) * 255);
      } else {
        const [r, g, b] = diverging(hi > 0 ? v[q] / hi : 0);
        rgba[o] = r;
        rgba[o + 1] = g;
        rgba[o + 2] = b;
      }
      rgba[o + 3] = 255;
    }
    return { unit, width, height, rgba, lo, hi };
  });
}

/** (x − lo) / (hi − lo), clamped to [0, 1]; a constant template is mid-grey. */
function scale(x: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0.5;
  return Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
}

/** t in [−1, 1] → white blended toward blue (t < 0) or red (t > 0). */
export function diverging(t: number): [number, number, number] {
  const s = Math.min(1, Math.abs(t));
  const end = t < 0 ? NEGATIVE : POSITIVE;
  return [
    Math.round(255 + (end[0] - 255) * s),
    Math.round(255 + (end[1] - 255) * s),
    Math.round(255 + (end[2] - 255) * s),
  ];
}

/**
 * What training changed: W − W₀ for weights [inputs × units] of the same layer at two
 * checkpoints (W₀ usually the initial weights). Drawn as templates it shows what was
 * learned, even where the random start still dominates W itself (an MLP's first layer on
 * a small folder moves only ~20 % away from its initialisation).
 */
export function weightChange(current: ArrayLike<number>, initial: ArrayLike<number>): Float32Array {
  if (current.length !== initial.length) throw new RangeError(`weights of ${current.length} and ${initial.length} values are not the same layer`);
  const out = new Float32Array(current.length);
  for (let i = 0; i < out.length; i++) out[i] = current[i] - initial[i];
  return out;
}
