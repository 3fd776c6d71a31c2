import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitPca, projectPca, symmetricEigen } from '../../../src-shared/analysis/pca';
import { Rng } from '../../../src-shared/random';

/** n rows of width values: Gaussian with column scales falling off, then rotated by a fixed mixing, plus an offset. */
function anisotropic(n: number, width: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const mix = Float64Array.from({ length: width * width }, () => rng.normal() / Math.sqrt(width));
  const x = new Float64Array(n * width);
  for (let r = 0; r < n; r++) {
    const latent = Float64Array.from({ length: width }, (_, c) => rng.normal() * (c === 0 ? 6 : c === 1 ? 3 : 1 / (1 + c)));
    for (let c = 0; c < width; c++) {
      let s = 3 + c * 0.01;
      for (let k = 0; k < width; k++) s += latent[k] * mix[k * width + c];
      x[r * width + c] = s;
    }
  }
  return x;
}

/** Each column of `got` [n × k] equals the same column of `want`, or its negative (a component's sign is arbitrary). */
function expectSameUpToSign(got: ArrayLike<number>, want: ArrayLike<number>, n: number, k: number, tolerance: number): void {
  for (let j = 0; j < k; j++) {
    let scale = 0;
    let plus = 0;
    let minus = 0;
    for (let r = 0; r < n; r++) {
      const g = got[r * k + j];
      const w = want[r * k + j];
      scale = Math.max(scale, Math.abs(w));
      plus = Math.max(plus, Math.abs(g - w));
      minus = Math.max(minus, Math.abs(g + w));
    }
    expect(Math.min(plus, minus) / scale, `component ${j + 1}`).toBeLessThan(tolerance);
  }
}

describe('symmetricEigen', () => {
  it('diagonalizes a symmetric matrix: A v = λ v, values descending, vectors orthonormal', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0.5, 2, 0.5, 1]);
    const { values, vectors } = symmetricEigen(a, 3);
    expect(values[0]).toBeGreaterThan(values[1]);
    expect(values[1]).toBeGreaterThan(values[2]);
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(8, 12);
    vectors.forEach((v, i) => {
      for (let r = 0; r < 3; r++) {
        let av = 0;
        for (let c = 0; c < 3; c++) av += a[r * 3 + c] * v[c];
        expect(av).toBeCloseTo(values[i] * v[r], 12);
      }
      vectors.forEach((u, j) => expect(u.reduce((s, x, k) => s + x * v[k], 0)).toBeCloseTo(i === j ? 1 : 0, 12));
    });
  });
});

describe('fitPca', () => {
  it('matches the eigenvectors of the full covariance (narrow data, computed directly)', () => {
    const n = 300;
    const width = 12;
    const x = anisotropic(n, width, 5);
    const pca = fitPca(x, n, width);
    const mean = new Float64Array(width);
    for (let r = 0; r < n; r++) for (let c = 0; c < width; c++) mean[c] += x[r * width + c] / n;
    const cov = new Float64Array(width * width);
    for (let r = 0; r < n; r++) for (let a = 0; a < width; a++) for (let b = 0; b < width; b++) cov[a * width + b] += ((x[r * width + a] - mean[a]) * (x[r * width + b] - mean[b])) / n;
    const reference = symmetricEigen(cov, width);
    expect(pca.variances[0]).toBeCloseTo(reference.values[0], 8);
    expect(pca.variances[1]).toBeCloseTo(reference.values[1], 8);
    expect(pca.totalVariance).toBeCloseTo(reference.values.reduce((s, v) => s + v, 0), 8);
    const want = new Float64Array(n * 2);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < 2; j++) {
        for (let c = 0; c < width; c++) want[r * 2 + j] += (x[r * width + c] - mean[c]) * reference.vectors[j][c];
      }
    }
    expectSameUpToSign(projectPca(pca, x, n), want, n, 2, 1e-8);
  });

  it('is deterministic and fixes each sign (largest entry positive)', () => {
    const x = anisotropic(50, 8, 9);
    const a = fitPca(x, 50, 8);
    const b = fitPca(x, 50, 8);
    expect(Array.from(a.components[0])).toEqual(Array.from(b.components[0]));
    for (const e of a.components) {
      const largest = e.reduce((best, v) => (Math.abs(v) > Math.abs(best) ? v : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it('copes with fewer rows than columns and with constant data', () => {
    const x = anisotropic(4, 30, 2);
    const pca = fitPca(x, 4, 30, { components: 2 });
    expect(pca.components).toHaveLength(2);
    expect(Math.abs(pca.components[0].reduce((s, v, i) => s + v * pca.components[1][i], 0))).toBeLessThan(1e-9);
    const flat = fitPca(new Float64Array(3 * 5).fill(2), 3, 5);
    expect(flat.variances).toEqual([0, 0]);
    expect(Array.from(projectPca(flat, new Float64Array(3 * 5).fill(2), 3))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('refuses bad shapes with a message', () => {
    expect(() => fitPca([1, 2, 3], 2, 2)).toThrow(/2 rows × 2 values need 4, got 3/);
    expect(() => fitPca([1, 2], 1, 2, { components: 3 })).toThrow(/components must be 1..2/);
    expect(() => fitPca([], 0, 2)).toThrow(/at least one row/);
  });
});

describe('fitPca against numpy (SVD of the centered data)', () => {
  const python = '/usr/bin/python3';
  const hasNumpy = (() => {
    try {
      execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const folder = mkdtempSync(join(tmpdir(), 'pca-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.for([[200, 40], [120, 784]] as const)('%i rows × %i columns: same projections up to sign', ([n, width], context) => {
    if (!existsSync(python) || !hasNumpy) {
      context.skip();
      return;
    }
    const x = anisotropic(n, width, n + width);
    const input = join(folder, `x-${width}.f64`);
    writeFileSync(input, Buffer.from(x.buffer));
    const script = [
      'import sys, numpy as np',
      `x = np.fromfile(sys.argv[1], dtype='<f8').reshape(${n}, ${width})`,
      'c = x - x.mean(axis=0)',
      'u, s, vt = np.linalg.svd(c, full_matrices=False)',
      'sys.stdout.write(" ".join(repr(v) for v in (c @ vt[:2].T).ravel()))',
      'sys.stdout.write("\\n" + " ".join(repr(v) for v in (s[:2] ** 2 / x.shape[0])))',
    ].join('\n');
    const [projected, variances] = execFileSync(python, ['-c', script, input], { encoding: 'utf8' }).split('\n').map((line) => line.split(' ').map(Number));
    const pca = fitPca(x, n, width);
    expect(pca.variances[0]).toBeCloseTo(variances[0], 6);
    expect(pca.variances[1]).toBeCloseTo(variances[1], 6);
    expectSameUpToSign(projectPca(pca, x, n), projected, n, 2, 1e-7);
  });
});
