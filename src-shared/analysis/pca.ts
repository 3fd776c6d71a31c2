/**
 * Principal component analysis of wide data (images: hundreds to thousands of values per
 * row), for drawing validation images as points in a plane.
 *
 * The covariance C = Xcᵀ·Xc / n (Xc = rows minus their mean) is never formed: a
 * 3072-wide image would need a 3072 × 3072 matrix. Subspace iteration only needs
 * products C·v = Xcᵀ·(Xc·v), O(n·width) each: a block of a few orthonormal vectors is
 * multiplied by C until it stops turning, then the Rayleigh–Ritz step (the small block's
 * own eigenvectors, by Jacobi rotations) gives the leading directions in order.
 * Each direction's sign is fixed (largest entry positive) so the picture does not flip
 * between fits.
 */
import { Rng } from '../random';

export interface Pca {
  width: number;
  /** column means of the fitted rows, [width] */
  mean: Float64Array;
  /** unit directions of largest variance, in order, each [width] */
  components: Float64Array[];
  /** variance along each component */
  variances: number[];
  /** total variance (trace of the covariance), to report the share the plane shows */
  totalVariance: number;
}

export interface PcaOptions {
  /** components to find (default 2) */
  components?: number;
  /** stop when no Ritz value moves by more than this (relative; default 1e-10) */
  tolerance?: number;
  /** at most this many block multiplications (default 500) */
  maxIterations?: number;
}

/** Fits a PCA to rows [n × width]. */
export function fitPca(values: ArrayLike<number>, n: number, width: number, options: PcaOptions = {}): Pca {
  const k = options.components ?? 2;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(width) && width >= 1)) throw new RangeError(`PCA needs at least one row and one column, got ${n} × ${width}`);
  if (values.length < n * width) throw new RangeError(`${n} rows × ${width} values need ${n * width}, got ${values.length}`);
  if (!(Number.isInteger(k) && k >= 1 && k <= width)) throw new RangeError(`components must be 1..${width}, got ${k}`);

  const mean = new Float64Array(width);
  for (let r = 0; r < n; r++) for (let c = 0; c < width; c++) mean[c] += values[r * width + c];
  for (let c = 0; c < width; c++) mean[c] /= n;
  const centered = new Float64Array(n * width);
  let totalVariance = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < width; c++) {
      const d = values[r * width + c] - mean[c];
      centered[r * width + c] = d;
      totalVariance += d * d;
    }
  }
  totalVariance /= n;

  /** out = C·v */
  const scores = new Float64Array(n);
  const covTimes = (v: Float64Array, out: Float64Array) => {
    for (let r = 0; r < n; r++) {
      let s = 0;
      const o = r * width;
      for (let c = 0; c < width; c++) s += centered[o + c] * v[c];
      scores[r] = s;
    }
    out.fill(0);
    for (let r = 0; r < n; r++) {
      const s = scores[r] / n;
      const o = r * width;
      for (let c = 0; c < width; c++) out[c] += s * centered[o + c];
    }
  };

  // spare vectors make the leading ones converge faster (error shrinks by λ_{p+1} / λ_k per step)
  const p = Math.min(width, k + 4);
  const rng = new Rng(0x9ca);
  let block = Array.from({ length: p }, () => Float64Array.from({ length: width }, () => rng.normal()));
  orthonormalize(block);
  let ritz = new Float64Array(p);
  let vectors = block;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const image = block.map((v) => {
      const out = new Float64Array(width);
      covTimes(v, out);
      return out;
    });
    // Rayleigh–Ritz on the block: B = Qᵀ C Q, its eigenvectors rotate Q into C's leading directions
    const small = new Float64Array(p * p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) small[a * p + b] = dot(block[a], image[b]);
    const { values: eig, vectors: rotation } = symmetricEigen(small, p);
    vectors = rotation.map((coef) => {
      const v = new Float64Array(width);
      coef.forEach((x, a) => axpy(x, block[a], v));
      return v;
    });
    // only the wanted values: the spare ones converge slowly and need not
    const settled = eig.slice(0, k).every((value, i) => Math.abs(value - ritz[i]) <= tolerance * Math.max(eig[0], 1e-300));
    ritz = Float64Array.from(eig);
    if (settled && iteration > 0) break;
    // next block: C·(rotated Q), orthonormalised
    block = rotation.map((coef) => {
      const v = new Float64Array(width);
      coef.forEach((x, a) => axpy(x, image[a], v));
      return v;
    });
    orthonormalize(block);
  }
  const components = vectors.slice(0, k).map((v) => {
    let largest = 0;
    for (let c = 1; c < width; c++) if (Math.abs(v[c]) > Math.abs(v[largest])) largest = c;
    if (v[largest] < 0) for (let c = 0; c < width; c++) v[c] = -v[c];
    return v;
  });
  return { width, mean, components, variances: Array.from(ritz.subarray(0, k), (v) => Math.max(0, v)), totalVariance };
}

/** Coordinates of rows [n × width] along the PCA's components, [n × components]. */
export function projectPca(pca: Pca, values: ArrayLike<number>, n: number): Float64Array {
  const { width, mean, components } = pca;
  if (values.length < n * width) throw new RangeError(`${n} rows × ${width} values need ${n * width}, got ${values.length}`);
  const k = components.length;
  const out = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) {
      const e = components[j];
      let s = 0;
      for (let c = 0; c < width; c++) s += (values[r * width + c] - mean[c]) * e[c];
      out[r * k + j] = s;
    }
  }
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** y += a·x */
function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

/** Modified Gram–Schmidt, twice for accuracy; a vector with nothing left becomes a fresh axis. */
function orthonormalize(block: Float64Array[]): void {
  block.forEach((v, i) => {
    for (let pass = 0; pass < 2; pass++) for (let j = 0; j < i; j++) axpy(-dot(block[j], v), block[j], v);
    let norm = Math.sqrt(dot(v, v));
    for (let axis = 0; !(norm > 1e-12) && axis < v.length; axis++) {
      v.fill(0);
      v[axis] = 1;
      for (let pass = 0; pass < 2; pass++) for (let j = 0; j < i; j++) axpy(-dot(block[j], v), block[j], v);
      norm = Math.sqrt(dot(v, v));
    }
    for (let c = 0; c < v.length; c++) v[c] /= norm;
  });
}

/**
 * Eigenvalues (descending) and unit eigenvectors of a symmetric p × p matrix (row-major),
 * by cyclic Jacobi rotations: p is a handful here, so plain and exact beats clever.
 */
export function symmetricEigen(matrix: Float64Array, p: number): { values: number[]; vectors: Float64Array[] } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (aij === 0) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i];
          const akj = a[k * p + j];
          a[k * p + i] = c * aki - s * akj;
          a[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k];
          const ajk = a[j * p + k];
          a[i * p + k] = c * aik - s * ajk;
          a[j * p + k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i];
          const vkj = v[k * p + j];
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  const order = Array.from({ length: p }, (_, i) => i).sort((x, y) => a[y * p + y] - a[x * p + x]);
  return {
    values: order.map((i) => a[i * p + i]),
    vectors: order.map((i) => Float64Array.from({ length: p }, (_, k) => v[k * p + i])),
  };
}
