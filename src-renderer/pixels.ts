/**
 * Turning pixel arrays and weight vectors into RGBA for a canvas. Pure (no DOM), so it is
 * tested in test/src-renderer/pixels.test.ts.
 */

/** uint8 H×W×C (C = 1 or 3, interleaved) → RGBA. */
export function pixelsToRgba(pixels: ArrayLike<number>, width: number, height: number, channels: 1 | 3, offset = 0): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const src = offset + i * channels;
    out[4 * i] = pixels[src];
    out[4 * i + 1] = pixels[src + (channels === 3 ? 1 : 0)];
    out[4 * i + 2] = pixels[src + (channels === 3 ? 2 : 0)];
    out[4 * i + 3] = 255;
  }
  return out;
}

export type RGB = readonly [number, number, number];

/**
 * Signed values (weights) of one channel → RGBA on a diverging map: `negative` at −scale,
 * `zero` at 0, `positive` at +scale. `scale` ≤ 0 draws everything as zero.
 */
export function signedToRgba(values: ArrayLike<number>, width: number, height: number, scale: number, negative: RGB, zero: RGB, positive: RGB): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const t = scale > 0 ? Math.max(-1, Math.min(1, values[i] / scale)) : 0;
    const end = t < 0 ? negative : positive;
    const a = Math.abs(t);
    out[4 * i] = zero[0] + (end[0] - zero[0]) * a;
    out[4 * i + 1] = zero[1] + (end[1] - zero[1]) * a;
    out[4 * i + 2] = zero[2] + (end[2] - zero[2]) * a;
    out[4 * i + 3] = 255;
  }
  return out;
}

/**
 * An RGB weight template → RGBA by stretching [min, max] of the given range to [0, 255],
 * the usual way to look at a colour template (CS231n).
 */
export function rangeToRgba(values: ArrayLike<number>, width: number, height: number, channels: 1 | 3, min: number, max: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  const span = max - min;
  const level = (v: number) => (span > 0 ? ((v - min) / span) * 255 : 128);
  for (let i = 0; i < width * height; i++) {
    const src = i * channels;
    out[4 * i] = level(values[src]);
    out[4 * i + 1] = level(values[src + (channels === 3 ? 1 : 0)]);
    out[4 * i + 2] = level(values[src + (channels === 3 ? 2 : 0)]);
    out[4 * i + 3] = 255;
  }
  return out;
}

/** Largest |v|, for a symmetric colour scale. */
export function maxAbs(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}

/**
 * The `quantile` (0–1) of |v|: a colour scale that a few extreme weights cannot flatten.
 * A hidden unit of a net trained briefly is mostly noise around zero with a few large
 * weights; scaled by its largest |w| it draws as an even grey square.
 */
export function robustScale(values: ArrayLike<number>, quantile = 0.98): number {
  if (values.length === 0) return 0;
  const magnitudes = Float32Array.from(values, Math.abs).sort();
  return magnitudes[Math.min(magnitudes.length - 1, Math.floor(quantile * magnitudes.length))] || maxAbs(values);
}

/** Column `unit` of a row-major [inputs × units] matrix: the template of that unit. */
export function column(w: ArrayLike<number>, inputs: number, units: number, unit: number): Float32Array {
  const out = new Float32Array(inputs);
  for (let i = 0; i < inputs; i++) out[i] = w[i * units + unit];
  return out;
}

/** Bytes from base64 (pixels over the API). */
export function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
