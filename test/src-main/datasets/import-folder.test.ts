import { chmodSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, importFolder } from '../../../src-main/datasets';
import type { ImportProgress, SkipReason } from '../../../src-shared/data/dataset';
import { allFormats, meanOf, openUp, rawImage, solidImage, tempDir, withoutPrivileges, writeBytes, type Rgb } from './fixtures';

const red: Rgb = [220, 20, 30];
const blue: Rgb = [20, 40, 210];

describe('importFolder: formats and preprocessing', () => {
  const dir = tempDir('formats');
  beforeAll(async () => {
    for (const [cls, color] of [['red', red], ['blue', blue]] as const) {
      for (const format of allFormats) writeBytes(join(dir.path, cls, 'nested', 'deeper', `img.${format}`), await solidImage(format, color));
    }
  });
  afterAll(dir.remove);

  it('imports JPEG, PNG, WebP, GIF, TIFF and AVIF from nested folders with the right colors', async () => {
    const { dataset, report } = await importFolder(dir.path, { width: 8, height: 6, valFraction: 0 }, { cacheDir: null });
    expect(report.skipped).toEqual([]);
    expect(dataset.classNames).toEqual(['blue', 'red']);
    expect(dataset.pixels.length).toBe(12 * 8 * 6 * 3);
    expect(dataset.sources!.length).toBe(12);
    for (let row = 0; row < 12; row++) {
      const expected = dataset.classNames[dataset.labels[row]] === 'red' ? red : blue;
      for (let c = 0; c < 3; c++) {
        // lossy formats (JPEG, WebP, AVIF, GIF palette) stay within a few levels of the colour
        expect(Math.abs(meanOf(dataset.pixels, row, 8, 6, 3, c) - expected[c]), `${dataset.sources![row]} channel ${c}`).toBeLessThan(12);
      }
    }
    const formats = dataset.sources!.map((s) => s.split('.').pop()).sort();
    expect(formats).toEqual([...allFormats, ...allFormats].sort());
  });

  it('converts to gray with one channel', async () => {
    const { dataset } = await importFolder(dir.path, { width: 5, height: 5, channels: 1 }, { cacheDir: null });
    expect(dataset.channels).toBe(1);
    expect(dataset.pixels.length).toBe(12 * 25);
    const grayOf = (cls: string) => meanOf(dataset.pixels, dataset.labels.indexOf(dataset.classNames.indexOf(cls)), 5, 5, 1);
    // a mid-tone for both colours, and not the same one
    for (const cls of ['red', 'blue']) {
      expect(grayOf(cls)).toBeGreaterThan(30);
      expect(grayOf(cls)).toBeLessThan(225);
    }
    expect(Math.abs(grayOf('red') - grayOf('blue'))).toBeGreaterThan(10);
  });
});

