/**
 * Weight histograms and sparsity numbers for the L1 vs L2 view.
 *
 * Two runs are only comparable on the same axes, so histograms are built in two steps:
 * `sharedAxis` picks one set of bin edges for every array shown together, then
 * `histogram` counts each array into those bins. The axis is symmetric around zero with
 * an odd number of bins, so exact zeros (what proximal L1 produces) fall in the middle of
 * the centre bin instead of straddling an edge.
 */

/** |w| below this counts as "near zero" (exact zeros included). */
export const NEAR_ZERO = 1e-3;

export interface HistogramAxis {
  /** the axis spans [−limit, limit] */
  limit: number;
  bins: number;
  /** bins + 1 increasing edges, edges[0] = −limit, edges[bins] = limit */
  edges: Float64Array;
}

export interface Histogram {
  /** weights per bin, [axis.bins]; values beyond ±limit are counted in the end bins */
  counts: Int32Array;
  /** counts / total, [axis.bins] */
  fractions: Float64Array;
  total: number;
  /** values beyond ±limit (already inside the end bins' counts) */
  clipped: number;
}

export interface AxisOptions {
  /** number of bins; made odd if even (default 41) */
  bins?: number;
  /**
   * share of all |w| the axis must cover (default 0.995): a few outliers should not squeeze
   * everyone else into the centre bins; they are clamped into the end bins instead
   */
  coverage?: number;
}

/**
 * One symmetric axis for every array in `arrays` (e.g. layer 1 of both twins): its limit
 * is the `coverage` quantile of |w| over all of them together.
 */
export function sharedAxis(arrays: readonly ArrayLike<number>[], options: AxisOptions = {}): HistogramAxis {
  const coverage = options.coverage ?? 0.995;
  if (!(coverage > 0 && coverage <= 1)) throw new RangeError(`coverage must be in (0, 1], got ${coverage}`);
  let bins = options.bins ?? 41;
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins must be a positive whole number, got ${bins}`);
  if (bins % 2 === 0) bins += 1;

  let total = 0;
  for (const a of arrays) total += a.length;
  const magnitudes = new Float64Array(total);
  let n = 0;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const m = Math.abs(a[i]);
      magnitudes[n++] = Number.isFinite(m) ? m : 0;
    }
  }
  magnitudes.sort();
  let limit = total > 0 ? magnitudes[Math.min(total - 1, Math.ceil(coverage * total) - 1)] : 0;
  // all (covered) weights zero: any small axis will do, the centre bin holds them
  if (!(limit > 0)) limit = total > 0 && magnitudes[total - 1] > 0 ? magnitudes[total - 1] : 1;

  const edges = new Float64Array(bins + 1);
  for (let k = 0; k <= bins; k++) edges[k] = -limit + (2 * limit * k) / bins;
  return { limit, bins, edges };
}

/** Counts `values` into the bins of `axis`. NaN is left out of every bin and of the total. */
export function histogram(values: ArrayLike<number>, axis: HistogramAxis): Histogram {
  const { limit, bins } = axis;
  const counts = new Int32Array(bins);
  const width = (2 * limit) / bins;
  let total = 0;
  let clipped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    total++;
    if (v < -limit || v > limit) clipped++;
    const k = Math.floor((v + limit) / width);
    counts[Math.min(bins - 1, Math.max(0, k))]++;
  }
  const fractions = new Float64Array(bins);
  if (total > 0) for (let k = 0; k < bins; k++) fractions[k] = counts[k] / total;
  return { counts, fractions, total, clipped };
}

export interface SharedHistograms {
  axis: HistogramAxis;
  histograms: Histogram[];
  /** the largest bin fraction over all histograms: one y axis for all of them */
  maxFraction: number;
}

/** Histograms of several arrays on one shared axis (same edges, same y range). */
export function sharedHistograms(arrays: readonly ArrayLike<number>[], options: AxisOptions = {}): SharedHistograms {
  const axis = sharedAxis(arrays, options);
  const histograms = arrays.map((a) => histogram(a, axis));
  let maxFraction = 0;
  for (const h of histograms) for (const f of h.fractions) maxFraction = Math.max(maxFraction, f);
  return { axis, histograms, maxFraction };
}

export interface Sparsity {
  count: number;
  /** weights exactly 0 */
  zeros: number;
  /** weights with |w| < threshold, exact zeros included */
  nearZeros: number;
  zeroFraction: number;
  nearZeroFraction: number;
}

/** How many of `values` are exactly zero and how many are near zero (|w| < threshold). */
export function sparsity(values: ArrayLike<number>, threshold: number = NEAR_ZERO): Sparsity {
  return sparsityOfAll([values], threshold);
}

/** `sparsity` over several arrays counted together (e.g. every weight matrix of a model). */
export function sparsityOfAll(arrays: readonly ArrayLike<number>[], threshold: number = NEAR_ZERO): Sparsity {
  if (!(threshold >= 0)) throw new RangeError(`near-zero threshold must be ≥ 0, got ${threshold}`);
  let count = 0;
  let zeros = 0;
  let nearZeros = 0;
  for (const values of arrays) {
    count += values.length;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === 0) zeros++;
      if (Math.abs(v) < threshold) nearZeros++;
    }
  }
  return {
    count,
    zeros,
    nearZeros,
    zeroFraction: count > 0 ? zeros / count : 0,
    nearZeroFraction: count > 0 ? nearZeros / count : 0,
  };
}
