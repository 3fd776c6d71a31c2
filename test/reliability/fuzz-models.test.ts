/**
 * Mutated native JSON and ONNX model files through the model reader, import and
 * prediction: a model that still reads is imported and predicts; anything else is refused
 * with one clear line and leaves the models folder as it was; never a crash or a hang.
 * Then a sample of them through the contract's importModel and predict over both
 * transports. Longer: `npm run fuzz:models -- --cases 50000`.
 */

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { encodeNativeModel } from '../../src-shared/export/native';
import { encodeOnnx } from '../../src-shared/export/onnx';
import { Rng } from '../../src-shared/random';
import { startHarness, type TransportKind } from '../src-main/api/harness';
import { smallModel } from '../src-shared/export/helpers';
import { fuzzModels } from './fuzz/model-fuzz';
import { tempFolder } from './helpers';

it('mutated model files: read, imported and predicted, or refused with a clear message; each within 10 s', async () => {
  const folder = tempFolder('nl-fuzz-models-');
  try {
    const stats = await fuzzModels({ cases: 3000, seed: 20261128, folder: folder.dir });
    console.log(`model fuzz: ${stats.tried} files, ${stats.accepted} still valid, refused ${JSON.stringify(stats.refused)}; slowest ${stats.slowestMs.toFixed(0)} ms (${stats.slowest})`);
    expect(stats.failures).toEqual([]);
    expect(stats.tried).toBe(3000);
    expect(stats.accepted).toBeGreaterThan(10);
    expect(Object.values(stats.refused).reduce((a, b) => a + b, 0)).toBeGreaterThan(1500);
  } finally {
    folder.cleanup();
  }
}, 240_000);

it.each(['ipc', 'web'] as TransportKind[])('mutated model files through importModel and predict over %s: typed answers, the models list unchanged by refusals', async (kind) => {
  const h = await startHarness(kind);
  try {
    const rng = new Rng(kind === 'ipc' ? 1 : 2);
    const model = smallModel({ seed: 4 }).model;
    const seeds = [new TextEncoder().encode(encodeNativeModel(model)), encodeOnnx(model)];
    let refused = 0;
    for (let n = 0; n < 60; n++) {
      const seed = seeds[n % 2];
      const bytes = new Uint8Array(seed);
      for (let k = 1 + rng.int(6); k > 0; k--) bytes[rng.int(bytes.length)] ^= 1 << rng.int(8);
      const cut = rng.int(3) === 0 ? bytes.subarray(0, rng.int(bytes.length)) : bytes;
      const file = join(h.folder, `case-${n}.${n % 2 === 0 ? 'json' : 'onnx'}`);
      writeFileSync(file, cut);
      const modelsBefore = await h.invokeRaw('listModels', {});
      const imported = await h.api.importModel({ path: file });
      if (imported.ok) {
        const id = imported.value.model.id;
        const predicted = await h.invokeRaw('predict', { model: { kind: 'imported', modelId: id }, paths: [file] });
        if (!predicted.ok) expect(predicted.error.code, predicted.error.message).not.toBe('internal');
        continue;
      }
      refused++;
      expect(imported.error.code, imported.error.message).toBe('failed');
      expect(imported.error.message).toMatch(/^\S.*\S$/);
      expect(imported.error.message).not.toMatch(/\n/);
      expect(await h.invokeRaw('listModels', {})).toEqual(modelsBefore);
    }
    expect(refused).toBeGreaterThan(30);
    expect(readdirSync(h.folder).some((n) => n.endsWith('.tmp'))).toBe(false);
  } finally {
    await h.close();
  }
});