describe('importFolder: orientation, alpha and fit', () => {
  const dir = tempDir('orient');
  // Upright: 40 wide × 20 high, left half black, right half white.
  const upright = rawImage(40, 20, (x) => (x < 20 ? [0, 0, 0] : [255, 255, 255]));
  beforeAll(async () => {
    // EXIF 6 means "rotate 90° clockwise to display", so the stored pixels are the upright image turned 90° anticlockwise.
    const stored6 = await sharp(upright, { raw: { width: 40, height: 20, channels: 3 } }).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const stored3 = await sharp(upright, { raw: { width: 40, height: 20, channels: 3 } }).rotate(180).jpeg({ quality: 95 }).withMetadata({ orientation: 3 }).toBuffer();
    writeBytes(join(dir.path, 'rotated', 'exif6.jpg'), stored6);
    writeBytes(join(dir.path, 'rotated', 'exif3.jpg'), stored3);
    // Half-transparent green over nothing.
    const rgba = Buffer.alloc(16 * 16 * 4);
    for (let i = 0; i < 16 * 16; i++) rgba.set([0, 200, 0, i % 16 < 8 ? 0 : 255], i * 4);
    writeBytes(join(dir.path, 'alpha', 'half.png'), await sharp(rgba, { raw: { width: 16, height: 16, channels: 4 } }).png().toBuffer());
    writeBytes(join(dir.path, 'wide', 'red.png'), await solidImage('png', red, 40, 20));
  });
  afterAll(dir.remove);

  it('applies EXIF orientation so rotated JPEGs come out upright', async () => {
    const { dataset } = await importFolder(dir.path, { width: 8, height: 4, fit: 'fill', channels: 1, valFraction: 0 }, { cacheDir: null });
    expect(statSync(join(dir.path, 'rotated', 'exif6.jpg')).size).toBeGreaterThan(0);
    for (const name of ['rotated/exif6.jpg', 'rotated/exif3.jpg']) {
      const row = dataset.sources!.indexOf(name);
      expect(meanOf(dataset.pixels, row, 8, 4, 1, 0, 0, 3), `${name} left`).toBeLessThan(40);
      expect(meanOf(dataset.pixels, row, 8, 4, 1, 0, 5, 8), `${name} right`).toBeGreaterThan(215);
    }
  });

  it('flattens transparency onto the background color', async () => {
    const { dataset } = await importFolder(dir.path, { width: 16, height: 16, background: [255, 0, 255], valFraction: 0 }, { cacheDir: null });
    const row = dataset.sources!.indexOf('alpha/half.png');
    // transparent left half → magenta background; opaque right half → green
    expect(meanOf(dataset.pixels, row, 16, 16, 3, 0, 0, 6)).toBeGreaterThan(240);
    expect(meanOf(dataset.pixels, row, 16, 16, 3, 2, 0, 6)).toBeGreaterThan(240);
    expect(meanOf(dataset.pixels, row, 16, 16, 3, 1, 10, 16)).toBeGreaterThan(190);
    expect(meanOf(dataset.pixels, row, 16, 16, 3, 0, 10, 16)).toBeLessThan(15);
  });

  it('fits wide images by cover, contain (padded with the background) and fill', async () => {
    const rowOf = (sources: string[]) => sources.indexOf('wide/red.png');
    for (const fit of ['cover', 'fill'] as const) {
      const { dataset } = await importFolder(dir.path, { width: 8, height: 8, fit, valFraction: 0 }, { cacheDir: null });
      expect(meanOf(dataset.pixels, rowOf(dataset.sources!), 8, 8, 3, 0), fit).toBeGreaterThan(200);
      expect(meanOf(dataset.pixels, rowOf(dataset.sources!), 8, 8, 3, 1, 0, 8, 0, 1), fit).toBeLessThan(40);
    }
    const { dataset } = await importFolder(dir.path, { width: 8, height: 8, fit: 'contain', background: [0, 0, 255], valFraction: 0 }, { cacheDir: null });
    const row = rowOf(dataset.sources!);
    // a 2:1 image in a square: the top and bottom quarters are padding
    expect(meanOf(dataset.pixels, row, 8, 8, 3, 2, 0, 8, 0, 1)).toBeGreaterThan(240);
    expect(meanOf(dataset.pixels, row, 8, 8, 3, 0, 0, 8, 3, 5)).toBeGreaterThan(200);
  });
});

