/**
 * Thousands of mutated JPEG, PNG and WebP files (bit flips, truncation, splices, header
 * lies with fixed checksums, decompression bombs) through the import's decoder one at a
 * time and then through a real folder import: never a crash, never a hang (each case
 * bounded), and each unusable file skipped with a one-line reason.
 * Longer: `npm run fuzz:images -- --cases 100000 --seed 2`.
 */

import { expect, it } from 'vitest';
import { fuzzImages } from './fuzz/image-fuzz';
import { tempFolder } from './helpers';

it('mutated images: decoded or skipped with a clear reason, each within 10 s, and a folder of them imports', async () => {
  const folder = tempFolder('nl-fuzz-images-');
  try {
    const stats = await fuzzImages({ cases: 2400, seed: 20261128, folder: folder.dir, caseTimeoutMs: 10_000 });
    console.log(`image fuzz: ${stats.tried} cases, ${stats.decoded} decoded, skipped ${JSON.stringify(stats.skipped)}; slowest ${stats.slowestMs.toFixed(0)} ms (${stats.slowest}); folder import ${JSON.stringify(stats.imported)}`);
    expect(stats.failures).toEqual([]);
    expect(stats.tried).toBe(2400);
    // the mutations must actually produce both outcomes, or the fuzzer is not fuzzing
    expect(stats.decoded).toBeGreaterThan(100);
    expect(Object.values(stats.skipped).reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    expect(stats.skipped['too-many-pixels']).toBeGreaterThan(0);
  } finally {
    folder.cleanup();
  }
}, 240_000);
