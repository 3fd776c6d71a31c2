import { describe, expect, it } from 'vitest';
import { countClasses, describeDataset, imbalanceRatio, subsetDataset, type ImageDataset, type ImportReport } from '../../../src-shared/data/dataset';

describe('dataset helpers', () => {
  const dataset: ImageDataset = {
    width: 2,
    height: 1,
    channels: 1,
    classNames: ['x', 'y'],
    pixels: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
    labels: Int32Array.of(0, 1, 1, 1),
    sources: ['a', 'b', 'c', 'd'],
  };

  it('counts classes per split and measures imbalance', () => {
    const counts = countClasses(dataset.labels, dataset.classNames, { train: Int32Array.of(0, 1, 2), val: Int32Array.of(3), test: new Int32Array(0) });
    expect(counts).toEqual([
      { className: 'x', train: 1, val: 0, test: 0, total: 1 },
      { className: 'y', train: 2, val: 1, test: 0, total: 3 },
    ]);
    expect(imbalanceRatio(counts)).toBe(3);
  });

  it('copies a subset of rows', () => {
    const sub = subsetDataset(dataset, [3, 0]);
    expect(sub.pixels).toEqual(Uint8Array.of(7, 8, 1, 2));
    expect([...sub.labels]).toEqual([1, 0]);
    expect(sub.sources).toEqual(['d', 'a']);
  });

  it('describes an import in one line', () => {
    const report: ImportReport = {
      source: '/data',
      layout: 'split-folders',
      width: 28,
      height: 28,
      channels: 1,
      classNames: ['x', 'y'],
      counts: [
        { className: 'x', train: 900, val: 100, test: 250, total: 1250 },
        { className: 'y', train: 900, val: 100, test: 250, total: 1250 },
      ],
      filesSeen: 2503,
      imported: 2500,
      skipped: [
        { path: 'x/a.txt', reason: 'not-an-image', detail: '' },
        { path: 'x/b.txt', reason: 'not-an-image', detail: '' },
        { path: 'y/c.jpg', reason: 'corrupt', detail: '' },
      ],
      duplicates: [],
      warnings: [],
      imbalanceRatio: 1,
      contentHash: '',
      cacheHits: 0,
      elapsedMs: 1,
    };
    expect(describeDataset(report)).toBe(
      '2,500 images, 2 classes, 28×28 gray; train 1,800 · val 200 · test 500; 3 skipped (2 not an image, 1 corrupt or truncated image)',
    );
  });
});