describe('importFolder: bad files are reported, good ones imported', () => {
  const dir = tempDir('bad');
  beforeAll(async () => {
    const root = dir.path;
    for (let i = 0; i < 3; i++) {
      writeBytes(join(root, 'cat', `good${i}.png`), await solidImage('png', [200, 100 + i, 50]));
      writeBytes(join(root, 'dog', `good${i}.jpg`), await solidImage('jpeg', [50, 100 + 20 * i, 200]));
    }
    // an image is recognised by its content, whatever its name
    writeBytes(join(root, 'cat', 'IMG_0001'), await solidImage('webp', [210, 90, 40]));
    writeBytes(join(root, 'cat', 'notes.txt'), 'this is a text file, not a picture\n');
    const jpeg = await solidImage('jpeg', red, 200, 150);
    writeBytes(join(root, 'cat', 'truncated.jpg'), jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    writeBytes(join(root, 'cat', 'garbage.png'), Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 37 + 11) % 256)));
    // A bitmap header: a real image format the lab does not decode.
    const bmp = Buffer.alloc(70);
    bmp.write('BM', 0, 'ascii');
    writeBytes(join(root, 'cat', 'scan.bmp'), bmp);
    writeBytes(join(root, 'cat', 'huge.png'), await solidImage('png', red, 400, 300));
    writeBytes(join(root, 'cat', 'locked.png'), await solidImage('png', red));
    writeBytes(join(root, 'cat', 'empty.jpg'), new Uint8Array(0));
    symlinkSync('self.png', join(root, 'dog', 'self.png'));
    symlinkSync('..', join(root, 'dog', 'up'));
    writeBytes(join(root, 'stray.png'), await solidImage('png', red));
    // documentation beside the class folders is not part of the data and not worth a report line
    writeBytes(join(root, 'README.md'), '# my photos\n');
    openUp(root);
    chmodSync(join(root, 'cat', 'locked.png'), 0o000);
  });
  afterAll(dir.remove);

  it('lists each skipped file with its reason and keeps the seven good images', async () => {
    const { dataset, report } = await withoutPrivileges(() =>
      importFolder(dir.path, { width: 8, height: 8, maxInputPixels: 100_000, valFraction: 0 }, { cacheDir: null }),
    );
    expect(dataset.classNames).toEqual(['cat', 'dog']);
    expect(report.imported).toBe(7);
    expect([...dataset.labels].sort()).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(dataset.sources).toContain('cat/IMG_0001');
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    const expected: Record<string, SkipReason> = {
      'cat/notes.txt': 'not-an-image',
      'cat/truncated.jpg': 'corrupt',
      'cat/garbage.png': 'corrupt',
      'cat/scan.bmp': 'unsupported-format',
      'cat/huge.png': 'too-many-pixels',
      'cat/locked.png': 'unreadable',
      'cat/empty.jpg': 'empty-file',
      'dog/self.png': 'symlink-loop',
      'dog/up': 'symlink-loop',
      'stray.png': 'outside-class-folder',
    };
    expect(reasons).toEqual(expected);
    for (const s of report.skipped) expect(s.detail.length, s.path).toBeGreaterThan(3);
    expect(report.skipped.find((s) => s.path === 'cat/locked.png')!.detail).toMatch(/permission denied/);
    expect(report.skipped.find((s) => s.path === 'cat/truncated.jpg')!.detail).toMatch(/premature end/i);
    expect(report.filesSeen).toBe(7 + Object.keys(expected).length);
  });
});

