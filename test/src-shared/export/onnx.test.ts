/**
 * ONNX export checked by outsiders: ONNX Runtime (onnxruntime-web, wasm backend, in Node)
 * runs the file and must agree with the lab's own prediction; ONNX's official protobuf
 * schema (as compiled by protobufjs inside onnxruntime-web) reads the structure back.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOnnx, encodeOnnx, ONNX_IR_VERSION, ONNX_OPSET } from '../../../src-shared/export/onnx';
import { ModelFileError } from '../../../src-shared/export/native';
import { ModelRunner } from '../../../src-shared/export/predict';
import type { TrainedModel } from '../../../src-shared/export/model';
import { sameBits, smallModel, type SmallModelOptions } from './helpers';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { onnx } = require(fileURLToPath(new URL('../../../node_modules/onnxruntime-web/lib/onnxjs/ort-schema/protobuf/onnx.js', import.meta.url))) as { onnx: any };

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
});

/** ORT's output for every image of the model's dataset, and the lab's. */
async function compare(options: SmallModelOptions): Promise<{ model: TrainedModel; maxDiff: number; ortOut: Float32Array; lab: { scores: Float32Array; probabilities: Float32Array } }> {
  const { model, dataset } = smallModel(options);
  const count = dataset.labels.length;
  const runner = new ModelRunner(model);
  const x = runner.normalize(dataset.pixels, count);
  const lab = runner.run(x, count);
  const session = await ort.InferenceSession.create(encodeOnnx(model));
  expect(session.inputNames).toEqual(['input']);
  const outputName = model.loss === 'softmax' ? 'probabilities' : 'scores';
  expect(session.outputNames).toEqual([outputName]);
  const result = await session.run({ input: new ort.Tensor('float32', x, [count, model.architecture.inputSize]) });
  const output = result[outputName];
  expect(output.dims).toEqual([count, model.architecture.numClasses]);
  const ortOut = output.data as Float32Array;
  const expected = model.loss === 'softmax' ? lab.probabilities : lab.scores;
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(ortOut[i] - expected[i]));
  await session.release();
  return { model, maxDiff, ortOut, lab };
}

