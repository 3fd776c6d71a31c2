/** Native JSON: bit-exact round trips and clear refusals of every kind of bad file. */
import { describe, expect, it } from 'vitest';
import { decodeNativeModel, encodeNativeModel, ModelFileError, NATIVE_VERSION } from '../../../src-shared/export/native';
import { ModelError, type TrainedModel } from '../../../src-shared/export/model';
import { ModelRunner } from '../../../src-shared/export/predict';
import { sameBits, smallModel } from './helpers';

function expectRefused(text: string | Uint8Array, code: string, message: RegExp): void {
  let error: unknown;
  try {
    decodeNativeModel(text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ModelFileError);
  expect((error as ModelFileError).code).toBe(code);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).not.toContain('\n');
}

describe('native JSON model', () => {
  const { model, dataset } = smallModel({ hidden: [{ units: 5, activation: 'leaky-relu', alpha: 0.2 }] });
  const text = encodeNativeModel(model);

  it('round-trips bit for bit: weights, statistics, config, metrics and the text itself', () => {
    const back = decodeNativeModel(text);
    expect(back.layers).toHaveLength(2);
    back.layers.forEach((layer, i) => {
      expect(sameBits(layer.w, model.layers[i].w)).toBe(true);
      expect(sameBits(layer.b, model.layers[i].b)).toBe(true);
    });
    const { layers: _a, ...rest } = back;
    const { layers: _b, ...expected } = model;
    expect(rest).toEqual(expected);
    expect(encodeNativeModel(back)).toBe(text);
    // and from bytes, as read from a file
    expect(encodeNativeModel(decodeNativeModel(new TextEncoder().encode(text)))).toBe(text);
  });

  it('reads a file written before its input said "normalization" (it said "normalisation"), and writes the new key', () => { // spelling: keep
    const old = text.replace('"normalization":', '"normalisation":'); // spelling: keep
    expect(old).not.toBe(text);
    const back = decodeNativeModel(old);
    expect(back.input).toEqual(model.input);
    expect(encodeNativeModel(back)).toBe(text);
  });

  it('keeps awkward float32 values exactly: -0, subnormals, extremes', () => {
    const awkward = structuredClone(model);
    const w = awkward.layers[0].w;
    w.set([-0, 1e-45, -1.4e-45, 3.4028234663852886e38, -3.4028234663852886e38, 1.1754942e-38, Math.fround(Math.PI)]);
    const back = decodeNativeModel(encodeNativeModel(awkward));
    expect(sameBits(back.layers[0].w, w)).toBe(true);
    expect(Object.is(back.layers[0].w[0], -0)).toBe(true);
  });

  it('predicts the same after the round trip', () => {
    const before = new ModelRunner(model).predictImages(dataset.pixels, dataset.labels.length);
    const after = new ModelRunner(decodeNativeModel(text)).predictImages(dataset.pixels, dataset.labels.length);
    expect(after).toEqual(before);
  });

  it('writes NaN metrics (a diverged epoch) as null and refuses non-finite weights', () => {
    const diverged: TrainedModel = { ...model, metrics: { epochs: 2, train: { loss: null, accuracy: 0.5 } } };
    expect(decodeNativeModel(encodeNativeModel(diverged)).metrics).toEqual(diverged.metrics);
    const broken = structuredClone(model);
    broken.layers[1].b[0] = NaN;
    expect(() => encodeNativeModel(broken)).toThrow(ModelError);
    expect(() => encodeNativeModel(broken)).toThrow(/layer 2 contains NaN/);
  });

  it('refuses empty, truncated and non-JSON files', () => {
    expectRefused('', 'empty', /empty/);
    expectRefused('  \n', 'empty', /empty/);
    for (const cut of [1, 100, Math.floor(text.length / 2), text.length - 3]) {
      expect(() => decodeNativeModel(text.slice(0, cut))).toThrow(ModelFileError);
    }
    expectRefused(text.slice(0, Math.floor(text.length / 2)), 'truncated', /cut off/);
    expectRefused('hello, world', 'not-json', /not valid JSON/);
    expectRefused(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'not-json', /not UTF-8/);
  });

  it('refuses JSON that is not a model, and versions it does not read', () => {
    expectRefused('{"name": "neural-lab", "version": "0.1.0", "dependencies": {}}', 'not-a-model', /not a Neural Lab model/);
    expectRefused('[1, 2, 3]', 'not-a-model', /not a Neural Lab model/);
    expectRefused('null', 'not-a-model', /not a Neural Lab model/);
    const newer = text.replace(`"version": ${NATIVE_VERSION}`, '"version": 2');
    expectRefused(newer, 'unsupported-version', /version 2 is newer than this app reads \(version 1\); update Neural Lab/);
    expectRefused(text.replace(`"version": ${NATIVE_VERSION}`, '"version": "1"'), 'unsupported-version', /unknown model format version "1"/);
    expectRefused(text.replace(`"version": ${NATIVE_VERSION}`, '"version": 0'), 'unsupported-version', /unknown model format version 0/);
  });

  it('refuses hand edits that break the model, saying where', () => {
    const doc = JSON.parse(text);
    const edited = (edit: (d: typeof doc) => void) => {
      const copy = structuredClone(doc);
      edit(copy);
      return JSON.stringify(copy);
    };
    // one base64 character changed: same length, different weights
    const data: string = doc.layers[0].weight.data;
    const flipped = data[10] === 'A' ? 'B' : 'A';
    expectRefused(edited((d) => { d.layers[0].weight.data = data.slice(0, 10) + flipped + data.slice(11); }), 'invalid', /layers\[0\]\.weight: data does not match its checksum/);
    expectRefused(edited((d) => { d.layers[0].weight.data = data.slice(0, -8); }), 'invalid', /layers\[0\]\.weight: data holds \d+ bytes, the shape needs \d+/);
    expectRefused(edited((d) => { d.layers[0].weight.data = `!${data.slice(1)}`; }), 'invalid', /not valid base64/);
    expectRefused(edited((d) => { d.layers[0].units = 6; }), 'invalid', /layers\[0\]\.weight: shape \[144, 5\] does not match the layer's \[144, 6\]/);
    expectRefused(edited((d) => { d.architecture.hidden[0].units = 6; }), 'invalid', /layer 1 is 144×5, the architecture says 144×6/);
    expectRefused(edited((d) => { d.classNames.pop(); }), 'invalid', /2 class names for 3 classes/);
    expectRefused(edited((d) => { d.classNames[1] = d.classNames[0]; }), 'invalid', /appears twice/);
    expectRefused(edited((d) => { delete d.input; }), 'invalid', /input: /);
    expectRefused(edited((d) => { d.input.preprocessing.channels = 2; }), 'invalid', /input\.preprocessing\.channels/);
    expectRefused(edited((d) => { d.input.preprocessing.width = 9; }), 'invalid', /the input has 162 values but the first layer reads 144/);
    expectRefused(edited((d) => { d.input.normalization.mean.pop(); }), 'invalid', /per-channel statistics are for 2 channels, the input has 3/);
    expectRefused(edited((d) => { d.layers[0].activation = 'tanh'; }), 'invalid', /layer 1 has activation tanh, the architecture says leaky-relu/);
    expectRefused(edited((d) => { d.output = 'maybe'; }), 'invalid', /output: /);
    expectRefused(edited((d) => { d.layers.pop(); }), 'invalid', /2 dense layers but 1 weight sets/);
  });
});
