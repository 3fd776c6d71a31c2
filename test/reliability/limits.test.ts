/**
 * Issue 15, failures 6 and 7: sizes refused up front, and splits of very large classes.
 *
 * 6. Before: 8 hidden layers of 4096 units passed validation, took 3.7 GB, then failed
 *    deep in SQLite; `--size 4096x4096` gave "Invalid typed array length"; `--samples 1e9`
 *    crashed V8 with a native stack (exit 133); the CLI took 1,000,000 epochs, the API
 *    100,000. Now one table (src-shared/limits.ts) is checked by the contract and the CLI
 *    before anything is allocated, and the message names the limit.
 * 7. Before: a class of more than ~137,000 images overflowed the stack in stratifiedSplit
 *    (`push(...members)`); the 150,000-file import itself is a fuzz seed in fan-out.test.ts.
 */

import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIdx } from '../../src-main/datasets';
import { stratifiedSplit } from '../../src-shared/data/split';
import { LIMITS } from '../../src-shared/limits';
import { startHarness, type Harness } from '../src-main/api/harness';
import { toyConfig, toyData } from '../src-main/api/fixtures';
import { GIB, runLab, tempFolder, withPeakRss } from './helpers';

describe('size limits (failure 6)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('web');
  }, 60_000);
  afterAll(() => h.close());

  const wide = Array.from({ length: 8 }, () => ({ units: 4096, activation: 'relu' as const }));

  it('startRun with 8 hidden layers of 4096 units is refused before any run exists, naming the parameter limit', async () => {
    const config = toyConfig(1, { model: { inputSize: 2, numClasses: 3, hidden: wide } });
    const { value, peakBytes } = await withPeakRss(() => h.invokeRaw('startRun', { config, data: toyData }));
    expect(value.ok ? 'started' : value.error.code).toBe('invalid-request');
    if (!value.ok) expect(value.error.message).toMatch(/117,4\d\d,\d{3} parameters, more than the limit of 16,000,000/);
    const runs = await h.invokeRaw('listRuns', {});
    expect(runs.ok && (runs.value as { runs: unknown[] }).runs).toEqual([]);
    expect(peakBytes).toBeLessThan(GIB);
  });

  it('the API refuses more epochs than the limit, the same number the CLI refuses', async () => {
    const answer = await h.invokeRaw('startRun', { config: toyConfig(LIMITS.epochs + 1), data: toyData });
    expect(answer.ok ? 'started' : answer.error.message).toMatch(`must be at most ${LIMITS.epochs}`);
    const cli = await runLab(['train', '--toy', 'spiral', '--epochs', String(LIMITS.epochs + 1)]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(`lab: --epochs expects a whole number ≥ 1 and ≤ ${LIMITS.epochs}, got "${LIMITS.epochs + 1}"`);
  }, 60_000);

  it('lab train refuses --size 4096x4096, --samples 1e9 and an 8×4096 model with one line naming the limit (exit 2, no native crash)', async () => {
    const cases: [string[], string | RegExp][] = [
      [['--data', '/tmp', '--size', '4096x4096'], 'lab: --size expects WIDTHxHEIGHT with each side from 4 to 256 pixels (the lab\'s image size limit), got "4096x4096"'],
      [['--toy', 'spiral', '--samples', '1e9'], `lab: --samples expects a whole number ≥ 2 and ≤ ${LIMITS.toySamples}, got "1e9"`],
      [['--toy', 'spiral', '--model', `mlp:${wide.map((l) => l.units).join(',')}`],
        /^lab: --model mlp:4096,4096,4096,4096,4096,4096,4096,4096: the model would have 117,4\d\d,\d{3} parameters, more than the limit of 16,000,000 \(fewer/],
      // refused before the folder is even looked at: 64×64×3 inputs into 4096 units
      [['--data', '/nowhere', '--size', '64x64', '--model', 'mlp:4096'], /^lab: --model mlp:4096: the model would have 50,3\d\d,\d{3} parameters, more than the limit of 16,000,000/],
    ].map(([args, message]) => [['train', ...(args as string[])], message as string | RegExp]);
    for (const [args, message] of cases) {
      const result = await runLab(args, { timeoutMs: 60_000 });
      expect(result.signal, args.join(' ')).toBeNull();
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      if (typeof message === 'string') expect(result.stderr.trim()).toBe(message);
      else expect(result.stderr.trim()).toMatch(message);
    }
  }, 240_000);
});

describe('splitting a very large class (failure 7)', () => {
  it('an IDX file with a class of 150,000 images imports (it overflowed the stack before)', async () => {
    const folder = tempFolder('nl-idx-big-');
    try {
      const count = 150_000;
      const images = Buffer.alloc(16 + count * 4);
      images.writeUInt32BE(0x803, 0);
      images.writeUInt32BE(count, 4);
      images.writeUInt32BE(2, 8);
      images.writeUInt32BE(2, 12);
      for (let i = 16; i < images.length; i++) images[i] = i & 0xff;
      const labels = Buffer.alloc(8 + count);
      labels.writeUInt32BE(0x801, 0);
      labels.writeUInt32BE(count, 4);
      labels.fill(1, 8 + count - 1000); // 149,000 of class 0, 1,000 of class 1
      writeFileSync(folder.file('images.idx'), images);
      writeFileSync(folder.file('labels.idx'), labels);
      const { value: result, peakBytes } = await withPeakRss(() => importIdx({ images: folder.file('images.idx'), labels: folder.file('labels.idx') }, { valFraction: 0.1 }));
      expect(result.report.counts.map((c) => [c.className, c.train, c.val])).toEqual([['0', 134_100, 14_900], ['1', 900, 100]]);
      expect(peakBytes).toBeLessThan(GIB);
    } finally {
      folder.cleanup();
    }
  }, 60_000);

  it('stratifiedSplit cuts a single class of 1,000,000 samples, each index once', () => {
    const labels = new Int32Array(1_000_000);
    labels.fill(1, 500_000);
    const { train, val, test } = stratifiedSplit(labels, { val: 0.1, test: 0.05 }, 3);
    expect([train.length, val.length, test.length]).toEqual([850_000, 100_000, 50_000]);
    const seen = new Uint8Array(labels.length);
    for (const part of [train, val, test]) for (const i of part) seen[i]++;
    expect(seen.every((n) => n === 1)).toBe(true);
    // each split keeps the class balance
    expect(val.filter((i) => labels[i] === 1).length).toBe(50_000);
  });
});
