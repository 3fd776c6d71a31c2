import { describe, expect, it } from 'vitest';
import { makeToyDataset, TOY_KINDS, defaultToyNoise } from '../../../src-shared/toy/datasets';
import { arraySource, subsetSource } from '../../../src-shared/engine/source';
import { Trainer } from '../../../src-shared/engine/trainer';
import { config } from '../engine/helpers';

describe('toy datasets', () => {
  for (const kind of TOY_KINDS) {
    it(`${kind}: shapes, balanced classes, seeded`, () => {
      const a = makeToyDataset(kind, { samples: 101, noise: defaultToyNoise(kind), seed: 5 });
      expect(a.x).toHaveLength(202);
      expect(a.labels).toHaveLength(101);
      expect(a.classNames).toHaveLength(a.numClasses);
      const counts = new Array(a.numClasses).fill(0);
      a.labels.forEach((y) => counts[y]++);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect(a.x.every(Number.isFinite)).toBe(true);
      expect(makeToyDataset(kind, { samples: 101, noise: defaultToyNoise(kind), seed: 5 })).toEqual(a);
      expect(makeToyDataset(kind, { samples: 101, noise: defaultToyNoise(kind), seed: 6 }).x).not.toEqual(a.x);
    });
  }

  it('spiral and blobs take a number of classes; the others have two', () => {
    expect(makeToyDataset('spiral', { samples: 50, noise: 0.1, classes: 5, seed: 1 }).numClasses).toBe(5);
    expect(makeToyDataset('blobs', { samples: 50, noise: 0.1, classes: 4, seed: 1 }).classNames).toEqual(['blob 1', 'blob 2', 'blob 3', 'blob 4']);
    expect(makeToyDataset('xor', { samples: 50, noise: 0.1, seed: 1 }).numClasses).toBe(2);
  });

  it('without noise, xor and circles follow their definitions exactly', () => {
    const xor = makeToyDataset('xor', { samples: 80, noise: 0, seed: 1 });
    xor.labels.forEach((y, i) => expect(y).toBe(xor.x[2 * i] * xor.x[2 * i + 1] > 0 ? 0 : 1));
    const circles = makeToyDataset('circles', { samples: 80, noise: 0, seed: 1 });
    circles.labels.forEach((y, i) => expect(Math.hypot(circles.x[2 * i], circles.x[2 * i + 1])).toBeCloseTo(y === 0 ? 0.5 : 1, 6));
  });

  it('blobs are separable by a linear model; xor is not', () => {
    const accuracy = (kind: 'blobs' | 'xor') => {
      const d = makeToyDataset(kind, { samples: 200, noise: kind === 'blobs' ? 0.2 : 0.05, seed: 2 });
      const source = arraySource(d.x, d.labels, 2);
      const trainer = new Trainer(config({ inputSize: 2, numClasses: d.numClasses, epochs: 20 }), source);
      while (!trainer.finished) trainer.runEpoch();
      return trainer.evaluate(source).accuracy;
    };
    expect(accuracy('blobs')).toBeGreaterThan(0.98);
    expect(accuracy('xor')).toBeLessThan(0.8);
  });

  it('rejects bad options with a message naming them', () => {
    expect(() => makeToyDataset('spiral', { samples: 2, noise: 0.1, seed: 1 })).toThrow(/samples ≥ 3/);
    expect(() => makeToyDataset('moons', { samples: 20, noise: -1, seed: 1 })).toThrow(/noise/);
    expect(() => makeToyDataset('blobs', { samples: 20, noise: 0.1, classes: 1, seed: 1 })).toThrow(/number of classes must be an integer ≥ 2/);
  });
});

describe('array and subset sources', () => {
  it('fill batches with the chosen rows', () => {
    const source = arraySource(new Float32Array([0, 1, 10, 11, 20, 21]), new Int32Array([0, 1, 0]), 2);
    const out = new Float32Array(4);
    source.fillBatch([2, 0], 2, out);
    expect(Array.from(out)).toEqual([20, 21, 0, 1]);
    const subset = subsetSource(source, new Int32Array([2, 1]));
    expect(Array.from(subset.labels)).toEqual([0, 1]);
    subset.fillBatch([1, 0], 2, out);
    expect(Array.from(out)).toEqual([10, 11, 20, 21]);
    expect(() => arraySource(new Float32Array(5), new Int32Array(3), 2)).toThrow(/5 values/);
  });
});