describe('importFolder: layouts, splits, duplicates and warnings', () => {
  const dir = tempDir('layouts');
  const splitRoot = join(dir.path, 'split');
  const classRoot = join(dir.path, 'classes');
  beforeAll(async () => {
    for (const [cls, color] of [['apple', red], ['berry', blue], ['cherry', [240, 240, 20] as Rgb]] as const) {
      for (let i = 0; i < 10; i++) {
        const shade: Rgb = [color[0], color[1], (color[2] + 3 * i) % 256];
        writeBytes(join(splitRoot, 'train', cls, `${i}.png`), await solidImage('png', shade, 12, 12));
        writeBytes(join(classRoot, cls, `${i}.png`), await solidImage('png', shade, 12, 12));
      }
      for (let i = 0; i < 3; i++) writeBytes(join(splitRoot, 'test', cls, `t${i}.png`), await solidImage('png', [color[0], color[1], (color[2] + 100 + i) % 256], 12, 12));
    }
    // one training image copied into another class: a duplicate across classes
    writeBytes(join(classRoot, 'berry', 'copy-of-apple.png'), await solidImage('png', red, 12, 12));
  });
  afterAll(dir.remove);

  it('takes the test split from test/ and cuts validation from train/ by seed', async () => {
    const a = await importFolder(splitRoot, { width: 4, height: 4, valFraction: 0.2, seed: 7 }, { cacheDir: null });
    expect(a.report.layout).toBe('split-folders');
    expect(a.dataset.classNames).toEqual(['apple', 'berry', 'cherry']);
    expect(a.report.counts.map((c) => [c.train, c.val, c.test])).toEqual([[8, 2, 3], [8, 2, 3], [8, 2, 3]]);
    for (const row of a.splits.test) expect(a.dataset.sources![row]).toMatch(/^test\//);
    for (const row of [...a.splits.train, ...a.splits.val]) expect(a.dataset.sources![row]).toMatch(/^train\//);
    const again = await importFolder(splitRoot, { width: 4, height: 4, valFraction: 0.2, seed: 7 }, { cacheDir: null });
    expect(again.splits).toEqual(a.splits);
    const other = await importFolder(splitRoot, { width: 4, height: 4, valFraction: 0.2, seed: 8 }, { cacheDir: null });
    expect(other.splits.val).not.toEqual(a.splits.val);
  });

  it('carves stratified val and test from class folders', async () => {
    const { report, splits } = await importFolder(classRoot, { width: 4, height: 4, valFraction: 0.2, testFraction: 0.3 }, { cacheDir: null });
    expect(report.layout).toBe('class-folders');
    // berry has 11 files: 10 of its own plus the duplicate
    expect(report.counts.map((c) => c.total)).toEqual([10, 11, 10]);
    expect(report.counts[0]).toMatchObject({ train: 5, val: 2, test: 3 });
    expect(splits.train.length + splits.val.length + splits.test.length).toBe(31);
    expect(new Set([...splits.train, ...splits.val, ...splits.test]).size).toBe(31);
  });

  it('reports duplicates by content and can drop them', async () => {
    const kept = await importFolder(classRoot, { width: 4, height: 4 }, { cacheDir: null });
    expect(kept.report.duplicates).toEqual([
      expect.objectContaining({ paths: ['apple/0.png', 'berry/copy-of-apple.png'], crossClass: true, crossSplit: false }),
    ]);
    expect(kept.report.warnings.join('\n')).toMatch(/more than one class/);
    const dropped = await importFolder(classRoot, { width: 4, height: 4, dropDuplicates: true }, { cacheDir: null });
    expect(dropped.report.imported).toBe(30);
    expect(dropped.report.skipped).toEqual([{ path: 'berry/copy-of-apple.png', reason: 'duplicate', detail: 'same content as apple/0.png' }]);
  });

  it('warns about class imbalance', async () => {
    const imbalanced = join(dir.path, 'imbalanced');
    for (let i = 0; i < 8; i++) writeBytes(join(imbalanced, 'many', `${i}.png`), await solidImage('png', [i * 30, 0, 0], 6, 6));
    writeBytes(join(imbalanced, 'few', 'only.png'), await solidImage('png', [0, 0, 250], 6, 6));
    const { report } = await importFolder(imbalanced, { width: 4, height: 4 }, { cacheDir: null });
    expect(report.imbalanceRatio).toBe(8);
    expect(report.warnings.join('\n')).toMatch(/imbalanced: 'many' has 8 images, 'few' only 1/);
  });
});

describe('importFolder: errors', () => {
  const dir = tempDir('errors');
  afterAll(dir.remove);

  const failure = async (root: string) => {
    try {
      await importFolder(root, {}, { cacheDir: null });
    } catch (err) {
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as Error).message).not.toContain('\n');
      return err as DatasetError;
    }
    throw new Error('import should have failed');
  };

  it('says so when the folder is missing, empty, has no images or only one class', async () => {
    const missing = await failure(join(dir.path, 'nope'));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain(join(dir.path, 'nope'));

    writeBytes(join(dir.path, 'file.txt'), 'x');
    expect((await failure(join(dir.path, 'file.txt'))).code).toBe('not-a-folder');

    writeBytes(join(dir.path, 'flat', 'a.png'), await solidImage('png', red));
    const flat = await failure(join(dir.path, 'flat'));
    expect(flat.code).toBe('no-classes');
    expect(flat.message).toMatch(/no class folders/);

    writeBytes(join(dir.path, 'junk', 'a', 'readme.txt'), 'hello');
    writeBytes(join(dir.path, 'junk', 'b', 'empty.png'), new Uint8Array(0));
    const junk = await failure(join(dir.path, 'junk'));
    expect(junk.code).toBe('no-images');
    expect(junk.message).toMatch(/no usable images.*2 class folder/);

    writeBytes(join(dir.path, 'one', 'cat', 'a.png'), await solidImage('png', red));
    writeBytes(join(dir.path, 'one', 'dog', 'notes.txt'), 'no dogs yet');
    const one = await failure(join(dir.path, 'one'));
    expect(one.code).toBe('single-class');
    expect(one.message).toMatch(/only one class \('cat'\)/);
  });

  it('rejects bad options with a message', async () => {
    await expect(importFolder(dir.path, { width: 0 }, { cacheDir: null })).rejects.toThrow(/width must be a whole number/);
    await expect(importFolder(dir.path, { valFraction: 1.5 }, { cacheDir: null })).rejects.toThrow(/validation fraction/);
  });
});

