/**
 * Mutated model files (the lab's native JSON and ONNX) through the main process's model
 * reader, import and prediction. Seeds are real exports of small trained models (linear
 * and MLP, grey and colour, softmax and SVM). Mutations are structure-aware for JSON
 * (a leaf changed to another type, a boundary number, a hostile string, removed or extra
 * keys, weights' base64 cut or garbled, layer sizes claiming billions of units) and
 * byte-level for both (bit flips, truncation, splices, protobuf varints turned into huge
 * lengths and dimensions).
 *
 * Each case must end within its bound in one of two ways: a model that reads, imports
 * (and reads back from the copy), and predicts a few images (or refuses them with a
 * reason); or a ModelFileError / ExportError with one clear line. Used by
 * test/reliability/fuzz-models.test.ts and scripts/fuzz-models.ts.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ExportError, importModel, predictFiles, readModelFile } from '../../../src-main/models';
import { DatasetError } from '../../../src-shared/data/errors';
import type { TrainedModel } from '../../../src-shared/export/model';
import { encodeNativeModel, ModelFileError } from '../../../src-shared/export/native';
import { encodeOnnx } from '../../../src-shared/export/onnx';
import { Rng } from '../../../src-shared/random';
import { smallModel } from '../../src-shared/export/helpers';
import { clearMessage } from './image-fuzz';
import { hostileNumbers, hostileStrings } from './payloads';

export interface ModelFuzzStats {
  tried: number;
  /** read and predicted (mutations that left a valid model) */
  accepted: number;
  /** refused, by error code */
  refused: Record<string, number>;
  slowestMs: number;
  slowest: string;
  failures: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Seed models: JSON and ONNX bytes of a few small trained models. */
export function seedModels(): { kind: 'json' | 'onnx'; bytes: Uint8Array; model: TrainedModel }[] {
  const models = [
    smallModel({ seed: 1 }).model,
    smallModel({ seed: 2, channels: 1, hidden: [{ units: 5, activation: 'relu' }], loss: 'svm' }).model,
    smallModel({ seed: 3, hidden: [{ units: 4, activation: 'tanh' }, { units: 3, activation: 'leaky-relu', alpha: 0.1 }], normalization: 'scale' }).model,
  ];
  return models.flatMap((model) => [
    { kind: 'json' as const, bytes: new TextEncoder().encode(encodeNativeModel(model)), model },
    { kind: 'onnx' as const, bytes: encodeOnnx(model), model },
  ]);
}

function mutateJson(text: string, rng: Rng): { text: string; how: string } {
  const doc = JSON.parse(text) as Json;
  const spots: { parent: Record<string, Json> | Json[]; key: string | number; path: string; value: Json }[] = [];
  const walk = (value: Json, path: string) => {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        spots.push({ parent: value, key: Array.isArray(value) ? Number(k) : k, path: `${path}.${k}`, value: v });
        walk(v, `${path}.${k}`);
      }
    }
  };
  walk(doc, '$');
  const spot = spots[rng.int(spots.length)];
  const set = (v: Json) => ((spot.parent as Record<string, Json>)[spot.key as string] = v);
  let how: string;
  switch (rng.int(10)) {
    case 0: set(hostileNumbers[rng.int(hostileNumbers.length)] as number); how = `${spot.path}: boundary number`; break;
    case 1: set(hostileStrings[rng.int(hostileStrings.length)]); how = `${spot.path}: hostile string`; break;
    case 2: set(rng.int(2) === 0 ? null : [] as Json); how = `${spot.path}: null or []`; break;
    case 3:
      if (Array.isArray(spot.parent)) spot.parent.splice(spot.key as number, 1);
      else delete spot.parent[spot.key as string];
      how = `${spot.path}: removed`;
      break;
    case 4: {
      // weights: cut, garbled or swapped for another layer's
      const b64 = spots.filter((s) => typeof s.value === 'string' && s.value.length > 40);
      const target = b64[rng.int(b64.length)] ?? spot;
      const value = String(target.value);
      const variants = [value.slice(0, rng.int(value.length)), value.replace(/[A-Za-z]/, '!'), `${value}AAAA`, 'AAAA', ''];
      (target.parent as Record<string, Json>)[target.key as string] = variants[rng.int(variants.length)];
      how = `${target.path}: base64 damaged`;
      break;
    }
    case 5: {
      // sizes that claim a giant model while the weights stay small
      const sizes = spots.filter((s) => typeof s.value === 'number' && /(units|inputs|inputSize|numClasses|width|height|length)$/i.test(s.path));
      const target = sizes[rng.int(sizes.length)] ?? spot;
      (target.parent as Record<string, Json>)[target.key as string] = [1e9, 2 ** 31, 65_536, 0, -3][rng.int(5)];
      how = `${target.path}: giant or absurd size`;
      break;
    }
    case 6: set({ __proto__: { polluted: true } } as unknown as Json); how = `${spot.path}: object with __proto__`; break;
    case 7: {
      const numbers = spots.filter((s) => typeof s.value === 'number');
      const target = numbers[rng.int(numbers.length)] ?? spot;
      (target.parent as Record<string, Json>)[target.key as string] = (target.value as number) + (rng.int(2) === 0 ? 1 : -1);
      how = `${target.path}: off by one`;
      break;
    }
    case 8: {
      const arrays = spots.filter((s) => Array.isArray(s.value) && s.value.length > 0);
      const target = arrays[rng.int(arrays.length)] ?? spot;
      if (Array.isArray(target.value)) target.value.push(target.value[0]);
      how = `${target.path}: an extra element`;
      break;
    }
    default: set(spot.value && typeof spot.value === 'object' ? 'x' : { nested: spot.value }); how = `${spot.path}: wrong type`;
  }
  return { text: JSON.stringify(doc), how };
}

