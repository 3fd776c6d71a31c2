/**
 * Toy 2-D datasets for seeing what a classifier can and cannot separate. All are seeded:
 * the same options give the same points. Samples are grouped by class (the trainer
 * shuffles); `samples` is the total, shared out over the classes as evenly as possible.
 *
 *   spiral   K arms winding out from the centre (CS231n); noise jitters the angle
 *   circles  a small ring inside a large one; noise jitters both coordinates
 *   xor      the four quadrants, diagonal ones sharing a class
 *   moons    two interleaved half circles
 *   blobs    K Gaussian clusters on the unit circle; noise is their spread
 */
import { Rng } from '../random';

export type ToyKind = 'spiral' | 'circles' | 'xor' | 'moons' | 'blobs';

export const TOY_KINDS: readonly ToyKind[] = ['spiral', 'circles', 'xor', 'moons', 'blobs'];

export interface ToyOptions {
  /** total number of points */
  samples: number;
  /** noise scale (see the kinds above); defaultToyNoise(kind) is a good start */
  noise: number;
  /** spiral arms / blobs (default 3); the other kinds always have 2 classes */
  classes?: number;
  seed: number;
}

export interface ToyDataset {
  /** points, [n × 2] row-major (x, y) */
  x: Float32Array;
  /** class of each point, [n] */
  labels: Int32Array;
  numClasses: number;
  classNames: string[];
}

/** Noise levels at which each kind is clearly structured but not trivially separable. */
export function defaultToyNoise(kind: ToyKind): number {
  switch (kind) {
    case 'spiral': return 0.2;
    case 'circles': return 0.08;
    case 'xor': return 0.1;
    case 'moons': return 0.1;
    case 'blobs': return 0.3;
  }
}

/** Whether `kind` takes a number of classes (spiral arms, blobs). */
export function toyHasClassCount(kind: ToyKind): boolean {
  return kind === 'spiral' || kind === 'blobs';
}

export function makeToyDataset(kind: ToyKind, options: ToyOptions): ToyDataset {
  const { samples, noise, seed } = options;
  const numClasses = toyHasClassCount(kind) ? options.classes ?? 3 : 2;
  if (!TOY_KINDS.includes(kind)) throw new RangeError(`unknown toy dataset "${kind}" (choose ${TOY_KINDS.join(', ')})`);
  if (!(Number.isInteger(samples) && samples >= numClasses)) {
    throw new RangeError(`toy dataset needs an integer number of samples ≥ ${numClasses}, got ${samples}`);
  }
  if (!(Number.isFinite(noise) && noise >= 0)) throw new RangeError(`noise must be a number ≥ 0, got ${noise}`);
  if (!(Number.isInteger(numClasses) && numClasses >= 2)) throw new RangeError(`number of classes must be an integer ≥ 2, got ${options.classes}`);

  const rng = new Rng(seed);
  const x = new Float32Array(samples * 2);
  const labels = new Int32Array(samples);
  let n = 0;
  const add = (px: number, py: number, label: number) => {
    x[2 * n] = px;
    x[2 * n + 1] = py;
    labels[n++] = label;
  };

  for (let c = 0; c < numClasses; c++) {
    // class c gets ⌊samples/K⌋ points, plus one if c is among the first (samples mod K)
    const m = Math.floor(samples / numClasses) + (c < samples % numClasses ? 1 : 0);
    for (let i = 0; i < m; i++) {
      const u = m > 1 ? i / (m - 1) : 0; // 0..1 along the class
      switch (kind) {
        case 'spiral': {
          const r = u;
          const t = 4 * (c + u) * (3 / numClasses) + noise * rng.normal();
          add(r * Math.sin(t), r * Math.cos(t), c);
          break;
        }
        case 'circles': {
          const t = 2 * Math.PI * rng.uniform();
          const r = c === 0 ? 0.5 : 1;
          add(r * Math.cos(t) + noise * rng.normal(), r * Math.sin(t) + noise * rng.normal(), c);
          break;
        }
        case 'xor': {
          // class 0: (+,+) and (−,−); class 1: (+,−) and (−,+)
          const sx = rng.uniform() < 0.5 ? -1 : 1;
          const sy = c === 0 ? sx : -sx;
          add(sx * (0.05 + 0.95 * rng.uniform()) + noise * rng.normal(), sy * (0.05 + 0.95 * rng.uniform()) + noise * rng.normal(), c);
          break;
        }
        case 'moons': {
          const t = Math.PI * u;
          const [px, py] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
          add(px - 0.5 + noise * rng.normal(), py - 0.25 + noise * rng.normal(), c);
          break;
        }
        case 'blobs': {
          const angle = (2 * Math.PI * c) / numClasses;
          add(Math.cos(angle) + noise * rng.normal(), Math.sin(angle) + noise * rng.normal(), c);
          break;
        }
      }
    }
  }
  return { x, labels, numClasses, classNames: toyClassNames(kind, numClasses) };
}

function toyClassNames(kind: ToyKind, numClasses: number): string[] {
  switch (kind) {
    case 'spiral': return Array.from({ length: numClasses }, (_, c) => `arm ${c + 1}`);
    case 'blobs': return Array.from({ length: numClasses }, (_, c) => `blob ${c + 1}`);
    case 'circles': return ['inner', 'outer'];
    case 'xor': return ['same sign', 'opposite sign'];
    case 'moons': return ['upper', 'lower'];
  }
}