describe('importFolder: cache, progress and cancellation', () => {
  const dir = tempDir('cache');
  const root = join(dir.path, 'data');
  const cacheDir = join(dir.path, 'cache');
  beforeAll(async () => {
    for (let i = 0; i < 12; i++) {
      writeBytes(join(root, i % 2 ? 'odd' : 'even', `${i}.jpg`), await solidImage('jpeg', [i * 20, 255 - i * 20, 90], 64, 48));
    }
  });
  afterAll(dir.remove);

  it('reads unchanged files from the cache, keyed by content and preprocessing', async () => {
    const first = await importFolder(root, { width: 6, height: 6 }, { cacheDir });
    expect(first.report.cacheHits).toBe(0);
    const second = await importFolder(root, { width: 6, height: 6 }, { cacheDir });
    expect(second.report.cacheHits).toBe(12);
    expect(second.dataset.pixels).toEqual(first.dataset.pixels);
    expect(second.report.contentHash).toBe(first.report.contentHash);

    // The pixels really come from the cache: alter every entry and they show up.
    const entries = readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.u8'));
    expect(entries.length).toBe(12);
    for (const e of entries) writeFileSync(join(e.parentPath, e.name), new Uint8Array(6 * 6 * 3).fill(7));
    const third = await importFolder(root, { width: 6, height: 6 }, { cacheDir });
    expect(third.dataset.pixels.every((v) => v === 7)).toBe(true);
    expect(third.report.contentHash).not.toBe(first.report.contentHash);

    // Other preprocessing misses; a changed file misses.
    const gray = await importFolder(root, { width: 6, height: 6, channels: 1 }, { cacheDir });
    expect(gray.report.cacheHits).toBe(0);
    writeBytes(join(root, 'odd', '1.jpg'), await solidImage('jpeg', [1, 2, 3], 64, 48));
    const changed = await importFolder(root, { width: 6, height: 6, channels: 1 }, { cacheDir });
    expect(changed.report.cacheHits).toBe(11);
  });

  it('reports progress from 1 to the total with the current file', async () => {
    const events: ImportProgress[] = [];
    await importFolder(root, { width: 5, height: 5 }, { cacheDir: null, onProgress: (p) => events.push(p) });
    const decoding = events.filter((e) => e.phase === 'decoding');
    expect(decoding.map((e) => e.done)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(decoding.every((e) => e.total === 12 && /^(odd|even)\/\d+\.jpg$/.test(e.file))).toBe(true);
    expect(events.filter((e) => e.phase === 'scanning').length).toBe(12);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    let decoded = 0;
    const run = importFolder(root, { width: 7, height: 7 }, {
      cacheDir: null,
      parallel: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'decoding' && ++decoded === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'DatasetError', code: 'cancelled' });
    expect(decoded).toBe(2);
    await expect(importFolder(root, {}, { cacheDir: null, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