function mutateBytes(bytes: Uint8Array, rng: Rng, seeds: { bytes: Uint8Array }[]): { bytes: Uint8Array; how: string } {
  const out = new Uint8Array(bytes);
  switch (rng.int(6)) {
    case 0: {
      const flips = 1 + rng.int(16);
      for (let k = 0; k < flips; k++) out[rng.int(out.length)] ^= 1 << rng.int(8);
      return { bytes: out, how: `${flips} bit flips` };
    }
    case 1: {
      const at = rng.int(2) === 0 ? rng.int(Math.min(64, out.length)) : rng.int(out.length);
      return { bytes: out.slice(0, at), how: `truncated at ${at}` };
    }
    case 2: {
      const other = seeds[rng.int(seeds.length)].bytes;
      const from = rng.int(other.length);
      const piece = other.subarray(from, from + 1 + rng.int(512));
      const at = rng.int(out.length);
      const spliced = new Uint8Array(out.length + piece.length);
      spliced.set(out.subarray(0, at));
      spliced.set(piece, at);
      spliced.set(out.subarray(at), at + piece.length);
      return { bytes: spliced, how: 'splice' };
    }
    case 3: {
      // a protobuf varint (a length or a dimension) made huge: 0xff ff ff ff 0f = 2^32 − 1
      const at = rng.int(Math.max(1, out.length - 5));
      const huge = [0xff, 0xff, 0xff, 0xff, 0x0f];
      const lied = new Uint8Array(out.length + 4);
      lied.set(out.subarray(0, at));
      lied.set(huge, at);
      lied.set(out.subarray(at + 1), at + 5);
      return { bytes: lied, how: `varint lie at ${at}` };
    }
    case 4: {
      const at = rng.int(out.length);
      out.fill([0x00, 0xff, 0x7f, 0x80][rng.int(4)], at, at + 1 + rng.int(32));
      return { bytes: out, how: 'byte stomp' };
    }
    default:
      return { bytes: out.subarray(rng.int(Math.min(16, out.length))), how: 'header cut off' };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)))]).finally(() => clearTimeout(timer));
}

/** Writes a few images for prediction: an image of the right kind, another size, and one that is not an image. */
async function predictionImages(folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const files = [join(folder, 'a.png'), join(folder, 'b.jpg'), join(folder, 'c.png')];
  await sharp(Buffer.alloc(8 * 6 * 3, 90), { raw: { width: 8, height: 6, channels: 3 } }).png().toFile(files[0]);
  await sharp(Buffer.alloc(20 * 20 * 3, 200), { raw: { width: 20, height: 20, channels: 3 } }).jpeg().toFile(files[1]);
  writeFileSync(files[2], 'not an image');
  return files;
}

