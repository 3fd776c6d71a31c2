import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, importIdx } from '../../../src-main/datasets';
import { encodeIdx } from '../../../src-shared/data/idx';
import { Rng } from '../../../src-shared/random';
import { tempDir, writeBytes } from './fixtures';

/** n random 6×5 images with labels 0..3. */
function randomPart(n: number, seed: number) {
  const rng = new Rng(seed);
  const pixels = Uint8Array.from({ length: n * 5 * 6 }, () => rng.int(256));
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 4);
  return { pixels, labels };
}

describe('importIdx', () => {
  const dir = tempDir('idx');
  const train = randomPart(40, 1);
  const test = randomPart(12, 2);
  const file = (name: string) => join(dir.path, name);
  beforeAll(() => {
    writeBytes(file('train-images.gz'), gzipSync(encodeIdx([40, 5, 6], train.pixels)));
    writeBytes(file('train-labels.gz'), gzipSync(encodeIdx([40], train.labels)));
    // test files uncompressed: both forms are read
    writeBytes(file('test-images'), encodeIdx([12, 5, 6], test.pixels));
    writeBytes(file('test-labels'), encodeIdx([12], test.labels));
  });
  afterAll(dir.remove);

  it('round-trips images and labels, with test files as the test split', async () => {
    const { dataset, splits, report } = await importIdx(
      { images: file('train-images.gz'), labels: file('train-labels.gz'), testImages: file('test-images'), testLabels: file('test-labels') },
      { classNames: ['a', 'b', 'c', 'd'], valFraction: 0.2, seed: 3 },
    );
    expect([dataset.width, dataset.height, dataset.channels]).toEqual([6, 5, 1]);
    expect(dataset.classNames).toEqual(['a', 'b', 'c', 'd']);
    expect(dataset.pixels).toEqual(Uint8Array.from([...train.pixels, ...test.pixels]));
    expect([...dataset.labels]).toEqual([...train.labels, ...test.labels]);
    expect([...splits.test]).toEqual(Array.from({ length: 12 }, (_, i) => 40 + i));
    expect(splits.val.length).toBe(8);
    expect(splits.train.length).toBe(32);
    expect(report.counts.map((c) => [c.train, c.val, c.test])).toEqual([[8, 2, 3], [8, 2, 3], [8, 2, 3], [8, 2, 3]]);
    expect(report.layout).toBe('idx');
  });

  it('names classes by number by default and resizes or adds channels when asked', async () => {
    const files = { images: file('train-images.gz'), labels: file('train-labels.gz') };
    const plain = await importIdx(files);
    expect(plain.dataset.classNames).toEqual(['0', '1', '2', '3']);
    expect(plain.dataset.pixels).toEqual(train.pixels);
    const rgb = await importIdx(files, { channels: 3 });
    for (let i = 0; i < train.pixels.length; i++) {
      expect([rgb.dataset.pixels[3 * i], rgb.dataset.pixels[3 * i + 1], rgb.dataset.pixels[3 * i + 2]]).toEqual([train.pixels[i], train.pixels[i], train.pixels[i]]);
    }
    const resized = await importIdx(files, { width: 12, height: 10, fit: 'fill' });
    expect(resized.dataset.pixels.length).toBe(40 * 12 * 10);
    // doubling each side keeps each image's average brightness
    const mean = (a: Uint8Array, from: number, n: number) => a.subarray(from, from + n).reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(mean(resized.dataset.pixels, 120 * 7, 120) - mean(train.pixels, 30 * 7, 30))).toBeLessThan(8);
  });

  it('explains broken files in one line', async () => {
    const bad = async (images: string, labels: string, pattern: RegExp) => {
      const err = await importIdx({ images, labels }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as Error).message).toMatch(pattern);
      expect((err as Error).message).not.toContain('\n');
    };
    const good = file('train-labels.gz');
    writeBytes(file('not-idx'), Buffer.from('PK\x03\x04 a zip file'));
    await bad(file('not-idx'), good, /not-idx: not an IDX file \(magic number starts 50 4b/);
    writeBytes(file('floats'), Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]));
    await bad(file('floats'), good, /floats: holds float32 values; only unsigned bytes/);
    await bad(file('train-labels.gz'), good, /expected images with 3 dimensions .*labels file/);
    await bad(file('train-images.gz'), file('train-images.gz'), /expected labels with 1 dimension/);
    writeBytes(file('short-images'), encodeIdx([40, 5, 6], train.pixels).subarray(0, 500));
    await bad(file('short-images'), good, /dimensions 40×5×6 need 1216 bytes but the file has 500 \(truncated\?\)/);
    const gz = gzipSync(encodeIdx([40, 5, 6], train.pixels));
    writeBytes(file('cut.gz'), gz.subarray(0, gz.length - 30));
    await bad(file('cut.gz'), good, /cut\.gz: broken gzip data/);
    writeBytes(file('few-labels'), encodeIdx([39], train.labels.subarray(0, 39)));
    await bad(file('train-images.gz'), file('few-labels'), /has 40 images but .*few-labels has 39 labels/);
    await bad(file('missing.gz'), good, /IDX file not found: .*missing\.gz/);
    writeBytes(file('one-class'), encodeIdx([40], new Uint8Array(40)));
    await bad(file('train-images.gz'), file('one-class'), /all labels are 0; a classifier needs at least two classes/);
    await expect(importIdx({ images: file('train-images.gz'), labels: good }, { classNames: ['x', 'y'] })).rejects.toThrow(/labels go up to 3 but only 2 class names/);
  });
});