describe('ONNX export', () => {
  it('linear softmax model: ONNX Runtime probabilities match the lab within 1e-5', async () => {
    const { maxDiff, lab } = await compare({});
    console.log(`ONNX Runtime vs lab, linear softmax: max |Δp| = ${maxDiff.toExponential(2)}`);
    expect(maxDiff).toBeLessThan(1e-5);
    // the model is not trivial: it is confident about something
    expect(Math.max(...lab.probabilities)).toBeGreaterThan(0.6);
  });

  it('MLPs with every activation, any batch size: ONNX Runtime matches the lab within 1e-5', async () => {
    const cases: SmallModelOptions[] = [
      { hidden: [{ units: 7, activation: 'relu' }], normalization: 'mean-image' },
      { hidden: [{ units: 6, activation: 'leaky-relu', alpha: 0.2 }, { units: 5, activation: 'tanh' }], channels: 1, normalization: 'scale' },
      { hidden: [{ units: 4, activation: 'sigmoid' }, { units: 4, activation: 'identity' }], perClass: 3, classes: 4 },
    ];
    for (const options of cases) {
      const { maxDiff } = await compare(options);
      console.log(`ONNX Runtime vs lab, ${options.hidden!.map((h) => h.activation).join('+')}: max |Δp| = ${maxDiff.toExponential(2)}`);
      expect(maxDiff).toBeLessThan(1e-5);
    }
  });

  it('SVM model: the graph ends in raw scores, equal to the lab\'s', async () => {
    const { maxDiff } = await compare({ loss: 'svm', hidden: [{ units: 5, activation: 'relu' }] });
    expect(maxDiff).toBeLessThan(1e-5);
  });

  it('declares opset 13 with IR version 7, a dynamic batch, metadata and a doc string (read by ONNX\'s own schema)', () => {
    const { model } = smallModel({ hidden: [{ units: 5, activation: 'leaky-relu', alpha: 0.2 }] });
    const proto = onnx.ModelProto.decode(encodeOnnx(model));
    expect(Number(proto.irVersion)).toBe(ONNX_IR_VERSION);
    expect(proto.opsetImport.map((o: { domain: string; version: unknown }) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    expect(proto.producerName).toBe('Neural Lab');
    expect(proto.docString).toMatch(/mlp 144-5-3 leaky-relu, 3 classes \(class a, class b, class c\)/);
    const graph = proto.graph;
    expect(graph.node.map((n: { opType: string }) => n.opType)).toEqual(['Gemm', 'LeakyRelu', 'Gemm', 'Softmax']);
    const leaky = graph.node[1].attribute.find((a: { name: string }) => a.name === 'alpha');
    expect(leaky.f).toBeCloseTo(0.2, 6);
    const input = graph.input[0];
    expect(input.name).toBe('input');
    const dims = input.type.tensorType.shape.dim;
    expect(dims[0].dimParam).toBe('batch');
    expect(Number(dims[1].dimValue)).toBe(144);
    const w0 = graph.initializer.find((t: { name: string }) => t.name === 'layers.0.weight');
    expect(w0.dims.map(Number)).toEqual([144, 5]);
    const raw: Uint8Array = w0.rawData;
    expect(sameBits(new Float32Array(raw.slice().buffer), model.layers[0].w)).toBe(true);
    const metadata = Object.fromEntries(proto.metadataProps.map((p: { key: string; value: string }) => [p.key, p.value]));
    expect(JSON.parse(metadata.class_names)).toEqual(model.classNames);
    expect(JSON.parse(metadata.preprocessing)).toEqual(model.input);
    expect(metadata.output).toBe('probabilities');
  });

  it('reads its own files back bit for bit (what predict --model x.onnx uses)', () => {
    for (const options of [{ hidden: [{ units: 5, activation: 'identity' as const }, { units: 4, activation: 'sigmoid' as const }] }, { loss: 'svm' as const }]) {
      const { model } = smallModel(options);
      const back = decodeOnnx(encodeOnnx(model));
      expect(back.architecture).toEqual(model.architecture);
      expect(back.loss).toBe(model.loss);
      expect(back.classNames).toEqual(model.classNames);
      expect(back.input).toEqual(model.input);
      expect(back.training).toEqual(model.training);
      back.layers.forEach((layer, i) => {
        expect(layer.activation).toBe(model.layers[i].activation);
        expect(sameBits(layer.w, model.layers[i].w)).toBe(true);
        expect(sameBits(layer.b, model.layers[i].b)).toBe(true);
      });
    }
  });

  it('reads files whose metadata says "normalisation", as ONNX files did before the key was spelled the American way', () => { // spelling: keep
    const { model } = smallModel({});
    const proto = onnx.ModelProto.decode(encodeOnnx(model));
    const preprocessing = proto.metadataProps.find((p: { key: string }) => p.key === 'preprocessing');
    const renamed = preprocessing.value.replace('"normalization":', '"normalisation":'); // spelling: keep
    expect(renamed).not.toBe(preprocessing.value);
    preprocessing.value = renamed;
    expect(decodeOnnx(onnx.ModelProto.encode(proto).finish()).input).toEqual(model.input);
  });

  it('refuses truncated, damaged and foreign ONNX files clearly', () => {
    const { model } = smallModel({});
    const bytes = encodeOnnx(model);
    for (const cut of [1, 5, 100, Math.floor(bytes.length / 2), bytes.length - 1]) {
      let error: unknown;
      try {
        decodeOnnx(bytes.subarray(0, cut));
      } catch (e) {
        error = e;
      }
      expect(error, `cut at ${cut}`).toBeInstanceOf(ModelFileError);
      expect((error as Error).message).not.toContain('\n');
    }
    // an ONNX model without our metadata (written by ONNX's own schema code)
    const foreign = onnx.ModelProto.encode(onnx.ModelProto.create({
      irVersion: 7,
      opsetImport: [{ domain: '', version: 13 }],
      graph: onnx.ModelProto.decode(bytes).graph,
    })).finish();
    expect(() => decodeOnnx(foreign)).toThrow(/no "class_names" in its metadata: the lab predicts only with ONNX models it exported itself/);
    // an operator the lab does not read
    const proto = onnx.ModelProto.decode(bytes);
    proto.graph.node[0].opType = 'Conv';
    expect(() => decodeOnnx(onnx.ModelProto.encode(proto).finish())).toThrow(/node 1 \(Conv\): the lab reads only Gemm, Relu/);
    const old = onnx.ModelProto.decode(bytes);
    old.opsetImport[0].version = 9;
    expect(() => decodeOnnx(onnx.ModelProto.encode(old).finish())).toThrow(/needs opset 13 or later, the file imports 9/);
  });
});
