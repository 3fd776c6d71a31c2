import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../../../src-shared/data/idx';
import { solidImage, tempDir, writeBytes } from './fixtures';

const repo = join(import.meta.dirname, '..', '..', '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real `lab` CLI, as `npm run lab -- …` runs it. */
function lab(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'src-main/cli/lab.ts', ...args], { cwd: repo, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('lab train with image sources', () => {
  const dir = tempDir('cli');
  const cache = join(dir.path, 'cache');
  afterAll(dir.remove);

  it('trains a linear model on the built-in sample to ≥ 70% test accuracy', async () => {
    const run = await lab(['train', '--data', 'resources/fashion-mnist-sample', '--model', 'linear', '--gray', '--size', '28x28', '--epochs', '5', '--json', '--cache', cache]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.find((l) => l.startsWith('data: '))).toMatch(/^data: 2,500 images, 10 classes, 28×28 gray; train 1,800 · val 200 · test 500$/);
    const summary = JSON.parse(lines[lines.length - 1]);
    expect(summary.epochs).toBe(5);
    expect(summary.weights.count).toBe(784 * 10);
    expect(summary.test.accuracy).toBeGreaterThanOrEqual(0.7);
    expect(summary.diverged).toBe(false);
  });

  it('trains on IDX files with a test pair', async () => {
    // two classes of 6×6 images: bright left half or bright right half, with noise
    const make = (n: number, offset: number) => {
      const labels = Uint8Array.from({ length: n }, (_, i) => i % 2);
      const pixels = new Uint8Array(n * 36);
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < 36; p++) pixels[i * 36 + p] = ((p % 6 < 3) === (labels[i] === 0) ? 200 : 40) + ((i * 7 + p * 13 + offset) % 30);
      }
      return { images: gzipSync(encodeIdx([n, 6, 6], pixels)), labels: gzipSync(encodeIdx([n], labels)) };
    };
    const train = make(200, 0);
    const test = make(40, 5);
    const files = ['train-images.gz', 'train-labels.gz', 'test-images.gz', 'test-labels.gz'].map((f) => join(dir.path, f));
    [train.images, train.labels, test.images, test.labels].forEach((bytes, i) => writeBytes(files[i], bytes));
    const run = await lab(['train', '--idx', files[0], files[1], '--test-idx', files[2], files[3], '--epochs', '3', '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.find((l) => l.startsWith('data: '))).toMatch(/240 images, 2 classes, 6×6 gray; train 180 · val 20 · test 40/);
    expect(JSON.parse(lines[lines.length - 1]).test.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('fails with one line and a non-zero exit for a missing folder, one class, no images and a corrupt IDX file', async () => {
    writeBytes(join(dir.path, 'one', 'cat', 'a.png'), await solidImage('png', [1, 2, 3]));
    writeBytes(join(dir.path, 'none', 'cat', 'a.txt'), 'text');
    writeBytes(join(dir.path, 'none', 'dog', 'b.txt'), 'text');
    writeBytes(join(dir.path, 'bad-images.gz'), gzipSync(Buffer.from('definitely not idx')));
    writeBytes(join(dir.path, 'labels.gz'), gzipSync(encodeIdx([2], Uint8Array.of(0, 1))));
    const cases: [string[], RegExp][] = [
      [['--data', join(dir.path, 'missing')], /^lab: folder not found: .*missing$/],
      [['--data', join(dir.path, 'one')], /^lab: only one class \('cat'\) has usable images in .*one: a classifier needs at least two class folders$/],
      [['--data', join(dir.path, 'none')], /^lab: no usable images in .*none: 2 class folder\(s\), 2 file\(s\), 2 skipped/],
      [['--idx', join(dir.path, 'bad-images.gz'), join(dir.path, 'labels.gz')], /^lab: .*bad-images\.gz: not an IDX file \(magic number starts 64 65/],
    ];
    const runs = await Promise.all(cases.map(([args]) => lab(['train', ...args, '--cache', cache])));
    runs.forEach((run, i) => {
      expect(run.code, cases[i][0].join(' ')).not.toBe(0);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(cases[i][1]);
    });
  });
});