/**
 * Seeds that are not files at all (issue 15): /dev/zero never ends and a FIFO without a
 * writer blocks whoever opens it. Each, as a model and as an image, must be refused
 * within the bound with one clear line. Returns the failures.
 */
export async function hostilePathSeeds(folder: string, model: TrainedModel, bound: number): Promise<string[]> {
  const fifo = join(folder, 'fifo-seed.json');
  if (!existsSync(fifo)) execFileSync('mkfifo', [fifo]);
  const failures: string[] = [];
  for (const path of ['/dev/zero', fifo]) {
    const asModel = await withTimeout(readModelFile(path).then(() => 'read', (error: unknown) => error), bound);
    if (!(asModel instanceof ModelFileError) || !clearMessage(asModel.message)) failures.push(`${path} as a model: ${asModel instanceof Error ? asModel.message : String(asModel)}`);
    const asImage = await withTimeout(predictFiles(model, [path]), bound);
    if (asImage === 'timeout' || asImage[0].ok || !clearMessage(asImage[0].error)) failures.push(`${path} as an image: ${JSON.stringify(asImage)}`);
  }
  return failures;
}

export async function fuzzModels(options: { cases: number; seed: number; folder: string; caseTimeoutMs?: number }): Promise<ModelFuzzStats> {
  const rng = new Rng(options.seed);
  const bound = options.caseTimeoutMs ?? 10_000;
  const seeds = seedModels();
  const images = await predictionImages(join(options.folder, 'images'));
  const models = join(options.folder, 'models');
  mkdirSync(models, { recursive: true });
  const stats: ModelFuzzStats = { tried: 0, accepted: 0, refused: {}, slowestMs: 0, slowest: '', failures: [] };
  const expected = (error: unknown) => error instanceof ModelFileError || error instanceof ExportError || error instanceof DatasetError;
  stats.failures.push(...await hostilePathSeeds(options.folder, seeds[0].model, bound));

  for (let n = 1; n <= options.cases; n++) {
    const seed = seeds[rng.int(seeds.length)];
    let bytes: Uint8Array;
    let how: string;
    if (seed.kind === 'json' && rng.int(3) !== 0) {
      const mutated = mutateJson(new TextDecoder().decode(seed.bytes), rng);
      bytes = new TextEncoder().encode(mutated.text);
      how = `json ${mutated.how}`;
    } else {
      const mutated = mutateBytes(seed.bytes, rng, seeds);
      bytes = mutated.bytes;
      how = `${seed.kind} ${mutated.how}`;
    }
    const file = join(options.folder, `case-${n}.${seed.kind}`);
    writeFileSync(file, bytes);
    const before = readdirSync(models).length;
    const started = performance.now();
    const outcome = await withTimeout((async () => {
      const model = await readModelFile(file);
      const imported = await importModel(file, models);
      await readModelFile(imported.path);
      const predictions = model.input.kind === 'image' ? await predictFiles(model, images) : [];
      for (const p of predictions) if (!p.ok && !clearMessage(p.error)) throw new Error(`unclear prediction error ${JSON.stringify(p.error)}`);
      return 'accepted' as const;
    })().catch((error: unknown) => ({ error })), bound);
    const ms = performance.now() - started;
    stats.tried++;
    if (ms > stats.slowestMs) {
      stats.slowestMs = ms;
      stats.slowest = how;
    }
    const fail = (why: string): void => {
      stats.failures.push(`case ${n} (${how}): ${why}`);
    };
    if (outcome === 'timeout') fail(`no answer within ${bound} ms`);
    else if (outcome === 'accepted') stats.accepted++;
    else {
      const { error } = outcome;
      if (!expected(error)) fail(`threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
      else if (!clearMessage((error as Error).message)) fail(`unclear message ${JSON.stringify((error as Error).message)}`);
      else {
        const code = (error as { code?: string }).code ?? (error as Error).name;
        stats.refused[code] = (stats.refused[code] ?? 0) + 1;
      }
      // a refused file changes nothing
      if (readdirSync(models).length !== before) fail('a refused model left a file in the models folder');
    }
  }
  return stats;
}
