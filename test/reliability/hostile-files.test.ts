/**
 * Issue 15, failures 1 and 10: paths that are not regular files.
 *
 * 1. A device (/dev/zero never ends) or a FIFO (opening one waits for a writer) named as a
 *    model or an image: before the fix `importModel` on /dev/zero grew the server to 21 GB,
 *    `predict` on it to 4 GB, a FIFO hung forever and four of them froze all file work,
 *    `lab predict --model /dev/zero` hung. Now each is refused at once with one line
 *    naming the path and what it is, and memory stays under 1 GB.
 * 10. Export through a symlinked parent folder wrote into the link's target; `overwrite`
 *    replaced a device with a regular file. Now both are refused and nothing is written.
 *
 * /dev/zero and the FIFO are also fuzz seeds: `fuzz/model-fuzz.ts` feeds them to every transport.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNativeModel } from '../../src-shared/export/native';
import { startHarness, type Harness } from '../src-main/api/harness';
import { smallModel } from '../src-shared/export/helpers';
import { GIB, runLab, tempFolder, withPeakRss, type TempFolder } from './helpers';

const failed = (result: { ok: boolean; error?: { code: string; message: string } }) => (result.ok ? 'ok' : `${result.error!.code}: ${result.error!.message}`);

/** A small trained model imported through the API; its id. */
async function importSmallModel(h: Harness, seed: number): Promise<string> {
  const source = join(h.folder, `m${seed}.json`);
  writeFileSync(source, encodeNativeModel(smallModel({ seed }).model));
  const imported = await h.invokeRaw('importModel', { path: source });
  if (!imported.ok) throw new Error(imported.error.message);
  return (imported.value as { model: { id: string } }).model.id;
}

describe('devices and FIFOs named as files (failure 1)', () => {
  let h: Harness;
  let fifo: string;
  let modelId: string;
  beforeAll(async () => {
    h = await startHarness('web');
    fifo = join(h.folder, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    modelId = await importSmallModel(h, 3);
  }, 60_000);
  afterAll(() => h.close());

  it('importModel on /dev/zero is refused at once, naming it a device, under 1 GB', async () => {
    const { value, peakBytes } = await withPeakRss(() => h.invokeRaw('importModel', { path: '/dev/zero' }));
    expect(failed(value)).toBe('failed: /dev/zero is a device, not a model file; only regular files are read');
    expect(peakBytes).toBeLessThan(GIB);
  }, 20_000);

  it('predict on /dev/zero answers for that file with the reason and predicts the others, under 1 GB', async () => {
    const image = join(h.folder, 'ok.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toFile(image);
    const { value, peakBytes } = await withPeakRss(() => h.invokeRaw('predict', { model: { kind: 'imported', modelId }, paths: ['/dev/zero', image] }));
    if (!value.ok) throw new Error(value.error.message);
    const results = (value.value as { results: { ok: boolean; name: string; error?: string }[] }).results;
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0].error).toMatch(/\/dev\/zero is a device, not an image/);
    expect(peakBytes).toBeLessThan(GIB);
  }, 20_000);

  it('four importModel calls on a FIFO with no writer answer at once, and file work goes on', async () => {
    const started = Date.now();
    const answers = await Promise.all([1, 2, 3, 4].map(() => h.invokeRaw('importModel', { path: fifo })));
    for (const answer of answers) expect(failed(answer)).toBe(`failed: ${fifo} is a pipe (FIFO), not a model file; only regular files are read`);
    expect(Date.now() - started).toBeLessThan(5_000);
    // libuv's file threads are free: a real import still works
    const source = join(h.folder, 'after.json');
    writeFileSync(source, encodeNativeModel(smallModel({ seed: 4 }).model));
    expect(failed(await h.invokeRaw('importModel', { path: source }))).toBe('ok');
  }, 20_000);

  it('lab predict --model /dev/zero ends at once with one line (exit 1)', async () => {
    const image = join(h.folder, 'cli.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toFile(image);
    const result = await runLab(['predict', '--model', '/dev/zero', image], { timeoutMs: 60_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('lab: /dev/zero is a device, not a model file; only regular files are read');
  }, 70_000);

  it('lab predict on a FIFO image ends at once with the reason for that file', async () => {
    const model = join(h.folder, 'cli-model.json');
    writeFileSync(model, encodeNativeModel(smallModel({ seed: 5 }).model));
    const imageFifo = join(h.folder, 'pipe.png');
    execFileSync('mkfifo', [imageFifo]);
    const result = await runLab(['predict', '--model', model, imageFifo], { timeoutMs: 60_000 });
    expect(result.signal).toBeNull();
    expect(`${result.stdout}${result.stderr}`).toMatch(/pipe\.png is a pipe \(FIFO\), not an image/);
  }, 70_000);
});

describe('export through links and onto devices (failure 10)', () => {
  let h: Harness;
  let outside: TempFolder;
  let modelId: string;
  beforeAll(async () => {
    h = await startHarness('web');
    outside = tempFolder('nl-victim-');
    modelId = await importSmallModel(h, 6);
  }, 60_000);
  afterAll(async () => {
    await h.close();
    outside.cleanup();
  });

  it('a path through a symlinked folder is refused and nothing lands in the link\'s target', async () => {
    const link = join(h.folder, 'etclink');
    symlinkSync(outside.dir, link);
    const answer = await h.invokeRaw('exportModel', { model: { kind: 'imported', modelId }, format: 'json', path: join(link, 'x.json'), overwrite: true });
    expect(failed(answer)).toBe(`failed: refusing to write into ${link}: ${link} is a symbolic link (to ${outside.dir}); choose the real folder`);
    const nested = await h.invokeRaw('exportModel', { model: { kind: 'imported', modelId }, format: 'json', folder: link, fileName: 'y.json' });
    expect(failed(nested)).toMatch(/is a symbolic link/);
    expect(readdirSync(outside.dir)).toEqual([]);
  });

  it('overwrite never replaces a FIFO or a folder with a file', async () => {
    const folder = join(h.folder, 'out');
    mkdirSync(folder);
    const pipe = join(folder, 'null.json');
    execFileSync('mkfifo', [pipe]);
    const answer = await h.invokeRaw('exportModel', { model: { kind: 'imported', modelId }, format: 'json', path: pipe, overwrite: true });
    expect(failed(answer)).toBe(`failed: refusing to replace ${pipe}: it is a pipe (FIFO), not a file; only regular files are replaced`);
    expect(statSync(pipe).isFIFO()).toBe(true);
    mkdirSync(join(folder, 'dir.json'));
    expect(failed(await h.invokeRaw('exportModel', { model: { kind: 'imported', modelId }, format: 'json', path: join(folder, 'dir.json'), overwrite: true }))).toMatch(/it is a folder, not a file/);
    expect(readdirSync(folder).sort()).toEqual(['dir.json', 'null.json']);
    expect(existsSync(join(folder, 'dir.json', 'x'))).toBe(false);
  });
});
